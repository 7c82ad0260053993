-- 0014: full-text search over each page's title and current text, as
-- MediaWiki's searchindex table; an FTS5 table whose rowid is page_id.
CREATE VIRTUAL TABLE searchindex USING fts5(si_title, si_text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO searchindex (rowid, si_title, si_text)
  SELECT page_id, replace(page_title, '_', ' '), content_text FROM page
  JOIN slots ON slot_revision_id = page_latest AND slot_role_id = 1
  JOIN content ON content_id = slot_content_id;
