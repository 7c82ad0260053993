-- 0007: MediaWiki's user_newpassword and user_newpass_time: a temporary
-- password mailed by a password reset or an account approval. It works
-- next to the real password for a limited time, and a login with it must
-- choose a new password, so a reset never locks the owner out.
ALTER TABLE "user" ADD COLUMN user_newpassword TEXT NOT NULL DEFAULT '';
ALTER TABLE "user" ADD COLUMN user_newpass_time TEXT;
