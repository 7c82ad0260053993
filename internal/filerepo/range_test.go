package filerepo_test

import (
	"bytes"
	"image/color"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
)

// TestRangeRequests checks that files answer byte ranges (players and
// resumed downloads), on local disk and S3 alike, and keep their headers.
func TestRangeRequests(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) *filerepo.Repo{
		"local": func(t *testing.T) *filerepo.Repo { r, _ := MustOpenRepo(t); return r },
		"s3": func(t *testing.T) *filerepo.Repo {
			s := MustOpenStore(t, filepath.Join(t.TempDir(), "folio.db"))
			return filerepo.New(s.(folio.FileStore), sharedBucket(t)(t))
		},
	} {
		t.Run(name, func(t *testing.T) {
			repo := open(t)
			data := pngOf(t, 40, 20, color.RGBA{0, 0, 200, 255})
			f := MustUpload(t, repo, "Ranged.png", data, alice)
			tests := []struct {
				rng    string
				status int
				body   []byte
			}{
				{"bytes=0-7", http.StatusPartialContent, data[:8]},
				{"bytes=8-", http.StatusPartialContent, data[8:]},
				{"bytes=-4", http.StatusPartialContent, data[len(data)-4:]},
				{"", http.StatusOK, data},
				{"bytes=999999-", http.StatusRequestedRangeNotSatisfiable, nil},
			}
			for _, tt := range tests {
				req := httptest.NewRequest("GET", repo.URL(f), nil)
				if tt.rng != "" {
					req.Header.Set("Range", tt.rng)
				}
				rec := httptest.NewRecorder()
				repo.Handler().ServeHTTP(rec, req)
				res := rec.Result()
				body, _ := io.ReadAll(res.Body)
				if res.StatusCode != tt.status || (tt.body != nil && !bytes.Equal(body, tt.body)) {
					t.Errorf("Range %q: %d, %d bytes; want %d, %d bytes", tt.rng, res.StatusCode, len(body), tt.status, len(tt.body))
				}
				if tt.status < 300 && (res.Header.Get("Content-Type") != "image/png" || res.Header.Get("X-Content-Type-Options") != "nosniff") {
					t.Errorf("Range %q: headers %v lost the type or nosniff", tt.rng, res.Header)
				}
			}
		})
	}
}
