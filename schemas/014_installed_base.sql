-- svc store, schema version 14: the installed base (docs/installed-base.md).
-- Products carry their 三包 terms; units are the machines at customers' sites;
-- customers (001) are filled by `svc customer`. A NULL term means the policy's
-- default ([warranty]: the line's, else the national one).

ALTER TABLE products ADD COLUMN skills TEXT NOT NULL DEFAULT '';    -- comma list of skills a job on this model needs besides the line, e.g. 变频
ALTER TABLE products ADD COLUMN key_parts TEXT NOT NULL DEFAULT ''; -- comma list of part numbers of the key parts, e.g. COMP-35 (a compressor)
ALTER TABLE products ADD COLUMN key_part_months INTEGER;            -- warranty of the key parts; NULL = [warranty] key_part_lines / key_part_months
ALTER TABLE products ADD COLUMN return_days INTEGER;                -- 三包: return within this many days of sale; NULL = [warranty] return_days
ALTER TABLE products ADD COLUMN exchange_days INTEGER;              -- 三包: exchange within this many days of sale; NULL = [warranty] exchange_days
ALTER TABLE products ADD COLUMN repairs_before_exchange INTEGER;    -- 三包: repairs within warranty before exchange or return; NULL = policy
ALTER TABLE products ADD COLUMN repair_months INTEGER;              -- warranty on a repaired part, from the repair; NULL = [warranty] repair_months

-- customers (001: id, name, phone, address, region): `phone` is the contact
-- of `svc customer --contact`; nothing new is needed.

-- units: the installed base, one row per machine (serial number).
CREATE TABLE units (
  serial         TEXT PRIMARY KEY, -- serial number, 1-64 characters; tickets name it in the created event's serial (013: events.serial, tickets.serial)
  model          TEXT,             -- product model (products.model); NULL when an install ticket named none
  customer       TEXT,             -- owner (customers.id), NULL = not known
  address        TEXT,             -- site address
  region         TEXT,             -- region of the site, e.g. 华东
  purchased      TEXT,             -- purchase date YYYY-MM-DD (the invoice date 三包 counts from)
  installed      TEXT,             -- install date YYYY-MM-DD
  install_ticket TEXT              -- the ticket that installed it
);
CREATE INDEX units_by_customer ON units(customer);
CREATE INDEX units_by_model ON units(model);
