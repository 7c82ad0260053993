package folio_test

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// FuzzTitle checks that ParseTitle never panics, that it accepts or rejects
// consistently, and that normalisation is idempotent: parsing the
// PrefixedText of a valid title gives the same title.
func FuzzTitle(f *testing.F) {
	for _, seed := range []string{
		"Foo", "foo bar", "  _foo__bar_ ", ":Foo", "::Foo", "Talk:File:Foo", "Talk:foo:bar",
		"User talk:foo", "Image:A.png", "Folio:About", "Special:Foo/bar", "Media:X",
		"Foo#Bar baz", "#frag", "Foo#a#b", "Talk:Foo#a\nb", "Talk:Foo\n", "en:Foo", "EN::Talk:x",
		"Talk:en:Foo", "A&amp;B", "A&amp;amp;B", "&#x301;e", "e&#x301;", "A&#0;", "&lang;",
		"A%20B", "100%", "./Foo", "Foo/../Bar", "...", "~~~", "ßfoo", "ﬁle:Foo", "ſpecial:x",
		"ı\u0301", "ǆ", "ა", "\u200efoo\u200f", "foo\u3000\u00a0bar", "e\u200e\u0301",
		"User:01.2.3.4", "User:fe80::0001/64", "User:::1", "User:::ffff:1.2.3.4",
		"User:1.2.3.4/foo", strings.Repeat("a", 255), strings.Repeat("ΐ", 128),
		"Special:" + strings.Repeat("x", 512), "Foo\xff", "\ufffd", "Talk:",
	} {
		f.Add(seed, 0)
		f.Add(seed, folio.NSTemplate)
	}
	ns := folio.NewNamespaces("Folio").WithInterwiki(testInterwikis)
	f.Fuzz(func(t *testing.T, text string, defaultNS int) {
		defaultNS = (defaultNS%18+18)%18 - 2 // a built-in namespace
		ti, err := ns.ParseTitle(text, defaultNS)
		if err != nil {
			if folio.ErrorCode(err) != folio.EInvalidTitle {
				t.Fatalf("ParseTitle(%q) error code = %q, want %q", text, folio.ErrorCode(err), folio.EInvalidTitle)
			}
			return
		}
		if ti.IsExternal() || ti.DBKey == "" || unreachable(ns, ti) { // "#frag" has no page to reparse
			return
		}
		again, err := ns.ParseTitle(ti.PrefixedText(), folio.NSMain)
		if err != nil {
			t.Fatalf("ParseTitle(%q) = %q, reparse error %v", text, ti.PrefixedText(), err)
		}
		if !again.Equal(ti) || again.Prefix != ti.Prefix {
			t.Fatalf("ParseTitle(%q) = %+v, reparse of %q = %+v", text, ti, ti.PrefixedText(), again)
		}
	})
}

// unreachable reports titles that MediaWiki's rules also cannot reproduce
// from their own text: a main-namespace or Talk title whose DBKey starts
// with a namespace or interwiki prefix (reachable only through letters
// such as "ſ" that upper-case to ASCII, or a newline quirk), and titles
// that upper-casing pushed over the length limit.
func unreachable(ns *folio.Namespaces, ti folio.Title) bool {
	if len(ti.DBKey) > 250 && ti.Namespace != folio.NSSpecial {
		return true
	}
	if ti.Namespace != folio.NSMain && ti.Namespace != folio.NSTalk {
		return false
	}
	p, _, ok := strings.Cut(ti.DBKey, ":")
	p = strings.TrimRight(p, "_")
	if !ok || p == "" {
		return false
	}
	_, isNS := ns.Lookup(p)
	return isNS || testInterwikis(strings.ToLower(p))
}
