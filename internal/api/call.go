package api

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
)

// call is one API request: its parameters, session and result.
type call struct {
	ctx     context.Context
	w       http.ResponseWriter
	r       *http.Request
	form    url.Values
	used    map[string]bool
	st      *session.State
	fv      int
	errfmt  string // errorformat: bc, plaintext, wikitext, html, raw, none
	result  *obj
	warns   []apiWarning
	module  string // the module being run, for warnings
	high    bool   // apihighlimits
	cont    *obj   // continue values set by modules
	rawcont *obj   // query-continue, for rawcontinue
	html    string // a whole HTML page to send instead of the result (help)
	array   []any  // a JSON array to send instead of the result (opensearch)
	xml     []byte // an XML document to send instead of the result (opensearch)
	// anonymous is set for origin=* and JSONP requests, which never use or
	// start a session.
	anonymous bool
}

// user returns the logged-in user, nil for anonymous requests.
func (c *call) user() *folio.User { return c.st.User }

// ip is the address anonymous edits are credited to.
func (c *call) ip() string {
	host, _, err := net.SplitHostPort(c.r.RemoteAddr)
	if err != nil {
		return c.r.RemoteAddr
	}
	return host
}

// has reports whether parameter name was given.
func (c *call) has(name string) bool {
	c.used[name] = true
	_, ok := c.form[name]
	return ok
}

// str returns parameter name, or "" when absent.
func (c *call) str(name string) string {
	c.used[name] = true
	return c.form.Get(name)
}

// strDefault returns parameter name, or def when absent.
func (c *call) strDefault(name, def string) string {
	if !c.has(name) {
		return def
	}
	return c.str(name)
}

// required returns parameter name or a missingparam error.
func (c *call) required(name string) (string, error) {
	v := c.str(name)
	if v == "" {
		return "", usageError("missingparam", fmt.Sprintf("The %q parameter is required.", name))
	}
	return v, nil
}

// boolean reports whether parameter name is set: MediaWiki treats any
// given value, even empty, as true.
func (c *call) boolean(name string) bool { return c.has(name) }

// integer returns parameter name as an integer, def when absent.
func (c *call) integer(name string, def int64) (int64, error) {
	v := strings.TrimSpace(c.str(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, usageError("badinteger", fmt.Sprintf("%q is not a valid integer for the %q parameter.", v, name))
	}
	return n, nil
}

// limit reads a limit parameter: "max" or a number clamped to the maximum
// (max, or highMax with apihighlimits), with a warning when clamped.
func (c *call) limit(name string, def, max, highMax int) (int, error) {
	if c.high {
		max = highMax
	}
	v := c.str(name)
	if v == "" {
		return def, nil
	}
	if v == "max" {
		c.result.child("limits").set(moduleName(c.module), max)
		return max, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, usageError("badinteger", fmt.Sprintf("%q is not a valid integer for the %q parameter.", v, name))
	}
	if n > max {
		c.warn("integeroutofrange", fmt.Sprintf("The value of %q was lowered from %d to the maximum of %d.", name, n, max))
		return max, nil
	}
	if n < 1 {
		c.warn("integeroutofrange", fmt.Sprintf("The value of %q was raised from %d to the minimum of 1.", name, n))
		return 1, nil
	}
	return n, nil
}

// multi splits a multi-value parameter: on U+001F when the value starts
// with it, on "|" otherwise.
func (c *call) multi(name string) []string {
	return splitMulti(c.str(name))
}

// multiLimited is multi for parameters that take at most 50 values (500
// with apihighlimits), such as titles; more is a toomanyvalues error.
func (c *call) multiLimited(name string) ([]string, error) {
	vals := c.multi(name)
	limit := 50
	if c.high {
		limit = 500
	}
	if len(vals) > limit {
		e := usageError("toomanyvalues", fmt.Sprintf("The %q parameter takes at most %d values.", name, limit))
		e.Extra = newObj().set("limit", limit).set("lowlimit", 50).set("highlimit", 500)
		return nil, e
	}
	return vals, nil
}

func splitMulti(v string) []string {
	if v == "" {
		return nil
	}
	if strings.HasPrefix(v, "\x1f") {
		return strings.Split(v[1:], "\x1f")
	}
	return strings.Split(v, "|")
}

// enum reads a single-valued parameter that must be one of allowed.
func (c *call) enum(name, def string, allowed ...string) (string, error) {
	v := c.strDefault(name, def)
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", usageError("badvalue", fmt.Sprintf("%q is not a known value for the %q parameter.", v, name))
}

// set reads a multi-valued parameter restricted to allowed values; unknown
// values are dropped with a warning. An absent parameter gives def.
func (c *call) set(name string, def []string, allowed ...string) map[string]bool {
	vals := def
	if c.has(name) {
		vals = c.multi(name)
	}
	out := map[string]bool{}
	var bad []string
	for _, v := range vals {
		if v == "*" && len(allowed) > 0 {
			for _, a := range allowed {
				out[a] = true
			}
			continue
		}
		if contains(allowed, v) {
			out[v] = true
		} else if v != "" {
			bad = append(bad, v)
		}
	}
	if len(bad) > 0 {
		c.warn("unrecognizedvalues", fmt.Sprintf("Unknown values for the %q parameter: %s.", name, strings.Join(bad, ", ")))
	}
	return out
}

// ts reads a timestamp parameter in any of MediaWiki's common formats.
func (c *call) ts(name string) (time.Time, error) {
	v := c.str(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, ok := parseTimestamp(v)
	if !ok {
		return time.Time{}, usageError("badtimestamp", fmt.Sprintf("%q is not a valid timestamp for the %q parameter.", v, name))
	}
	return t, nil
}

func parseTimestamp(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", "20060102150405", time.RFC3339, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && len(v) <= 10 {
		return time.Unix(n, 0).UTC(), true
	}
	if v == "now" {
		return time.Now().UTC(), true
	}
	return time.Time{}, false
}

// title parses a page title parameter value.
func (c *call) title(s *Server, v string) (folio.Title, error) {
	t, err := s.Namespaces.ParseTitle(v, folio.NSMain)
	if err != nil || t.DBKey == "" || t.Interwiki != "" {
		return folio.Title{}, usageError("invalidtitle", fmt.Sprintf("Bad title %q.", v))
	}
	return t, nil
}

// moduleName is the last part of a module path: "revisions" for
// "query+revisions", the key MediaWiki uses for limits and bc warnings.
func moduleName(path string) string {
	if i := strings.LastIndexByte(path, '+'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
