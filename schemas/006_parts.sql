-- svc store, schema version 6: the spare-parts ledger (issue 8, docs/parts.md).
-- The catalogue (parts) and the warehouses tables come from 001_init.sql.
-- part_movements is the source of truth; part_stock and part_valuation are
-- kept up to date in the same transaction as each movement, and
-- `svc audit parts` checks them against the ledger.

-- The central warehouse always exists; outlet warehouses are added with
-- `svc parts warehouse add`, or on first use when the id is an outlet.
INSERT OR IGNORE INTO warehouses(id, kind, outlet) VALUES ('central', 'central', NULL);

-- part_claims: old parts claimed back from the supplier (二次索赔).
-- Status moves open -> submitted -> accepted | rejected, nothing else.
CREATE TABLE part_claims (
  id           INTEGER PRIMARY KEY,                   -- claim number
  opened_at    INTEGER NOT NULL,                      -- when the claim was opened (µs UTC)
  warehouse    TEXT NOT NULL REFERENCES warehouses(id), -- warehouse holding the old parts
  part         TEXT NOT NULL REFERENCES parts(part),  -- part number claimed
  qty          INTEGER NOT NULL CHECK (qty >= 1),     -- old parts claimed
  ticket       TEXT,                                  -- the ticket the old parts came from, when known
  supplier     TEXT,                                  -- supplier claimed against (default: the catalogue's supplier)
  status       TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'accepted', 'rejected')), -- workflow state
  claimed_cents  INTEGER,                             -- amount asked from the supplier, in cents (optional)
  accepted_cents INTEGER,                             -- amount the supplier accepted, in cents (on accepted)
  submitted_at INTEGER,                               -- when the old parts were sent to the supplier (µs UTC)
  decided_at   INTEGER,                               -- when the supplier accepted or rejected (µs UTC)
  reference    TEXT,                                  -- supplier's or our claim reference
  user         TEXT NOT NULL,                         -- who opened the claim
  reason       TEXT                                   -- rejection reason, or a note
);
CREATE INDEX part_claims_by_status ON part_claims(status, opened_at);

-- part_movements: the append-only movement ledger. Rows are never updated or
-- deleted (the triggers below refuse it).
CREATE TABLE part_movements (
  id          INTEGER PRIMARY KEY,                    -- movement number, in recording order
  ts          INTEGER NOT NULL,                       -- when it happened (µs UTC)
  kind        TEXT NOT NULL CHECK (kind IN ('receive', 'transfer', 'issue', 'consume', 'return-new',
                                            'return-old', 'scrap', 'count', 'claim')), -- movement kind
  warehouse   TEXT NOT NULL REFERENCES warehouses(id), -- warehouse whose stock moves (consume: the issuing warehouse)
  part        TEXT NOT NULL REFERENCES parts(part),   -- part number
  book        TEXT CHECK (book IN ('new', 'old')),    -- stock book changed: new = serviceable, old = replaced parts; NULL for consume (no stock change)
  qty         INTEGER NOT NULL,                       -- signed change of that book's stock (consume: minus the quantity fitted)
  unit_cents  INTEGER NOT NULL,                       -- cost per unit applied, in cents (receipt cost, moving average, or issue cost)
  value_cents INTEGER NOT NULL,                       -- signed value of the movement in cents (qty x unit, exact remainder for a last consume)
  avg_cents   INTEGER NOT NULL,                       -- the part's moving-average cost after this movement, in cents
  reference   TEXT,                                   -- receipt number, requisition, transfer note, count sheet, claim reference
  user        TEXT NOT NULL,                          -- who recorded it
  ticket      TEXT,                                   -- the ticket (issue, consume, return-new, return-old)
  event_id    TEXT UNIQUE REFERENCES events(id),      -- consume: the ticket's part_used event; one movement per event
  pair_id     INTEGER REFERENCES part_movements(id),  -- transfer: on the incoming half, the outgoing half
  claim_id    INTEGER REFERENCES part_claims(id),     -- claim: the claim the old parts were sent back under
  approved_by TEXT,                                   -- issue: the supervisor who approved the requisition
  reason      TEXT                                    -- scrap and count: why
);
CREATE INDEX part_movements_by_part ON part_movements(part, warehouse, id);
CREATE INDEX part_movements_by_ticket ON part_movements(ticket, part) WHERE ticket IS NOT NULL;

CREATE TRIGGER part_movements_append_only_update BEFORE UPDATE ON part_movements
BEGIN SELECT RAISE(ABORT, 'part_movements is append-only'); END;
CREATE TRIGGER part_movements_append_only_delete BEFORE DELETE ON part_movements
BEGIN SELECT RAISE(ABORT, 'part_movements is append-only'); END;

-- part_stock: the balance of each stock book, updated with every movement.
-- Always equal to the sum of the qty of its movements; never negative.
CREATE TABLE part_stock (
  warehouse TEXT NOT NULL REFERENCES warehouses(id),  -- warehouse
  part      TEXT NOT NULL REFERENCES parts(part),     -- part number
  book      TEXT NOT NULL CHECK (book IN ('new', 'old')), -- new = serviceable stock, old = replaced parts brought back
  qty       INTEGER NOT NULL CHECK (qty >= 0),        -- quantity on hand
  PRIMARY KEY (warehouse, part, book)
);

-- part_valuation: the moving-average cost of each part over all warehouses.
CREATE TABLE part_valuation (
  part      TEXT PRIMARY KEY REFERENCES parts(part),  -- part number
  avg_cents INTEGER NOT NULL CHECK (avg_cents >= 0),  -- moving-average unit cost in cents (half-up on each receipt)
  updated   INTEGER NOT NULL                          -- movement id that last changed it
);
