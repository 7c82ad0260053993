package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func TestSpecialSections(t *testing.T) {
	h := func(http.ResponseWriter, *http.Request) {}
	s := &Server{Namespaces: folio.NewNamespaces("Test")}
	s.specials = newSpecialTable(map[string]specialPage{
		"RecentChanges": {Handler: h, Listed: true, Group: "changes"},
		"Log":           {Handler: h, Listed: true, Group: "changes"},
		"Version":       {Handler: h, Listed: true, Group: "wiki"},
		"Undelete":      {Handler: h, Listed: true, Group: "pagetools", Right: "undelete"},
		"Hidden":        {Handler: h, Group: "other"},
		"Odd":           {Handler: h, Listed: true, Group: "nosuchgroup"},
	})
	type entry struct {
		Text       string
		Restricted bool
	}
	flatten := func(secs []specialSection) map[string][]entry {
		out := map[string][]entry{}
		for _, sec := range secs {
			for _, e := range sec.Entries {
				out[sec.ID] = append(out[sec.ID], entry{e.Link.Text, e.Restricted})
			}
		}
		return out
	}
	tests := []struct {
		name   string
		rights map[string]bool
		want   map[string][]entry
	}{
		{"anonymous", nil, map[string][]entry{
			"changes": {{"Logs", false}, {"Recent changes", false}},
			"wiki":    {{"Software version", false}},
			"other":   {{"Odd", false}},
		}},
		{"with the right", map[string]bool{"undelete": true}, map[string][]entry{
			"changes":   {{"Logs", false}, {"Recent changes", false}},
			"pagetools": {{"Restore deleted pages", true}},
			"wiki":      {{"Software version", false}},
			"other":     {{"Odd", false}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flatten(s.specialSections(func(r string) bool { return tt.rights[r] }))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("specialSections mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSpecialPagesTable(t *testing.T) {
	s := &Server{}
	pages := s.specialPages()
	for alias, canon := range specialAliases {
		if _, ok := pages[canon]; !ok {
			t.Errorf("alias %s points at %s, which is not a special page", alias, canon)
		}
		if pages[alias].Listed {
			t.Errorf("alias %s is listed on Special:SpecialPages", alias)
		}
	}
	for name, p := range pages {
		if p.Handler == nil {
			t.Errorf("special page %s has no handler", name)
		}
		if _, alias := specialAliases[name]; !alias && specialHeadings[name] == "" {
			t.Errorf("special page %s has no heading", name)
		}
	}
	seen := map[string]string{}
	for name := range pages {
		key := folio.NewNamespaces("").MakeTitle(folio.NSSpecial, name).DBKey
		if other, ok := seen[strings.ToLower(key)]; ok {
			t.Errorf("special pages %s and %s differ only in case; lookup ignores case", name, other)
		}
		seen[strings.ToLower(key)] = name
	}
}

func TestParseDiffLink(t *testing.T) {
	tests := []struct {
		sub      string
		wantOld  int64
		wantDiff string
		wantErr  bool
	}{
		{"12", 0, "12", false},
		{"11/12", 11, "12", false},
		{"11/prev", 11, "prev", false},
		{"11/next", 11, "next", false},
		{"11/cur", 11, "cur", false},
		{"", 0, "", true},
		{"x", 0, "", true},
		{"-1", 0, "", true},
		{"11/x", 0, "", true},
		{"11/0", 0, "", true},
	}
	for _, tt := range tests {
		old, diff, err := parseDiffLink(tt.sub)
		if (err != nil) != tt.wantErr || old != tt.wantOld || diff != tt.wantDiff {
			t.Errorf("parseDiffLink(%q) = %d, %q, %v; want %d, %q, error %v", tt.sub, old, diff, err, tt.wantOld, tt.wantDiff, tt.wantErr)
		}
	}
}
