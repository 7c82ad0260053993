-- 0009: user blocks, after MediaWiki's ipblocks table: one row per blocked
-- user; an empty ipb_expiry never ends. Expired rows stay until replaced or
-- removed, for the block list.
CREATE TABLE ipblocks (
  ipb_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ipb_address VARBINARY(255) NOT NULL,
  ipb_user BIGINT NOT NULL DEFAULT 0,
  ipb_by_text VARBINARY(255) NOT NULL DEFAULT '',
  ipb_reason BLOB NOT NULL,
  ipb_timestamp VARBINARY(14) NOT NULL,
  ipb_expiry VARBINARY(14) NOT NULL
) ENGINE=InnoDB;
CREATE UNIQUE INDEX ipb_address ON ipblocks (ipb_address);
