package sqldb

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"one", "CREATE TABLE a (x INT);\n", []string{"CREATE TABLE a (x INT)"}},
		{"multi-line and comments", "-- a comment; with a semicolon\nCREATE TABLE a (\n  x INT\n);\n\nINSERT INTO a VALUES (1);",
			[]string{"CREATE TABLE a (\n  x INT\n)", "INSERT INTO a VALUES (1)"}},
		{"no final semicolon", "SELECT 1", []string{"SELECT 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, SplitStatements(tt.in)); diff != "" {
				t.Errorf("SplitStatements(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestMigrations(t *testing.T) {
	fsys := fstest.MapFS{
		"0002_more.sql":    {Data: []byte("SELECT 2;")},
		"0001_initial.sql": {Data: []byte("SELECT 1;")},
		"README":           {Data: []byte("not a migration")},
	}
	ms, err := Migrations(fsys)
	if err != nil {
		t.Fatalf("Migrations() error: %v", err)
	}
	want := []Migration{{1, "initial", "SELECT 1;"}, {2, "more", "SELECT 2;"}}
	if diff := cmp.Diff(want, ms); diff != "" {
		t.Errorf("Migrations() (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"1_short.sql", "abcd_name.sql", "0003.sql"} {
		if _, err := Migrations(fstest.MapFS{bad: {Data: []byte("SELECT 1;")}}); err == nil {
			t.Errorf("Migrations(%s) = nil error, want one", bad)
		}
	}
}

func TestLikePrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Abc", "Abc%"},
		{"100%", "100!%%"},
		{"A_b", "A!_b%"},
		{"Wow!", "Wow!!%"},
	}
	for _, tt := range tests {
		if got := likePrefix(tt.in); got != tt.want {
			t.Errorf("likePrefix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTimestamps(t *testing.T) {
	tm := time.Date(2026, 11, 23, 13, 40, 5, 0, time.FixedZone("CET", 3600))
	if got := ts(tm); got != "20261123124005" {
		t.Errorf("ts(%v) = %q, want 20261123124005", tm, got)
	}
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"20261123124005", tm.UTC()},
		{"infinity", time.Time{}},
		{"", time.Time{}},
	} {
		got, err := parseTS(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseTS(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := parseTS("2026-11-23"); err == nil {
		t.Errorf("parseTS(2026-11-23) = nil error, want one")
	}
	if got := expiry(time.Time{}); got != "infinity" {
		t.Errorf("expiry(zero) = %q, want infinity", got)
	}
}
