// Package bugzillatest provides a fake Bugzilla REST server for tests: it
// answers GET /rest/bug on loopback over real HTTP, filtering its bugs by
// the query parameters the way Bugzilla's search does for plain fields.
package bugzillatest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Server is a running fake. Set APIKey to require that key.
type Server struct {
	*httptest.Server
	Bugs   []map[string]any
	APIKey string

	mu       sync.Mutex
	requests int
	keys     []string
}

// NewServer starts a fake serving bugs and closes it when the test ends.
func NewServer(tb testing.TB, bugs []map[string]any) *Server {
	tb.Helper()
	s := &Server{Bugs: bugs}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// Requests returns how many searches the fake answered.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Keys returns the API keys the requests carried, in order.
func (s *Server) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.keys...)
}

// SampleBugs are three bugs of product "Wiki", one with a hostile summary.
func SampleBugs() []map[string]any {
	return []map[string]any{
		{"id": 101, "summary": "Search results miss redirects", "status": "NEW", "resolution": "",
			"product": "Wiki", "component": "Search", "priority": "P2", "last_change_time": "2026-03-04T05:06:07Z"},
		{"id": 102, "summary": "Edit toolbar <img src=x onerror=alert(1)> breaks", "status": "NEW", "resolution": "",
			"product": "Wiki", "component": "Editor", "priority": "P1", "last_change_time": "2026-03-05T05:06:07Z"},
		{"id": 103, "summary": "Login form forgets the user name", "status": "RESOLVED", "resolution": "FIXED",
			"product": "Wiki", "component": "Accounts", "priority": "P3", "last_change_time": "2026-03-06T05:06:07Z"},
		{"id": 201, "summary": "Other product bug", "status": "NEW", "resolution": "",
			"product": "Other", "component": "General", "priority": "P2", "last_change_time": "2026-03-07T05:06:07Z"},
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	key := r.Header.Get("X-BUGZILLA-API-KEY")
	s.keys = append(s.keys, key)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path != "/rest/bug" || r.Method != http.MethodGet {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":true,"code":32614,"message":"A REST API resource was not found."}`)
		return
	}
	if s.APIKey != "" && key != s.APIKey {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":true,"code":306,"message":"The API key you specified is invalid."}`)
		return
	}
	q := r.URL.Query()
	var found []map[string]any
	for _, b := range s.Bugs {
		if matches(b, q) {
			found = append(found, b)
		}
	}
	if q.Get("count_only") != "" {
		_ = json.NewEncoder(w).Encode(map[string]int{"bug_count": len(found)})
		return
	}
	fields := strings.Split(q.Get("include_fields"), ",")
	out := make([]map[string]any, 0, len(found))
	for _, b := range found {
		out = append(out, pick(b, fields))
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"bugs": out})
}

// searchFields are the parameters the fake filters on.
var searchFields = []string{"product", "component", "status", "resolution", "priority", "id"}

func matches(b map[string]any, q map[string][]string) bool {
	for _, f := range searchFields {
		want, ok := q[f]
		if !ok {
			continue
		}
		have := fmt.Sprint(b[f])
		hit := false
		for _, w := range want {
			hit = hit || strings.EqualFold(w, have)
		}
		if !hit {
			return false
		}
	}
	return true
}

func pick(b map[string]any, fields []string) map[string]any {
	if len(fields) == 1 && fields[0] == "" {
		return b
	}
	out := map[string]any{}
	for _, f := range fields {
		if v, ok := b[f]; ok {
			out[f] = v
		}
	}
	return out
}
