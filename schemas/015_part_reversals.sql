-- Corrections of the parts ledger by reversal (docs/parts.md, "Correcting the
-- ledger"). A recorded movement is never changed: `svc parts reverse` (and
-- the reversal of a voided part_used event's consume) appends a movement of
-- the same kind with the opposite quantity and value that names the movement
-- it cancels. The existing columns `user`, `ts` and `reason` of that row
-- record who reversed, when and why (reason is required for a reversal).
ALTER TABLE part_movements ADD COLUMN reverses INTEGER REFERENCES part_movements(id); -- reversal: the movement it cancels (same kind, opposite qty and value); NULL for an ordinary movement

-- A movement is reversed at most once (the reversal of a reversal is refused
-- by svc; this index refuses a second reversal of one movement).
CREATE UNIQUE INDEX part_movements_reverses ON part_movements(reverses) WHERE reverses IS NOT NULL;
CREATE TRIGGER part_movements_no_reversal_of_reversal BEFORE INSERT ON part_movements
WHEN NEW.reverses IS NOT NULL AND (SELECT reverses FROM part_movements WHERE id = NEW.reverses) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a reversal cannot be reversed'); END;
