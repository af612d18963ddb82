-- svc store, schema version 10: training records (svc training, docs/training.md).
-- Grades are not stored: they follow from the scores and the [training]
-- thresholds of the policy in force.

-- training_plans: the yearly training plan, one row per planned course.
CREATE TABLE training_plans (
  id       INTEGER PRIMARY KEY,  -- plan number
  year     INTEGER NOT NULL,     -- plan year
  topic    TEXT NOT NULL,        -- product | repair | communication | process | quality
  title    TEXT NOT NULL,        -- course title
  month    INTEGER,              -- planned month 1..12, NULL = any time in the year
  added_at INTEGER NOT NULL,     -- when it was added, µs UTC
  UNIQUE (year, topic, title)
);

-- training_sessions: a held session of a planned course.
CREATE TABLE training_sessions (
  id       TEXT PRIMARY KEY,     -- session id, [A-Za-z0-9._-]{1,64}
  plan     INTEGER NOT NULL REFERENCES training_plans(id),  -- the course it belongs to
  day      TEXT NOT NULL,        -- date held, YYYY-MM-DD (within the plan's year)
  trainer  TEXT,                 -- who taught it, free text
  added_at INTEGER NOT NULL      -- when it was recorded, µs UTC
);

-- training_attendees: who attended a session.
CREATE TABLE training_attendees (
  session  TEXT NOT NULL REFERENCES training_sessions(id),  -- the session
  engineer TEXT NOT NULL REFERENCES engineers(id),          -- the attendee
  PRIMARY KEY (session, engineer)
);

-- training_results: one assessment score per attendee and method.
CREATE TABLE training_results (
  session     TEXT NOT NULL,     -- the session (training_attendees.session)
  engineer    TEXT NOT NULL,     -- the attendee (training_attendees.engineer)
  method      TEXT NOT NULL,     -- written | practical | customer (customer evaluation)
  score       REAL NOT NULL,     -- 0..100
  recorded_at INTEGER NOT NULL,  -- when it was recorded, µs UTC
  PRIMARY KEY (session, engineer, method),
  FOREIGN KEY (session, engineer) REFERENCES training_attendees(session, engineer)
);
