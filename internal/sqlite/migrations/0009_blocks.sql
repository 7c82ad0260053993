-- 0009: user blocks, after MediaWiki's ipblocks table: one row per blocked
-- user; an empty ipb_expiry never ends. Expired rows stay until replaced or
-- removed, for the block list.
CREATE TABLE ipblocks (
  ipb_id INTEGER PRIMARY KEY AUTOINCREMENT,
  ipb_address TEXT NOT NULL,
  ipb_user INTEGER NOT NULL DEFAULT 0,
  ipb_by_text TEXT NOT NULL DEFAULT '',
  ipb_reason TEXT NOT NULL,
  ipb_timestamp TEXT NOT NULL,
  ipb_expiry TEXT NOT NULL
);
CREATE UNIQUE INDEX ipb_address ON ipblocks (ipb_address);
