package web

import (
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/sqlite"
	"github.com/folio-wiki/folio/internal/wiki"
)

// mustTestServer returns a set-up Server over an empty SQLite store.
func mustTestServer(t *testing.T) *Server {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatalf("sqlite.Open() error: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate() error: %v", err)
	}
	ns := folio.NewNamespaces("Fixture Wiki")
	s := &Server{
		Wiki: wiki.New(db, ns), Store: db, Namespaces: ns,
		Renderer: &render.Renderer{Store: db, Namespaces: ns},
		Site:     Site{Name: "Fixture Wiki"},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	s.Handler()
	return s
}

// templateFixtures returns data for each page template of this file's
// owner; special_*.html templates are tested by their own tests.
func templateFixtures(s *Server) map[string]any {
	now := time.Date(2026, 11, 23, 13, 45, 0, 0, time.UTC)
	rev := &folio.Revision{ID: 7, PageID: 1, ParentID: 6, Timestamp: now, Actor: folio.Actor{UserID: 1, Name: "Alice"}, Comment: "/* Intro */ fix", Minor: true, Len: 1234}
	anonRev := &folio.Revision{ID: 6, PageID: 1, Timestamp: now, Actor: folio.Actor{Name: "192.0.2.1"}, Len: 10}
	page := &folio.Page{ID: 1, Namespace: 0, DBKey: "Fixture", Latest: 7, Len: 1234, ContentModel: folio.ModelWikitext}
	diffD := s.diffBox("a\nb", "a\nc", "Old", "New")
	diffD.New = diffSide{Label: "Latest revision", Rev: rev, URL: "/x", EditURL: "/e", UndoURL: "/u", NavURL: "/n", NavText: "Next edit →", NavID: "differences-nextlink",
		Rollback: &rollbackForm{Action: "/r", Token: "tok", From: "Alice"}}
	l := link{Href: "/wiki/Target", Text: "Target"}
	pager := pager{Limit: 20}.nav(func(url.Values) string { return "/p" }, 7, 6, true)
	return map[string]any{
		"error": errorData{Code: folio.EInternal, Message: "Something failed.", RequestID: "abc", Internal: true},
		"view": &pageData{HTML: "<p>Body</p>", Redirect: &l, Categories: []link{l},
			Revision: &revisionNav{Rev: rev, OlderURL: "/o", OlderDiffURL: "/od", NewerURL: "/n", NewerDiffURL: "/nd", LatestURL: "/l", LatestDiffURL: "/ld", PermalinkURL: "/p"},
			Missing:  &missingData{CreateURL: "/c", LogURL: "/l", LinksURL: "/w", DeletedURL: "/d", DeletedRevs: 2}},
		"edit": &editData{Action: "/s", Token: "tok", Text: "\nleading newline", Summary: "sum", CanMinor: true, BaseRevID: 7,
			Preview: "<p>Preview</p>", Diff: diffD, Conflict: &conflictData{Yours: "mine", Diff: diffD}},
		"diff":       &diffPageData{Diff: diffD, Page: &pageData{HTML: "<p>Rev</p>"}, PageHeading: "Revision as of now"},
		"history":    &historyData{Rows: []historyRow{{Rev: rev, URL: "/x", PrevURL: "/p", SizeDiff: 1224, Latest: true, CheckDiff: true}, {Rev: anonRev, URL: "/y", CurURL: "/c", CheckOld: true}}, Pager: pager, Title: "Fixture", Rollback: &rollbackForm{Action: "/r", Token: "tok", From: "Alice"}},
		"info":       &infoData{Page: page, Title: s.Namespaces.MakeTitle(0, "Fixture"), First: anonRev, Last: rev, Edits: 2, Protections: []protectionRow{{Type: "edit", Level: "sysop", Expiry: now}, {Type: "move"}}},
		"confirm":    &confirmData{Action: "/a", Token: "tok", Intro: "Sure?", Reason: true, ReasonValue: "r", Button: "OK", ButtonID: "wpOK", Destructive: true, FormID: "f"},
		"result":     &resultData{Message: "Done.", Links: []link{l}},
		"undelete":   &undeleteData{Action: "/u", Token: "tok", Revs: []*folio.Revision{rev, anonRev}, Reason: "r"},
		"protect":    s.protectForm(s.Namespaces.MakeTitle(0, "Fixture"), page),
		"userlogin":  loginData{Action: "/l", Token: "tok", Name: "Alice", Remember: true, ReturnTo: "Fixture", ReturnToQuery: "action=history"},
		"userlogout": logoutData{Action: "/o", Token: "tok"},
		"upload": &uploadPage{Token: "tok", DestName: "A.png", Description: "d", SessionKey: "K", CanIgnore: true, MaxSize: "100 MB", Extensions: "png",
			Warnings: []uploadWarning{{Text: "Exists.", Files: []link{l}}}},
		"listfiles": listFilesPage{FormTitle: "Special:ListFiles", Limit: 50, Columns: []link{l}, Prev: l, Next: l,
			Rows: []fileRow{{Date: "now", DateURL: "/f", Page: l, Thumb: &fileThumb{Src: "/t", Width: 1, Height: 1}, Size: "1 KB", Dims: "1 × 1"}}},
		"newfiles": newFilesPage{FormTitle: "Special:NewFiles", Next: l, Files: []fileRow{{Page: l, Thumb: &fileThumb{Src: "/t", Width: 1, Height: 1}}}},
		"filepath": filePathPage{FormTitle: "Special:FilePath", File: "A.png"},
	}
}

// TestTemplates renders every page template with a fixture and checks
// that the tags of the result are balanced.
func TestTemplates(t *testing.T) {
	s := mustTestServer(t)
	fixtures := templateFixtures(s)
	for name := range s.templates {
		t.Run(name, func(t *testing.T) {
			data, ok := fixtures[name]
			if !ok {
				if strings.HasPrefix(name, "special_") {
					t.Skipf("no fixture here for %s: the special page tests render it", name)
				}
				t.Fatalf("no fixture for template %q: add one to templateFixtures", name)
			}
			r := httptest.NewRequest(http.MethodGet, "/wiki/Fixture", nil)
			w := httptest.NewRecorder()
			v := s.newView(r, "Fixture <heading>")
			title := s.Namespaces.MakeTitle(0, "Fixture")
			v.Title, v.Data, v.LastModified = &title, data, time.Now()
			v.addNotice("warning", "A notice.")
			s.render(w, r, http.StatusOK, name, v)
			if w.Code != http.StatusOK {
				t.Fatalf("render(%s) status %d: %s", name, w.Code, w.Body.String())
			}
			if err := checkBalanced(w.Body.String()); err != "" {
				t.Errorf("render(%s): %s", name, err)
			}
			if !strings.Contains(w.Body.String(), "Fixture &lt;heading&gt;") {
				t.Errorf("render(%s): heading not escaped", name)
			}
		})
	}
}

var tagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// checkBalanced reports the first unbalanced tag of an HTML page, or "".
func checkBalanced(page string) string {
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		name := strings.ToLower(m[2])
		if voidElements[name] {
			continue
		}
		if m[1] == "" {
			stack = append(stack, name)
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != name {
			return "unexpected </" + name + "> after <" + strings.Join(stack, "><") + ">"
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		return "unclosed <" + strings.Join(stack, "><") + ">"
	}
	return ""
}

func TestURLEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Main_Page", "Main_Page"},
		{"Odd_(page),_with;_signs!", "Odd_(page),_with;_signs!"},
		{"User:A/B~c@d$e*f", "User:A/B~c@d$e*f"},
		{"Ä?&#%+=\"'", "%C3%84%3F%26%23%25%2B%3D%22%27"},
		{"a b", "a+b"},
	}
	for _, tt := range tests {
		if got := urlencode(tt.in); got != tt.want {
			t.Errorf("urlencode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseExpiry(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"infinite", time.Time{}, false},
		{"", time.Time{}, false},
		{"never", time.Time{}, false},
		{"1 week", now.Add(7 * 24 * time.Hour), false},
		{"3 Hours", now.Add(3 * time.Hour), false},
		{"2027-01-31", time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), false},
		{"2020-01-01", time.Time{}, true},
		{"soon", time.Time{}, true},
		{"0 days", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseExpiry(tt.in, now)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("parseExpiry(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestFormatters(t *testing.T) {
	tests := []struct{ got, want string }{
		{formatDate(time.Date(2026, 11, 3, 9, 5, 0, 0, time.UTC)), "09:05, 3 November 2026"},
		{formatBytes(1), "1 byte"},
		{formatBytes(1234567), "1,234,567 bytes"},
		{string(formatSizeDiff(0)), `<span dir="ltr" class="mw-plusminus-null mw-diff-bytes" title="0 bytes changed">0</span>`},
		{string(formatSizeDiff(-12)), `<span dir="ltr" class="mw-plusminus-neg mw-diff-bytes" title="12 bytes changed">−12</span>`},
		{string(template.HTML(formatNumber(-1000))), "-1,000"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d = %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestFormatComment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain <b>", `<span class="comment">(plain &lt;b&gt;)</span>`},
		{"/* Intro */ fix", `<span class="comment">(<span class="autocomment">→Intro:</span> fix)</span>`},
		{"/* Intro */", `<span class="comment">(<span class="autocomment">→Intro</span>)</span>`},
		{"/* open", `<span class="comment">(/* open)</span>`},
	}
	s := &Server{}
	for _, tt := range tests {
		if got := string(s.formatComment(tt.in)); got != tt.want {
			t.Errorf("formatComment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
