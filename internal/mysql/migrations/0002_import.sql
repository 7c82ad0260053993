-- Dump import: the wiki's own site configuration (from an imported dump's
-- <siteinfo>), progress records for resumable imports, and an index that
-- lets the recent changes rebuild find revisions without a change.

CREATE TABLE site_config (
  sc_key VARBINARY(64) NOT NULL PRIMARY KEY,
  sc_value MEDIUMBLOB NOT NULL
) ENGINE=InnoDB;

CREATE TABLE import_progress (
  ip_source VARBINARY(255) NOT NULL PRIMARY KEY,
  ip_pages BIGINT NOT NULL DEFAULT 0,
  ip_revisions BIGINT NOT NULL DEFAULT 0,
  ip_last_title BLOB NOT NULL,
  ip_keep_ids TINYINT NOT NULL DEFAULT 0,
  ip_done TINYINT NOT NULL DEFAULT 0,
  ip_updated VARBINARY(14) NOT NULL
) ENGINE=InnoDB;

CREATE INDEX rc_this_oldid ON recentchanges (rc_this_oldid);
