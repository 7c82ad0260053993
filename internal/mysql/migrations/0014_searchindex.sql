-- 0014: full-text search over each page's title and current text, as
-- MediaWiki's searchindex table with InnoDB FULLTEXT indexes. The columns
-- use a case-insensitive collation so that matching ignores case.
CREATE TABLE searchindex (
  si_page BIGINT NOT NULL PRIMARY KEY,
  si_title VARCHAR(255) NOT NULL,
  si_text LONGTEXT NOT NULL,
  FULLTEXT KEY si_title (si_title),
  FULLTEXT KEY si_text (si_title, si_text)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO searchindex (si_page, si_title, si_text)
  SELECT page_id, REPLACE(CONVERT(page_title USING utf8mb4), '_', ' '), CONVERT(content_text USING utf8mb4) FROM page
  JOIN slots ON slot_revision_id = page_latest AND slot_role_id = 1
  JOIN content ON content_id = slot_content_id;
