-- 0003: the job queue (MediaWiki's job table). job_sha1 is the dedup key of
-- a job waiting to run; it is cleared when the job is claimed, so a new
-- equal job may queue while the first one runs.
CREATE TABLE job (
  job_id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_cmd TEXT NOT NULL,
  job_namespace INTEGER NOT NULL,
  job_title TEXT NOT NULL,
  job_params TEXT NOT NULL,
  job_timestamp TEXT NOT NULL,
  job_release TEXT NOT NULL,
  job_attempts INTEGER NOT NULL DEFAULT 0,
  job_token TEXT NOT NULL DEFAULT '',
  job_token_timestamp TEXT NOT NULL DEFAULT '',
  job_sha1 TEXT NULL,
  job_error TEXT NOT NULL DEFAULT '',
  job_abandoned INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX job_sha1 ON job (job_sha1);
CREATE INDEX job_ready ON job (job_abandoned, job_release);
CREATE INDEX job_cmd ON job (job_cmd, job_id);
