// Package bugzilla implements a <bugzilla> tag after MediaWiki's Bugzilla
// extension: the tag's content is a JSON object of Bugzilla REST search
// parameters, and the matching bugs are shown as a table, a list or a
// count.
//
//	<bugzilla display="table" columns="id,summary,status" sort="-id">
//	{"product": "Wiki", "status": "NEW"}
//	</bugzilla>
//
// Attributes:
//   - display: table (default), list or count; type="count" also counts.
//   - columns: comma-separated bug fields to show; the JSON key
//     "include_fields" does the same. Default: id, summary, status,
//     resolution, last_change_time.
//   - sort: a field to sort the bugs by; a leading "-" or order="desc"
//     sorts in descending order.
//
// The library does no network access itself: the host supplies a Client.
// Every field that comes from Bugzilla is escaped; when the Client fails,
// the tag renders an error box and the rest of the page renders as usual.
package bugzilla

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Query is one bug search.
type Query struct {
	// Params are the REST search parameters from the tag's JSON object;
	// an array value gives several values for its key.
	Params url.Values
	// Fields are the bug fields to fetch (include_fields); always has "id".
	Fields []string
	// CountOnly asks only for the number of matching bugs (count_only).
	CountOnly bool
}

// Values returns the complete REST query: Params plus include_fields or
// count_only.
func (q Query) Values() url.Values {
	v := url.Values{}
	for k, vals := range q.Params {
		v[k] = append([]string(nil), vals...)
	}
	if q.CountOnly {
		v.Set("count_only", "1")
		return v
	}
	if len(q.Fields) > 0 {
		v.Set("include_fields", strings.Join(q.Fields, ","))
	}
	return v
}

// Bug is one bug as Bugzilla's REST API returns it: field name to JSON
// value (string, float64, bool, []any or map[string]any).
type Bug map[string]any

// Result is the answer to a Query: the bugs, or their number when the
// query was CountOnly.
type Result struct {
	Bugs  []Bug
	Count int
}

// Client runs searches against a Bugzilla server. Implementations bound
// the time a search takes and may cache answers; an error's message is
// shown to readers, so it must not reveal secrets.
type Client interface {
	Search(ctx context.Context, q Query) (*Result, error)
	// BugURL returns the address of a bug's page, or "" for no link.
	BugURL(id string) string
}

// DefaultMaxQueries is how many <bugzilla> tags one page may run.
const DefaultMaxQueries = 10

// DefaultMaxRows bounds the bugs shown by one tag.
const DefaultMaxRows = 500

type extension struct {
	client     Client
	maxQueries int
	maxRows    int
	// cacheExpiry bounds the cache lifetime of a page with a tag.
	cacheExpiry time.Duration
}

// Option configures the extension.
type Option func(*extension)

// WithClient sets the Client that runs the searches. Without one, every
// tag renders an error box saying that Bugzilla is not configured.
func WithClient(c Client) Option { return func(e *extension) { e.client = c } }

// WithMaxQueries sets how many tags one page may run (DefaultMaxQueries).
func WithMaxQueries(n int) Option { return func(e *extension) { e.maxQueries = n } }

// WithMaxRows sets how many bugs one tag shows at most (DefaultMaxRows).
func WithMaxRows(n int) Option { return func(e *extension) { e.maxRows = n } }

// WithCacheExpiry sets how long a page that runs a search may be kept by
// the parser and page caches: the age a cached Bugzilla answer may reach,
// so that readers never see older bugs than the Client would give. Zero
// (the default) leaves the page's cache lifetime alone.
func WithCacheExpiry(d time.Duration) Option { return func(e *extension) { e.cacheExpiry = d } }

// New returns the extension.
func New(opts ...Option) wikitext.Extender {
	e := &extension{maxQueries: DefaultMaxQueries, maxRows: DefaultMaxRows}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend registers <bugzilla>.
func (e *extension) Extend(p *wikitext.Parser) { _ = p.AddTag("bugzilla", e.tag) }

// countKey is the per-parse slot counting the tags run so far.
const countKey = "bugzilla.queries"

// tag renders one <bugzilla> tag.
func (e *extension) tag(f *preprocess.Frame, _ string, attrText string, content *string) string {
	exp := f.Expander()
	if e.client == nil {
		return errorBox("Bugzilla is not configured on this wiki (bugzilla_url)")
	}
	n, _ := exp.Data[countKey].(int)
	if n >= e.maxQueries {
		return errorBox("This page has more than " + strconv.Itoa(e.maxQueries) + " Bugzilla queries; the rest are not run")
	}
	exp.Data[countKey] = n + 1
	body := ""
	if content != nil {
		body = *content
	}
	spec, err := parseSpec(html.DecodeTagAttributes(attrText), body)
	if err != nil {
		return errorBox(err.Error())
	}
	if e.cacheExpiry > 0 {
		wikitext.LowerCacheExpiry(f, e.cacheExpiry)
	}
	ctx := exp.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := e.client.Search(ctx, spec.query())
	if err != nil {
		return errorBox(err.Error())
	}
	return e.render(spec, res)
}

// errorBox is the HTML shown instead of the bugs; msg is escaped and
// ends with a full stop.
func errorBox(msg string) string {
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return `<div class="error mw-ext-bugzilla-error" role="alert"><strong>Bugzilla:</strong> ` +
		html.EscapeHTML(msg) + `</div>`
}
