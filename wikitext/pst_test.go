package wikitext_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func TestPreSave(t *testing.T) {
	clock := time.Date(2026, 11, 23, 12, 34, 56, 0, time.UTC)
	const date = "12:34, 23 November 2026 (UTC)"
	const alice = "[[User:Alice|Alice]] ([[User talk:Alice|talk]])"
	tests := []struct {
		name, src, want string
		opts            wikitext.PSTOptions
		sig             bool
	}{
		{"three tildes", "~~~", alice, wikitext.PSTOptions{}, true},
		{"four tildes", "Hi ~~~~", "Hi " + alice + " " + date, wikitext.PSTOptions{}, true},
		{"five tildes", "~~~~~", date, wikitext.PSTOptions{}, true},
		{"six tildes", "~~~~~~", date + "~", wikitext.PSTOptions{}, true},
		{"anonymous", "~~~", "[[Special:Contributions/192.0.2.1|192.0.2.1]]",
			wikitext.PSTOptions{User: "192.0.2.1", Registered: false}, true},
		{"nickname", "~~~", "[[User:Alice|Ally]] ([[User talk:Alice|talk]])",
			wikitext.PSTOptions{Nickname: "Ally"}, true},
		{"nickname with tildes", "~~~", "[[User:Alice|Ally]] ([[User talk:Alice|talk]])",
			wikitext.PSTOptions{Nickname: "Al~~~~ly"}, true},
		{"nickname is escaped", "~~~", "[[User:Alice|&#91;&#91;x&#93;&#93;]] ([[User talk:Alice|talk]])",
			wikitext.PSTOptions{Nickname: "[[x]]"}, true},
		{"fancy signature", "~~~", "[[User:Alice|<b>A</b>]]",
			wikitext.PSTOptions{Nickname: "[[User:Alice|<b>A</b>]]", FancySig: true}, true},
		{"broken fancy signature falls back", "~~~", alice,
			wikitext.PSTOptions{Nickname: "<b>A", FancySig: true}, true},
		{"overlong nickname falls back", "~~~", alice,
			wikitext.PSTOptions{Nickname: strings.Repeat("x", 256)}, true},
		{"nowiki", "<nowiki>~~~~</nowiki>", "<nowiki>~~~~</nowiki>", wikitext.PSTOptions{}, false},
		{"pre", "<pre>~~~</pre>", "<pre>~~~</pre>", wikitext.PSTOptions{}, false},
		{"comment", "<!-- ~~~~ -->", "<!-- ~~~~ -->", wikitext.PSTOptions{}, false},
		{"includeonly keeps subst", "<includeonly>{{subst:Foo}}</includeonly>",
			"<includeonly>{{subst:Foo}}</includeonly>", wikitext.PSTOptions{}, false},
		{"noinclude subst", "<noinclude>{{subst:Foo}}</noinclude>", "<noinclude>FOO</noinclude>", wikitext.PSTOptions{}, false},
		{"subst", "{{subst:Foo}} and {{SUBST:foo}}", "FOO and FOO", wikitext.PSTOptions{}, false},
		{"safesubst", "{{safesubst:Foo}}", "FOO", wikitext.PSTOptions{}, false},
		{"a template's own parameters stay", "Hello {{{1|you}}} and {{{who}}}", "Hello {{{1|you}}} and {{{who}}}", wikitext.PSTOptions{}, false},
		{"parameters of a substituted template", "{{subst:Greet|who=Bob}}", "Hello Bob", wikitext.PSTOptions{}, false},
		{"plain template kept", "{{Foo|{{subst:Foo}}}}", "{{Foo|FOO}}", wikitext.PSTOptions{}, false},
		{"variable kept", "{{PAGENAME}} {{subst:PAGENAME}}", "{{PAGENAME}} Talk page", wikitext.PSTOptions{}, false},
		{"subst parser function", "{{subst:uc:abc}}", "ABC", wikitext.PSTOptions{}, false},
		{"subst with arguments", "{{subst:Greet|who=you}}", "Hello you", wikitext.PSTOptions{}, false},
		{"pipe trick", "[[Foo (bar)|]] [[Help:Foo, baz|]]", "[[Foo (bar)|Foo]] [[Help:Foo, baz|Foo]]",
			wikitext.PSTOptions{}, false},
		{"reverse pipe trick", "[[|Other]]", "[[Other]]", wikitext.PSTOptions{}, false},
		{"trailing whitespace", "text  \r\n\r\n\n", "text", wikitext.PSTOptions{}, false},
		{"nul bytes", "a\x00b", "ab", wikitext.PSTOptions{}, false},
		{"heading", "== {{subst:Foo}} ==", "== FOO ==", wikitext.PSTOptions{}, false},
	}
	h := wikitexttest.NewHost()
	h.Clock = clock
	for title, text := range map[string]string{"Template:Foo": "FOO", "Template:Greet": "Hello {{{who}}}<noinclude>doc</noinclude>"} {
		if err := h.SetPage(title, text); err != nil {
			t.Fatal(err)
		}
	}
	p := wikitext.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Host, o.Title = h, wikitext.Title{Namespace: 1, DBKey: "Talk_page"}
			if o.User == "" {
				o.User, o.Registered = "Alice", true
			}
			res, err := p.PreSave(context.Background(), tc.src, o)
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tc.want || res.Signature != tc.sig {
				t.Errorf("PreSave(%q) = %q, signature %v; want %q, %v", tc.src, res.Text, res.Signature, tc.want, tc.sig)
			}
		})
	}
}

func TestPreSaveNeedsHost(t *testing.T) {
	if _, err := wikitext.New().PreSaveTransform(context.Background(), "x", wikitext.PSTOptions{}); err == nil {
		t.Fatal("PreSaveTransform without a host succeeded")
	}
}

func TestPreSaveReverseContext(t *testing.T) {
	h := wikitexttest.NewHost()
	p := wikitext.New()
	for title, want := range map[string]string{
		"Somearticle_(context)": "[[Article (context)|Article]]",
		"Someplace,_Somewhere":  "[[Article, Somewhere|Article]]",
		"Plain":                 "[[Article]]",
		"Cost_$1_(dollar)":      "[[Article (dollar)|Article]]",
		"Price,_$2":             "[[Article, $2|Article]]",
	} {
		got, err := p.PreSaveTransform(context.Background(), "[[|Article]]",
			wikitext.PSTOptions{Host: h, Title: wikitext.Title{DBKey: title}, User: "127.0.0.1"})
		if err != nil || got != want {
			t.Errorf("title %s: got %q, %v; want %q", title, got, err, want)
		}
	}
}
