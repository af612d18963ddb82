-- The corrections an outlet made to the tickets assessed (issue 14): recorded
-- with each assessed outlet so that an outlet that voids its findings away is
-- seen in the record itself. Not scored.
ALTER TABLE assessment_outlets ADD COLUMN corrections INTEGER;  -- voided events (ts at or before the assessment's as_of) on the outlet's tickets of the period; NULL in records made before this version
