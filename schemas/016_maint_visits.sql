-- Planned maintenance, issue 19 (docs/maint.md).
--
-- maint_checklist.urgent: a finding on this item opens its repair ticket
-- with urgency urgent (a failed leak test), else normal. Existing items keep
-- the old behaviour (0).
ALTER TABLE maint_checklist ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;

-- maint_revisits: later records of a visit that was incomplete (required
-- items missing) or understaffed (a crew below the plan's minimum): the crew
-- comes back and records what was missing; the first record stays in
-- maint_visits, untouched. seq 2, 3, … in order; the ticket is complete when
-- the latest record leaves no required item without a value (over all its
-- records, the latest value of each item counting) and had the minimum crew.
CREATE TABLE maint_revisits (
  ticket      TEXT NOT NULL REFERENCES maint_visits(ticket),
  seq         INTEGER NOT NULL,   -- 2 for the first revisit, …
  at          INTEGER NOT NULL,   -- when this visit took place, µs UTC
  crew        TEXT NOT NULL,      -- names/ids comma-separated
  crew_size   INTEGER NOT NULL,   -- number of distinct names
  missing     TEXT NOT NULL DEFAULT '',  -- required keys still without a value after it ('' = complete)
  repair      TEXT,               -- repair ticket opened for its findings (<ticket>-R<seq>), NULL when none
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (ticket, seq)
);

-- maint_revisit_results: the checklist values of a revisit.
CREATE TABLE maint_revisit_results (
  ticket  TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  finding TEXT,
  PRIMARY KEY (ticket, seq, key),
  FOREIGN KEY (ticket, seq) REFERENCES maint_revisits(ticket, seq)
);

-- maint_assets: retirement (svc maint asset retire): a retired asset is no
-- longer selected by any plan; the row stays, with when and why.
ALTER TABLE maint_assets ADD COLUMN retired_at INTEGER;   -- µs UTC, NULL while in service
ALTER TABLE maint_assets ADD COLUMN retired_reason TEXT;  -- why, NULL while in service

-- maint_plans: retirement (svc maint plan retire): a retired plan has no more
-- due dates; the row stays, with when and why.
ALTER TABLE maint_plans ADD COLUMN retired_at INTEGER;   -- µs UTC, NULL while in force
ALTER TABLE maint_plans ADD COLUMN retired_reason TEXT;  -- why, NULL while in force
