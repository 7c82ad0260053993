package bugzilla

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
)

// Limits on what one tag may ask for.
const (
	maxBodyBytes = 8 << 10
	maxParams    = 50
	maxValues    = 100
	maxColumns   = 20
)

// DefaultColumns are the fields a table shows when the tag names none.
var DefaultColumns = []string{"id", "summary", "status", "resolution", "last_change_time"}

// Display modes.
const (
	displayTable = "table"
	displayList  = "list"
	displayCount = "count"
)

// spec is a parsed tag.
type spec struct {
	params  url.Values
	columns []string
	display string
	sortBy  string
	desc    bool
}

// query returns the search the tag runs.
func (s *spec) query() Query {
	if s.display == displayCount {
		return Query{Params: s.params, CountOnly: true}
	}
	fields := append([]string(nil), s.columns...)
	if !contains(fields, "id") {
		fields = append([]string{"id"}, fields...)
	}
	if s.sortBy != "" && !contains(fields, s.sortBy) {
		fields = append(fields, s.sortBy)
	}
	return Query{Params: s.params, Fields: fields}
}

// fieldAliases maps the column names of Bugzilla's web interface, which
// MediaWiki's extension accepts, to the REST API's field names.
var fieldAliases = map[string]string{
	"bug_id": "id", "short_desc": "summary", "bug_status": "status", "bug_severity": "severity",
	"rep_platform": "platform", "reporter": "creator", "changeddate": "last_change_time",
	"delta_ts": "last_change_time", "opendate": "creation_time", "creation_ts": "creation_time",
	"status_whiteboard": "whiteboard", "assignee": "assigned_to",
}

// forbiddenParams carry credentials: the server's API key is the only one
// sent, and only as a header.
var forbiddenParams = map[string]bool{
	"api_key": true, "bugzilla_api_key": true, "bugzilla_login": true, "bugzilla_password": true,
	"bugzilla_token": true, "token": true, "login": true, "password": true,
}

// parseSpec reads the tag's attributes and JSON body.
func parseSpec(attrs html.Attrs, body string) (*spec, error) {
	s := &spec{display: displayTable}
	if v, ok := attrs.Get("display"); ok {
		s.display = strings.ToLower(strings.TrimSpace(v))
	}
	if v, _ := attrs.Get("type"); strings.EqualFold(strings.TrimSpace(v), "count") {
		s.display = displayCount
	}
	switch s.display {
	case displayTable, displayList, displayCount:
	default:
		return nil, fmt.Errorf("display must be table, list or count, not %q", s.display)
	}
	params, cols, err := parseQuery(body)
	if err != nil {
		return nil, err
	}
	s.params = params
	if v, ok := attrs.Get("columns"); ok {
		cols = v
	}
	if s.columns, err = parseColumns(cols); err != nil {
		return nil, err
	}
	return s, s.parseSort(attrs)
}

// parseSort reads the sort and order attributes.
func (s *spec) parseSort(attrs html.Attrs) error {
	v, _ := attrs.Get("sort")
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "-") {
		s.desc, v = true, v[1:]
	}
	if o, _ := attrs.Get("order"); strings.EqualFold(strings.TrimSpace(o), "desc") {
		s.desc = true
	}
	if v == "" {
		return nil
	}
	name, err := fieldName(v)
	if err != nil {
		return fmt.Errorf("sort: %w", err)
	}
	s.sortBy = name
	return nil
}

// parseQuery decodes the JSON object of search parameters. It returns the
// REST parameters and the include_fields value, if any.
func parseQuery(body string) (url.Values, string, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, "", errors.New("the tag needs a JSON object of search parameters, such as {\"product\": \"Wiki\"}")
	}
	if len(body) > maxBodyBytes {
		return nil, "", fmt.Errorf("the query is longer than %d bytes", maxBodyBytes)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, "", fmt.Errorf("the query is not a JSON object: %s", jsonError(err))
	}
	if dec.More() {
		return nil, "", errors.New("the query has text after its JSON object")
	}
	if len(raw) > maxParams {
		return nil, "", fmt.Errorf("the query has more than %d parameters", maxParams)
	}
	params := url.Values{}
	cols := ""
	for k, v := range raw {
		vals, err := paramValues(k, v)
		if err != nil {
			return nil, "", err
		}
		switch lk := strings.ToLower(k); {
		case lk == "include_fields" || lk == "columns":
			cols = strings.Join(vals, ",")
		case lk == "exclude_fields" || lk == "count_only":
			// The tag decides what it fetches.
		case forbiddenParams[lk]:
			return nil, "", fmt.Errorf("the query may not contain %q: credentials belong in the wiki's configuration", k)
		default:
			params[k] = vals
		}
	}
	return params, cols, nil
}

// jsonError shortens a JSON error for readers.
func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	return err.Error()
}

// paramValues turns one JSON value into query values.
func paramValues(key string, v any) ([]string, error) {
	if !validKey(key) {
		return nil, fmt.Errorf("%q is not a Bugzilla search parameter", key)
	}
	if arr, ok := v.([]any); ok {
		if len(arr) > maxValues {
			return nil, fmt.Errorf("%q has more than %d values", key, maxValues)
		}
		out := make([]string, 0, len(arr))
		for _, e := range arr {
			s, ok := scalar(e)
			if !ok {
				return nil, fmt.Errorf("the values of %q must be strings, numbers or booleans", key)
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok := scalar(v)
	if !ok {
		return nil, fmt.Errorf("the value of %q must be a string, a number, a boolean or a list of them", key)
	}
	return []string{s}, nil
}

// scalar formats a JSON string, number or boolean.
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		if v {
			return "1", true
		}
		return "0", true
	}
	return "", false
}

// validKey accepts the characters of Bugzilla's parameter names (f1, o1,
// v1, short_desc_type, cf_custom…).
func validKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// parseColumns reads a comma-separated column list; empty means the
// default columns.
func parseColumns(s string) ([]string, error) {
	var cols []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, err := fieldName(part)
		if err != nil {
			return nil, fmt.Errorf("columns: %w", err)
		}
		if !contains(cols, name) {
			cols = append(cols, name)
		}
	}
	if len(cols) > maxColumns {
		return nil, fmt.Errorf("columns: at most %d columns may be shown", maxColumns)
	}
	if len(cols) == 0 {
		cols = append(cols, DefaultColumns...)
	}
	return cols, nil
}

// fieldName validates a bug field name and maps aliases.
func fieldName(s string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if a, ok := fieldAliases[name]; ok {
		name = a
	}
	if !validKey(name) || strings.ContainsAny(name, ".-") {
		return "", fmt.Errorf("%q is not a bug field", s)
	}
	return name, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
