package wikitext

import (
	"time"

	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// minCacheExpiry stands for "do not cache": caches keep nothing for
// less than a second.
const minCacheExpiry = time.Nanosecond

// LowerCacheExpiry lowers how long the output of the parse f belongs to
// may be kept by caches (Output.CacheExpiry) to at most d, as MediaWiki's
// ParserOutput::updateCacheExpiry does. A tag or function that shows live
// data, such as the answer of a remote service kept for some minutes,
// calls it with the age that data may reach. A d of zero or less asks
// that the output not be cached at all. Several calls keep the lowest.
func LowerCacheExpiry(f *preprocess.Frame, d time.Duration) {
	if f == nil {
		return
	}
	pc, _ := f.Expander().Data[parserKey].(*parser.Context)
	if pc == nil {
		return
	}
	if d < minCacheExpiry {
		d = minCacheExpiry
	}
	if cur := pc.Out.CacheExpiry; cur == 0 || d < cur {
		pc.Out.CacheExpiry = d
	}
}
