package folio_test

import (
	"slices"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestNamespacesDefaults(t *testing.T) {
	ns := folio.NewNamespaces("My Wiki")
	tests := []struct {
		id        int
		name      string
		canonical string
		subpages  bool
		content   bool
	}{
		{folio.NSMedia, "Media", "Media", false, false},
		{folio.NSSpecial, "Special", "Special", false, false},
		{folio.NSMain, "", "", false, true},
		{folio.NSTalk, "Talk", "Talk", true, false},
		{folio.NSUser, "User", "User", true, false},
		{folio.NSUserTalk, "User talk", "User talk", true, false},
		{folio.NSProject, "My Wiki", "Project", true, false},
		{folio.NSProjectTalk, "My Wiki talk", "Project talk", true, false},
		{folio.NSFile, "File", "File", false, false},
		{folio.NSFileTalk, "File talk", "File talk", true, false},
		{folio.NSMediaWiki, "MediaWiki", "MediaWiki", true, false},
		{folio.NSMediaWikiTalk, "MediaWiki talk", "MediaWiki talk", true, false},
		{folio.NSTemplate, "Template", "Template", true, false},
		{folio.NSTemplateTalk, "Template talk", "Template talk", true, false},
		{folio.NSHelp, "Help", "Help", true, false},
		{folio.NSHelpTalk, "Help talk", "Help talk", true, false},
		{folio.NSCategory, "Category", "Category", false, false},
		{folio.NSCategoryTalk, "Category talk", "Category talk", true, false},
	}
	all := ns.All()
	if len(all) != len(tests) {
		t.Fatalf("All() has %d namespaces, want %d", len(all), len(tests))
	}
	for i, tt := range tests {
		got, ok := ns.ByID(tt.id)
		if !ok {
			t.Fatalf("ByID(%d) not found", tt.id)
		}
		if got.Name != tt.name || got.Canonical != tt.canonical || got.Subpages != tt.subpages ||
			got.Content != tt.content || got.CaseSensitive || got.ID != tt.id {
			t.Errorf("ByID(%d) = %+v, want name %q canonical %q subpages %v content %v",
				tt.id, got, tt.name, tt.canonical, tt.subpages, tt.content)
		}
		if all[i].ID != tt.id {
			t.Errorf("All()[%d].ID = %d, want %d", i, all[i].ID, tt.id)
		}
	}
	if _, ok := ns.ByID(100); ok {
		t.Errorf("ByID(100) found, want not found")
	}
}

func TestNamespacesLookup(t *testing.T) {
	ns := folio.NewNamespaces("My Wiki")
	tests := []struct {
		name string
		want int
		ok   bool
	}{
		{"Talk", folio.NSTalk, true},
		{"talk", folio.NSTalk, true},
		{"TALK", folio.NSTalk, true},
		{"User talk", folio.NSUserTalk, true},
		{"user_talk", folio.NSUserTalk, true},
		{" User __ talk ", folio.NSUserTalk, true},
		{"My Wiki", folio.NSProject, true},
		{"my_wiki", folio.NSProject, true},
		{"Project", folio.NSProject, true},
		{"My wiki talk", folio.NSProjectTalk, true},
		{"Project talk", folio.NSProjectTalk, true},
		{"Image", folio.NSFile, true},
		{"image talk", folio.NSFileTalk, true},
		{"Special", folio.NSSpecial, true},
		{"Media", folio.NSMedia, true},
		{"", 0, false},
		{"Main", 0, false},
		{"Foo", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ns.Lookup(tt.name)
			if ok != tt.ok || (ok && got.ID != tt.want) {
				t.Errorf("Lookup(%q) = %d, %v, want %d, %v", tt.name, got.ID, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNamespacesSiteNameFallback(t *testing.T) {
	for _, site := range []string{"", "  ", "Help", "A:B", "user talk"} {
		ns := folio.NewNamespaces(site)
		got, _ := ns.ByID(folio.NSProject)
		if got.Name != "Project" {
			t.Errorf("NewNamespaces(%q) project name = %q, want %q", site, got.Name, "Project")
		}
	}
	got, _ := folio.NewNamespaces("Some_wiki").ByID(folio.NSProjectTalk)
	if got.Name != "Some wiki talk" {
		t.Errorf("project talk name = %q, want %q", got.Name, "Some wiki talk")
	}
}

func TestNamespacesTalkSubject(t *testing.T) {
	ns := folio.NewNamespaces("Wiki")
	tests := []struct {
		id, talk, subject int
		isTalk            bool
	}{
		{folio.NSMedia, folio.NSMedia, folio.NSMedia, false},
		{folio.NSSpecial, folio.NSSpecial, folio.NSSpecial, false},
		{folio.NSMain, folio.NSTalk, folio.NSMain, false},
		{folio.NSTalk, folio.NSTalk, folio.NSMain, true},
		{folio.NSUser, folio.NSUserTalk, folio.NSUser, false},
		{folio.NSCategoryTalk, folio.NSCategoryTalk, folio.NSCategory, true},
		{100, 101, 100, false},
	}
	for _, tt := range tests {
		if got := ns.Talk(tt.id); got != tt.talk {
			t.Errorf("Talk(%d) = %d, want %d", tt.id, got, tt.talk)
		}
		if got := ns.Subject(tt.id); got != tt.subject {
			t.Errorf("Subject(%d) = %d, want %d", tt.id, got, tt.subject)
		}
		if got := ns.IsTalk(tt.id); got != tt.isTalk {
			t.Errorf("IsTalk(%d) = %v, want %v", tt.id, got, tt.isTalk)
		}
	}
}

func TestNewNamespacesFrom(t *testing.T) {
	base := func() []folio.Namespace {
		return []folio.Namespace{
			{ID: folio.NSSpecial, Name: "Spezial", Canonical: "Special"},
			{ID: folio.NSMain, Content: true},
			{ID: folio.NSTalk, Name: "Diskussion", Canonical: "Talk", Subpages: true},
			{ID: 100, Name: "Portal", Aliases: []string{"P"}},
			{ID: 101, Name: "Portal Diskussion", CaseSensitive: true},
		}
	}
	tests := []struct {
		name   string
		modify func([]folio.Namespace) []folio.Namespace
		ok     bool
	}{
		{"valid", func(l []folio.Namespace) []folio.Namespace { return l }, true},
		{"duplicate ID", func(l []folio.Namespace) []folio.Namespace {
			return append(l, folio.Namespace{ID: 100, Name: "Other"})
		}, false},
		{"missing main", func(l []folio.Namespace) []folio.Namespace { return slices.Delete(l, 1, 2) }, false},
		{"missing talk", func(l []folio.Namespace) []folio.Namespace { return l[:4] }, false},
		{"missing subject", func(l []folio.Namespace) []folio.Namespace { return slices.Delete(l, 3, 4) }, false},
		{"bad negative", func(l []folio.Namespace) []folio.Namespace {
			return append(l, folio.Namespace{ID: -3, Name: "Minus"})
		}, false},
		{"unnamed", func(l []folio.Namespace) []folio.Namespace { l[3].Name = ""; return l }, false},
		{"named main", func(l []folio.Namespace) []folio.Namespace { l[1].Name = "Main"; return l }, false},
		{"name clash", func(l []folio.Namespace) []folio.Namespace { l[4].Aliases = []string{"portal"}; return l }, false},
		{"colon", func(l []folio.Namespace) []folio.Namespace { l[3].Name = "A:B"; return l }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, err := folio.NewNamespacesFrom(tt.modify(base()))
			if (err == nil) != tt.ok {
				t.Fatalf("NewNamespacesFrom() error = %v, want ok %v", err, tt.ok)
			}
			if !tt.ok {
				return
			}
			if got, ok := ns.Lookup("p"); !ok || got.ID != 100 {
				t.Errorf("Lookup(%q) = %d, %v, want 100, true", "p", got.ID, ok)
			}
			if got, ok := ns.Lookup("talk"); !ok || got.ID != folio.NSTalk {
				t.Errorf("Lookup(%q) = %d, %v, want %d, true", "talk", got.ID, ok, folio.NSTalk)
			}
		})
	}
}

func TestNamespacesImmutable(t *testing.T) {
	ns := folio.NewNamespaces("Wiki")
	all := ns.All()
	all[folio.NSFile+2].Aliases[0] = "Changed"
	got, _ := ns.ByID(folio.NSFile)
	got.Aliases[0] = "Changed too"
	if f, ok := ns.Lookup("Image"); !ok || f.Aliases[0] != "Image" {
		t.Errorf("Lookup(%q) = %+v, %v after modifying copies", "Image", f, ok)
	}
}

func TestNamespacesSubpages(t *testing.T) {
	ns := folio.NewNamespaces("Wiki")
	tests := []struct {
		ns                  int
		dbkey               string
		isSub               bool
		base, root, subpage string
	}{
		{folio.NSUser, "A/B/C", true, "A/B", "A", "C"},
		{folio.NSUser, "A_b/c_d", true, "A b", "A b", "c d"},
		{folio.NSUser, "A", false, "A", "A", "A"},
		{folio.NSUser, "/A/B", true, "/A", "A", "B"},
		{folio.NSUser, "A/", true, "A", "A", ""},
		{folio.NSUser, "//", true, "/", "//", ""},
		{folio.NSMain, "A/B/C", false, "A/B/C", "A/B/C", "A/B/C"},
		{folio.NSFile, "A/B", false, "A/B", "A/B", "A/B"},
		{folio.NSTemplate, "Infobox/doc", true, "Infobox", "Infobox", "doc"},
	}
	for _, tt := range tests {
		ti := ns.MakeTitle(tt.ns, tt.dbkey)
		if got := ns.IsSubpage(ti); got != tt.isSub {
			t.Errorf("IsSubpage(%v) = %v, want %v", ti, got, tt.isSub)
		}
		if got := ns.BaseText(ti); got != tt.base {
			t.Errorf("BaseText(%v) = %q, want %q", ti, got, tt.base)
		}
		if got := ns.RootText(ti); got != tt.root {
			t.Errorf("RootText(%v) = %q, want %q", ti, got, tt.root)
		}
		if got := ns.SubpageText(ti); got != tt.subpage {
			t.Errorf("SubpageText(%v) = %q, want %q", ti, got, tt.subpage)
		}
	}
}
