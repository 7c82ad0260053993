package folio_test

import (
	"testing"

	"github.com/folio-wiki/folio"
)

func TestLocalURL(t *testing.T) {
	ns := folio.NewNamespaces("Testwiki")
	tests := []struct {
		title, query, want string
	}{
		{"Main Page", "", "/wiki/Main_Page"},
		{"Help:A/b (c), d!", "", "/wiki/Help:A/b_(c),_d!"},
		{"Café & co?", "", "/wiki/Caf%C3%A9_%26_co%3F"},
		{"Foo", "action=edit&redlink=1", "/index.php?title=Foo&action=edit&redlink=1"},
		{"A+B=C", "", "/wiki/A%2BB%3DC"},
	}
	for _, tt := range tests {
		ti, err := ns.ParseTitle(tt.title, folio.NSMain)
		if err != nil {
			t.Fatal(err)
		}
		if got := ti.LocalURL(tt.query); got != tt.want {
			t.Errorf("LocalURL(%q, %q) = %q, want %q", tt.title, tt.query, got, tt.want)
		}
	}
}
