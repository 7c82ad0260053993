-- Dump import: the wiki's own site configuration (from an imported dump's
-- <siteinfo>), progress records for resumable imports, and an index that
-- lets the recent changes rebuild find revisions without a change.

CREATE TABLE site_config (
  sc_key TEXT NOT NULL PRIMARY KEY,
  sc_value TEXT NOT NULL
);

CREATE TABLE import_progress (
  ip_source TEXT NOT NULL PRIMARY KEY,
  ip_pages INTEGER NOT NULL DEFAULT 0,
  ip_revisions INTEGER NOT NULL DEFAULT 0,
  ip_last_title TEXT NOT NULL DEFAULT '',
  ip_keep_ids INTEGER NOT NULL DEFAULT 0,
  ip_done INTEGER NOT NULL DEFAULT 0,
  ip_updated TEXT NOT NULL
);

CREATE INDEX rc_this_oldid ON recentchanges (rc_this_oldid);
