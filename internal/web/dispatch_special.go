package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/folio-wiki/folio"
)

// specialTable finds Special pages by name, ignoring case.
type specialTable struct {
	pages map[string]specialPage
	canon map[string]string // lower-case name to canonical name
}

func newSpecialTable(pages map[string]specialPage) specialTable {
	t := specialTable{pages: pages, canon: map[string]string{}}
	for name := range pages {
		t.canon[strings.ToLower(name)] = name
	}
	return t
}

// lookup returns the canonical name and entry of a special page.
func (t specialTable) lookup(name string) (string, specialPage, bool) {
	canon, ok := t.canon[strings.ToLower(strings.ReplaceAll(name, " ", "_"))]
	if !ok {
		return "", specialPage{}, false
	}
	return canon, t.pages[canon], true
}

// names returns the canonical names, sorted.
func (t specialTable) names() []string {
	out := make([]string, 0, len(t.pages))
	for name := range t.pages {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

const subpageKey = "subpage"

// publicSpecials stay open without the read right, so that visitors of a
// private wiki can log in.
var publicSpecials = map[string]bool{
	"UserLogin": true, "UserLogout": true, "CreateAccount": true, "PasswordReset": true,
	"Login": true, "Logout": true, "ChangePassword": true,
	"RequestAccount": true, "ConfirmEmail": true,
}

// specialSubpage returns the part of a Special page title after the first
// slash ("Foo" for Special:Contributions/Foo), with spaces for underscores.
func specialSubpage(r *http.Request) string {
	return r.PathValue(subpageKey)
}

// serveSpecial runs the Special page named by t.
func (s *Server) serveSpecial(w http.ResponseWriter, r *http.Request, t folio.Title) {
	name, sub, _ := strings.Cut(t.DBKey, "/")
	canon, page, ok := s.specials.lookup(name)
	if !ok {
		s.writeError(w, r, folio.Errorf(folio.EMissingTitle, "There is no special page called %q.", strings.ReplaceAll(name, "_", " ")))
		return
	}
	if canon != name && r.Method == http.MethodGet {
		target := canon
		if strings.Contains(t.DBKey, "/") {
			target += "/" + sub
		}
		q := r.URL.Query()
		q.Del("title")
		http.Redirect(w, r, s.titleURL(s.specialTitle(target), q), http.StatusMovedPermanently)
		return
	}
	if !publicSpecials[canon] && !s.Wiki.Allowed(s.currentUser(r), "read") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You must log in to view other pages of this wiki."))
		return
	}
	if page.Right != "" && !s.Wiki.Allowed(s.currentUser(r), page.Right) {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to use this special page: the %q right is needed.", page.Right))
		return
	}
	r = withTitle(r, s.specialTitle(canon))
	r.SetPathValue(subpageKey, strings.ReplaceAll(sub, "_", " "))
	page.Handler(w, r)
}
