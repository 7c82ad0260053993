package folio_test

import (
	"testing"

	"github.com/folio-wiki/folio"
)

func TestNamespacesFromSite(t *testing.T) {
	ltg := []folio.SiteNamespace{
		{ID: -2, Name: "Medeja"}, {ID: -1, Name: "Seviškuo"}, {ID: 0}, {ID: 1, Name: "Sprīža"},
		{ID: 4, Name: "Vikipedeja"}, {ID: 5, Name: "Vikipedejis sprīža"}, {ID: 6, Name: "Fails"},
		{ID: 10, Name: "Taiss"}, {ID: 14, Name: "Kategoreja"}, {ID: 828, Name: "Modulis"},
		{ID: 829, Name: "Moduļa diskusija"}, {ID: 2302, Name: "Gadget definition", CaseSensitive: true},
		{ID: 2600, Name: "Tēma"},
	}
	ns, err := folio.NewNamespacesFrom(folio.NamespacesFromSite(ltg))
	if err != nil {
		t.Fatalf("NewNamespacesFrom(NamespacesFromSite(ltg)) error: %v", err)
	}
	tests := []struct {
		text   string
		ns     int
		prefix string // PrefixedText of the parsed title
	}{
		{"Taiss:Infobox", 10, "Taiss:Infobox"},
		{"Template:Infobox", 10, "Taiss:Infobox"},
		{"kategoreja:latgola", 14, "Kategoreja:Latgola"},
		{"Image:Sun.png", 6, "Fails:Sun.png"},
		{"Project:Par", 4, "Vikipedeja:Par"},
		{"Module:String", 828, "Modulis:String"},
		{"Module talk:String", 829, "Moduļa diskusija:String"},
		{"Gadget definition:lower", 2302, "Gadget definition:lower"},
		{"Tēma:X", 2600, "Tēma:X"},
		{"Tēma talk:X", 2601, "Tēma talk:X"},
		{"User:Jānis", 2, "User:Jānis"},
		{"Help talk:Y", 13, "Help talk:Y"},
		{"Seviškuo:RecentChanges", -1, "Seviškuo:RecentChanges"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ns.ParseTitle(tt.text, folio.NSMain)
			if err != nil || got.Namespace != tt.ns || got.PrefixedText() != tt.prefix {
				t.Errorf("ParseTitle(%q) = %d %q, %v; want %d %q", tt.text, got.Namespace, got.PrefixedText(), err, tt.ns, tt.prefix)
			}
		})
	}
}

func TestNamespacesFromSiteClash(t *testing.T) {
	// A wiki whose Help namespace is locally named "Template" keeps that
	// name for namespace 12; Template's canonical name must not clash.
	list := folio.NamespacesFromSite([]folio.SiteNamespace{{ID: 12, Name: "Template"}, {ID: 10, Name: "Modèle"}})
	ns, err := folio.NewNamespacesFrom(list)
	if err != nil {
		t.Fatalf("NewNamespacesFrom() error: %v", err)
	}
	if got, _ := ns.ParseTitle("Template:X", folio.NSMain); got.Namespace != 12 {
		t.Errorf("ParseTitle(Template:X) namespace %d, want 12", got.Namespace)
	}
	if got, _ := ns.ParseTitle("Modèle:X", folio.NSMain); got.Namespace != 10 {
		t.Errorf("ParseTitle(Modèle:X) namespace %d, want 10", got.Namespace)
	}
}

func TestSiteConfigMainPage(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://ltg.wikipedia.org/wiki/Suoku_puslopa", "Suoku puslopa"},
		{"http://example.org/w/index.php?title=Hauptseite", "Hauptseite"},
		{"http://example.org/wiki/Caf%C3%A9_%26_bar", "Café & bar"},
		{"http://example.org/wiki/Talk:A/B", "Talk:A/B"},
		{"http://example.org/Main", "Main"},
		{"http://example.org/w/index.php", ""},
		{"", ""},
		{"::not a url", ""},
	}
	for _, tt := range tests {
		c := &folio.SiteConfig{Base: tt.base}
		if got := c.MainPage(); got != tt.want {
			t.Errorf("SiteConfig{Base: %q}.MainPage() = %q, want %q", tt.base, got, tt.want)
		}
	}
}
