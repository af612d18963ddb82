-- Service log v2 (shared/spec/service-log.md): the `voided` event and its
-- `ref` column (corrections), and the `serial` of the unit serviced. A v1
-- store migrates in place: its events gain two NULL columns, and its
-- projection is rebuilt once (the digest now records when each event was
-- withdrawn), as for 012.
ALTER TABLE events ADD COLUMN serial TEXT;  -- serial number of the unit serviced (on created), 1-64 characters
ALTER TABLE events ADD COLUMN ref TEXT;     -- on voided: id of the event of the same ticket that it withdraws
-- voids by the event they name: "is this event already voided?" and svc audit corrections
CREATE INDEX events_voided ON events(ref) WHERE event = 'voided';
ALTER TABLE tickets ADD COLUMN serial TEXT;  -- serial from the created event (the unit serviced)
CREATE INDEX tickets_by_serial ON tickets(serial) WHERE serial IS NOT NULL;
-- corrections: who made each void through `svc ticket void` (a void that came
-- in a service log is by its import, imports.source). One row per voided
-- event; never updated.
CREATE TABLE corrections (
  event_id    TEXT PRIMARY KEY,  -- id of the `voided` event (events.id)
  user        TEXT NOT NULL,     -- who ran svc ticket void (--user, else $SVC_USER, else $USER)
  recorded_at INTEGER NOT NULL   -- when the command ran (µs UTC); the void's ts may be earlier (--at)
);
