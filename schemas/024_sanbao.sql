-- Schema 024: 三包 money and repair warranties on tickets (docs/installed-base.md
-- "Money on covered work", "The repair warranty a repair starts"). Two new
-- tables; nothing existing changes.
--
-- covered_fees: a fee taken on work the 三包 entitlement covers, recorded only
-- with `svc ticket complete --fee … --force --reason` (refused otherwise). Its
-- fee event has approved = no; `svc audit integrity` names it
-- fee_on_covered_work and `svc audit corrections` lists it with who and why.
CREATE TABLE covered_fees (
  fee_event    TEXT PRIMARY KEY,  -- the fee event's id
  ticket       TEXT NOT NULL,
  at           INTEGER NOT NULL,  -- the completion (µs since the epoch, UTC)
  amount_cents INTEGER NOT NULL,
  rule         TEXT NOT NULL,     -- the entitlement rule that covered the work
  cover        TEXT NOT NULL,     -- what covered it, in words ("key part COMP until 2035-01-01")
  user         TEXT NOT NULL,     -- who recorded it
  reason       TEXT NOT NULL      -- why (--reason)
);
CREATE INDEX covered_fees_by_ticket ON covered_fees(ticket);

-- repair_warranties: the repair warranty a completed repair ticket starts for
-- each part it fitted (repair_months from the completion's local day), as the
-- engineer told the customer. A repair completed again (after a reopen) adds
-- rows with the later start; the latest start of a part is the one in force.
CREATE TABLE repair_warranties (
  ticket    TEXT NOT NULL,
  part      TEXT NOT NULL,
  from_day  TEXT NOT NULL,  -- YYYY-MM-DD, the completion's local day (the first day covered)
  until_day TEXT NOT NULL,  -- YYYY-MM-DD, the last day covered
  PRIMARY KEY (ticket, part, from_day)
);

-- unit_dispositions: a unit taken out of service by 三包 — exchanged
-- (a completed `replacement` ticket, `--new-serial`) or returned (a completed
-- `return` ticket). One row per unit at most (the key refuses a second). The
-- units table is not changed: a unit's state is read from here.
CREATE TABLE unit_dispositions (
  serial     TEXT PRIMARY KEY,  -- the unit exchanged or returned (units.serial)
  kind       TEXT NOT NULL,     -- exchanged | returned
  day        TEXT NOT NULL,     -- YYYY-MM-DD, the completion's local day
  ticket     TEXT NOT NULL,     -- the replacement or return ticket
  new_serial TEXT,              -- exchanged: the unit given in exchange (registered by the same write)
  note       TEXT,              -- exchanged for another model: the --reason it was forced with
  at         INTEGER NOT NULL,  -- the completion (µs since the epoch, UTC)
  user       TEXT NOT NULL      -- who recorded it
);
CREATE UNIQUE INDEX unit_dispositions_by_new_serial ON unit_dispositions(new_serial) WHERE new_serial IS NOT NULL;
