-- Planned maintenance, issue 19 (docs/maint.md).
--
-- maint_checklist.urgent: a finding on this item opens its repair ticket
-- with urgency urgent (a failed leak test), else normal. Existing items keep
-- the old behaviour (0).
ALTER TABLE maint_checklist ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
