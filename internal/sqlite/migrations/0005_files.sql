-- 0005: uploaded files, in MediaWiki's image (current versions), oldimage
-- (replaced versions) and filearchive (deleted versions) tables. The bytes
-- live in a blob store under keys derived from the SHA-1.
CREATE TABLE image (
  img_name TEXT NOT NULL PRIMARY KEY,
  img_size INTEGER NOT NULL DEFAULT 0,
  img_width INTEGER NOT NULL DEFAULT 0,
  img_height INTEGER NOT NULL DEFAULT 0,
  img_media_type TEXT NOT NULL DEFAULT 'UNKNOWN',
  img_major_mime TEXT NOT NULL DEFAULT 'unknown',
  img_minor_mime TEXT NOT NULL DEFAULT 'unknown',
  img_description TEXT NOT NULL DEFAULT '',
  img_actor INTEGER NOT NULL,
  img_timestamp TEXT NOT NULL,
  img_sha1 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX img_actor_timestamp ON image (img_actor, img_timestamp);
CREATE INDEX img_size ON image (img_size);
CREATE INDEX img_timestamp ON image (img_timestamp);
CREATE INDEX img_sha1 ON image (img_sha1);
CREATE INDEX img_media_mime ON image (img_media_type, img_major_mime, img_minor_mime);

CREATE TABLE oldimage (
  oi_name TEXT NOT NULL,
  oi_archive_name TEXT NOT NULL,
  oi_size INTEGER NOT NULL DEFAULT 0,
  oi_width INTEGER NOT NULL DEFAULT 0,
  oi_height INTEGER NOT NULL DEFAULT 0,
  oi_media_type TEXT NOT NULL DEFAULT 'UNKNOWN',
  oi_major_mime TEXT NOT NULL DEFAULT 'unknown',
  oi_minor_mime TEXT NOT NULL DEFAULT 'unknown',
  oi_description TEXT NOT NULL DEFAULT '',
  oi_actor INTEGER NOT NULL,
  oi_timestamp TEXT NOT NULL,
  oi_sha1 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX oi_actor_timestamp ON oldimage (oi_actor, oi_timestamp);
CREATE INDEX oi_name_timestamp ON oldimage (oi_name, oi_timestamp);
CREATE INDEX oi_name_archive_name ON oldimage (oi_name, oi_archive_name);
CREATE INDEX oi_sha1 ON oldimage (oi_sha1);

CREATE TABLE filearchive (
  fa_id INTEGER PRIMARY KEY AUTOINCREMENT,
  fa_name TEXT NOT NULL,
  fa_archive_name TEXT NOT NULL DEFAULT '',
  fa_deleted_actor INTEGER NOT NULL,
  fa_deleted_timestamp TEXT NOT NULL,
  fa_deleted_reason TEXT NOT NULL DEFAULT '',
  fa_size INTEGER NOT NULL DEFAULT 0,
  fa_width INTEGER NOT NULL DEFAULT 0,
  fa_height INTEGER NOT NULL DEFAULT 0,
  fa_media_type TEXT NOT NULL DEFAULT 'UNKNOWN',
  fa_major_mime TEXT NOT NULL DEFAULT 'unknown',
  fa_minor_mime TEXT NOT NULL DEFAULT 'unknown',
  fa_description TEXT NOT NULL DEFAULT '',
  fa_actor INTEGER NOT NULL,
  fa_timestamp TEXT NOT NULL,
  fa_deleted INTEGER NOT NULL DEFAULT 0,
  fa_sha1 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fa_name ON filearchive (fa_name, fa_timestamp);
CREATE INDEX fa_sha1 ON filearchive (fa_sha1);
CREATE INDEX fa_deleted_timestamp ON filearchive (fa_deleted_timestamp);
CREATE INDEX fa_actor_timestamp ON filearchive (fa_actor, fa_timestamp);
