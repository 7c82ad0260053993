-- 0012: bot passwords, as MediaWiki keeps them: one row per user and
-- bot name (bp_app_id), with the hash of the generated password and the
-- grants (a JSON list) that limit what a User@bot login may do.
-- bp_token and bp_restrictions are kept for MediaWiki compatibility.
CREATE TABLE bot_passwords (
  bp_user BIGINT NOT NULL,
  bp_app_id VARBINARY(32) NOT NULL,
  bp_password VARBINARY(255) NOT NULL,
  bp_token VARBINARY(255) NOT NULL DEFAULT '',
  bp_restrictions BLOB NOT NULL,
  bp_grants BLOB NOT NULL,
  PRIMARY KEY (bp_user, bp_app_id)
) ENGINE=InnoDB;
