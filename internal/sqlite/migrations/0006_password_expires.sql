-- 0006: MediaWiki's user_password_expires. A password whose expiry has
-- passed must be changed before the user can do anything else, which is
-- how temporary (mailed) passwords work. NULL means it never expires.
ALTER TABLE "user" ADD COLUMN user_password_expires TEXT;
