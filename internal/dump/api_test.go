package dump_test

import (
	"context"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/internal/dump"
	"github.com/google/go-cmp/cmp"
)

// rev is a revision as api.php's prop=revisions gives it.
func rev(id, parent int64, ts, text string) map[string]any {
	return map[string]any{"revid": id, "parentid": parent, "user": "Ann", "userid": 3, "timestamp": ts,
		"comment": "c" + text, "sha1": fmt.Sprintf("%x", sha1.Sum([]byte(text))),
		"slots": map[string]any{"main": map[string]any{"contentmodel": "wikitext", "contentformat": "text/x-wiki", "content": text}}}
}

// fakeAPI answers the api.php requests APIReader makes for a wiki with
// three pages; "Box" has two revisions, served one per request.
func fakeAPI(t *testing.T) *httptest.Server {
	anon := rev(3, 0, "2020-01-03T00:00:00Z", "main")
	anon["anon"], anon["user"], anon["userid"] = true, "192.0.2.4", 0
	pages := map[string]map[string]any{
		"Main":         {"pageid": 1, "ns": 0, "title": "Main", "revisions": []any{anon}},
		"Other":        {"pageid": 2, "ns": 0, "title": "Other", "revisions": []any{rev(4, 0, "2020-01-04T00:00:00Z", "other")}},
		"Template:Box": {"pageid": 3, "ns": 10, "title": "Template:Box", "revisions": []any{rev(2, 1, "2020-01-02T00:00:00Z", "box2")}},
	}
	boxHistory := []any{rev(1, 0, "2020-01-01T00:00:00Z", "box1"), rev(2, 1, "2020-01-02T00:00:00Z", "box2")}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var out any
		switch {
		case q.Get("meta") == "siteinfo":
			out = map[string]any{"query": map[string]any{
				"general": map[string]any{"sitename": "Fake", "lang": "de", "case": "first-letter", "wikiid": "fake"},
				"namespaces": map[string]any{"-1": map[string]any{"id": -1, "name": "Spezial"}, "0": map[string]any{"id": 0, "name": ""},
					"10": map[string]any{"id": 10, "name": "Vorlage", "case": "first-letter"}}}}
		case q.Get("list") == "allpages" && q.Get("apnamespace") == "0" && q.Get("apcontinue") == "":
			out = map[string]any{"continue": map[string]any{"apcontinue": "Other"},
				"query": map[string]any{"allpages": []any{map[string]any{"title": "Main"}}}}
		case q.Get("list") == "allpages" && q.Get("apnamespace") == "0":
			out = map[string]any{"query": map[string]any{"allpages": []any{map[string]any{"title": "Other"}}}}
		case q.Get("list") == "allpages":
			out = map[string]any{"query": map[string]any{"allpages": []any{map[string]any{"title": "Template:Box"}}}}
		case q.Get("rvlimit") == "max" && q.Get("titles") != "Template:Box":
			out = map[string]any{"query": map[string]any{"pages": []any{pages[q.Get("titles")]}}}
		case q.Get("rvlimit") == "max" && q.Get("rvcontinue") == "":
			out = map[string]any{"continue": map[string]any{"rvcontinue": "2"}, "query": map[string]any{"pages": []any{
				map[string]any{"pageid": 3, "ns": 10, "title": "Template:Box", "revisions": boxHistory[:1]}}}}
		case q.Get("rvlimit") == "max":
			out = map[string]any{"query": map[string]any{"pages": []any{
				map[string]any{"pageid": 3, "ns": 10, "title": "Template:Box", "revisions": boxHistory[1:]}}}}
		case q.Get("prop") == "revisions":
			var list []any
			for _, title := range strings.Split(q.Get("titles"), "|") {
				if p, ok := pages[title]; ok {
					list = append(list, p)
				} else {
					list = append(list, map[string]any{"ns": 0, "title": title, "missing": true})
				}
			}
			out = map[string]any{"query": map[string]any{"pages": list}}
		default:
			out = map[string]any{"errors": []any{map[string]any{"code": "badparams", "text": "unexpected " + r.URL.RawQuery}}}
		}
		json.NewEncoder(w).Encode(out)
	}))
}

func TestAPIReader(t *testing.T) {
	srv := fakeAPI(t)
	defer srv.Close()
	tests := []struct {
		name   string
		opt    dump.APIOptions
		skip   int64
		titles []string
		revs   int
	}{
		{"all", dump.APIOptions{}, 0, []string{"Main", "Other", "Template:Box"}, 3},
		{"all with history", dump.APIOptions{History: true}, 0, []string{"Main", "Other", "Template:Box"}, 4},
		{"titles", dump.APIOptions{Titles: []string{"Template:Box", "Missing", "Main"}}, 0, []string{"Template:Box", "Main"}, 2},
		{"resumed", dump.APIOptions{}, 2, []string{"Template:Box"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := dump.NewAPIReader(context.Background(), srv.URL, tt.opt)
			if err != nil {
				t.Fatalf("NewAPIReader() error: %v", err)
			}
			if r.SiteInfo.SiteName != "Fake" || r.Lang != "de" || len(r.SiteInfo.Namespaces) != 3 || r.SiteInfo.Namespaces[2].Name != "Vorlage" {
				t.Errorf("SiteInfo = %+v, Lang %q", r.SiteInfo, r.Lang)
			}
			r.Skip(tt.skip)
			var titles []string
			revs := 0
			for p, err := r.Next(); err != io.EOF; p, err = r.Next() {
				if err != nil {
					t.Fatalf("Next() error: %v", err)
				}
				titles, revs = append(titles, p.Title), revs+len(p.Revisions)
			}
			if !cmp.Equal(titles, tt.titles) || revs != tt.revs {
				t.Errorf("pages %v with %d revisions, want %v with %d", titles, revs, tt.titles, tt.revs)
			}
		})
	}
}

func TestAPIReaderConversion(t *testing.T) {
	srv := fakeAPI(t)
	defer srv.Close()
	r, err := dump.NewAPIReader(context.Background(), srv.URL, dump.APIOptions{Titles: []string{"Main"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	got := p.Revisions[0]
	if got.Contributor != (dump.Contributor{IP: "192.0.2.4"}) || got.Text != "main" || got.Model != "wikitext" ||
		got.SHA1 != sha1Base36("main") || got.Timestamp.Day() != 3 || p.ID != 1 {
		t.Errorf("converted revision = %+v", got)
	}
}

// TestAPIReaderPeer reads the reference MediaWiki when FOLIO_TEST_PEER_URL
// is set (read-only requests).
func TestAPIReaderPeer(t *testing.T) {
	peer := os.Getenv("FOLIO_TEST_PEER_URL")
	if peer == "" {
		t.Skip("set FOLIO_TEST_PEER_URL (e.g. http://127.0.0.1:8081) to read pages from a reference MediaWiki")
	}
	r, err := dump.NewAPIReader(context.Background(), strings.TrimRight(peer, "/")+"/w/api.php", dump.APIOptions{History: true})
	if err != nil {
		t.Fatalf("NewAPIReader() error: %v", err)
	}
	n := 0
	for p, err := r.Next(); err != io.EOF && n < 20; p, err = r.Next() {
		if err != nil {
			t.Fatalf("Next() error: %v", err)
		}
		n++
		for _, rev := range p.Revisions {
			if rev.SHA1 != "" && rev.SHA1 != sha1Base36(rev.Text) && !rev.TextDeleted {
				t.Errorf("page %q revision %d: SHA-1 %s does not match its text", p.Title, rev.ID, rev.SHA1)
			}
		}
	}
	t.Logf("read %d pages from %s (%s)", n, peer, r.SiteInfo.Generator)
}

// sha1Base36 is MediaWiki's revision SHA-1 format.
func sha1Base36(s string) string {
	sum := sha1.Sum([]byte(s))
	b := new(big.Int).SetBytes(sum[:]).Text(36)
	return strings.Repeat("0", 31-len(b)) + b
}

func TestAPIReaderFiles(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	v1 := []byte("an older version")
	mux := http.NewServeMux()
	mux.HandleFunc("/images/", func(w http.ResponseWriter, r *http.Request) {
		map[string]func(){"/images/Dot.png": func() { w.Write(png) }, "/images/archive/Dot.png": func() { w.Write(v1) }}[r.URL.Path]()
	})
	mux.HandleFunc("/w/api.php", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var out any
		switch {
		case q.Get("meta") == "siteinfo":
			out = map[string]any{"query": map[string]any{"general": map[string]any{"sitename": "Files"}}}
		case q.Get("prop") == "imageinfo":
			info := func(path string, data []byte, ts string) map[string]any {
				return map[string]any{"timestamp": ts, "user": "Ann", "userid": 3, "comment": "up " + ts,
					"url": path, "size": len(data), "sha1": fmt.Sprintf("%x", sha1.Sum(data))}
			}
			out = map[string]any{"query": map[string]any{"pages": []any{map[string]any{"imageinfo": []any{
				info("/images/Dot.png", png, "2020-01-02T00:00:00Z"), info("/images/archive/Dot.png", v1, "2020-01-01T00:00:00Z")}}}}}
		default:
			out = map[string]any{"query": map[string]any{"pages": []any{map[string]any{"pageid": 5, "ns": 6,
				"title": "File:Dot.png", "revisions": []any{rev(9, 0, "2020-01-01T00:00:00Z", "a dot")}}}}}
		}
		json.NewEncoder(w).Encode(out)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	r, err := dump.NewAPIReader(context.Background(), srv.URL+"/w/api.php",
		dump.APIOptions{Titles: []string{"File:Dot.png"}, Files: true, History: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Next()
	if err != nil {
		t.Fatalf("Next() error: %v", err)
	}
	if len(p.Uploads) != 2 || string(p.Uploads[0].Contents) != string(v1) || string(p.Uploads[1].Contents) != string(png) ||
		p.Uploads[1].Filename != "Dot.png" || p.Uploads[1].Contributor.Username != "Ann" || p.Uploads[1].SHA1 != sha1Base36(string(png)) {
		t.Errorf("uploads = %+v, want two versions of Dot.png, oldest first", p.Uploads)
	}
}
