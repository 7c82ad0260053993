-- 0013: browser-compatibility data from MDN's @mdn/browser-compat-data,
-- loaded by "folio compat import DIR". One row per feature path
-- ("css.properties.border-radius") holding the JSON object at that path and
-- its SHA-256, so that a refresh rewrites only the features that changed.
CREATE TABLE compat_feature (
  cf_path VARBINARY(255) NOT NULL PRIMARY KEY,
  cf_json MEDIUMBLOB NOT NULL,
  cf_sha256 VARBINARY(64) NOT NULL,
  cf_timestamp VARBINARY(14) NOT NULL
) ENGINE=InnoDB;
