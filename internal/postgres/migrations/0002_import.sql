-- Dump import: the wiki's own site configuration (from an imported dump's
-- <siteinfo>), progress records for resumable imports, and an index that
-- lets the recent changes rebuild find revisions without a change.

CREATE TABLE site_config (
  sc_key TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  sc_value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE import_progress (
  ip_source TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  ip_pages BIGINT NOT NULL DEFAULT 0,
  ip_revisions BIGINT NOT NULL DEFAULT 0,
  ip_last_title TEXT COLLATE "C" NOT NULL DEFAULT '',
  ip_keep_ids SMALLINT NOT NULL DEFAULT 0,
  ip_done SMALLINT NOT NULL DEFAULT 0,
  ip_updated TEXT COLLATE "C" NOT NULL
);

CREATE INDEX rc_this_oldid ON recentchanges (rc_this_oldid);
