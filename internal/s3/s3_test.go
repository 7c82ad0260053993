package s3_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/blobtest"
	"github.com/folio-wiki/folio/internal/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// TestBlobStoreFake runs the suite against gofakes3 in this process.
func TestBlobStoreFake(t *testing.T) {
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(srv.Close)
	raw := "s3+http://key:secret@" + strings.TrimPrefix(srv.URL, "http://") +
		"/folio-test?region=us-east-1&path_style=true&create=true"
	blobtest.Run(t, func(t *testing.T) folio.BlobStore { return MustOpen(t, raw) })
}

// TestBlobStore runs the suite against a real server named by
// FOLIO_TEST_S3_ENDPOINT, an s3:// or s3+http:// URL as ParseURL reads.
func TestBlobStore(t *testing.T) {
	raw := os.Getenv("FOLIO_TEST_S3_ENDPOINT")
	if raw == "" {
		t.Skip("set FOLIO_TEST_S3_ENDPOINT (s3+http://KEY:SECRET@host:port/bucket?create=true) to run the S3 blob suite")
	}
	blobtest.Run(t, func(t *testing.T) folio.BlobStore { return MustOpen(t, raw) })
}

// MustOpen opens the store of raw under a fresh key prefix and removes the
// prefix's objects when the test ends.
func MustOpen(tb testing.TB, raw string) *s3.BlobStore {
	tb.Helper()
	s, err := s3.ParseURL(raw)
	if err != nil {
		tb.Fatalf("ParseURL() error: %v", err)
	}
	s.Prefix += fmt.Sprintf("test-%s/", rand.Text()[:10])
	if err := s.Open(context.Background()); err != nil {
		tb.Fatalf("Open() error: %v", err)
	}
	tb.Cleanup(func() {
		var keys []string
		for info, err := range s.List(context.Background(), "") {
			if err != nil {
				tb.Errorf("cleanup: %v", err)
				return
			}
			keys = append(keys, info.Key)
		}
		if err := s.Delete(context.Background(), keys...); err != nil {
			tb.Errorf("cleanup: %v", err)
		}
	})
	return s
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw     string
		want    string // fmt of the fields checked
		wantErr bool
	}{
		{raw: "s3://AK:SK@s3.example.org/media", want: "s3.example.org media  AK SK false false false"},
		{raw: "s3+http://a:b@127.0.0.1:7070/b/wiki?region=eu-1&path_style=true&create=1",
			want: "127.0.0.1:7070 b wiki/ a b true true true"},
		{raw: "s3://host/bucket/deep/prefix/", want: "host bucket deep/prefix/   false false false"},
		{raw: "http://host/bucket", wantErr: true},
		{raw: "s3://host", wantErr: true},
		{raw: "s3://host/b?path_style=maybe", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			s, err := s3.ParseURL(tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseURL(%q) error = %v, want error %v", tt.raw, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got := fmt.Sprintf("%s %s %s %s %s %v %v %v", s.Endpoint, s.Bucket, s.Prefix, s.AccessKey,
				s.SecretKey, s.Insecure, s.PathStyle, s.CreateBucket)
			if got != tt.want {
				t.Errorf("ParseURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}
