-- 0011: MediaWiki's watchlist table: one row per user and watched title;
-- watching a page stores the subject and the talk page. wl_expiry is an
-- expiry timestamp, or NULL for items watched until removed (MediaWiki
-- keeps it in watchlist_expiry).
CREATE TABLE watchlist (
  wl_id INTEGER PRIMARY KEY AUTOINCREMENT,
  wl_user INTEGER NOT NULL,
  wl_namespace INTEGER NOT NULL DEFAULT 0,
  wl_title TEXT NOT NULL DEFAULT '',
  wl_notificationtimestamp TEXT,
  wl_expiry TEXT
);
CREATE UNIQUE INDEX wl_user ON watchlist (wl_user, wl_namespace, wl_title);
CREATE INDEX wl_namespace_title ON watchlist (wl_namespace, wl_title);
