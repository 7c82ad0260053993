-- 0014: full-text search over each page's title and current text, as
-- MediaWiki's searchindex table: a tsvector per page with a GIN index.
CREATE TABLE searchindex (
  si_page BIGINT NOT NULL PRIMARY KEY,
  si_title TEXT NOT NULL,
  si_vector TSVECTOR NOT NULL
);
CREATE INDEX si_vector ON searchindex USING GIN (si_vector);
INSERT INTO searchindex (si_page, si_title, si_vector)
  SELECT page_id, replace(page_title, '_', ' '),
    setweight(to_tsvector('simple', replace(page_title, '_', ' ')), 'A') ||
    setweight(to_tsvector('simple', left(content_text, 500000)), 'B')
  FROM page
  JOIN slots ON slot_revision_id = page_latest AND slot_role_id = 1
  JOIN content ON content_id = slot_content_id;
