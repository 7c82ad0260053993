-- 0008: account requests, as the ConfirmAccount extension keeps them. A
-- request is unconfirmed until its email link is followed, then open until
-- an administrator accepts, holds or rejects it. Only the SHA-256 of the
-- mailed token is stored.
CREATE TABLE account_requests (
  acr_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  acr_name VARBINARY(255) NOT NULL,
  acr_real_name VARBINARY(255) NOT NULL DEFAULT '',
  acr_email VARBINARY(255) NOT NULL,
  acr_bio BLOB NOT NULL,
  acr_ip VARBINARY(255) NOT NULL DEFAULT '',
  acr_registration VARBINARY(14) NOT NULL,
  acr_email_token VARBINARY(255) NOT NULL,
  acr_email_token_expires VARBINARY(14) NOT NULL,
  acr_email_authenticated VARBINARY(14),
  acr_status VARBINARY(255) NOT NULL,
  acr_reason BLOB NOT NULL,
  acr_handled_by VARBINARY(255) NOT NULL DEFAULT '',
  acr_handled_at VARBINARY(14)
) ENGINE=InnoDB;
CREATE UNIQUE INDEX acr_name ON account_requests (acr_name);
CREATE INDEX acr_email_token ON account_requests (acr_email_token);
CREATE INDEX acr_status ON account_requests (acr_status, acr_registration);
