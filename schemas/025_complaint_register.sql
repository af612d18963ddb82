-- Schema 025: the complaint register (客户投诉登记追踪表, docs/complaints.md).
-- Every complaint is a row of `complaints`, whatever wrote it: `svc ticket
-- complain`, a ticket of type complaint, or an imported `complaint` event.
-- The register gains what the handling needs to know about it; its handling is
-- `complaint_log`, appended to and never edited, so its whole history is kept.
-- Old rows: the columns are filled from the ticket; source 'complain'.
ALTER TABLE complaints ADD COLUMN category TEXT;  -- category key ([complaints] categories); NULL: not classified yet
ALTER TABLE complaints ADD COLUMN channel TEXT;   -- how it came in: phone, web, app, email, letter, onsite
ALTER TABLE complaints ADD COLUMN outlet TEXT;    -- the outlet of the ticket it concerns
ALTER TABLE complaints ADD COLUMN source TEXT;    -- complain (svc ticket complain) | ticket (a complaint-type ticket) | import (a complaint event)
UPDATE complaints SET source = 'complain',
  outlet = (SELECT outlet FROM tickets WHERE tickets.ticket = complaints.ticket),
  channel = (SELECT channel FROM tickets WHERE tickets.ticket = complaints.ticket);

-- complaint_log: the steps of each complaint, in order: ack (the first reply,
-- may classify it), investigation (may settle whether it is the service's
-- fault), plan (department, person, deadline, who approved it), resolution,
-- follow_up (the customer's verdict), closed. Rows are only ever appended.
CREATE TABLE complaint_log (
  id          INTEGER PRIMARY KEY,  -- in order of recording
  number      TEXT NOT NULL REFERENCES complaints(number),  -- the complaint
  step        TEXT NOT NULL,        -- ack | investigation | plan | resolution | follow_up | closed
  at          INTEGER NOT NULL,     -- when it happened, µs UTC
  text        TEXT,                 -- the reply, findings, plan, resolution, follow-up note or closing note
  category    TEXT,                 -- ack: the category it was classified in
  responsible TEXT,                 -- investigation: yes | no, the service's own fault as found
  department  TEXT,                 -- plan: the responsible department
  person      TEXT,                 -- plan: the responsible person
  deadline    INTEGER,              -- plan: the local date it is due by (days since 1970-01-01)
  approved_by TEXT,                 -- plan: who approved the plan
  verdict     TEXT,                 -- follow_up: satisfied | unsatisfied
  recorded_at INTEGER NOT NULL,     -- when it was written, µs UTC
  user        TEXT                  -- who wrote it
);
CREATE INDEX complaint_log_by_number ON complaint_log(number, id);

-- the tracked steps of schema 007 (investigation, plan, resolution) carry over
INSERT INTO complaint_log(number, step, at, text, person, deadline, recorded_at)
  SELECT number, step, at, text, owner, deadline, at FROM complaint_steps ORDER BY id;

-- complaints written before the register knew them: complaint events and
-- complaint-type tickets (numbered TICKET-C<n> after the ticket's others; a
-- number taken already falls back to C-<event id>)
CREATE TEMP TABLE complaint_backfill AS
  SELECT e.id AS event_id, e.ticket AS ticket, e.ts AS ts, e.event AS kind, e.responsible AS responsible,
         coalesce(e.channel, t.channel) AS channel, t.outlet AS outlet,
         (SELECT count(*) FROM complaints c WHERE c.ticket = e.ticket)
           + row_number() OVER (PARTITION BY e.ticket ORDER BY e.ts, e.seq) AS n
  FROM events e LEFT JOIN tickets t ON t.ticket = e.ticket
  WHERE (e.event = 'complaint' OR (e.event = 'created' AND e.type = 'complaint'))
    AND e.id NOT IN (SELECT event_id FROM complaints);
INSERT OR IGNORE INTO complaints(number, ticket, event_id, responsible, opened_at, text, channel, outlet, source)
  SELECT ticket || '-C' || n, ticket, event_id, coalesce(responsible, 'unknown'), ts, NULL, channel, outlet,
         CASE kind WHEN 'complaint' THEN 'import' ELSE 'ticket' END
  FROM complaint_backfill ORDER BY ticket, n;
INSERT INTO complaints(number, ticket, event_id, responsible, opened_at, text, channel, outlet, source)
  SELECT 'C-' || event_id, ticket, event_id, coalesce(responsible, 'unknown'), ts, NULL, channel, outlet,
         CASE kind WHEN 'complaint' THEN 'import' ELSE 'ticket' END
  FROM complaint_backfill WHERE event_id NOT IN (SELECT event_id FROM complaints);
DROP TABLE complaint_backfill;

-- the importer registers the complaints of each import through this index
CREATE INDEX events_complaints ON events(import_id)
  WHERE event = 'complaint' OR (event = 'created' AND type = 'complaint');
CREATE INDEX complaints_by_event ON complaints(event_id);
