-- svc store, schema version 18 (issue 19 items 10, 11, 13): corrections of
-- training results and site updates by reversal, and seals (tamper evidence)
-- for the records that decide money or compliance (docs/admin.md "Tamper
-- evidence", lib/seals.hpp). The rows stored before 18 are sealed by the
-- migration's post-step in C++ (Store::migrate), in the same transaction.

-- training_results gets a result number, so that a voided result and the
-- result recorded in its place can both be stored (one standing result per
-- attendee and method, enforced by svc). Rebuilt with the rows it had, in
-- order of recording.
CREATE TABLE training_results_018 (
  id          INTEGER PRIMARY KEY,  -- result number, in order of recording
  session     TEXT NOT NULL,        -- the session (training_attendees.session)
  engineer    TEXT NOT NULL,        -- the attendee (training_attendees.engineer)
  method      TEXT NOT NULL,        -- written | practical | customer (customer evaluation)
  score       REAL NOT NULL,        -- 0..100
  recorded_at INTEGER NOT NULL,     -- when it was recorded, µs UTC
  FOREIGN KEY (session, engineer) REFERENCES training_attendees(session, engineer)
);
INSERT INTO training_results_018(session, engineer, method, score, recorded_at)
  SELECT session, engineer, method, score, recorded_at FROM training_results ORDER BY recorded_at, session, engineer, method;
DROP TABLE training_results;
ALTER TABLE training_results_018 RENAME TO training_results;
CREATE INDEX training_results_by_attendee ON training_results(session, engineer, method);

-- training_result_voids: a wrong score withdrawn (svc training void-result).
-- The result stays stored; from then on it counts for nothing, and a new
-- result may be recorded for the same attendee and method. Never updated.
CREATE TABLE training_result_voids (
  result INTEGER PRIMARY KEY REFERENCES training_results(id),  -- the result withdrawn (at most once)
  user   TEXT NOT NULL,     -- who withdrew it (--user, else $SVC_USER, else $USER)
  reason TEXT NOT NULL,     -- why it was wrong
  at     INTEGER NOT NULL   -- when it was withdrawn, µs UTC
);

-- site_update_voids: a wrong site update record withdrawn (svc sites update
-- void). The record stays stored and counts for nothing from then on.
CREATE TABLE site_update_voids (
  update_id INTEGER PRIMARY KEY REFERENCES site_updates(id),  -- the record withdrawn (at most once)
  user      TEXT NOT NULL,     -- who withdrew it (--user, else $SVC_USER, else $USER)
  reason    TEXT NOT NULL,     -- why it was wrong
  at        INTEGER NOT NULL   -- when it was withdrawn, µs UTC
);

-- seals: one chain per sealed table (lib/seals.hpp lists the tables and the
-- columns sealed). Appended by the write path of each record; never updated.
CREATE TABLE seals (
  tbl     TEXT NOT NULL,     -- the sealed table
  seq     INTEGER NOT NULL,  -- 1, 2, … per table, in order of sealing
  row_key TEXT NOT NULL,     -- the row's key, "col=value, col=value"
  digest  BLOB NOT NULL,     -- SHA-256 of the row's canonical content (32 bytes)
  chain   BLOB NOT NULL,     -- SHA-256(previous chain hex ‖ digest hex), the first previous being 64 '0's (32 bytes)
  PRIMARY KEY (tbl, seq)
);
CREATE INDEX seals_by_key ON seals(tbl, row_key);
