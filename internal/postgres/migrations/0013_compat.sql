-- 0013: browser-compatibility data from MDN's @mdn/browser-compat-data,
-- loaded by "folio compat import DIR". One row per feature path
-- ("css.properties.border-radius") holding the JSON object at that path and
-- its SHA-256, so that a refresh rewrites only the features that changed.
CREATE TABLE compat_feature (
  cf_path TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  cf_json TEXT NOT NULL,
  cf_sha256 TEXT COLLATE "C" NOT NULL,
  cf_timestamp TEXT COLLATE "C" NOT NULL
);
