-- svc store, schema version 4: recorded outlet assessments (svc audit outlets
-- --apply) and other cost entries (svc cost add).

-- assessments: one row per recorded revision of a period's outlet assessment.
-- Revision 1 is written by --apply; every --revise adds the next revision and
-- keeps the earlier ones. Rows are never updated or deleted by svc.
CREATE TABLE assessments (
  id        INTEGER PRIMARY KEY,  -- assessment number
  period    TEXT NOT NULL,        -- the period assessed: "2026-11" (month) or "2026-W47" (ISO week)
  revision  INTEGER NOT NULL,     -- 1 for the first recording, then 2, 3, ... per --revise
  at        INTEGER NOT NULL,     -- when it was recorded: microseconds since the epoch, UTC
  as_of     INTEGER NOT NULL,     -- the as-of instant the assessment was computed at (µs UTC)
  reason    TEXT,                 -- why it was revised (--reason); NULL for revision 1
  outlets   INTEGER NOT NULL,     -- number of outlets assessed
  net_cents INTEGER NOT NULL,     -- sum of the outlets' net amounts, in cents
  UNIQUE (period, revision)
);

-- assessment_outlets: the assessment and money of one outlet in one revision.
CREATE TABLE assessment_outlets (
  assessment     INTEGER NOT NULL REFERENCES assessments(id),  -- the revision it belongs to
  outlet         TEXT NOT NULL,     -- outlet id
  region         TEXT NOT NULL,     -- most common region of the outlet's tickets in the period
  tickets        INTEGER NOT NULL,  -- tickets created in the period and not cancelled
  credit         REAL NOT NULL,     -- credit dimension 0-100
  technical      REAL,              -- technical dimension 0-100; NULL when absent
  service        REAL,              -- service dimension 0-100; NULL when absent
  quality        REAL,              -- quality dimension 0-100; NULL when absent
  score          REAL,              -- weighted score; NULL when insufficient
  grade          TEXT NOT NULL,     -- excellent | good | pass | fail | insufficient
  meets_standard INTEGER NOT NULL,  -- 1 when the outlet meets the service standard
  findings       INTEGER NOT NULL,  -- integrity findings on its tickets
  reward_cents   INTEGER NOT NULL,  -- reward in cents
  penalty_cents  INTEGER NOT NULL,  -- penalty in cents
  net_cents      INTEGER NOT NULL,  -- reward - penalty, in cents
  actions        TEXT NOT NULL,     -- space-separated actions: interview, rectification ('' for none)
  PRIMARY KEY (assessment, outlet)
);

-- cost_entries: costs of a ticket other than labour and parts, recorded with
-- `svc cost add`: travel, transport (freight of parts or units), compensation.
CREATE TABLE cost_entries (
  id           INTEGER PRIMARY KEY,  -- entry number
  ticket       TEXT NOT NULL,        -- the ticket the cost belongs to
  kind         TEXT NOT NULL CHECK (kind IN ('travel', 'transport', 'compensation')),  -- cost kind
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),  -- amount in cents
  day          TEXT NOT NULL,        -- the local date the cost arose, YYYY-MM-DD
  note         TEXT,                 -- free text
  at           INTEGER NOT NULL      -- when it was recorded: microseconds since the epoch, UTC
);
CREATE INDEX cost_entries_by_ticket ON cost_entries(ticket);
