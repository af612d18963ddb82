-- Schema 020: the uniqueness of event ids moves from a constraint of the
-- events table (an index SQLite names itself and that cannot be dropped) to
-- the named index events_by_id, so that a large import into a new store can
-- load the rows first and build the index once, in key order, at the end of
-- its transaction (docs/import.md, "Speed"). Columns, types, order, rows and
-- seq are unchanged; every event and its chain value are copied as they are,
-- so `svc audit verify` passes on a migrated store exactly as before.
-- The store layer runs this migration with foreign keys off (the documented
-- SQLite procedure for rebuilding a table that others reference:
-- part_movements.event_id) and checks them (PRAGMA foreign_key_check) before
-- it commits.
CREATE TABLE events_020 (
  seq          INTEGER PRIMARY KEY,  -- store position: insertion order; orders events of one ticket that share a ts
  id           TEXT NOT NULL,        -- event id as given, or the derived id (first 32 hex digits of the content digest); unique: events_by_id
  ts           INTEGER NOT NULL,     -- when it happened: microseconds since 1970-01-01T00:00:00Z
  ticket       TEXT NOT NULL,        -- ticket id, [A-Za-z0-9._-]{1,64}
  event        TEXT NOT NULL,        -- event kind: created, responded, dispatched, ... closed, voided
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
  import_id    INTEGER,              -- the import (imports.id) or command run that wrote it
  serial       TEXT,                 -- serial number of the unit serviced (on created), 1-64 characters
  ref          TEXT,                 -- on voided: id of the event of the same ticket that it withdraws
  due          TEXT                  -- on created: the ticket's own due time, RFC 3339 UTC ("2026-11-05T15:00:00Z"); NULL when none was given
);
INSERT INTO events_020 SELECT seq, id, ts, ticket, event, type, urgency, channel, region, outlet, customer, product,
  purchased, distance_km, engineer, satisfaction, responsible, part, qty, amount, approved, labor_hours, note, chain,
  import_id, serial, ref, due FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_020 RENAME TO events;
-- an event's id is unique in the store: idempotency (docs/import.md) and every look-up by id (ref, part movements)
CREATE UNIQUE INDEX events_by_id ON events(id);
-- a ticket's events in log order (ts, then seq)
CREATE INDEX events_by_ticket ON events(ticket, ts, seq);
-- voids by the event they name: "is this event already voided?" and svc audit corrections
CREATE INDEX events_voided ON events(ref) WHERE event = 'voided';
