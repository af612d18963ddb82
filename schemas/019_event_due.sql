-- svc's own `due` column of the service log (docs/mapping.md "Due dates"):
-- a requester's or agency's own due time for a ticket (311's Due Date),
-- which a [[sla.rules]] target of "due" uses instead of a duration.
-- Appended after the v2 columns: every stored event's canonical form,
-- content digest and chain value stay as they were.
ALTER TABLE events ADD COLUMN due TEXT;  -- on created: the ticket's own due time, RFC 3339 UTC ("2026-11-05T15:00:00Z"); NULL when none was given
