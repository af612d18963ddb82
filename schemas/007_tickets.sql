-- svc store, schema version 7: what `svc ticket` records beside the event log.
-- The events stay the source of truth for state, SLA clocks and reports; these
-- tables hold the data that the service-log columns cannot (docs/tickets.md).

-- ticket_details: one row per ticket opened with `svc ticket create`.
CREATE TABLE ticket_details (
  ticket             TEXT PRIMARY KEY,  -- ticket id (events.ticket)
  created_event      TEXT NOT NULL,     -- id of its created event (events.id)
  address            TEXT,              -- service address (the fault description is on the created event's note)
  phone_followup_due INTEGER            -- resolved by phone: when the follow-up call is due (µs UTC), else NULL
);

-- ticket_expected_parts: parts the call centre expects to be needed, priced
-- in the out-of-warranty quote before dispatch.
CREATE TABLE ticket_expected_parts (
  ticket TEXT NOT NULL,     -- ticket id
  part   TEXT NOT NULL,     -- part number (parts.part)
  qty    INTEGER NOT NULL,  -- quantity, >= 1
  PRIMARY KEY (ticket, part)
);

-- appointments: every appointment window agreed with the customer, the first
-- one and each reschedule, in the order they were made.
CREATE TABLE appointments (
  id               INTEGER PRIMARY KEY,  -- appointment number, in order of recording
  ticket           TEXT NOT NULL,        -- ticket id
  recorded_at      INTEGER NOT NULL,     -- when it was agreed (the step's --at), µs UTC
  window_from      INTEGER NOT NULL,     -- appointment window start, µs UTC
  window_to        INTEGER NOT NULL,     -- appointment window end, µs UTC (after window_from)
  engineer         TEXT,                 -- engineer sent, when one was dispatched with it
  reason           TEXT,                 -- why it was rescheduled (NULL for the first appointment)
  consent          INTEGER NOT NULL DEFAULT 0,  -- 1 when the customer agreed to the reschedule (the clock pauses)
  dispatched_event TEXT,                 -- id of the dispatched event it wrote, if any
  paused_event     TEXT,                 -- id of the paused event it wrote, if any
  resumed_event    TEXT                  -- id of the resumed event it wrote (at window_from), if any
);
CREATE INDEX appointments_by_ticket ON appointments(ticket, id);

-- ticket_notes: free-text notes (`svc ticket note`), which have no event.
CREATE TABLE ticket_notes (
  id     INTEGER PRIMARY KEY,  -- note number, in order of recording
  ticket TEXT NOT NULL,        -- ticket id
  at     INTEGER NOT NULL,     -- when (the step's --at), µs UTC
  text   TEXT NOT NULL         -- the note, any Unicode
);
CREATE INDEX ticket_notes_by_ticket ON ticket_notes(ticket, id);

-- complaints: one row per complaint (`svc ticket complain`), keyed by its number.
CREATE TABLE complaints (
  number      TEXT PRIMARY KEY,  -- complaint number, given or "<ticket>-C<n>"
  ticket      TEXT NOT NULL,     -- ticket id
  event_id    TEXT NOT NULL,     -- id of its complaint event (events.id)
  responsible TEXT NOT NULL,     -- yes | no: the service's own fault (as on the event)
  opened_at   INTEGER NOT NULL,  -- the complaint event's ts, µs UTC
  text        TEXT               -- what the customer complained about
);
CREATE INDEX complaints_by_ticket ON complaints(ticket);

-- complaint_steps: the tracked handling of a complaint, in order:
-- investigation, then plan (with who and by when), then resolution.
CREATE TABLE complaint_steps (
  id       INTEGER PRIMARY KEY,  -- step number, in order of recording
  number   TEXT NOT NULL REFERENCES complaints(number),  -- the complaint
  step     TEXT NOT NULL,        -- investigation | plan | resolution
  at       INTEGER NOT NULL,     -- when it was recorded, µs UTC
  text     TEXT NOT NULL,        -- findings, the plan, or how it was resolved
  owner    TEXT,                 -- plan: the person responsible for carrying it out
  deadline INTEGER              -- plan: the local date it is due by (days since 1970-01-01)
);
CREATE INDEX complaint_steps_by_number ON complaint_steps(number, id);
