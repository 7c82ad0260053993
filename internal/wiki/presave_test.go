package wiki_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// TestEditPreSaveTransform saves through the real renderer: subst:,
// signatures with the author's nickname and the pipe trick are applied
// before the text is stored, for accounts and anonymous editors.
func TestEditPreSaveTransform(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	clock := time.Date(2026, 11, 23, 12, 34, 0, 0, time.UTC)
	r := &render.Renderer{Store: s.Store.(render.Store), Namespaces: s.Namespaces, SiteName: "Testwiki",
		Server: "http://wiki.test", Now: func() time.Time { return clock }}
	s.PreSaver = r
	s.Linker = r
	mustEdit(t, s, nil, "Template:Greet", "Hello {{{1}}}", 0)
	u := mustUser(t, s, "Alice")
	if err := s.Store.(folio.UserOptionStore).SetUserOptions(ctx, u.ID, map[string]string{"nickname": "Ally"}); err != nil {
		t.Fatal(err)
	}
	mustEdit(t, s, u, "Talk:Pst", "{{subst:Greet|you}} [[Foo (bar)|]] ~~~~\n<nowiki>~~~</nowiki>{{Greet|x}}  \n\n", 0)
	want := "Hello you [[Foo (bar)|Foo]] [[User:Alice|Ally]] ([[User talk:Alice|talk]]) 12:34, 23 November 2026 (UTC)\n" +
		"<nowiki>~~~</nowiki>{{Greet|x}}"
	if got := currentText(t, s, "Talk:Pst"); got != want {
		t.Errorf("saved text = %q\nwant %q", got, want)
	}
	mustEdit(t, s, nil, "Talk:Anon", "~~~", 0)
	if got := currentText(t, s, "Talk:Anon"); !strings.Contains(got, "[[Special:Contributions/192.0.2.1|192.0.2.1]]") {
		t.Errorf("anonymous signature = %q", got)
	}
}
