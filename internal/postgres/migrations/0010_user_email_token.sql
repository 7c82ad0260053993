-- 0010: MediaWiki's user_email_token and user_email_token_expires (the
-- SHA-256 of the link that confirms a changed address) and its
-- user_properties table of user preferences.
ALTER TABLE "user" ADD COLUMN user_email_token TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN user_email_token_expires TEXT COLLATE "C";
CREATE TABLE user_properties (
  up_user BIGINT NOT NULL,
  up_property TEXT COLLATE "C" NOT NULL,
  up_value TEXT NOT NULL,
  PRIMARY KEY (up_user, up_property)
);
