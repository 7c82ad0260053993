-- Folio's initial schema, in MediaWiki's data model. Timestamps are
-- 14-character YYYYMMDDHHMMSS strings in UTC; booleans are 0 or 1.
-- Strings are binary (VARBINARY/BLOB, UTF-8 bytes): titles compare and sort
-- byte-wise. Queries quote "user", so sessions run with ANSI_QUOTES.

CREATE TABLE page (
  page_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  page_namespace INT NOT NULL,
  page_title VARBINARY(255) NOT NULL,
  page_is_redirect TINYINT NOT NULL DEFAULT 0,
  page_is_new TINYINT NOT NULL DEFAULT 0,
  page_touched VARBINARY(14) NOT NULL,
  page_latest BIGINT NOT NULL DEFAULT 0,
  page_len INT NOT NULL DEFAULT 0,
  page_content_model VARBINARY(64) NOT NULL DEFAULT 'wikitext'
) ENGINE=InnoDB;
CREATE UNIQUE INDEX page_name_title ON page (page_namespace, page_title);
CREATE INDEX page_redirect_namespace_len ON page (page_is_redirect, page_namespace, page_len);

CREATE TABLE revision (
  rev_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rev_page BIGINT NOT NULL,
  rev_comment BLOB NOT NULL,
  rev_actor BIGINT NOT NULL,
  rev_timestamp VARBINARY(14) NOT NULL,
  rev_minor_edit TINYINT NOT NULL DEFAULT 0,
  rev_deleted TINYINT NOT NULL DEFAULT 0,
  rev_len INT NOT NULL DEFAULT 0,
  rev_parent_id BIGINT NOT NULL DEFAULT 0,
  rev_sha1 VARBINARY(32) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX rev_page_id ON revision (rev_page, rev_id);
CREATE INDEX rev_actor_id ON revision (rev_actor, rev_id);
CREATE INDEX rev_timestamp ON revision (rev_timestamp);

CREATE TABLE content (
  content_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  content_size INT NOT NULL,
  content_sha1 VARBINARY(32) NOT NULL,
  content_model VARBINARY(64) NOT NULL,
  content_text MEDIUMBLOB NOT NULL
) ENGINE=InnoDB;

CREATE TABLE slots (
  slot_revision_id BIGINT NOT NULL,
  slot_role_id TINYINT NOT NULL,
  slot_content_id BIGINT NOT NULL,
  slot_origin BIGINT NOT NULL,
  PRIMARY KEY (slot_revision_id, slot_role_id)
) ENGINE=InnoDB;

CREATE TABLE actor (
  actor_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_user BIGINT,
  actor_name VARBINARY(255) NOT NULL
) ENGINE=InnoDB;
CREATE UNIQUE INDEX actor_name ON actor (actor_name);
CREATE UNIQUE INDEX actor_user ON actor (actor_user);

CREATE TABLE "user" (
  user_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_name VARBINARY(255) NOT NULL,
  user_real_name VARBINARY(255) NOT NULL DEFAULT '',
  user_password VARBINARY(255) NOT NULL DEFAULT '',
  user_email VARBINARY(255) NOT NULL DEFAULT '',
  user_email_authenticated VARBINARY(14),
  user_registration VARBINARY(14) NOT NULL,
  user_editcount INT NOT NULL DEFAULT 0,
  user_touched VARBINARY(14) NOT NULL
) ENGINE=InnoDB;
CREATE UNIQUE INDEX user_name ON "user" (user_name);

CREATE TABLE user_groups (
  ug_user BIGINT NOT NULL,
  ug_group VARBINARY(255) NOT NULL,
  ug_expiry VARBINARY(14),
  PRIMARY KEY (ug_user, ug_group)
) ENGINE=InnoDB;
CREATE INDEX ug_group ON user_groups (ug_group);

CREATE TABLE recentchanges (
  rc_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  rc_timestamp VARBINARY(14) NOT NULL,
  rc_actor BIGINT NOT NULL,
  rc_namespace INT NOT NULL DEFAULT 0,
  rc_title VARBINARY(255) NOT NULL DEFAULT '',
  rc_comment BLOB NOT NULL,
  rc_minor TINYINT NOT NULL DEFAULT 0,
  rc_bot TINYINT NOT NULL DEFAULT 0,
  rc_new TINYINT NOT NULL DEFAULT 0,
  rc_cur_id BIGINT NOT NULL DEFAULT 0,
  rc_this_oldid BIGINT NOT NULL DEFAULT 0,
  rc_last_oldid BIGINT NOT NULL DEFAULT 0,
  rc_type TINYINT NOT NULL DEFAULT 0,
  rc_source VARBINARY(16) NOT NULL DEFAULT '',
  rc_patrolled TINYINT NOT NULL DEFAULT 0,
  rc_old_len INT,
  rc_new_len INT,
  rc_deleted TINYINT NOT NULL DEFAULT 0,
  rc_logid BIGINT NOT NULL DEFAULT 0,
  rc_log_type VARBINARY(32),
  rc_log_action VARBINARY(32),
  rc_params BLOB
) ENGINE=InnoDB;
CREATE INDEX rc_timestamp ON recentchanges (rc_timestamp);
CREATE INDEX rc_namespace_title_timestamp ON recentchanges (rc_namespace, rc_title, rc_timestamp);
CREATE INDEX rc_cur_id ON recentchanges (rc_cur_id);
CREATE INDEX rc_actor ON recentchanges (rc_actor, rc_timestamp);
CREATE INDEX rc_new_name_timestamp ON recentchanges (rc_new, rc_namespace, rc_timestamp);

CREATE TABLE logging (
  log_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  log_type VARBINARY(32) NOT NULL DEFAULT '',
  log_action VARBINARY(32) NOT NULL DEFAULT '',
  log_timestamp VARBINARY(14) NOT NULL,
  log_actor BIGINT NOT NULL,
  log_namespace INT NOT NULL DEFAULT 0,
  log_title VARBINARY(255) NOT NULL DEFAULT '',
  log_page BIGINT,
  log_comment BLOB NOT NULL,
  log_params BLOB NOT NULL,
  log_deleted TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
CREATE INDEX log_type_time ON logging (log_type, log_timestamp);
CREATE INDEX log_actor_time ON logging (log_actor, log_timestamp);
CREATE INDEX log_page_time ON logging (log_namespace, log_title, log_timestamp);
CREATE INDEX log_times ON logging (log_timestamp);

CREATE TABLE archive (
  ar_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ar_namespace INT NOT NULL DEFAULT 0,
  ar_title VARBINARY(255) NOT NULL DEFAULT '',
  ar_comment BLOB NOT NULL,
  ar_actor BIGINT NOT NULL,
  ar_timestamp VARBINARY(14) NOT NULL,
  ar_minor_edit TINYINT NOT NULL DEFAULT 0,
  ar_rev_id BIGINT NOT NULL,
  ar_deleted TINYINT NOT NULL DEFAULT 0,
  ar_len INT,
  ar_page_id BIGINT,
  ar_parent_id BIGINT,
  ar_sha1 VARBINARY(32) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX ar_name_title_timestamp ON archive (ar_namespace, ar_title, ar_timestamp);
CREATE UNIQUE INDEX ar_revid_uniq ON archive (ar_rev_id);

CREATE TABLE page_restrictions (
  pr_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  pr_page BIGINT NOT NULL,
  pr_type VARBINARY(60) NOT NULL,
  pr_level VARBINARY(60) NOT NULL,
  pr_cascade TINYINT NOT NULL DEFAULT 0,
  pr_expiry VARBINARY(14)
) ENGINE=InnoDB;
CREATE UNIQUE INDEX pr_pagetype ON page_restrictions (pr_page, pr_type);

CREATE TABLE pagelinks (
  pl_from BIGINT NOT NULL,
  pl_from_namespace INT NOT NULL DEFAULT 0,
  pl_namespace INT NOT NULL,
  pl_title VARBINARY(255) NOT NULL,
  PRIMARY KEY (pl_from, pl_namespace, pl_title)
) ENGINE=InnoDB;
CREATE INDEX pl_namespace ON pagelinks (pl_namespace, pl_title, pl_from);

CREATE TABLE templatelinks (
  tl_from BIGINT NOT NULL,
  tl_from_namespace INT NOT NULL DEFAULT 0,
  tl_namespace INT NOT NULL,
  tl_title VARBINARY(255) NOT NULL,
  PRIMARY KEY (tl_from, tl_namespace, tl_title)
) ENGINE=InnoDB;
CREATE INDEX tl_namespace ON templatelinks (tl_namespace, tl_title, tl_from);

CREATE TABLE categorylinks (
  cl_from BIGINT NOT NULL,
  cl_to VARBINARY(255) NOT NULL,
  cl_sortkey VARBINARY(230) NOT NULL DEFAULT '',
  cl_timestamp VARBINARY(14) NOT NULL,
  cl_type VARBINARY(16) NOT NULL DEFAULT 'page',
  PRIMARY KEY (cl_from, cl_to)
) ENGINE=InnoDB;
CREATE INDEX cl_sortkey ON categorylinks (cl_to, cl_type, cl_sortkey, cl_from);

CREATE TABLE imagelinks (
  il_from BIGINT NOT NULL,
  il_from_namespace INT NOT NULL DEFAULT 0,
  il_to VARBINARY(255) NOT NULL,
  PRIMARY KEY (il_from, il_to)
) ENGINE=InnoDB;
CREATE INDEX il_to ON imagelinks (il_to, il_from);

CREATE TABLE externallinks (
  el_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  el_from BIGINT NOT NULL,
  el_to BLOB NOT NULL
) ENGINE=InnoDB;
CREATE INDEX el_from ON externallinks (el_from);

CREATE TABLE redirect (
  rd_from BIGINT NOT NULL PRIMARY KEY,
  rd_namespace INT NOT NULL,
  rd_title VARBINARY(255) NOT NULL,
  rd_interwiki VARBINARY(32) NOT NULL DEFAULT '',
  rd_fragment VARBINARY(255) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
CREATE INDEX rd_ns_title ON redirect (rd_namespace, rd_title, rd_from);

CREATE TABLE site_stats (
  ss_row_id INT NOT NULL PRIMARY KEY,
  ss_total_edits BIGINT NOT NULL DEFAULT 0,
  ss_good_articles BIGINT NOT NULL DEFAULT 0,
  ss_total_pages BIGINT NOT NULL DEFAULT 0,
  ss_users BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
INSERT INTO site_stats (ss_row_id) VALUES (1);

CREATE TABLE sessions (
  sess_id VARBINARY(128) NOT NULL PRIMARY KEY,
  sess_user BIGINT NOT NULL DEFAULT 0,
  sess_data BLOB NOT NULL,
  sess_expiry VARBINARY(14) NOT NULL
) ENGINE=InnoDB;
CREATE INDEX sess_expiry ON sessions (sess_expiry);
