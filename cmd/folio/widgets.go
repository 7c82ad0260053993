package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/wiki"
	"github.com/folio-wiki/folio/wikitext/ext/widgets"
)

// iframeHostRE matches a host name, optionally "*." for its subdomains.
var iframeHostRE = regexp.MustCompile(`^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

// widgetNamespaces adds the Widget (274) and Widget talk (275) namespaces
// of the Widgets extension when it is on and the table lacks them (a site
// configuration adopted from a dump may have them already).
func widgetNamespaces(ns *folio.Namespaces, disabled map[string]bool) (*folio.Namespaces, error) {
	if disabled["widgets"] {
		return ns, nil
	}
	if _, ok := ns.ByID(widgets.NSWidget); ok {
		return ns, nil
	}
	out, err := folio.NewNamespacesFrom(append(ns.All(),
		folio.Namespace{ID: widgets.NSWidget, Name: "Widget", Canonical: "Widget"},
		folio.Namespace{ID: widgets.NSWidgetTalk, Name: "Widget talk", Canonical: "Widget talk"}))
	if err != nil {
		return nil, fmt.Errorf("add the Widget namespace: %w", err)
	}
	return out, nil
}

// configureWidgets reserves the Widget namespace to the editwidgets right
// (granted to no group by default: [group_rights.interface-admin]
// editwidgets = true) and gives the renderer the hosts widget iframes may
// show (widget_iframe_hosts).
func configureWidgets(c *Config, r *render.Renderer, w *wiki.Service) error {
	for _, h := range c.WidgetIframeHosts {
		if !iframeHostRE.MatchString(strings.ToLower(h)) {
			return fmt.Errorf("invalid configuration: widget_iframe_hosts: %q is not a host name such as player.example.org or *.example.org", h)
		}
	}
	r.WidgetIframeHosts = c.WidgetIframeHosts
	if !r.Disabled["widgets"] {
		if w.NamespaceProtection == nil {
			w.NamespaceProtection = map[int]string{}
		}
		w.NamespaceProtection[widgets.NSWidget] = widgets.EditRight
	}
	return nil
}
