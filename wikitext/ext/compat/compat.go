// Package compat renders browser-compatibility tables from MDN's
// @mdn/browser-compat-data: {{#compat:css.properties.border-radius}}
// becomes an accessible HTML table with one column per browser and one row
// per feature and subfeature.
//
// The data comes from the host: a Host that implements Source hands over
// the JSON of a feature, and one that implements TableCache keeps rendered
// tables, keyed by the requested path and the data's digest. The function
// also accepts the named form a Template:Compatibility page passes on:
//
//	{{#compat:feature=border-radius|topic=css|format=table}}
//
// Every string of the data is escaped; notes keep only <code>.
package compat

import (
	"context"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Feature is stored browser-compatibility data: the JSON object at Path.
type Feature struct {
	Path string // the stored path: the requested one or an ancestor
	JSON []byte // the object at Path, with __compat and subfeatures
	SHA  string // digest of JSON; part of the table cache key
	// Dependency, when its DBKey is set, is recorded as transcluded by
	// every page showing the feature, so that the host can purge those
	// pages when the data changes.
	Dependency env.Title
}

// Source is implemented by hosts that hold browser-compatibility data.
type Source interface {
	// CompatFeature returns the stored feature holding path: the one
	// stored under path itself or under its nearest ancestor. found is
	// false when there is none.
	CompatFeature(ctx context.Context, path string) (f Feature, found bool, err error)
}

// TableCache is implemented by hosts that keep rendered tables.
type TableCache interface {
	// CachedCompatTable returns the table stored under key.
	CachedCompatTable(ctx context.Context, key string) (html string, ok bool)
	// CacheCompatTable stores a rendered table under key.
	CacheCompatTable(ctx context.Context, key, html string)
}

// Error kinds of *Error.
const (
	ErrInvalid     = "invalid"     // the path or a parameter is malformed
	ErrUnknown     = "unknown"     // no data for the feature
	ErrBadData     = "baddata"     // the stored JSON cannot be rendered
	ErrUnavailable = "unavailable" // the host has no data or failed
)

// Error is a request the function cannot answer; Error() is the message
// shown to readers.
type Error struct {
	Kind string
	Msg  string
	Err  error // the host's error, for ErrUnavailable
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the host's error.
func (e *Error) Unwrap() error { return e.Err }

func errorf(kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Kind returns the kind of a *Error in err's chain, or "".
func Kind(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// ErrorHTML renders err as the error box shown instead of a table. The
// class "error" lets {{#iferror:}} catch it.
func ErrorHTML(err error) string {
	msg := "The browser compatibility table could not be shown."
	var e *Error
	if errors.As(err, &e) {
		msg = e.Msg
	}
	return `<strong class="error compat-error" role="alert">` + html.EscapeString(msg) + `</strong>`
}

// topics maps the topic parameter of Template:Compatibility (WebPlatform
// Docs) to the data's path prefix.
var topics = map[string]string{
	"css": "css.properties.", "html": "html.elements.", "javascript": "javascript.builtins.",
	"js": "javascript.builtins.", "api": "api.", "dom": "api.", "apis": "api.",
	"http": "http.headers.", "svg": "svg.elements.", "mathml": "mathml.elements.",
	"webassembly": "webassembly.", "webextensions": "webextensions.api.",
}

// pathPattern is what a feature path may look like: BCD keys are
// identifiers, CSS names with dashes, or symbols such as @@iterator.
var pathPattern = regexp.MustCompile(`^[A-Za-z0-9_$@\-]+(\.[A-Za-z0-9_$@\-]+)*$`)

// MaxPathLen bounds a feature path.
const MaxPathLen = 255

// ResolvePath turns a feature and an optional topic into a data path: a
// feature with a dot is a full path; otherwise the topic's prefix is put in
// front ("border-radius" in topic "css" is css.properties.border-radius).
func ResolvePath(topic, feature string) (string, error) {
	feature = strings.TrimSpace(feature)
	topic = strings.ToLower(strings.TrimSpace(topic))
	if feature == "" {
		return "", errorf(ErrInvalid, "No compatibility feature was given.")
	}
	if len(feature) > MaxPathLen || !pathPattern.MatchString(feature) {
		return "", errorf(ErrInvalid, "%q is not a valid compatibility feature path.", feature)
	}
	path := feature
	if !strings.Contains(feature, ".") {
		prefix, ok := topics[topic]
		if !ok {
			if topic == "" {
				return "", errorf(ErrInvalid, "The compatibility feature %q needs a topic (css, html, javascript, api…) or a full path such as css.properties.%s.", feature, feature)
			}
			return "", errorf(ErrInvalid, "Unknown compatibility topic %q.", topic)
		}
		path = prefix + feature
	}
	if len(path) > MaxPathLen || !pathPattern.MatchString(path) {
		return "", errorf(ErrInvalid, "%q is not a valid compatibility feature path.", path)
	}
	return path, nil
}

// CacheKey is the table cache key of a path rendered from data with the
// given digest.
func CacheKey(path, sha string) string { return "compat-table:v1:" + path + ":" + sha }

// Table returns the rendered table for path from src, through cache when
// it is not nil, and the feature it was made from. Errors are *Error.
func Table(ctx context.Context, src Source, cache TableCache, path string) (string, Feature, error) {
	if len(path) > MaxPathLen || !pathPattern.MatchString(path) {
		return "", Feature{}, errorf(ErrInvalid, "%q is not a valid compatibility feature path.", path)
	}
	if src == nil {
		return "", Feature{}, errorf(ErrUnavailable, "This wiki has no browser compatibility data.")
	}
	f, found, err := src.CompatFeature(ctx, path)
	if err != nil {
		return "", f, &Error{Kind: ErrUnavailable, Err: err,
			Msg: fmt.Sprintf("The compatibility data for %q could not be loaded.", path)}
	}
	if !found {
		return "", f, errorf(ErrUnknown, "There is no browser compatibility data for %q.", path)
	}
	key := CacheKey(path, f.SHA)
	if cache != nil && f.SHA != "" {
		if h, ok := cache.CachedCompatTable(ctx, key); ok {
			return h, f, nil
		}
	}
	h, err := Render(path, f)
	if err != nil {
		return "", f, err
	}
	if cache != nil && f.SHA != "" {
		cache.CacheCompatTable(ctx, key, h)
	}
	return h, f, nil
}

type extension struct{}

// New returns the extension.
func New() wikitext.Extender { return extension{} }

// Extend registers #compat.
func (extension) Extend(p *wikitext.Parser) { _ = p.AddFunction("#compat", compatFunc) }

// compatFunc is {{#compat:path}} or {{#compat:feature=…|topic=…|format=table}}.
func compatFunc(f *preprocess.Frame, a *preprocess.Args) string {
	exp := f.Expander()
	out := func(h string) string { return exp.Strip("general", "compat", h) }
	path, err := requestPath(a)
	if err != nil {
		return errorBox(exp, err)
	}
	src, _ := exp.Host.(Source)
	cache, _ := exp.Host.(TableCache)
	h, feat, err := Table(exp.Ctx, src, cache, path)
	if feat.Dependency.DBKey != "" {
		addDependency(exp, feat.Dependency)
	}
	if err != nil {
		if e := (*Error)(nil); errors.As(err, &e) && e.Err != nil {
			exp.HostError(e.Err) // do not cache a page rendered during an outage
		}
		return errorBox(exp, err)
	}
	return out(h)
}

// errorBox returns the error box with its element in plain text, so that
// {{#iferror:}} sees the class, and its message behind a strip marker.
func errorBox(exp *preprocess.Expander, err error) string {
	box := ErrorHTML(err)
	open := box[:strings.IndexByte(box, '>')+1]
	inner := strings.TrimSuffix(box[len(open):], "</strong>")
	return open + exp.Strip("general", "compat", inner) + "</strong>"
}

// requestPath reads the arguments of #compat.
func requestPath(a *preprocess.Args) (string, error) {
	params := map[string]string{}
	first := a.Expand(0)
	if name, value, ok := strings.Cut(first, "="); ok {
		params[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	} else {
		params["feature"] = first
	}
	for i := 1; i < a.Len(); i++ {
		if name, value, ok := a.NameValue(i); ok {
			params[strings.ToLower(name)] = value
		}
	}
	if format := params["format"]; format != "" && format != "table" {
		return "", errorf(ErrInvalid, "Unsupported compatibility format %q; only \"table\" is available.", format)
	}
	return ResolvePath(params["topic"], params["feature"])
}

// addDependency records t as transcluded, once: the host stores it with
// the page's templates and purges the page when t changes.
func addDependency(exp *preprocess.Expander, t env.Title) {
	for _, have := range exp.Templates {
		if have == t {
			return
		}
	}
	exp.Templates = append(exp.Templates, t)
}
