-- 0011: MediaWiki's watchlist table: one row per user and watched title;
-- watching a page stores the subject and the talk page. wl_expiry is an
-- expiry timestamp, or NULL for items watched until removed (MediaWiki
-- keeps it in watchlist_expiry).
CREATE TABLE watchlist (
  wl_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  wl_user BIGINT NOT NULL,
  wl_namespace INT NOT NULL DEFAULT 0,
  wl_title VARBINARY(255) NOT NULL DEFAULT '',
  wl_notificationtimestamp VARBINARY(14),
  wl_expiry VARBINARY(14)
) ENGINE=InnoDB;
CREATE UNIQUE INDEX wl_user ON watchlist (wl_user, wl_namespace, wl_title);
CREATE INDEX wl_namespace_title ON watchlist (wl_namespace, wl_title);
