package wikitexttest

import "strings"

// SetNamespaces replaces the site's namespace names, for example with a
// dump's localised ones. The canonical English names and the names set
// before stay valid as aliases, as MediaWiki accepts canonical names on
// every wiki.
func (h *Host) SetNamespaces(names map[int]string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ns := make(map[int]string, len(names))
	for n, name := range names {
		name = strings.ReplaceAll(name, " ", "_")
		ns[n] = name
		if name != "" {
			h.aliases[strings.ToLower(name)] = n
		}
	}
	h.Site.Namespaces = ns
}
