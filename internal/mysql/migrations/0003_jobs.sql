-- 0003: the job queue (MediaWiki's job table). job_sha1 is the dedup key of
-- a job waiting to run; it is cleared when the job is claimed, so a new
-- equal job may queue while the first one runs.
CREATE TABLE job (
  job_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_cmd VARBINARY(60) NOT NULL,
  job_namespace INT NOT NULL,
  job_title VARBINARY(255) NOT NULL,
  job_params MEDIUMBLOB NOT NULL,
  job_timestamp VARBINARY(14) NOT NULL,
  job_release VARBINARY(14) NOT NULL,
  job_attempts INT NOT NULL DEFAULT 0,
  job_token VARBINARY(32) NOT NULL DEFAULT '',
  job_token_timestamp VARBINARY(14) NOT NULL DEFAULT '',
  job_sha1 VARBINARY(64) NULL,
  job_error BLOB NOT NULL,
  job_abandoned TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
CREATE UNIQUE INDEX job_sha1 ON job (job_sha1);
CREATE INDEX job_ready ON job (job_abandoned, job_release);
CREATE INDEX job_cmd ON job (job_cmd, job_id);
