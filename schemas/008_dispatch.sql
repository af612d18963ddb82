-- svc store, schema version 8: what `svc dispatch` records beside the event log
-- (docs/dispatch.md). Who holds a ticket is its last `dispatched` event; the
-- appointment window is the ticket's latest row in `appointments`
-- (schemas/007_tickets.sql, shared with `svc ticket schedule`). This table
-- keeps why each engineer was chosen, which the event columns cannot hold.

-- dispatch_log: one row per engineer dispatched by `svc dispatch assign`,
-- `reassign` or `auto`, in the order they were written.
CREATE TABLE dispatch_log (
  id               INTEGER PRIMARY KEY,  -- row number, in order of writing
  ticket           TEXT NOT NULL,        -- ticket id (events.ticket)
  at               INTEGER NOT NULL,     -- ts of the dispatched event, µs UTC
  engineer         TEXT NOT NULL,        -- engineer dispatched (engineers.id)
  previous         TEXT,                 -- reassign: the engineer replaced; NULL otherwise
  mode             TEXT NOT NULL,        -- assign | reassign | auto
  reason           TEXT,                 -- reassign: why (the --reason); a new window on assign: why it moved
  forced           INTEGER NOT NULL DEFAULT 0,  -- 1 when --force sent an engineer from another region
  score            REAL NOT NULL,        -- the engineer's score for the ticket when dispatched
  reasons          TEXT NOT NULL,        -- JSON array of {"factor", "points", "text"}: the score explained
  dispatched_event TEXT NOT NULL,        -- id of the dispatched event written (events.id)
  appointment      INTEGER               -- appointments.id written with it (a new window), else NULL
);
CREATE INDEX dispatch_log_by_ticket ON dispatch_log(ticket, id);

-- the board and the double-booking check look windows up by time
CREATE INDEX appointments_by_window ON appointments(window_from, window_to);
