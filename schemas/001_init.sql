-- svc store, schema version 1.
-- The event log is the source of truth; every other table about tickets is a
-- projection that `svc admin rebuild` recomputes from it.

-- events: the append-only service log (shared/spec/service-log.md). Rows are
-- never updated or deleted by svc.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,  -- store position: insertion order; orders events of one ticket that share a ts
  id           TEXT NOT NULL UNIQUE, -- event id as given, or the derived id (first 32 hex digits of the content digest)
  ts           INTEGER NOT NULL,     -- when it happened: microseconds since 1970-01-01T00:00:00Z
  ticket       TEXT NOT NULL,        -- ticket id, [A-Za-z0-9._-]{1,64}
  event        TEXT NOT NULL,        -- event kind: created, responded, dispatched, ... closed
  type         TEXT,                 -- service type (on created): repair, install, maintenance, consultation, complaint, return, replacement
  urgency      TEXT,                 -- urgent | normal (on created)
  channel      TEXT,                 -- phone, web, app, email, letter, onsite
  region       TEXT,                 -- region, e.g. 华东 (on created)
  outlet       TEXT,                 -- service outlet responsible for the ticket (on created)
  customer     TEXT,                 -- customer id
  product      TEXT,                 -- product model
  purchased    TEXT,                 -- purchase date YYYY-MM-DD, for the warranty check
  distance_km  TEXT,                 -- customer's distance from the outlet, canonical decimal text
  engineer     TEXT,                 -- engineer id (on dispatched)
  satisfaction INTEGER,              -- 1-5 rating on the follow-up call (on followed_up)
  responsible  TEXT,                 -- yes | no: complaint is the service's own fault (on complaint)
  part         TEXT,                 -- part number (on part_used)
  qty          INTEGER,              -- quantity (on part_used)
  amount       TEXT,                 -- money collected, canonical decimal with 2 places (on fee)
  approved     TEXT,                 -- yes | no: fee approved under the fee standard (on fee)
  labor_hours  TEXT,                 -- labour hours, canonical decimal text (on completed)
  note         TEXT,                 -- free text
  chain        BLOB NOT NULL,        -- tamper evidence: SHA-256(previous event's chain hex || this event's content digest hex)
  import_id    INTEGER               -- the import (imports.id) or command run that wrote it
);
CREATE INDEX events_by_ticket ON events(ticket, ts, seq);

-- imports: one row per file (or command run) that appended events.
CREATE TABLE imports (
  id         INTEGER PRIMARY KEY,  -- import number
  at         INTEGER NOT NULL,     -- when it ran: microseconds since the epoch, UTC
  source     TEXT NOT NULL,        -- file path, '-' for standard input, or 'svc ticket' etc.
  read       INTEGER NOT NULL,     -- records read
  added      INTEGER NOT NULL,     -- new events stored
  duplicate  INTEGER NOT NULL,     -- events already in the store
  rejected   INTEGER NOT NULL      -- bad records skipped (with --skip-bad)
);

-- tickets: projection of the events of each ticket, as of the last import
-- (reports that take --as-of recompute from events).
CREATE TABLE tickets (
  ticket         TEXT PRIMARY KEY,  -- ticket id
  created_at     INTEGER,           -- ts of the created event (µs UTC)
  type           TEXT,              -- service type from created
  urgency        TEXT,              -- urgency from created
  channel        TEXT,              -- channel from created
  region         TEXT,              -- region from created
  outlet         TEXT,              -- outlet from created
  customer       TEXT,              -- customer from created
  product        TEXT,              -- product from created
  purchased      TEXT,              -- purchase date from created
  distance_km    REAL,              -- distance from created
  engineer       TEXT,              -- engineer of the last dispatched event
  state          TEXT NOT NULL,     -- open | paused | completed | closed | cancelled
  responded_at   INTEGER,           -- first responded (µs UTC)
  arrived_at     INTEGER,           -- first arrived
  completed_at   INTEGER,           -- final completion: last completed with no later rejected/reopened
  closed_at      INTEGER,           -- last closed, when the ticket is closed
  followed_up_at INTEGER,           -- first followed_up after the final completion
  satisfaction   INTEGER,           -- satisfaction of the last followed_up
  last_ts        INTEGER NOT NULL,  -- ts of the latest event
  events         INTEGER NOT NULL   -- number of events
);
CREATE INDEX tickets_by_created ON tickets(created_at);
CREATE INDEX tickets_by_outlet ON tickets(outlet, created_at);

-- Master data.
CREATE TABLE regions (
  name   TEXT PRIMARY KEY,  -- region name, e.g. 华东
  leader TEXT               -- engineer id of the region's group leader
);

CREATE TABLE outlets (
  id      TEXT PRIMARY KEY,           -- outlet id, e.g. SH-01
  name    TEXT NOT NULL,              -- display name
  region  TEXT NOT NULL,              -- region name
  city    TEXT,                       -- city
  address TEXT,                       -- street address
  phone   TEXT,                       -- contact phone
  active  INTEGER NOT NULL DEFAULT 1  -- 1 active, 0 closed
);

CREATE TABLE engineers (
  id      TEXT PRIMARY KEY,                   -- engineer id, e.g. E-017
  name    TEXT NOT NULL,                      -- full name
  outlet  TEXT NOT NULL REFERENCES outlets(id), -- home outlet
  region  TEXT NOT NULL,                      -- region (normally the outlet's)
  skills  TEXT NOT NULL DEFAULT '',           -- comma-separated service types / product lines
  level   INTEGER NOT NULL DEFAULT 1,         -- skill level 1 (junior) .. 5 (expert)
  leader  INTEGER NOT NULL DEFAULT 0,         -- 1 when the region's group leader
  active  INTEGER NOT NULL DEFAULT 1          -- 1 active, 0 left / suspended
);

CREATE TABLE customers (
  id      TEXT PRIMARY KEY,  -- customer id
  name    TEXT,              -- name
  phone   TEXT,              -- phone
  address TEXT,              -- address
  region  TEXT               -- region
);

CREATE TABLE products (
  model           TEXT PRIMARY KEY,  -- product model
  line            TEXT,              -- product line (for skills and warranty)
  name            TEXT,              -- display name
  warranty_months INTEGER            -- warranty length; NULL = the policy's default for the line
);

CREATE TABLE parts (
  part        TEXT PRIMARY KEY,           -- part number
  name        TEXT NOT NULL,              -- name
  spec        TEXT,                       -- specification
  unit        TEXT NOT NULL DEFAULT 'pc', -- unit of measure
  supplier    TEXT,                       -- supplier
  list_cents  INTEGER,                    -- list price in cents
  min_stock   INTEGER NOT NULL DEFAULT 0, -- minimum stock per warehouse
  claimable   INTEGER NOT NULL DEFAULT 0  -- 1 when old parts can be claimed back from the supplier
);

CREATE TABLE warehouses (
  id     TEXT PRIMARY KEY,  -- warehouse id: 'central' or an outlet id
  kind   TEXT NOT NULL,     -- central | outlet
  outlet TEXT               -- the outlet, for kind = outlet
);
