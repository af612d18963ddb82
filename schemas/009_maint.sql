-- svc store, schema version 9: planned maintenance (svc maint, docs/maint.md).
-- The work itself is ordinary tickets of type `maintenance` in the event log;
-- these tables hold the assets, the plans and their checklists, which ticket
-- was generated for which due date, and the checklist results of each visit.

-- maint_assets: the things maintained (regulator stations, valve pits, valves,
-- cathodic-protection test points, regulators, customer machines).
CREATE TABLE maint_assets (
  id        TEXT PRIMARY KEY,   -- asset id, [A-Za-z0-9._-]{1,32}
  kind      TEXT NOT NULL,      -- kind of asset, e.g. station, valve_pit, valve, cp_point, regulator, machine
  site      TEXT,               -- where it stands (station name, address), free text
  customer  TEXT,               -- customer id it belongs to, if any
  outlet    TEXT NOT NULL,      -- outlet responsible for its maintenance (outlets.id)
  installed TEXT,               -- date put in service, YYYY-MM-DD; needed by `after Ny in service`
  attrs     TEXT NOT NULL DEFAULT '{}',  -- JSON object of text attributes used by selectors, e.g. {"dn":"80","origin":"imported"}
  added_at  INTEGER NOT NULL    -- when it was added, µs UTC
);

-- maint_plans: what is done to which assets how often.
CREATE TABLE maint_plans (
  id        TEXT PRIMARY KEY,   -- plan id, [A-Za-z0-9._-]{1,16}
  name      TEXT NOT NULL,      -- display name, e.g. 调压站巡检
  selector  TEXT NOT NULL,      -- asset selector as written, e.g. "kind=valve, dn>=65"
  interval  TEXT NOT NULL,      -- interval as written: 2w, monthly, quarterly, yearly, spring+autumn, every 3y, after 8y in service
  start     TEXT NOT NULL,      -- YYYY-MM-DD: anchor of periodic intervals and the first day work is generated for
  min_crew  INTEGER NOT NULL DEFAULT 1,  -- a visit record with fewer people is refused
  added_at  INTEGER NOT NULL    -- when it was added, µs UTC
);

-- maint_checklist: the items a visit of a plan records, in order.
CREATE TABLE maint_checklist (
  plan      TEXT NOT NULL REFERENCES maint_plans(id),  -- the plan
  pos       INTEGER NOT NULL,   -- position in the checklist, from 1
  key       TEXT NOT NULL,      -- item key used when recording, e.g. inlet_pressure
  type      TEXT NOT NULL,      -- number | yesno | text
  unit      TEXT,               -- number: unit shown with the value, e.g. kPa
  min_value REAL,               -- number: lowest value within limits, NULL = none
  max_value REAL,               -- number: highest value within limits, NULL = none
  required  INTEGER NOT NULL DEFAULT 1,  -- 1 = a visit without it is incomplete
  PRIMARY KEY (plan, key)
);

-- maint_work: the generated-ticket keys. One ticket per plan, asset and due
-- date; the UNIQUE constraint makes `svc maint generate` idempotent.
CREATE TABLE maint_work (
  ticket       TEXT PRIMARY KEY,  -- the maintenance ticket (events.ticket), M-<plan>-<asset>-<yyyymmdd>
  plan         TEXT NOT NULL REFERENCES maint_plans(id),  -- the plan it is due under
  asset        TEXT NOT NULL REFERENCES maint_assets(id), -- the asset
  due          TEXT NOT NULL,     -- due date, YYYY-MM-DD
  generated_at INTEGER NOT NULL,  -- when `svc maint generate` created it, µs UTC
  UNIQUE (plan, asset, due)
);

-- maint_visits: one checklist record per maintenance ticket.
CREATE TABLE maint_visits (
  ticket      TEXT PRIMARY KEY REFERENCES maint_work(ticket),  -- the maintenance ticket visited
  at          INTEGER NOT NULL,   -- when the visit took place, µs UTC
  crew        TEXT NOT NULL,      -- the crew as given: names/ids comma-separated, or a head count
  crew_size   INTEGER NOT NULL,   -- number of people on the visit (>= the plan's min_crew)
  missing     TEXT NOT NULL DEFAULT '',  -- required checklist keys without a value, comma-separated ('' = complete)
  repair      TEXT,               -- repair ticket opened for the findings (events.ticket), NULL when none
  recorded_at INTEGER NOT NULL    -- when it was recorded, µs UTC
);

-- maint_results: the checklist values of a visit.
CREATE TABLE maint_results (
  ticket  TEXT NOT NULL REFERENCES maint_visits(ticket),  -- the visit's ticket
  key     TEXT NOT NULL,      -- checklist item key
  value   TEXT NOT NULL,      -- the value as recorded (number in canonical form, yes/no, text)
  finding TEXT,               -- why the value is out of limits (a finding), NULL when within
  PRIMARY KEY (ticket, key)
);
CREATE INDEX maint_work_by_asset ON maint_work(plan, asset, due);
