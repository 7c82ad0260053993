package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMaintAdminCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"FOLIO_DATA": filepath.Join(dir, "data"), "FOLIO_LOG_LEVEL": "warn"}
	mustEdits(t, env["FOLIO_DATA"], 4)
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("correct horse battery\n"), 0o600)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr string
	}{
		{"user", []string{"user", "create", "Bob", "--password-file", pw}, "", ""},
		{"block", []string{"maint", "block", "Bob", "--reason", "vandalism", "--expiry", "72h"}, "Blocked Bob until", ""},
		{"block forever", []string{"maint", "block", "Bob", "--reason", "again"}, "Blocked Bob indefinitely", ""},
		{"block bad expiry", []string{"maint", "block", "Bob", "--reason", "x", "--expiry", "soon"}, "", "neither a positive duration"},
		{"block unknown user", []string{"maint", "block", "Nobody", "--reason", "x"}, "", "does not exist"},
		{"unblock", []string{"maint", "unblock", "Bob", "--reason", "appeal granted"}, "Unblocked Bob", ""},
		{"delete", []string{"maint", "delete", "--reason", "test", write("del", "P1\n")}, "Deleted 1 pages", ""},
		{"undelete", []string{"maint", "undelete", "--reason", "restore", write("undel", "P1\nNever existed\n")}, "Restored 1 pages; skipped 1", ""},
		{"move", []string{"maint", "move", "--reason", "rename", write("mv", "P2|P2 renamed\nno separator\nMissing page|Elsewhere\n")}, "Moved 1 pages; skipped 2", ""},
		{"rebuild-rc", []string{"maint", "rebuild-rc", "--days", "30"}, "missing recent changes from the last 30 days", ""},
		{"rebuild-rc bad days", []string{"maint", "rebuild-rc", "--days", "0"}, "", "must be positive"},
		{"integrity", []string{"maint", "integrity-check"}, "No problems found.", ""},
		{"rebuild-search", []string{"maint", "rebuild-search"}, "Indexed 5 pages for search.", ""},
		{"purge titles", []string{"maint", "purge", "P3", "P2 renamed"}, "Queued the purge of 2 pages in 1 jobs", ""},
		{"purge all", []string{"maint", "purge", "--all"}, "Queued the purge of", ""},
		{"purge nothing", []string{"maint", "purge"}, "", "give titles or --all"},
	}
	for _, tt := range tests {
		out, err := runCLI(t, env, tt.args...)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: folio %v error = %v, want %q", tt.name, tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("%s: folio %v = %q, %v; want output containing %q", tt.name, tt.args, out, err, tt.want)
		}
	}
	// A log of what was done, as MediaWiki's maintenance scripts leave.
	w := MustRunMain(t, map[string]string{"FOLIO_DATA": env["FOLIO_DATA"]})
	for _, want := range []string{"Maintenance script", "blocked", "unblocked", "moved"} {
		if _, body := mustGet(t, w.URL+"/wiki/Special:Log"); !strings.Contains(body, want) {
			t.Errorf("Special:Log lacks %q", want)
		}
	}
}

// TestMaintPurgeReachesServer checks that "maint purge" from a shell
// empties the page cache of a running server through the job queue.
func TestMaintPurgeReachesServer(t *testing.T) {
	w := MustRunMain(t, nil)
	get := func() string {
		resp, err := http.Get(w.URL + "/wiki/Main_Page")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Cache")
	}
	get()
	if xc := get(); xc != "HIT" {
		t.Fatalf("second read X-Cache = %q, want HIT", xc)
	}
	if _, err := runCLI(t, map[string]string{"FOLIO_DATA": w.Data, "FOLIO_LOG_LEVEL": "warn"}, "maint", "purge", "Main Page"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for get() == "HIT" {
		if time.Now().After(deadline) {
			t.Fatal("the page is still cached 20s after maint purge")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
