-- 0010: MediaWiki's user_email_token and user_email_token_expires (the
-- SHA-256 of the link that confirms a changed address) and its
-- user_properties table of user preferences.
ALTER TABLE "user" ADD COLUMN user_email_token TEXT NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN user_email_token_expires TEXT;
CREATE TABLE user_properties (
  up_user INTEGER NOT NULL,
  up_property TEXT NOT NULL,
  up_value TEXT NOT NULL,
  PRIMARY KEY (up_user, up_property)
);
