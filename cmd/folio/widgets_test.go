package main

import (
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/wiki"
)

func TestConfigureWidgets(t *testing.T) {
	tests := []struct {
		name     string
		hosts    []string
		disabled bool
		wantErr  string
	}{
		{name: "defaults"},
		{name: "hosts", hosts: []string{"player.example.org", "*.videos.example.net"}},
		{name: "off", disabled: true},
		{name: "url, not host", hosts: []string{"https://player.example.org/"}, wantErr: "widget_iframe_hosts"},
		{name: "bare wildcard", hosts: []string{"*"}, wantErr: "widget_iframe_hosts"},
		{name: "top-level only", hosts: []string{"*.org"}, wantErr: "widget_iframe_hosts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.WidgetIframeHosts = tt.hosts
			disabled := map[string]bool{"widgets": tt.disabled}
			ns, err := widgetNamespaces(folio.NewNamespaces("Testwiki"), disabled)
			if err != nil {
				t.Fatal(err)
			}
			r := &render.Renderer{Disabled: disabled}
			w := wiki.New(nil, ns)
			err = configureWidgets(&c, r, w)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("configureWidgets = %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			title, err := ns.ParseTitle("Widget:Clock", folio.NSMain)
			if err != nil {
				t.Fatal(err)
			}
			if tt.disabled {
				if title.Namespace != folio.NSMain || w.NamespaceProtection[274] != "" {
					t.Errorf("widgets off: namespace %d, protection %v", title.Namespace, w.NamespaceProtection)
				}
				return
			}
			if title.Namespace != 274 || ns.Talk(274) != 275 || w.NamespaceProtection[274] != "editwidgets" {
				t.Errorf("namespace %d, talk %d, protection %v", title.Namespace, ns.Talk(274), w.NamespaceProtection)
			}
			if strings.Join(r.WidgetIframeHosts, ",") != strings.Join(tt.hosts, ",") {
				t.Errorf("WidgetIframeHosts = %v", r.WidgetIframeHosts)
			}
			again, err := widgetNamespaces(ns, disabled)
			if err != nil || len(again.All()) != len(ns.All()) {
				t.Errorf("adding twice: %v, %d namespaces", err, len(again.All()))
			}
		})
	}
}
