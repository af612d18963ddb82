-- Schema 021: the tickets projection in ticket id order with each ticket's
-- digest, for `svc audit sla`, which streams every ticket in id order (its
-- listing's order) a range of ids at a time instead of holding the whole store
-- in memory (docs/sla.md, "Speed"). The table's rows lie in the order their
-- tickets were last written, so a walk of its primary key would seek a row per
-- ticket; this index covers the audit's query (ticket, created_at, digest), and
-- the walk reads it front to back. It holds a second copy of each digest
-- (about 19 bytes an event). No column is added or changed: an index only.
-- ticket: the id (the order); created_at: the as-of filter; digest: the ticket's events, packed (lib/store/digest.hpp)
CREATE INDEX tickets_by_ticket_digest ON tickets(ticket, created_at, digest);
