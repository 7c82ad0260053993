-- 0008: account requests, as the ConfirmAccount extension keeps them. A
-- request is unconfirmed until its email link is followed, then open until
-- an administrator accepts, holds or rejects it. Only the SHA-256 of the
-- mailed token is stored.
CREATE TABLE account_requests (
  acr_id INTEGER PRIMARY KEY AUTOINCREMENT,
  acr_name TEXT NOT NULL,
  acr_real_name TEXT NOT NULL DEFAULT '',
  acr_email TEXT NOT NULL,
  acr_bio TEXT NOT NULL,
  acr_ip TEXT NOT NULL DEFAULT '',
  acr_registration TEXT NOT NULL,
  acr_email_token TEXT NOT NULL,
  acr_email_token_expires TEXT NOT NULL,
  acr_email_authenticated TEXT,
  acr_status TEXT NOT NULL,
  acr_reason TEXT NOT NULL,
  acr_handled_by TEXT NOT NULL DEFAULT '',
  acr_handled_at TEXT
);
CREATE UNIQUE INDEX acr_name ON account_requests (acr_name);
CREATE INDEX acr_email_token ON account_requests (acr_email_token);
CREATE INDEX acr_status ON account_requests (acr_status, acr_registration);
