-- svc store, schema version 11: software updates at customer sites
-- (svc sites, docs/sites.md), as the robot-maintenance manual asks.

-- site_updates: one row per software update done at a customer site.
CREATE TABLE site_updates (
  id          INTEGER PRIMARY KEY,  -- record number, in order of recording
  site        TEXT NOT NULL,        -- customer site (plant, line), free text
  customer    TEXT NOT NULL,        -- customer id
  day         TEXT NOT NULL,        -- date of the update, YYYY-MM-DD
  model       TEXT NOT NULL,        -- machine model updated
  qty         INTEGER NOT NULL,     -- number of machines updated (>= 1)
  version     TEXT NOT NULL,        -- software version installed
  operator    TEXT NOT NULL,        -- who did it (engineer id or name)
  region      TEXT NOT NULL,        -- region of the site (--region, else the operator engineer's region, else '')
  recorded_at INTEGER NOT NULL      -- when it was recorded, µs UTC
);
CREATE INDEX site_updates_by_site ON site_updates(site, model, day);
