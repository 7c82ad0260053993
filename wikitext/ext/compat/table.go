package compat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Bounds of one table, so that hostile data cannot make a huge page.
const (
	maxRows    = 300
	maxColumns = 30
	maxDepth   = 8
)

// browsers are the known browsers in column order, with display names.
var browsers = []struct{ id, name string }{
	{"chrome", "Chrome"}, {"edge", "Edge"}, {"firefox", "Firefox"}, {"opera", "Opera"},
	{"safari", "Safari"}, {"ie", "Internet Explorer"},
	{"chrome_android", "Chrome Android"}, {"firefox_android", "Firefox for Android"},
	{"opera_android", "Opera Android"}, {"safari_ios", "Safari on iOS"},
	{"samsunginternet_android", "Samsung Internet"}, {"webview_android", "WebView Android"},
	{"webview_ios", "WebView on iOS"}, {"oculus", "Quest Browser"},
	{"deno", "Deno"}, {"nodejs", "Node.js"}, {"bun", "Bun"},
}

// mirrors are the upstream browsers of BCD's "mirror" support values (the
// source tree writes "mirror" where a browser follows another one).
// sameVersions marks the pairs whose version numbers are shared.
var mirrors = map[string]string{
	"chrome_android": "chrome", "edge": "chrome", "opera": "chrome", "opera_android": "chrome_android",
	"samsunginternet_android": "chrome_android", "webview_android": "chrome_android",
	"firefox_android": "firefox", "safari_ios": "safari", "webview_ios": "safari_ios", "oculus": "chrome_android",
}

var sameVersions = map[string]bool{"chrome_android": true, "firefox_android": true,
	"safari_ios": true, "webview_android": true, "webview_ios": true}

// browserName returns the display name of a browser id.
func browserName(id string) string {
	for _, b := range browsers {
		if b.id == id {
			return b.name
		}
	}
	return id
}

// statement is one support statement of a browser.
type statement struct {
	VersionAdded    any    `json:"version_added"` // string, true, false or null
	VersionRemoved  any    `json:"version_removed"`
	Prefix          string `json:"prefix"`
	AlternativeName string `json:"alternative_name"`
	Flags           []struct {
		Type       string `json:"type"`
		Name       string `json:"name"`
		ValueToSet string `json:"value_to_set"`
	} `json:"flags"`
	PartialImplementation bool `json:"partial_implementation"`
	Notes                 any  `json:"notes"` // string or []string
	mirrorOf              string
	mirrorVersionless     bool
}

// compatBlock is a __compat object.
type compatBlock struct {
	Description string                     `json:"description"`
	Support     map[string]json.RawMessage `json:"support"`
	Status      *struct {
		Experimental  bool `json:"experimental"`
		StandardTrack bool `json:"standard_track"`
		Deprecated    bool `json:"deprecated"`
	} `json:"status"`
}

// row is one feature or subfeature of the table.
type row struct {
	key     string
	depth   int
	compat  compatBlock
	support map[string][]statement
}

// Render renders the table for path from f, whose JSON is the object at
// f.Path (path itself or an ancestor of it).
func Render(path string, f Feature) (string, error) {
	obj, err := subtree(path, f)
	if err != nil {
		return "", err
	}
	var rows []*row
	if err := collect(obj, lastSegment(path), 0, &rows); err != nil {
		return "", errorf(ErrBadData, "The compatibility data for %q is malformed.", path)
	}
	if len(rows) == 0 || rows[0].depth != 0 {
		return "", errorf(ErrUnknown, "There is no browser compatibility data for %q.", path)
	}
	for _, r := range rows {
		r.support = supportOf(r.compat.Support)
	}
	t := &tableWriter{path: path, id: anchorID(path)}
	return t.write(rows), nil
}

func lastSegment(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }

// subtree walks from f.Path down to path.
func subtree(path string, f Feature) (json.RawMessage, error) {
	rest := ""
	switch {
	case path == f.Path:
	case strings.HasPrefix(path, f.Path+"."):
		rest = path[len(f.Path)+1:]
	default:
		return nil, errorf(ErrUnknown, "There is no browser compatibility data for %q.", path)
	}
	cur := json.RawMessage(f.JSON)
	for seg := range strings.SplitSeq(rest, ".") {
		if seg == "" {
			continue
		}
		keys, vals, err := decodeObject(cur)
		if err != nil {
			return nil, errorf(ErrBadData, "The compatibility data for %q is malformed.", path)
		}
		i := slices.Index(keys, seg)
		if i < 0 || strings.HasPrefix(seg, "__") {
			return nil, errorf(ErrUnknown, "There is no browser compatibility data for %q.", path)
		}
		cur = vals[i]
	}
	return cur, nil
}

// decodeObject decodes a JSON object keeping the order of its keys.
func decodeObject(raw json.RawMessage) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("not an object")
	}
	var keys []string
	var vals []json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if i := slices.Index(keys, k); i >= 0 {
			vals[i] = v // a repeated key: the last one wins, as in encoding/json
			continue
		}
		keys, vals = append(keys, k), append(vals, v)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	return keys, vals, nil
}

// collect appends the rows of the feature obj named key and of its
// subfeatures, depth first in data order. Objects without __compat are
// skipped but their children kept only at the top.
func collect(obj json.RawMessage, key string, depth int, rows *[]*row) error {
	if depth > maxDepth || len(*rows) >= maxRows {
		return nil
	}
	keys, vals, err := decodeObject(obj)
	if err != nil {
		return err
	}
	i := slices.Index(keys, "__compat")
	if i < 0 {
		return nil
	}
	r := &row{key: key, depth: depth}
	if err := json.Unmarshal(vals[i], &r.compat); err != nil {
		return err
	}
	*rows = append(*rows, r)
	for j, k := range keys {
		if strings.HasPrefix(k, "__") || len(vals[j]) == 0 || vals[j][0] != '{' {
			continue
		}
		if err := collect(vals[j], k, depth+1, rows); err != nil {
			return err
		}
	}
	return nil
}

// supportOf decodes the support statements of each browser, resolving
// "mirror" values against the upstream browser.
func supportOf(raw map[string]json.RawMessage) map[string][]statement {
	out := map[string][]statement{}
	var mirrored []string
	for id, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			if s == "mirror" {
				mirrored = append(mirrored, id)
			}
			continue
		}
		var list []statement
		if err := json.Unmarshal(v, &list); err != nil {
			var one statement
			if json.Unmarshal(v, &one) != nil {
				continue // unreadable: shown as unknown
			}
			list = []statement{one}
		}
		out[id] = list
	}
	slices.Sort(mirrored)
	for range 3 { // mirrors of mirrors (webview_ios → safari_ios → safari)
		for _, id := range mirrored {
			up, ok := out[mirrors[id]]
			if _, done := out[id]; done || !ok || len(up) == 0 {
				continue
			}
			s := up[0]
			s.mirrorOf, s.mirrorVersionless = mirrors[id], !sameVersions[id]
			s.Notes = nil
			out[id] = []statement{s}
		}
	}
	return out
}

// anchorID makes an id prefix for footnote anchors from a path.
func anchorID(path string) string {
	var b strings.Builder
	b.WriteString("compat-")
	for _, c := range path {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// tagPattern finds tags in notes and descriptions.
var tagPattern = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>`)

// richText escapes s, which BCD writes as HTML, keeping only balanced
// <code> elements; other tags are dropped and their text kept.
func richText(s string) string {
	var b strings.Builder
	open := 0
	last := 0
	for _, m := range tagPattern.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(html.EscapeString(s[last:m[0]]))
		last = m[1]
		if !strings.EqualFold(s[m[4]:m[5]], "code") {
			continue
		}
		switch {
		case m[3] > m[2] && open > 0:
			b.WriteString("</code>")
			open--
		case m[3] == m[2]:
			b.WriteString("<code>")
			open++
		}
	}
	b.WriteString(html.EscapeString(s[last:]))
	b.WriteString(strings.Repeat("</code>", open))
	return b.String()
}

// versionText formats version_added or version_removed.
func versionText(v any) (text, class string) {
	switch v := v.(type) {
	case string:
		if v == "preview" {
			return "Preview", "compat-preview"
		}
		return v, "compat-yes"
	case bool:
		if v {
			return "Yes", "compat-yes"
		}
		return "No", "compat-no"
	}
	return "?", "compat-unknown"
}

// notes returns the notes of a statement as a list.
func notes(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, n := range v {
			if s, ok := n.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
