package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// viewFixture saves the pages the view tests read and returns the two
// revisions of Alpha.
func viewFixture(env *Env) (r1, r2 int64) {
	r1 = env.MustEdit("Alpha", "First text of alpha.", "create", nil)
	r2 = env.MustEdit("Alpha", "Second text of alpha.", "improve", nil)
	env.MustEdit("Bridge", "#REDIRECT [[Alpha]]", "redirect", nil)
	env.MustEdit("Talk:Alpha", "Let us talk.", "", nil)
	env.MustEdit("To special", "#REDIRECT [[Special:RecentChanges]]", "", nil)
	env.MustEdit("Loop", "#redirect: [[Loop]]", "", nil)
	env.MustEdit("Dangling", "#REDIRECT [[Nowhere at all]]", "", nil)
	env.MustEdit("Odd (page), with; signs!", "odd", "", nil)
	return r1, r2
}

func TestView(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		r1, r2 := viewFixture(env)
		Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
			{Name: "view", As: "anon", URL: "/wiki/Alpha", Status: http.StatusOK,
				Want: []string{`<h1 id="firstHeading"`, "Second text of alpha.", `id="ca-view"`, `id="ca-edit"`, `id="ca-history"`,
					`id="ca-nstab-main"`, `id="ca-talk"`, `id="n-recentchanges"`, `id="p-personal"`, `id="pt-login"`,
					`id="mw-content-text"`, `id="bodyContent"`, `id="footer-info-lastmod"`, `<!DOCTYPE html>`},
				DontWant: []string{"First text", `id="ca-delete"`, `id="pt-logout"`, "127.0.0.1"}}, // cacheable: nothing about the reader
			{Name: "my contributions", As: "anon", URL: "/wiki/Special:MyContributions", Status: http.StatusFound, Location: "/wiki/Special:Contributions/127.0.0.1"},
			{Name: "my talk with subpage", As: "anon", URL: "/wiki/Special:MyTalk/Archive", Status: http.StatusFound, Location: "/wiki/User_talk:127.0.0.1/Archive"},
			{Name: "view through index.php", As: "anon", URL: "/index.php?title=Alpha", Status: http.StatusOK, Want: []string{"Second text of alpha."}},
			{Name: "index.php with a path", As: "anon", URL: "/index.php/Alpha", Status: http.StatusOK, Want: []string{"Second text of alpha."}},
			{Name: "index.php by curid", As: "anon", URL: "/index.php?curid=1", Status: http.StatusOK, Want: []string{"Second text of alpha."}},
			{Name: "title URL keeps MediaWiki's readable characters", As: "anon", URL: "/wiki/Odd_(page),_with;_signs!", Status: http.StatusOK, Want: []string{"odd"}},
			{Name: "talk tab is blue when the talk page exists", As: "anon", URL: "/wiki/Alpha", Status: http.StatusOK,
				Want: []string{`<li id="ca-talk"><a href="/wiki/Talk:Alpha"`}},
			{Name: "stale red link goes to the page", As: "anon", URL: "/index.php?title=Alpha&action=edit&redlink=1", Status: http.StatusFound, Location: "/wiki/Alpha"},
			{Name: "user page of an unknown account", As: "anon", URL: "/wiki/User:Nobody_here", Status: http.StatusNotFound, Want: []string{"mw-userpage-userdoesnotexist"}},
			{Name: "no such warning for IP addresses", As: "anon", URL: "/wiki/User_talk:192.0.2.7", Status: http.StatusNotFound, DontWant: []string{"mw-userpage-userdoesnotexist"}},
			{Name: "user pages link to contributions", As: "anon", URL: "/wiki/User:Someone/Sub", Status: http.StatusNotFound, Want: []string{`id="t-contributions"`, "Special:Contributions/Someone\""}},
			{Name: "missing page", As: "anon", URL: "/wiki/Nowhere", Status: http.StatusNotFound,
				Want: []string{"noarticletext", "action=edit", `class="selected new"`}},
			{Name: "bad title", As: "anon", URL: "/wiki/A%5BB%5D", Status: http.StatusBadRequest, Want: []string{"Bad title"}},
			{Name: "unknown action", As: "anon", URL: "/index.php?title=Alpha&action=frobnicate", Status: http.StatusBadRequest},
			{Name: "old revision", As: "anon", URL: fmt.Sprintf("/index.php?title=Alpha&oldid=%d", r1), Status: http.StatusOK,
				Want: []string{"First text of alpha.", "Revision as of", "Newer revision", "mw-revision-nav", "diff=next",
					fmt.Sprintf(`<li id="t-permalink"><a href="/index.php?title=Alpha&amp;oldid=%d">`, r1)},
				DontWant: []string{"Second text", "footer-info-lastmod"}},
			{Name: "old revision without title", As: "anon", URL: fmt.Sprintf("/index.php?oldid=%d", r1), Status: http.StatusOK,
				Want: []string{"First text of alpha.", "Alpha"}},
			{Name: "current revision by oldid", As: "anon", URL: fmt.Sprintf("/index.php?title=Alpha&oldid=%d", r2), Status: http.StatusOK,
				Want: []string{"current revision", "Older revision"}},
			{Name: "missing revision", As: "anon", URL: "/index.php?title=Alpha&oldid=99999", Status: http.StatusNotFound},
			{Name: "raw", As: "anon", URL: "/index.php?title=Alpha&action=raw", Status: http.StatusOK, Want: []string{"Second text of alpha."},
				DontWant: []string{"<html"}},
			{Name: "raw oldid", As: "anon", URL: fmt.Sprintf("/index.php?title=Alpha&action=raw&oldid=%d", r1), Status: http.StatusOK,
				Want: []string{"First text of alpha."}},
			{Name: "render", As: "anon", URL: "/index.php?title=Alpha&action=render", Status: http.StatusOK,
				Want: []string{"Second text of alpha."}, DontWant: []string{"<html", "firstHeading"}},
			{Name: "render oldid", As: "anon", URL: fmt.Sprintf("/index.php?title=Alpha&action=render&oldid=%d", r1), Status: http.StatusOK,
				Want: []string{"First text of alpha."}},
			{Name: "raw missing", As: "anon", URL: "/index.php?title=Nowhere&action=raw", Status: http.StatusNotFound},
			{Name: "info", As: "anon", URL: "/index.php?title=Alpha&action=info", Status: http.StatusOK,
				Want: []string{"mw-pageinfo-article-id", "mw-pageinfo-edits", "<td>2</td>", "mw-pageinfo-firstuser", "192.0.2.7", "mw-restriction-edit"}},
			{Name: "info of a missing page", As: "anon", URL: "/index.php?title=Nowhere&action=info", Status: http.StatusNotFound},
		})
	})
}

func TestRedirects(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		viewFixture(env)
		Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
			{Name: "root redirects to the main page", As: "anon", URL: "/", Status: http.StatusFound, Location: "/wiki/Main_Page"},
			{Name: "non-canonical title redirects", As: "anon", URL: "/wiki/alpha", Status: http.StatusMovedPermanently, Location: "/wiki/Alpha"},
			{Name: "talk tab is red when missing", As: "anon", URL: "/wiki/Bridge?redirect=no", Status: http.StatusOK,
				Want: []string{`<li id="ca-talk" class="new">`}},
			{Name: "redirect is followed once", As: "anon", URL: "/wiki/Bridge", Status: http.StatusOK,
				Want: []string{"Second text of alpha.", "Redirected from", "redirect=no"}},
			{Name: "redirect to a special page is an HTTP redirect", As: "anon", URL: "/wiki/To_special", Status: http.StatusFound, Location: "/wiki/Special:RecentChanges"},
			{Name: "self-redirect is followed only once", As: "anon", URL: "/wiki/Loop", Status: http.StatusOK, Want: []string{`class="redirectMsg"`, "Redirected from"}},
			{Name: "redirect to a missing page shows the redirect", As: "anon", URL: "/wiki/Dangling", Status: http.StatusOK,
				Want: []string{`class="redirectMsg"`, `class="new"`}, DontWant: []string{"Redirected from"}},
			{Name: "redirect=no shows the redirect", As: "anon", URL: "/index.php?title=Bridge&redirect=no", Status: http.StatusOK,
				Want: []string{`class="redirectMsg"`, `href="/wiki/Alpha"`}, DontWant: []string{"Second text of alpha."}},
		})
	})
}

func TestRawContentType(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Alpha", "text", "", nil)
	resp := env.NewBrowser().Do(http.MethodGet, "/index.php?title=Alpha&action=raw", nil)
	if got, want := resp.Header.Get("Content-Type"), "text/x-wiki; charset=UTF-8"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
}

// TestStatic checks that assets are served under content-hash URLs with
// immutable caching, and that other names are not found.
func TestStatic(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	b := env.NewBrowser()
	page := b.Do(http.MethodGet, "/wiki/Anything", nil).Body
	m := regexp.MustCompile(`href="(/static/folio\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no hashed stylesheet link in the page")
	}
	css := b.Do(http.MethodGet, m[1], nil)
	if css.Status != http.StatusOK || !strings.Contains(css.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s = %d, Cache-Control %q, Content-Type %q", m[1], css.Status, css.Header.Get("Cache-Control"), css.Header.Get("Content-Type"))
	}
	for _, path := range []string{"/static/folio.css", "/static/folio.000000000000.css"} {
		if got := b.Do(http.MethodGet, path, nil).Status; got != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, got)
		}
	}
}

// TestGzip checks that text assets are compressed for clients that ask,
// and only for them, and that pages are not (caches in front of the
// handler keep one body per URL).
func TestGzip(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Alpha", strings.Repeat("Some text. ", 200), "", nil)
	page := env.NewBrowser().Do(http.MethodGet, "/wiki/Alpha", nil).Body
	css := regexp.MustCompile(`/static/folio\.[0-9a-f]{12}\.css`).FindString(page)
	for _, tt := range []struct {
		path, accept, want string
	}{
		{css, "gzip, deflate", "gzip"}, {css, "", ""}, {css, "gzip;q=0", ""},
		{"/wiki/Alpha", "gzip", ""},
	} {
		req, _ := http.NewRequest(http.MethodGet, env.URL+tt.path, nil)
		req.Header.Set("Accept-Encoding", tt.accept)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Encoding"); got != tt.want {
			t.Errorf("GET %s with Accept-Encoding %q: Content-Encoding %q, want %q", tt.path, tt.accept, got, tt.want)
		}
	}
}
