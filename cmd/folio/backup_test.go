package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// runCLI runs one folio command in-process with env and returns stdout.
func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard,
		Getenv: func(k string) string { return env[k] }}
	err := m.Run(context.Background(), args)
	return out.String(), err
}

// mustEdits writes n pages into the SQLite database of data.
func mustEdits(t *testing.T, data string, n int) {
	t.Helper()
	c := DefaultConfig()
	c.Data = data
	db, err := openSQL(&c)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		_, err := db.SaveRevision(ctx, &folio.Edit{DBKey: fmt.Sprintf("P%d", i), Text: "text",
			Actor: folio.Actor{Name: "192.0.2.1"}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	src := map[string]string{"FOLIO_DATA": filepath.Join(dir, "data"), "FOLIO_LOG_LEVEL": "warn"}
	dst := map[string]string{"FOLIO_DATA": filepath.Join(dir, "restored"), "FOLIO_LOG_LEVEL": "warn"}
	mustEdits(t, src["FOLIO_DATA"], 5)
	root := filepath.Join(dir, "backups")
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    string
		wantErr string
	}{
		{"backup", src, []string{"backup", "--to", root}, "5 pages, 5 revisions", ""},
		{"verify", nil, []string{"backup", "verify", root}, "is intact", ""},
		{"restore", dst, []string{"restore", "--from", root}, "revision checksums match", ""},
		{"drill", src, []string{"drill", "--from", root}, "Drill passed", ""},
		{"restore again", dst, []string{"restore", "--from", root}, "", "holds a wiki"},
		{"backup without --to", src, []string{"backup"}, "", "--to DIR is required"},
		{"verify nothing", nil, []string{"backup", "verify", dir}, "", "no complete backup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runCLI(t, tt.env, tt.args...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("folio %v error = %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || !strings.Contains(out, tt.want) {
				t.Errorf("folio %v = %q, %v; want output containing %q", tt.args, out, err, tt.want)
			}
		})
	}
}

func TestBackupFilesCommands(t *testing.T) {
	dir := t.TempDir()
	src := map[string]string{"FOLIO_DATA": filepath.Join(dir, "data")}
	dst := map[string]string{"FOLIO_DATA": filepath.Join(dir, "restored")}
	mustEdits(t, src["FOLIO_DATA"], 1)
	files := filepath.Join(dir, "images")
	bs := localfs.NewBlobStore(files)
	if err := bs.Open(); err != nil {
		t.Fatal(err)
	}
	if err := bs.Put(context.Background(), "orig/a/ab/abc", strings.NewReader("png bytes"), 9); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "backups")
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{src, []string{"backup", "--to", root, "--files", files}, "Files: 1 (9 B)"},
		{nil, []string{"backup", "verify", root}, "is intact"},
		{dst, []string{"restore", "--from", root, "--files", filepath.Join(dir, "images2")}, "Restored 1 files"},
	}
	for _, tt := range tests {
		out, err := runCLI(t, tt.env, tt.args...)
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("folio %v = %q, %v; want output containing %q", tt.args, out, err, tt.want)
		}
	}
}

// TestBackupToS3 backs up to and restores from an S3 bucket served by
// gofakes3.
func TestBackupToS3(t *testing.T) {
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	defer srv.Close()
	loc := "s3+http://key:secret@" + strings.TrimPrefix(srv.URL, "http://") + "/backups/wiki1?path_style=true&create=true&region=us-east-1"
	dir := t.TempDir()
	src := map[string]string{"FOLIO_DATA": filepath.Join(dir, "data")}
	dst := map[string]string{"FOLIO_DATA": filepath.Join(dir, "restored")}
	mustEdits(t, src["FOLIO_DATA"], 3)
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{src, []string{"backup", "--to", loc}, "Uploaded"},
		{dst, []string{"restore", "--from", loc}, "3 pages, 3 revisions"},
	}
	for _, tt := range tests {
		out, err := runCLI(t, tt.env, tt.args...)
		if err != nil || !strings.Contains(out, tt.want) || strings.Contains(out, "secret") {
			t.Errorf("folio %v = %q, %v; want output containing %q and no secret", tt.args[:1], out, err, tt.want)
		}
	}
}
