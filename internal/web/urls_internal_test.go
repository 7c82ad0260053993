package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// FuzzTitlePath checks that every title's URL path decodes back to the
// title, so that /wiki/ links always reach their page.
func FuzzTitlePath(f *testing.F) {
	for _, seed := range []string{"Main Page", "Talk:A/b?c&d=e", "C++", "Odd (page), with; signs!", "100% sure", "Ünïcödé #frag", "User:192.0.2.1", "a~b@c$d*e"} {
		f.Add(seed)
	}
	ns := folio.NewNamespaces("Fuzz Wiki")
	f.Fuzz(func(t *testing.T, text string) {
		ti, err := ns.ParseTitle(text, folio.NSMain)
		if err != nil || ti.Interwiki != "" {
			return
		}
		ti.Fragment = ""
		p := titlePath(ti)
		if strings.ContainsAny(p, " ?#\"<>\\^`{|}") {
			t.Fatalf("titlePath(%q) = %q contains a character that must be encoded", text, p)
		}
		got, err := url.PathUnescape(strings.TrimPrefix(p, articlePath))
		if err != nil || got != ti.PrefixedDBKey() {
			t.Fatalf("titlePath(%q) = %q decodes to %q, %v; want %q", text, p, got, err, ti.PrefixedDBKey())
		}
	})
}

func TestTitleURL(t *testing.T) {
	ns := folio.NewNamespaces("Test Wiki")
	s := &Server{Namespaces: ns}
	talk := ns.MakeTitle(folio.NSTalk, "A&B")
	tests := []struct{ got, want string }{
		{s.titleURL(talk, nil), "/wiki/Talk:A%26B"},
		{s.actionURL(talk, "edit", "section", "new"), "/index.php?title=Talk:A%26B&action=edit&section=new"},
		{s.actionURL(talk, "view"), "/wiki/Talk:A%26B"},
		{s.specialURL("Contributions/1.2.3.4", "limit", "50"), "/index.php?title=Special:Contributions/1.2.3.4&limit=50"},
		{titlePath(folio.Title{DBKey: "Page", Fragment: "Some part"}), "/wiki/Page#Some_part"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}
