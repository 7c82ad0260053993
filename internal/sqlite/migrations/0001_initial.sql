-- Folio's initial schema, in MediaWiki's data model. Timestamps are
-- 14-character YYYYMMDDHHMMSS strings in UTC; booleans are 0 or 1.
-- AUTOINCREMENT keeps ids of deleted rows from being reused.

CREATE TABLE page (
  page_id INTEGER PRIMARY KEY AUTOINCREMENT,
  page_namespace INTEGER NOT NULL,
  page_title TEXT NOT NULL,
  page_is_redirect INTEGER NOT NULL DEFAULT 0,
  page_is_new INTEGER NOT NULL DEFAULT 0,
  page_touched TEXT NOT NULL,
  page_latest INTEGER NOT NULL DEFAULT 0,
  page_len INTEGER NOT NULL DEFAULT 0,
  page_content_model TEXT NOT NULL DEFAULT 'wikitext'
);
CREATE UNIQUE INDEX page_name_title ON page (page_namespace, page_title);
CREATE INDEX page_redirect_namespace_len ON page (page_is_redirect, page_namespace, page_len);

CREATE TABLE revision (
  rev_id INTEGER PRIMARY KEY AUTOINCREMENT,
  rev_page INTEGER NOT NULL,
  rev_comment TEXT NOT NULL DEFAULT '',
  rev_actor INTEGER NOT NULL,
  rev_timestamp TEXT NOT NULL,
  rev_minor_edit INTEGER NOT NULL DEFAULT 0,
  rev_deleted INTEGER NOT NULL DEFAULT 0,
  rev_len INTEGER NOT NULL DEFAULT 0,
  rev_parent_id INTEGER NOT NULL DEFAULT 0,
  rev_sha1 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rev_page_id ON revision (rev_page, rev_id);
CREATE INDEX rev_actor_id ON revision (rev_actor, rev_id);
CREATE INDEX rev_timestamp ON revision (rev_timestamp);

CREATE TABLE content (
  content_id INTEGER PRIMARY KEY AUTOINCREMENT,
  content_size INTEGER NOT NULL,
  content_sha1 TEXT NOT NULL,
  content_model TEXT NOT NULL,
  content_text TEXT NOT NULL
);

CREATE TABLE slots (
  slot_revision_id INTEGER NOT NULL,
  slot_role_id INTEGER NOT NULL,
  slot_content_id INTEGER NOT NULL,
  slot_origin INTEGER NOT NULL,
  PRIMARY KEY (slot_revision_id, slot_role_id)
);

CREATE TABLE actor (
  actor_id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor_user INTEGER,
  actor_name TEXT NOT NULL
);
CREATE UNIQUE INDEX actor_name ON actor (actor_name);
CREATE UNIQUE INDEX actor_user ON actor (actor_user);

CREATE TABLE "user" (
  user_id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_name TEXT NOT NULL,
  user_real_name TEXT NOT NULL DEFAULT '',
  user_password TEXT NOT NULL DEFAULT '',
  user_email TEXT NOT NULL DEFAULT '',
  user_email_authenticated TEXT,
  user_registration TEXT NOT NULL,
  user_editcount INTEGER NOT NULL DEFAULT 0,
  user_touched TEXT NOT NULL
);
CREATE UNIQUE INDEX user_name ON "user" (user_name);

CREATE TABLE user_groups (
  ug_user INTEGER NOT NULL,
  ug_group TEXT NOT NULL,
  ug_expiry TEXT,
  PRIMARY KEY (ug_user, ug_group)
);
CREATE INDEX ug_group ON user_groups (ug_group);

CREATE TABLE recentchanges (
  rc_id INTEGER PRIMARY KEY AUTOINCREMENT,
  rc_timestamp TEXT NOT NULL,
  rc_actor INTEGER NOT NULL,
  rc_namespace INTEGER NOT NULL DEFAULT 0,
  rc_title TEXT NOT NULL DEFAULT '',
  rc_comment TEXT NOT NULL DEFAULT '',
  rc_minor INTEGER NOT NULL DEFAULT 0,
  rc_bot INTEGER NOT NULL DEFAULT 0,
  rc_new INTEGER NOT NULL DEFAULT 0,
  rc_cur_id INTEGER NOT NULL DEFAULT 0,
  rc_this_oldid INTEGER NOT NULL DEFAULT 0,
  rc_last_oldid INTEGER NOT NULL DEFAULT 0,
  rc_type INTEGER NOT NULL DEFAULT 0,
  rc_source TEXT NOT NULL DEFAULT '',
  rc_patrolled INTEGER NOT NULL DEFAULT 0,
  rc_old_len INTEGER,
  rc_new_len INTEGER,
  rc_deleted INTEGER NOT NULL DEFAULT 0,
  rc_logid INTEGER NOT NULL DEFAULT 0,
  rc_log_type TEXT,
  rc_log_action TEXT,
  rc_params TEXT
);
CREATE INDEX rc_timestamp ON recentchanges (rc_timestamp);
CREATE INDEX rc_namespace_title_timestamp ON recentchanges (rc_namespace, rc_title, rc_timestamp);
CREATE INDEX rc_cur_id ON recentchanges (rc_cur_id);
CREATE INDEX rc_actor ON recentchanges (rc_actor, rc_timestamp);
CREATE INDEX rc_new_name_timestamp ON recentchanges (rc_new, rc_namespace, rc_timestamp);

CREATE TABLE logging (
  log_id INTEGER PRIMARY KEY AUTOINCREMENT,
  log_type TEXT NOT NULL DEFAULT '',
  log_action TEXT NOT NULL DEFAULT '',
  log_timestamp TEXT NOT NULL,
  log_actor INTEGER NOT NULL,
  log_namespace INTEGER NOT NULL DEFAULT 0,
  log_title TEXT NOT NULL DEFAULT '',
  log_page INTEGER,
  log_comment TEXT NOT NULL DEFAULT '',
  log_params TEXT NOT NULL DEFAULT '',
  log_deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX log_type_time ON logging (log_type, log_timestamp);
CREATE INDEX log_actor_time ON logging (log_actor, log_timestamp);
CREATE INDEX log_page_time ON logging (log_namespace, log_title, log_timestamp);
CREATE INDEX log_times ON logging (log_timestamp);

CREATE TABLE archive (
  ar_id INTEGER PRIMARY KEY AUTOINCREMENT,
  ar_namespace INTEGER NOT NULL DEFAULT 0,
  ar_title TEXT NOT NULL DEFAULT '',
  ar_comment TEXT NOT NULL DEFAULT '',
  ar_actor INTEGER NOT NULL,
  ar_timestamp TEXT NOT NULL,
  ar_minor_edit INTEGER NOT NULL DEFAULT 0,
  ar_rev_id INTEGER NOT NULL,
  ar_deleted INTEGER NOT NULL DEFAULT 0,
  ar_len INTEGER,
  ar_page_id INTEGER,
  ar_parent_id INTEGER,
  ar_sha1 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ar_name_title_timestamp ON archive (ar_namespace, ar_title, ar_timestamp);
CREATE UNIQUE INDEX ar_revid_uniq ON archive (ar_rev_id);

CREATE TABLE page_restrictions (
  pr_id INTEGER PRIMARY KEY AUTOINCREMENT,
  pr_page INTEGER NOT NULL,
  pr_type TEXT NOT NULL,
  pr_level TEXT NOT NULL,
  pr_cascade INTEGER NOT NULL DEFAULT 0,
  pr_expiry TEXT
);
CREATE UNIQUE INDEX pr_pagetype ON page_restrictions (pr_page, pr_type);

CREATE TABLE pagelinks (
  pl_from INTEGER NOT NULL,
  pl_from_namespace INTEGER NOT NULL DEFAULT 0,
  pl_namespace INTEGER NOT NULL,
  pl_title TEXT NOT NULL,
  PRIMARY KEY (pl_from, pl_namespace, pl_title)
);
CREATE INDEX pl_namespace ON pagelinks (pl_namespace, pl_title, pl_from);

CREATE TABLE templatelinks (
  tl_from INTEGER NOT NULL,
  tl_from_namespace INTEGER NOT NULL DEFAULT 0,
  tl_namespace INTEGER NOT NULL,
  tl_title TEXT NOT NULL,
  PRIMARY KEY (tl_from, tl_namespace, tl_title)
);
CREATE INDEX tl_namespace ON templatelinks (tl_namespace, tl_title, tl_from);

CREATE TABLE categorylinks (
  cl_from INTEGER NOT NULL,
  cl_to TEXT NOT NULL,
  cl_sortkey TEXT NOT NULL DEFAULT '',
  cl_timestamp TEXT NOT NULL,
  cl_type TEXT NOT NULL DEFAULT 'page',
  PRIMARY KEY (cl_from, cl_to)
);
CREATE INDEX cl_sortkey ON categorylinks (cl_to, cl_type, cl_sortkey, cl_from);

CREATE TABLE imagelinks (
  il_from INTEGER NOT NULL,
  il_from_namespace INTEGER NOT NULL DEFAULT 0,
  il_to TEXT NOT NULL,
  PRIMARY KEY (il_from, il_to)
);
CREATE INDEX il_to ON imagelinks (il_to, il_from);

CREATE TABLE externallinks (
  el_id INTEGER PRIMARY KEY AUTOINCREMENT,
  el_from INTEGER NOT NULL,
  el_to TEXT NOT NULL
);
CREATE INDEX el_from ON externallinks (el_from);

CREATE TABLE redirect (
  rd_from INTEGER NOT NULL PRIMARY KEY,
  rd_namespace INTEGER NOT NULL,
  rd_title TEXT NOT NULL,
  rd_interwiki TEXT NOT NULL DEFAULT '',
  rd_fragment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rd_ns_title ON redirect (rd_namespace, rd_title, rd_from);

CREATE TABLE site_stats (
  ss_row_id INTEGER NOT NULL PRIMARY KEY,
  ss_total_edits INTEGER NOT NULL DEFAULT 0,
  ss_good_articles INTEGER NOT NULL DEFAULT 0,
  ss_total_pages INTEGER NOT NULL DEFAULT 0,
  ss_users INTEGER NOT NULL DEFAULT 0
);
INSERT INTO site_stats (ss_row_id) VALUES (1);

CREATE TABLE sessions (
  sess_id TEXT NOT NULL PRIMARY KEY,
  sess_user INTEGER NOT NULL DEFAULT 0,
  sess_data TEXT NOT NULL DEFAULT '',
  sess_expiry TEXT NOT NULL
);
CREATE INDEX sess_expiry ON sessions (sess_expiry);
