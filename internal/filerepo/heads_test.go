package filerepo_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"image/color"
	"image/png"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/postgres"
	"github.com/folio-wiki/folio/internal/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// TestTwoWebHeads runs two repositories the way two Folio processes run:
// each with its own database connections and S3 client, sharing one
// database and one bucket. A file uploaded through one is served, with its
// thumbnail, by the other at once. It uses PostgreSQL and a real S3 server
// when FOLIO_TEST_POSTGRES_DSN and FOLIO_TEST_S3_ENDPOINT are set, and a
// SQLite file and an in-process fake S3 otherwise.
func TestTwoWebHeads(t *testing.T) {
	openDB := sharedDatabase(t)
	openBlobs := sharedBucket(t)
	var heads []*filerepo.Repo
	for range 2 {
		s := openDB(t)
		r := filerepo.New(s.(folio.FileStore), openBlobs(t))
		r.Log = s
		heads = append(heads, r)
	}
	a, b := heads[0], heads[1]
	f := MustUpload(t, a, "Shared.png", pngOf(t, 64, 32, color.RGBA{0, 0, 200, 255}), alice)
	svg := MustUpload(t, a, "Shared.svg", []byte(greenSVG), alice)
	var wg sync.WaitGroup
	for _, h := range heads { // both heads make the same thumbnails at once
		wg.Go(func() {
			checkServed(t, h, h.ThumbURL(f, 16), 16, 8)
			checkServed(t, h, h.ThumbURL(svg, 90), 90, 45)
		})
	}
	wg.Wait()
	checkServed(t, b, b.URL(f), 64, 32)
	if _, err := a.Delete(context.Background(), filerepo.DeleteRequest{Name: "Shared.png", Actor: bob}); err != nil {
		t.Fatalf("Delete() through head A error: %v", err)
	}
	if res, _ := get(t, b.Handler(), b.URL(f)); res.StatusCode != 404 {
		t.Errorf("after deletion through A, head B serves %s with %d, want 404", b.URL(f), res.StatusCode)
	}
}

// checkServed fetches path from r and checks it is a w×h PNG.
func checkServed(t *testing.T, r *filerepo.Repo, path string, w, h int) {
	t.Helper()
	res, body := get(t, r.Handler(), path)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("GET %s = %d %s (%.80s), want a PNG", path, res.StatusCode, res.Header.Get("Content-Type"), body)
		return
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Errorf("GET %s decodes to %v, %v; want %d×%d", path, boundsOf(img), err, w, h)
	}
}

// sharedDatabase returns a function opening new connections to one fresh
// database.
func sharedDatabase(t *testing.T) func(testing.TB) folio.Store {
	dsn := os.Getenv("FOLIO_TEST_POSTGRES_DSN")
	if dsn == "" {
		path := filepath.Join(t.TempDir(), "shared.db")
		return func(tb testing.TB) folio.Store { return MustOpenStore(tb, path) }
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open admin connection: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	name := "folio_test_files_" + strings.ToLower(rand.Text()[:10])
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() { admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse DSN: %v", err)
	}
	u.Path = "/" + name
	return func(tb testing.TB) folio.Store {
		db, err := postgres.Open(u.String())
		if err != nil {
			tb.Fatalf("postgres.Open() error: %v", err)
		}
		tb.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			tb.Fatalf("Migrate() error: %v", err)
		}
		return db
	}
}

// sharedBucket returns a function opening new S3 clients on one fresh key
// prefix.
func sharedBucket(t *testing.T) func(testing.TB) folio.BlobStore {
	raw := os.Getenv("FOLIO_TEST_S3_ENDPOINT")
	if raw == "" {
		srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
		t.Cleanup(srv.Close)
		raw = "s3+http://key:secret@" + strings.TrimPrefix(srv.URL, "http://") + "/folio?region=us-east-1&path_style=true&create=true"
	}
	prefix := "heads-" + rand.Text()[:10] + "/"
	return func(tb testing.TB) folio.BlobStore {
		s, err := s3.ParseURL(raw)
		if err != nil {
			tb.Fatalf("ParseURL() error: %v", err)
		}
		s.Prefix += prefix
		if err := s.Open(context.Background()); err != nil {
			tb.Fatalf("Open() error: %v", err)
		}
		tb.Cleanup(func() {
			var keys []string
			for info, err := range s.List(context.Background(), "") {
				if err == nil {
					keys = append(keys, info.Key)
				}
			}
			s.Delete(context.Background(), keys...)
		})
		return s
	}
}
