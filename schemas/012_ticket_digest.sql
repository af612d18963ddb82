-- The ticket digest (lib/digest.hpp): each ticket's events in log order,
-- packed, so that the SLA audit and the reports read one row per ticket
-- instead of the whole events table. Derived data like the rest of the
-- projection: `svc admin rebuild` recomputes it, and opening a store that
-- was migrated from before this version rebuilds the projection once.
ALTER TABLE tickets ADD COLUMN digest BLOB;  -- the ticket's events, packed (lib/digest.hpp); NULL only before the rebuild that follows this migration
