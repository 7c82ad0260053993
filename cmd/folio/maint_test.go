package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMaintCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"FOLIO_DATA": filepath.Join(dir, "data"), "FOLIO_LOG_LEVEL": "warn"}
	mustEdits(t, env["FOLIO_DATA"], 4)
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("correct horse battery\n"), 0o600)
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("abc\n"), 0o600)
	list := filepath.Join(dir, "titles")
	os.WriteFile(list, []byte("P1\nP2\n# a comment\nNo such page\n"), 0o600)
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr string
	}{
		{"user", []string{"user", "create", "Alice", "--password-file", pw}, "", ""},
		{"recount", []string{"maint", "recount"}, "4 pages, 4 articles, 4 edits, 1 users", ""},
		{"rebuild links", []string{"maint", "rebuild-links"}, "Rebuilt the links of 4 pages", ""},
		{"password", []string{"maint", "password", "Alice", "--password-file", pw}, "Changed the password of Alice", ""},
		{"password too short", []string{"maint", "password", "Alice", "--password-file", short}, "", "at least"},
		{"groups", []string{"maint", "groups", "Alice", "--add", "sysop", "--add", "bureaucrat"}, "sysop, bureaucrat", ""},
		{"groups remove", []string{"maint", "groups", "Alice", "--remove", "sysop"}, "groups: bureaucrat", ""},
		{"unknown group", []string{"maint", "groups", "Alice", "--add", "wizard"}, "", "Unknown group"},
		{"read-only on", []string{"readonly", "on", "--reason", "cleanup window"}, "read-only", ""},
		{"delete refused", []string{"maint", "delete", "--reason", "spam", list}, "", "cleanup window"},
		{"delete anyway", []string{"maint", "delete", "--reason", "spam", "--ignore-readonly", list}, "Deleted 2 pages; 1 were already missing", ""},
		{"recount after delete", []string{"maint", "recount", "--ignore-readonly"}, "2 pages", ""},
		{"unknown task", []string{"maint", "polish"}, "", "expected a task"},
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
}
