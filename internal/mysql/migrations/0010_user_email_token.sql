-- 0010: MediaWiki's user_email_token and user_email_token_expires (the
-- SHA-256 of the link that confirms a changed address) and its
-- user_properties table of user preferences.
ALTER TABLE "user" ADD COLUMN user_email_token VARBINARY(255) NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN user_email_token_expires VARBINARY(14);
CREATE TABLE user_properties (
  up_user BIGINT NOT NULL,
  up_property VARBINARY(255) NOT NULL,
  up_value BLOB NOT NULL,
  PRIMARY KEY (up_user, up_property)
) ENGINE=InnoDB;
