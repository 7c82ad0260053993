-- 0005: uploaded files, in MediaWiki's image (current versions), oldimage
-- (replaced versions) and filearchive (deleted versions) tables. The bytes
-- live in a blob store under keys derived from the SHA-1.
CREATE TABLE image (
  img_name VARBINARY(255) NOT NULL PRIMARY KEY,
  img_size BIGINT NOT NULL DEFAULT 0,
  img_width INT NOT NULL DEFAULT 0,
  img_height INT NOT NULL DEFAULT 0,
  img_media_type VARBINARY(16) NOT NULL DEFAULT 'UNKNOWN',
  img_major_mime VARBINARY(32) NOT NULL DEFAULT 'unknown',
  img_minor_mime VARBINARY(100) NOT NULL DEFAULT 'unknown',
  img_description BLOB NOT NULL,
  img_actor BIGINT NOT NULL,
  img_timestamp VARBINARY(14) NOT NULL,
  img_sha1 VARBINARY(32) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX img_actor_timestamp ON image (img_actor, img_timestamp);
CREATE INDEX img_size ON image (img_size);
CREATE INDEX img_timestamp ON image (img_timestamp);
CREATE INDEX img_sha1 ON image (img_sha1);
CREATE INDEX img_media_mime ON image (img_media_type, img_major_mime, img_minor_mime);

CREATE TABLE oldimage (
  oi_name VARBINARY(255) NOT NULL,
  oi_archive_name VARBINARY(255) NOT NULL,
  oi_size BIGINT NOT NULL DEFAULT 0,
  oi_width INT NOT NULL DEFAULT 0,
  oi_height INT NOT NULL DEFAULT 0,
  oi_media_type VARBINARY(16) NOT NULL DEFAULT 'UNKNOWN',
  oi_major_mime VARBINARY(32) NOT NULL DEFAULT 'unknown',
  oi_minor_mime VARBINARY(100) NOT NULL DEFAULT 'unknown',
  oi_description BLOB NOT NULL,
  oi_actor BIGINT NOT NULL,
  oi_timestamp VARBINARY(14) NOT NULL,
  oi_sha1 VARBINARY(32) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX oi_actor_timestamp ON oldimage (oi_actor, oi_timestamp);
CREATE INDEX oi_name_timestamp ON oldimage (oi_name, oi_timestamp);
CREATE INDEX oi_name_archive_name ON oldimage (oi_name, oi_archive_name);
CREATE INDEX oi_sha1 ON oldimage (oi_sha1);

CREATE TABLE filearchive (
  fa_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  fa_name VARBINARY(255) NOT NULL,
  fa_archive_name VARBINARY(255) NOT NULL DEFAULT '',
  fa_deleted_actor BIGINT NOT NULL,
  fa_deleted_timestamp VARBINARY(14) NOT NULL,
  fa_deleted_reason BLOB NOT NULL,
  fa_size BIGINT NOT NULL DEFAULT 0,
  fa_width INT NOT NULL DEFAULT 0,
  fa_height INT NOT NULL DEFAULT 0,
  fa_media_type VARBINARY(16) NOT NULL DEFAULT 'UNKNOWN',
  fa_major_mime VARBINARY(32) NOT NULL DEFAULT 'unknown',
  fa_minor_mime VARBINARY(100) NOT NULL DEFAULT 'unknown',
  fa_description BLOB NOT NULL,
  fa_actor BIGINT NOT NULL,
  fa_timestamp VARBINARY(14) NOT NULL,
  fa_deleted TINYINT NOT NULL DEFAULT 0,
  fa_sha1 VARBINARY(32) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX fa_name ON filearchive (fa_name, fa_timestamp);
CREATE INDEX fa_sha1 ON filearchive (fa_sha1);
CREATE INDEX fa_deleted_timestamp ON filearchive (fa_deleted_timestamp);
CREATE INDEX fa_actor_timestamp ON filearchive (fa_actor, fa_timestamp);
