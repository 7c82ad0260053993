package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/web"
)

// validateExtensions checks the [extensions] table: every key names an
// optional extension the renderer knows.
func validateExtensions(m map[string]bool) error {
	var optional []string
	known := map[string]bool{}
	for _, e := range render.KnownExtensions() {
		if e.Optional {
			optional = append(optional, e.Key)
			known[e.Key] = true
		}
	}
	sort.Strings(optional)
	for k := range m {
		if !known[k] {
			return fmt.Errorf("invalid configuration: extensions.%s is not an optional extension; use one of %s",
				k, strings.Join(optional, ", "))
		}
	}
	return nil
}

// disabledExtensions returns the keys the configuration turns off.
func disabledExtensions(m map[string]bool) map[string]bool {
	off := map[string]bool{}
	for k, on := range m {
		if !on {
			off[k] = true
		}
	}
	return off
}

// graphvizWorker is the command line of GraphViz layout workers: this
// program, which serves one layout when graphviz.WorkerEnv is set (main).
func (m *Main) graphvizWorker() []string {
	if m.Executable == "" {
		return nil
	}
	return []string{m.Executable}
}

// versionExtensions lists the loaded extensions for Special:Version.
func versionExtensions(r *render.Renderer) []web.Extension {
	var out []web.Extension
	for _, e := range r.Extensions() {
		out = append(out, web.Extension{Name: e.Name, Version: e.Version, Description: e.Description, URL: e.URL})
	}
	return out
}
