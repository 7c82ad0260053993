package folio

import (
	"fmt"
	"slices"
	"strings"
)

// Namespace IDs of MediaWiki's built-in namespaces. Negative IDs are virtual:
// no page is stored in them and they have no talk namespace.
const (
	NSMedia         = -2
	NSSpecial       = -1
	NSMain          = 0
	NSTalk          = 1
	NSUser          = 2
	NSUserTalk      = 3
	NSProject       = 4
	NSProjectTalk   = 5
	NSFile          = 6
	NSFileTalk      = 7
	NSMediaWiki     = 8
	NSMediaWikiTalk = 9
	NSTemplate      = 10
	NSTemplateTalk  = 11
	NSHelp          = 12
	NSHelpTalk      = 13
	NSCategory      = 14
	NSCategoryTalk  = 15
)

// Namespace describes one namespace of a wiki. Names use spaces, not
// underscores.
type Namespace struct {
	// ID is the namespace number stored with every page.
	ID int
	// Name is the local name shown in titles; it is "" for the main namespace.
	Name string
	// Canonical is the language-independent English name, such as "Project".
	Canonical string
	// Aliases are further names that resolve to this namespace, such as "Image".
	Aliases []string
	// Subpages tells whether a slash in a title separates subpages.
	Subpages bool
	// CaseSensitive is false when the first letter of titles is upper-cased.
	CaseSensitive bool
	// Content marks namespaces that hold articles (counted as content pages).
	Content bool
}

// Namespaces is the namespace table of one wiki. It is immutable after
// construction and safe for concurrent use.
type Namespaces struct {
	list      []Namespace    // sorted by ID
	byID      map[int]int    // ID to index in list
	byName    map[string]int // nameKey of every name, canonical name and alias to ID
	interwiki func(prefix string) bool
}

// NewNamespaces returns the English namespaces of a MediaWiki installation
// in its default configuration. The project namespace is named after
// siteName (with "Project" kept as its canonical name) and its talk
// namespace is "<siteName> talk". When siteName is empty, contains a colon
// or clashes with another namespace name, "Project" is used instead.
func NewNamespaces(siteName string) *Namespaces {
	site := strings.TrimSpace(strings.ReplaceAll(siteName, "_", " "))
	list := defaultNamespaces()
	if site != "" && !strings.ContainsAny(site, ":#<>[]{}|") {
		list[NSProject+2].Name = site
		list[NSProjectTalk+2].Name = site + " talk"
	}
	n, err := NewNamespacesFrom(list)
	if err != nil { // the site name clashed with a built-in name
		n, _ = NewNamespacesFrom(defaultNamespaces())
	}
	return n
}

// defaultNamespaces returns MediaWiki's English defaults, indexed by ID+2.
func defaultNamespaces() []Namespace {
	names := []string{"Media", "Special", "", "Talk", "User", "User talk",
		"Project", "Project talk", "File", "File talk", "MediaWiki",
		"MediaWiki talk", "Template", "Template talk", "Help", "Help talk",
		"Category", "Category talk"}
	// $wgNamespacesWithSubpages in MediaWiki's default settings.
	subpages := map[int]bool{NSTalk: true, NSUser: true, NSUserTalk: true,
		NSProject: true, NSProjectTalk: true, NSFileTalk: true,
		NSMediaWiki: true, NSMediaWikiTalk: true, NSTemplate: true,
		NSTemplateTalk: true, NSHelp: true, NSHelpTalk: true,
		NSCategoryTalk: true}
	list := make([]Namespace, len(names))
	for i, name := range names {
		id := i - 2
		list[i] = Namespace{ID: id, Name: name, Canonical: name,
			Subpages: subpages[id], Content: id == NSMain}
	}
	list[NSFile+2].Aliases = []string{"Image"}
	list[NSFileTalk+2].Aliases = []string{"Image talk"}
	return list
}

// NewNamespacesFrom builds a namespace table from an explicit list, such as
// the localised namespaces of an imported wiki. It checks that IDs are
// unique, that the main namespace exists and is unnamed, that the only
// negative IDs are NSMedia and NSSpecial, that every namespace with a
// non-negative ID has its talk or subject partner, and that no two
// namespaces share a name. Lookup is case-insensitive, so names that differ
// only in case clash.
func NewNamespacesFrom(list []Namespace) (*Namespaces, error) {
	n := &Namespaces{byID: map[int]int{}, byName: map[string]int{}}
	n.list = make([]Namespace, len(list))
	for i, ns := range list {
		ns.Aliases = slices.Clone(ns.Aliases)
		n.list[i] = ns
	}
	slices.SortFunc(n.list, func(a, b Namespace) int { return a.ID - b.ID })
	for i, ns := range n.list {
		if _, dup := n.byID[ns.ID]; dup {
			return nil, fmt.Errorf("namespace %d: duplicate ID", ns.ID)
		} else if ns.ID < NSMedia {
			return nil, fmt.Errorf("namespace %d: negative IDs other than %d and %d are not allowed", ns.ID, NSMedia, NSSpecial)
		} else if (ns.ID == NSMain) != (ns.Name == "") {
			return nil, fmt.Errorf("namespace %d: only the main namespace has an empty name", ns.ID)
		}
		n.byID[ns.ID] = i
		if err := n.addNames(ns); err != nil {
			return nil, err
		}
	}
	if _, ok := n.byID[NSMain]; !ok {
		return nil, fmt.Errorf("namespace %d: the main namespace is missing", NSMain)
	}
	for _, ns := range n.list {
		if ns.ID < 0 {
			continue
		}
		partner := ns.ID + 1
		if n.IsTalk(ns.ID) {
			partner = ns.ID - 1
		}
		if _, ok := n.byID[partner]; !ok {
			return nil, fmt.Errorf("namespace %d: its partner namespace %d is missing", ns.ID, partner)
		}
	}
	return n, nil
}

// addNames registers the lookup keys of ns, rejecting clashes.
func (n *Namespaces) addNames(ns Namespace) error {
	for _, name := range append([]string{ns.Name, ns.Canonical}, ns.Aliases...) {
		if name == "" {
			continue
		}
		if strings.Contains(name, ":") {
			return fmt.Errorf("namespace %d: name %q contains a colon", ns.ID, name)
		}
		key := nameKey(name)
		if id, ok := n.byName[key]; ok && id != ns.ID {
			return fmt.Errorf("namespace %d: name %q is already used by namespace %d", ns.ID, name, id)
		}
		n.byName[key] = ns.ID
	}
	return nil
}

// nameKey folds a namespace name for lookup: lower case, with runs of
// spaces and underscores collapsed to one underscore and trimmed.
func nameKey(name string) string {
	return strings.ToLower(collapseSpace(name))
}

// WithInterwiki returns a copy of n whose ParseTitle recognises interwiki
// prefixes. isInterwiki receives a candidate prefix in lower case, with
// underscores for spaces, and reports whether it is a known interwiki
// prefix. A nil function, the default, recognises none.
func (n *Namespaces) WithInterwiki(isInterwiki func(prefix string) bool) *Namespaces {
	c := *n
	c.interwiki = isInterwiki
	return &c
}

// ByID returns the namespace with the given ID.
func (n *Namespaces) ByID(id int) (Namespace, bool) {
	i, ok := n.byID[id]
	if !ok {
		return Namespace{}, false
	}
	return cloneNamespace(n.list[i]), true
}

// Lookup finds a namespace by local name, canonical name or alias. Case is
// ignored, and spaces and underscores are equivalent. The main namespace
// has no name and is never found.
func (n *Namespaces) Lookup(name string) (Namespace, bool) {
	id, ok := n.byName[nameKey(name)]
	if !ok {
		return Namespace{}, false
	}
	return n.ByID(id)
}

// All returns every namespace, sorted by ID. The result is a copy.
func (n *Namespaces) All() []Namespace {
	all := make([]Namespace, len(n.list))
	for i, ns := range n.list {
		all[i] = cloneNamespace(ns)
	}
	return all
}

// cloneNamespace copies ns so that callers cannot modify the table.
func cloneNamespace(ns Namespace) Namespace {
	ns.Aliases = slices.Clone(ns.Aliases)
	return ns
}

// Talk returns the talk namespace of id: id itself if it is a talk
// namespace, id+1 otherwise. Virtual namespaces (negative IDs) have no talk
// namespace, and Talk returns them unchanged.
func (n *Namespaces) Talk(id int) int {
	if id < NSMain || n.IsTalk(id) {
		return id
	}
	return id + 1
}

// Subject returns the subject namespace of id: id-1 for a talk namespace,
// id itself otherwise.
func (n *Namespaces) Subject(id int) int {
	if n.IsTalk(id) {
		return id - 1
	}
	return id
}

// IsTalk reports whether id is a talk namespace, that is a positive odd ID.
func (n *Namespaces) IsTalk(id int) bool {
	return id > NSMain && id%2 == 1
}

// hasSubpages reports whether titles in namespace id have subpages.
func (n *Namespaces) hasSubpages(id int) bool {
	i, ok := n.byID[id]
	return ok && n.list[i].Subpages
}

// isCapitalized reports whether the first letter of titles in namespace id
// is upper-cased. Unknown namespaces follow MediaWiki's default, true.
func (n *Namespaces) isCapitalized(id int) bool {
	i, ok := n.byID[id]
	return !ok || !n.list[i].CaseSensitive
}

// prefix returns the local name of namespace id as it appears before the
// colon of a title, or MediaWiki's "Special:Badtitle/NS<id>" placeholder
// for an unknown namespace.
func (n *Namespaces) prefix(id int) string {
	if i, ok := n.byID[id]; ok {
		return n.list[i].Name
	}
	special := "Special"
	if i, ok := n.byID[NSSpecial]; ok {
		special = n.list[i].Name
	}
	return fmt.Sprintf("%s:Badtitle/NS%d", special, id)
}

// IsSubpage reports whether t is a subpage: its namespace has subpages and
// its text contains a slash.
func (n *Namespaces) IsSubpage(t Title) bool {
	return n.hasSubpages(t.Namespace) && strings.Contains(t.DBKey, "/")
}

// BaseText returns the text of t without its last subpage component
// ("A/B/C" gives "A/B"), or the whole text when t is not a subpage.
func (n *Namespaces) BaseText(t Title) string {
	text := t.Text()
	if i := strings.LastIndexByte(text, '/'); i >= 0 && n.hasSubpages(t.Namespace) {
		return text[:i]
	}
	return text
}

// RootText returns the first non-empty slash-separated component of t's
// text ("A/B/C" gives "A"), or the whole text when t is not a subpage or
// has no such component.
func (n *Namespaces) RootText(t Title) string {
	text := t.Text()
	if !n.hasSubpages(t.Namespace) {
		return text
	}
	for _, part := range strings.Split(text, "/") {
		if part != "" {
			return part
		}
	}
	return text
}

// SubpageText returns the last slash-separated component of t's text
// ("A/B/C" gives "C"), or the whole text when the namespace has no
// subpages.
func (n *Namespaces) SubpageText(t Title) string {
	text := t.Text()
	if !n.hasSubpages(t.Namespace) {
		return text
	}
	return text[strings.LastIndexByte(text, '/')+1:]
}
