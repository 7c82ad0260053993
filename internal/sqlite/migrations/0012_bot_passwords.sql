-- 0012: bot passwords, as MediaWiki keeps them: one row per user and
-- bot name (bp_app_id), with the hash of the generated password and the
-- grants (a JSON list) that limit what a User@bot login may do.
-- bp_token and bp_restrictions are kept for MediaWiki compatibility.
CREATE TABLE bot_passwords (
  bp_user INTEGER NOT NULL,
  bp_app_id TEXT NOT NULL,
  bp_password TEXT NOT NULL,
  bp_token TEXT NOT NULL DEFAULT '',
  bp_restrictions TEXT NOT NULL DEFAULT '',
  bp_grants TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (bp_user, bp_app_id)
);
