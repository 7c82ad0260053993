package folio

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// SearchQuery asks for the pages whose current text (or title) holds every
// word of Text.
type SearchQuery struct {
	Text       string
	Namespaces []int // empty: every namespace
	TitlesOnly bool
	Limit      int
	Offset     int
}

// SearchHit is one page found, with an excerpt of its text around the
// first match (plain text; the caller escapes and highlights it).
type SearchHit struct {
	Namespace int
	DBKey     string
	Snippet   string
	Size      int
	Words     int
	Timestamp time.Time // of the latest revision
}

// SearchStore finds pages by their words, with the database's own
// full-text engine, as MediaWiki's searchindex table does.
type SearchStore interface {
	// SearchPages returns one page of hits, best first, and how many
	// pages match in all.
	SearchPages(ctx context.Context, q SearchQuery) ([]*SearchHit, int, error)
	// RebuildSearchIndex indexes every page again (rebuildtextindex.php),
	// calling progress with the number of pages done.
	RebuildSearchIndex(ctx context.Context, progress func(int)) (int, error)
}

// MaxSearchTerms bounds the words of one query.
const MaxSearchTerms = 16

// SearchTerms splits a query into lower-case words: runs of letters and
// digits. Everything else (operators, quotes, punctuation) separates words,
// so no query can inject the engine's own syntax.
func SearchTerms(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		if !seen[w] && len(out) < MaxSearchTerms {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
