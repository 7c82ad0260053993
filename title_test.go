package folio_test

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

// testInterwikis is the interwiki table used by the title tests.
func testInterwikis(prefix string) bool {
	return prefix == "en" || prefix == "w" || prefix == "wikipedia"
}

// mustNamespaces returns the test wiki's namespaces with interwikis.
func mustNamespaces(tb testing.TB) *folio.Namespaces {
	tb.Helper()
	return folio.NewNamespaces("Folio").WithInterwiki(testInterwikis)
}

// TestParseTitle is long by design: its table has rows for every rule of
// MediaWiki's title parser, grouped by rule.
func TestParseTitle(t *testing.T) {
	const bad = "<invalid>"
	tests := []struct {
		name, in  string
		defaultNS int
		ns        int
		dbkey     string // bad for an invalid title
		fragment  string
		interwiki string
	}{
		// whitespace, underscores and capitalisation
		{"plain", "Foo", 0, 0, "Foo", "", ""},
		{"ucfirst", "foo bar", 0, 0, "Foo_bar", "", ""},
		{"spaces collapse", "  foo   bar  ", 0, 0, "Foo_bar", "", ""},
		{"underscores collapse", "__foo__bar__", 0, 0, "Foo_bar", "", ""},
		{"nbsp", "foo\u00a0bar", 0, 0, "Foo_bar", "", ""},
		{"ogham space", "foo\u1680bar", 0, 0, "Foo_bar", "", ""},
		{"mongolian separator", "foo\u180ebar", 0, 0, "Foo_bar", "", ""},
		{"en quad", "foo\u2000bar", 0, 0, "Foo_bar", "", ""},
		{"hair space", "foo\u200abar", 0, 0, "Foo_bar", "", ""},
		{"line separator", "foo\u2028bar", 0, 0, "Foo_bar", "", ""},
		{"paragraph separator", "foo\u2029bar", 0, 0, "Foo_bar", "", ""},
		{"narrow nbsp", "foo\u202fbar", 0, 0, "Foo_bar", "", ""},
		{"math space", "foo\u205fbar", 0, 0, "Foo_bar", "", ""},
		{"ideographic space", "foo\u3000bar", 0, 0, "Foo_bar", "", ""},
		{"mixed run", "foo _\u00a0\u3000 bar", 0, 0, "Foo_bar", "", ""},
		{"zero width space kept", "foo\u200bbar", 0, 0, "Foo\u200bbar", "", ""},
		{"tab", "foo\tbar", 0, 0, bad, "", ""},
		{"newline", "foo\nbar", 0, 0, bad, "", ""},
		{"lrm stripped", "foo\u200ebar", 0, 0, "Foobar", "", ""},
		{"rlm stripped", "\u200ffoo", 0, 0, "Foo", "", ""},
		{"embedding stripped", "\u202afoo\u202c bar\u202e", 0, 0, "Foo_bar", "", ""},
		{"digit first", "1foo", 0, 0, "1foo", "", ""},
		{"backtick first", "`foo", 0, 0, "`foo", "", ""},
		{"e acute", "éa", 0, 0, "Éa", "", ""},
		{"greek", "αβ", 0, 0, "Αβ", "", ""},
		{"sharp s", "ßa", 0, 0, "SSa", "", ""},
		{"ligature", "ﬀoo", 0, 0, "FFoo", "", ""},
		{"dz digraph", "ǆemal", 0, 0, "Ǆemal", "", ""},
		{"georgian", "ა", 0, 0, "Ა", "", ""},
		{"dotless i with acute", "ı\u0301x", 0, 0, "Íx", "", ""},
		{"i with dot above", "i\u0307x", 0, 0, "İx", "", ""},
		{"only first letter", "fOO bAR", 0, 0, "FOO_bAR", "", ""},
		{"nfc", "Cafe\u0301", 0, 0, "Café", "", ""},
		{"nfc across stripped mark", "Cafe\u200e\u0301", 0, 0, "Café", "", ""},
		{"angstrom sign", "\u212b", 0, 0, "Å", "", ""},

		// namespaces
		{"talk", "Talk:foo", 0, 1, "Foo", "", ""},
		{"talk lower", "talk:foo", 0, 1, "Foo", "", ""},
		{"talk upper spaced", "TALK : foo", 0, 1, "Foo", "", ""},
		{"user talk", "User talk:foo", 0, 3, "Foo", "", ""},
		{"user talk underscores", "user_talk:foo", 0, 3, "Foo", "", ""},
		{"project by site name", "Folio:About", 0, 4, "About", "", ""},
		{"project canonical", "Project:About", 0, 4, "About", "", ""},
		{"project talk", "folio talk:About", 0, 5, "About", "", ""},
		{"image alias", "Image:Foo.jpg", 0, 6, "Foo.jpg", "", ""},
		{"image talk alias", "image talk:Foo.jpg", 0, 7, "Foo.jpg", "", ""},
		{"special", "Special:recentchanges", 0, -1, "Recentchanges", "", ""},
		{"special subpage", "special:Contributions/foo", 0, -1, "Contributions/foo", "", ""},
		{"media", "Media:foo.jpg", 0, -2, "Foo.jpg", "", ""},
		{"category", "Category:Foo bar", 0, 14, "Foo_bar", "", ""},
		{"default namespace", "Foo", 10, 10, "Foo", "", ""},
		{"default with prefix", "Help:Foo", 10, 12, "Foo", "", ""},
		{"unknown prefix", "Foo:bar", 0, 0, "Foo:bar", "", ""},
		{"unknown prefix default", "Foo:bar", 10, 10, "Foo:bar", "", ""},
		{"trailing colon", "Foo:", 0, 0, "Foo:", "", ""},
		{"only one prefix", "File:Talk:foo", 0, 6, "Talk:foo", "", ""},
		{"leading colon", ":Foo", 10, 0, "Foo", "", ""},
		{"leading colon space", ": foo", 10, 0, "Foo", "", ""},
		{"leading colon then namespace", ":Category:Foo", 0, 14, "Foo", "", ""},
		{"double leading colon", "::Foo", 0, 0, bad, "", ""},
		{"colon after prefix", "Talk::Foo", 0, 0, bad, "", ""},
		{"talk of namespace", "Talk:File:Foo", 0, 0, bad, "", ""},
		{"talk of talk", "Talk:talk:Foo", 0, 0, bad, "", ""},
		{"talk of special", "Talk:Special:Foo", 0, 0, bad, "", ""},
		{"talk of interwiki", "Talk:en:Foo", 0, 0, bad, "", ""},
		{"talk of unknown prefix", "Talk:foo:bar", 0, 1, "Foo:bar", "", ""},
		{"other talk may nest", "User talk:File:Foo", 0, 3, "File:Foo", "", ""},
		{"newline ends prefixed text", "Talk:Foo\n", 0, 1, "Foo", "", ""},
		{"newline after space", "Talk:Foo \n", 0, 1, "Foo", "", ""},
		{"newline blocks prefix", "Talk:Foo#a\nb", 0, 0, "Talk:Foo", "a\nb", ""},

		// empty titles
		{"empty", "", 0, 0, bad, "", ""},
		{"blank", "  _ ", 0, 0, bad, "", ""},
		{"colon only", ":", 0, 0, bad, "", ""},
		{"prefix only", "Talk:", 0, 0, bad, "", ""},
		{"prefix and space", "Template: ", 0, 0, bad, "", ""},
		{"bidi only", "\u200e", 0, 0, bad, "", ""},

		// fragments
		{"fragment", "Foo#bar", 0, 0, "Foo", "bar", ""},
		{"fragment underscores", "Foo#bar_baz  qux", 0, 0, "Foo", "bar baz qux", ""},
		{"fragment space before", "Foo #bar", 0, 0, "Foo", "bar", ""},
		{"fragment leading space", "Foo# bar", 0, 0, "Foo", " bar", ""},
		{"empty fragment", "Foo#", 0, 0, "Foo", "", ""},
		{"fragment only", "#bar", 0, 0, "", "bar", ""},
		{"fragment only non-main", "#bar", 10, 0, bad, "", ""},
		{"prefix and fragment", "Talk:#bar", 0, 0, bad, "", ""},
		{"second hash", "Foo#a#b", 0, 0, "Foo", "a#b", ""},
		{"fragment not checked", "Foo#a<b>|{}", 0, 0, "Foo", "a<b>|{}", ""},
		{"fragment keeps case", "foo#bar", 0, 0, "Foo", "bar", ""},
		{"fragment with colon", "Foo#Talk:Bar", 0, 0, "Foo", "Talk:Bar", ""},

		// illegal characters
		{"less than", "Foo<bar", 0, 0, bad, "", ""},
		{"greater than", "Foo>bar", 0, 0, bad, "", ""},
		{"brackets", "Foo[bar]", 0, 0, bad, "", ""},
		{"braces", "Foo{bar}", 0, 0, bad, "", ""},
		{"pipe", "Foo|bar", 0, 0, bad, "", ""},
		{"delete", "Foo\x7f", 0, 0, bad, "", ""},
		{"nul", "Foo\x00", 0, 0, bad, "", ""},
		{"replacement char", "Foo\ufffd", 0, 0, bad, "", ""},
		{"replacement in fragment", "Foo#\ufffd", 0, 0, bad, "", ""},
		{"invalid utf8", "Foo\xff", 0, 0, bad, "", ""},
		{"c1 control is legal", "Foo\u0085", 0, 0, "Foo\u0085", "", ""},
		{"legal ascii", "A!\"$&'()*,-./0;=?@\\^`~+", 0, 0, "A!\"$&'()*,-./0;=?@\\^`~+", "", ""},
		{"percent alone", "100%", 0, 0, "100%", "", ""},
		{"percent not hex", "A%2g", 0, 0, "A%2g", "", ""},
		{"percent escape", "A%20B", 0, 0, bad, "", ""},
		{"percent escape lower", "A%2fB", 0, 0, bad, "", ""},

		// character references
		{"amp", "A&amp;B", 0, 0, "A&B", "", ""},
		{"double escaped", "A&amp;amp;B", 0, 0, bad, "", ""},
		{"named", "caf&eacute;", 0, 0, "Café", "", ""},
		{"decimal", "caf&#233;", 0, 0, "Café", "", ""},
		{"hex", "caf&#xE9;", 0, 0, "Café", "", ""},
		{"hex upper X", "caf&#XE9;", 0, 0, "Café", "", ""},
		{"unknown entity", "A&foo;", 0, 0, bad, "", ""},
		{"html5 only entity", "A&check;", 0, 0, bad, "", ""},
		{"case matters", "A&AMP;", 0, 0, bad, "", ""},
		{"no semicolon", "A&amp", 0, 0, "A&amp", "", ""},
		{"nul reference", "A&#0;", 0, 0, bad, "", ""},
		{"surrogate reference", "A&#xD800;", 0, 0, bad, "", ""},
		{"huge reference", "A&#99999999999;", 0, 0, bad, "", ""},
		{"nbsp entity", "A&nbsp;B", 0, 0, "A_B", "", ""},
		{"underscore reference", "A&#95;&#95;B", 0, 0, "A_B", "", ""},
		{"hash reference", "A&#35;B", 0, 0, "A", "B", ""},
		{"less than entity", "&lt;foo&gt;", 0, 0, bad, "", ""},
		{"rlm entity", "&rlm;foo", 0, 0, "Foo", "", ""},
		{"rlm alias", "&رلم;foo", 0, 0, "Foo", "", ""},
		{"html4 lang", "&lang;x", 0, 0, "\u3008x", "", ""},
		{"combining reference", "e&#x301;", 0, 0, "É", "", ""},
		{"colon reference", "Talk&#58;foo", 0, 1, "Foo", "", ""},

		// relative paths and tildes
		{"dot", ".", 0, 0, bad, "", ""},
		{"dot dot", "..", 0, 0, bad, "", ""},
		{"dot slash", "./Foo", 0, 0, bad, "", ""},
		{"dot dot slash", "../Foo", 0, 0, bad, "", ""},
		{"inner dot", "Foo/./Bar", 0, 0, bad, "", ""},
		{"inner dot dot", "Foo/../Bar", 0, 0, bad, "", ""},
		{"trailing dot", "Foo/.", 0, 0, bad, "", ""},
		{"trailing dot dot", "Foo/..", 0, 0, bad, "", ""},
		{"namespaced dot", "Talk:..", 0, 0, bad, "", ""},
		{"three dots", "...", 0, 0, "...", "", ""},
		{"dot file", ".foo", 0, 0, ".foo", "", ""},
		{"dots in segment", "Foo/...", 0, 0, "Foo/...", "", ""},
		{"dot prefix segment", "Foo/.bar", 0, 0, "Foo/.bar", "", ""},
		{"leading slash", "/foo", 0, 0, "/foo", "", ""},
		{"trailing slash", "Foo/", 0, 0, "Foo/", "", ""},
		{"tildes", "Foo~~~", 0, 0, bad, "", ""},
		{"four tildes", "~~~~", 0, 0, bad, "", ""},
		{"two tildes", "Foo~~", 0, 0, "Foo~~", "", ""},

		// length
		{"255 bytes", strings.Repeat("a", 255), 0, 0, "A" + strings.Repeat("a", 254), "", ""},
		{"256 bytes", strings.Repeat("a", 256), 0, 0, bad, "", ""},
		{"256 bytes multibyte", strings.Repeat("é", 128), 0, 0, bad, "", ""},
		{"prefix not counted", "Talk:" + strings.Repeat("A", 255), 0, 1, strings.Repeat("A", 255), "", ""},
		{"fragment not counted", strings.Repeat("A", 255) + "#" + strings.Repeat("b", 300), 0, 0, strings.Repeat("A", 255), strings.Repeat("b", 300), ""},
		{"special 512", "Special:" + strings.Repeat("A", 512), 0, -1, strings.Repeat("A", 512), "", ""},
		{"special 513", "Special:" + strings.Repeat("A", 513), 0, 0, bad, "", ""},

		// IP addresses
		{"ipv4", "User:1.2.3.4", 0, 2, "1.2.3.4", "", ""},
		{"ipv4 zeros", "User:01.002.000.4", 0, 2, "1.2.0.4", "", ""},
		{"ipv4 cidr", "User talk:010.0.0.0/8", 0, 3, "10.0.0.0/8", "", ""},
		{"ipv4 bad octet", "User:256.1.1.1", 0, 2, "256.1.1.1", "", ""},
		{"ipv4 subpage", "User:01.2.3.4/foo", 0, 2, "01.2.3.4/foo", "", ""},
		{"ipv4 bad cidr", "User:1.2.3.4/33", 0, 2, "1.2.3.4/33", "", ""},
		{"ipv4 elsewhere", "Talk:01.2.3.4", 0, 1, "01.2.3.4", "", ""},
		{"ipv6", "User:2001:db8::1", 0, 2, "2001:DB8:0:0:0:0:0:1", "", ""},
		{"ipv6 leading zeros", "User talk:fe80:0000::0001", 0, 3, "FE80:0:0:0:0:0:0:1", "", ""},
		{"ipv6 loopback", "User:::1", 0, 2, "0:0:0:0:0:0:0:1", "", ""},
		{"ipv6 trailing gap", "User:abcd::", 0, 2, "ABCD:0:0:0:0:0:0:0", "", ""},
		{"ipv6 cidr", "User:2001:DB8::/32", 0, 2, "2001:DB8:0:0:0:0:0:0/32", "", ""},
		{"ipv6 mapped ipv4", "User:::ffff:1.2.3.4", 0, 0, bad, "", ""},
		{"ipv6 two gaps", "User:a::b::c", 0, 2, "A::b::c", "", ""},

		// interwiki
		{"interwiki", "en:Foo", 0, 0, "Foo", "", "en"},
		{"interwiki keeps case", "EN:foo bar", 0, 0, "foo_bar", "", "en"},
		{"interwiki empty", "en:", 0, 0, "", "", "en"},
		{"interwiki colon", "en::foo", 10, 0, "foo", "", "en"},
		{"interwiki default ns", "en:Foo", 10, 10, "Foo", "", "en"},
		{"interwiki namespace kept", "w:Talk:foo", 0, 0, "Talk:foo", "", "w"},
		{"interwiki fragment", "wikipedia:Foo#Bar", 0, 0, "Foo", "Bar", "wikipedia"},
		{"interwiki leading colon", ":en:Foo", 10, 0, "Foo", "", "en"},
		{"not interwiki", "de:Foo", 0, 0, "De:Foo", "", ""},
		{"namespace first", "Help:en:Foo", 0, 12, "En:Foo", "", ""},
	}
	ns := mustNamespaces(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ns.ParseTitle(tt.in, tt.defaultNS)
			if tt.dbkey == bad {
				if folio.ErrorCode(err) != folio.EInvalidTitle {
					t.Fatalf("ParseTitle(%q) = %+v, %v, want error %q", tt.in, got, err, folio.EInvalidTitle)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTitle(%q) error = %v", tt.in, err)
			}
			if got.Namespace != tt.ns || got.DBKey != tt.dbkey || got.Fragment != tt.fragment || got.Interwiki != tt.interwiki {
				t.Errorf("ParseTitle(%q) = ns %d dbkey %q fragment %q interwiki %q, want %d %q %q %q",
					tt.in, got.Namespace, got.DBKey, got.Fragment, got.Interwiki, tt.ns, tt.dbkey, tt.fragment, tt.interwiki)
			}
		})
	}
}

func TestParseTitleCaseSensitive(t *testing.T) {
	ns, err := folio.NewNamespacesFrom([]folio.Namespace{
		{ID: folio.NSMain, CaseSensitive: true},
		{ID: folio.NSTalk, Name: "Talk"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"foo": "foo", "Talk:foo": "Foo", "ßx": "ßx"} {
		if got, err := ns.ParseTitle(in, folio.NSMain); err != nil || got.DBKey != want {
			t.Errorf("ParseTitle(%q) = %q, %v, want %q", in, got.DBKey, err, want)
		}
	}
}

func TestTitleText(t *testing.T) {
	ns := mustNamespaces(t)
	tests := []struct {
		in                               string
		text, prefixed, prefixedDB, full string
		prefix                           string
		special, external                bool
	}{
		{"foo bar", "Foo bar", "Foo bar", "Foo_bar", "Foo bar", "", false, false},
		{"user talk:foo_bar#Baz qux", "Foo bar", "User talk:Foo bar", "User_talk:Foo_bar", "User talk:Foo bar#Baz qux", "User talk", false, false},
		{"Project talk:X", "X", "Folio talk:X", "Folio_talk:X", "Folio talk:X", "Folio talk", false, false},
		{"Special:Version", "Version", "Special:Version", "Special:Version", "Special:Version", "Special", true, false},
		{"en:foo bar#x", "foo bar", "en:foo bar", "en:foo_bar", "en:foo bar#x", "", false, true},
		{"#top", "", "", "", "#top", "", false, false},
	}
	for _, tt := range tests {
		ti, err := ns.ParseTitle(tt.in, folio.NSMain)
		if err != nil {
			t.Fatalf("ParseTitle(%q) error = %v", tt.in, err)
		}
		for _, c := range []struct{ what, got, want string }{
			{"Text", ti.Text(), tt.text},
			{"PrefixedText", ti.PrefixedText(), tt.prefixed},
			{"PrefixedDBKey", ti.PrefixedDBKey(), tt.prefixedDB},
			{"FullText", ti.FullText(), tt.full},
			{"String", ti.String(), tt.full},
			{"Prefix", ti.Prefix, tt.prefix},
		} {
			if c.got != c.want {
				t.Errorf("ParseTitle(%q).%s = %q, want %q", tt.in, c.what, c.got, c.want)
			}
		}
		if ti.IsSpecial() != tt.special || ti.IsExternal() != tt.external {
			t.Errorf("ParseTitle(%q): IsSpecial %v IsExternal %v, want %v %v", tt.in, ti.IsSpecial(), ti.IsExternal(), tt.special, tt.external)
		}
	}
}

func TestMakeTitle(t *testing.T) {
	ns := mustNamespaces(t)
	tests := []struct {
		ns       int
		dbkey    string
		prefixed string
	}{
		{folio.NSMain, "Foo_bar", "Foo bar"},
		{folio.NSProject, "About", "Folio:About"},
		{folio.NSFile, "a.png", "File:a.png"},
		{100, "X", "Special:Badtitle/NS100:X"},
	}
	for _, tt := range tests {
		if got := ns.MakeTitle(tt.ns, tt.dbkey).PrefixedText(); got != tt.prefixed {
			t.Errorf("MakeTitle(%d, %q).PrefixedText() = %q, want %q", tt.ns, tt.dbkey, got, tt.prefixed)
		}
	}
}

func TestTalkAndSubjectPage(t *testing.T) {
	ns := mustNamespaces(t)
	tests := []struct {
		in, talk, subject string
		hasTalk           bool
	}{
		{"Foo#x", "Talk:Foo", "Foo#x", true},
		{"Talk:Foo#x", "Talk:Foo", "Foo", true},
		{"User:Foo", "User talk:Foo", "User:Foo", true},
		{"Folio talk:Foo", "Folio talk:Foo", "Folio:Foo", true},
		{"Special:Foo", "", "Special:Foo", false},
		{"Media:Foo.png", "", "Media:Foo.png", false},
		{"en:Foo", "", "en:Foo", false},
		{"#frag", "", "#frag", false},
	}
	for _, tt := range tests {
		ti, err := ns.ParseTitle(tt.in, folio.NSMain)
		if err != nil {
			t.Fatalf("ParseTitle(%q) error = %v", tt.in, err)
		}
		talk, ok := ns.TalkPage(ti)
		if ok != tt.hasTalk || (ok && talk.FullText() != tt.talk) {
			t.Errorf("TalkPage(%q) = %q, %v, want %q, %v", tt.in, talk.FullText(), ok, tt.talk, tt.hasTalk)
		}
		if got := ns.SubjectPage(ti).FullText(); got != tt.subject {
			t.Errorf("SubjectPage(%q) = %q, want %q", tt.in, got, tt.subject)
		}
	}
}

func TestTitleEqualAndKey(t *testing.T) {
	ns := mustNamespaces(t)
	parse := func(s string) folio.Title {
		ti, err := ns.ParseTitle(s, folio.NSMain)
		if err != nil {
			t.Fatalf("ParseTitle(%q) error = %v", s, err)
		}
		return ti
	}
	tests := []struct {
		a, b  string
		equal bool
	}{
		{"foo", "Foo", true},
		{"Foo#a", "Foo#b", true},
		{"Foo bar", "Foo_bar", true},
		{"Talk:Foo", "talk:foo", true},
		{"Image:A.png", "File:A.png", true},
		{"Foo", "Talk:Foo", false},
		{"en:Foo", "Foo", false},
		{"Foo", "foO", false},
	}
	for _, tt := range tests {
		a, b := parse(tt.a), parse(tt.b)
		if got := a.Equal(b); got != tt.equal {
			t.Errorf("ParseTitle(%q).Equal(%q) = %v, want %v", tt.a, tt.b, got, tt.equal)
		}
		if got := a.Key() == b.Key(); got != tt.equal {
			t.Errorf("Key(%q) == Key(%q) is %v, want %v", tt.a, tt.b, got, tt.equal)
		}
	}
}
