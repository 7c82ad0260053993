-- 0004: the wiki-wide read-only switch (folio readonly on --reason …). It
-- lives in the database, so that every web head sees it at once. At most
-- one row (ro_id = 1); no row means the wiki accepts writes.
CREATE TABLE readonly (
  ro_id INTEGER NOT NULL PRIMARY KEY,
  ro_reason TEXT NOT NULL,
  ro_actor TEXT NOT NULL DEFAULT '',
  ro_timestamp TEXT NOT NULL
);
