package folio

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ENoSiteConfig is the error code of FindSiteConfig when the wiki has no
// stored site configuration.
const ENoSiteConfig = "nositeconfig"

// ImportPage is one page of a dump to import, with the revisions to add.
type ImportPage struct {
	// ID is the page id to keep when ImportOptions.KeepIDs is set.
	ID        int64
	Namespace int
	DBKey     string
	// Redirect is the target when the newest revision is a redirect.
	Redirect  *LinkTarget
	Revisions []*ImportRevision
}

// ImportRevision is a revision to import. Its id, timestamp and contributor
// are kept as the dump gives them.
type ImportRevision struct {
	// ID is the revision id to keep when ImportOptions.KeepIDs is set.
	ID        int64
	Timestamp time.Time
	// Contributor is a user name, or an IP address when Anonymous is set.
	// A user name without an account gets an imported account: one with
	// no password, which cannot log in until a password is set.
	Contributor string
	Anonymous   bool
	Comment     string
	Minor       bool
	Model       string // ModelWikitext when empty
	Text        string
	// SHA1 is the base-36 SHA-1 the dump gives; when set, the store
	// refuses the page unless Text matches it.
	SHA1 string
}

// ImportOptions change how ImportPage treats ids.
type ImportOptions struct {
	// KeepIDs stores pages and revisions under their ids from the dump. A
	// revision id already used by another page is an error.
	KeepIDs bool
}

// ImportResult reports what ImportPage did.
type ImportResult struct {
	PageID  int64
	Created bool // the page did not exist before
	Added   int  // revisions stored
	Skipped int  // revisions already present (same id, or same SHA-1 and timestamp)
	// LatestChanged is set when an imported revision became the page's
	// latest, so that its links need to be rebuilt.
	LatestChanged bool
}

// ImportProgress records how far an import of one source got, so that a
// rerun can skip what is done.
type ImportProgress struct {
	Source    string // identifies the dump file
	Pages     int64  // pages finished, in dump order
	Revisions int64
	LastTitle string
	KeepIDs   bool
	Done      bool
	Updated   time.Time
}

// SiteConfig is the wiki's own configuration kept in the database: what an
// imported dump's <siteinfo> says about the wiki it came from.
type SiteConfig struct {
	SiteName   string
	Lang       string // content language code, e.g. "ltg"
	Base       string // URL of the original main page
	Namespaces []Namespace
}

// MainPage returns the title of the original wiki's main page, taken from
// Base ("https://ltg.wikipedia.org/wiki/Suoku_puslopa" gives "Suoku
// puslopa"), or "" when Base names none.
func (c *SiteConfig) MainPage() string {
	u, err := url.Parse(c.Base)
	if err != nil {
		return ""
	}
	title, path := u.Query().Get("title"), u.EscapedPath()
	if title == "" && !strings.HasSuffix(path, ".php") {
		if _, rest, ok := strings.Cut(path, "/wiki/"); ok { // the usual article path
			path = rest
		} else {
			path = path[strings.LastIndex(path, "/")+1:]
		}
		if title, err = url.PathUnescape(path); err != nil {
			return ""
		}
	}
	return strings.TrimSpace(strings.ReplaceAll(title, "_", " "))
}

// NamespaceTable returns the namespace table of the configuration.
func (c *SiteConfig) NamespaceTable() (*Namespaces, error) {
	return NewNamespacesFrom(c.Namespaces)
}

// ImportStore is what importing and exporting dumps needs beyond Store.
type ImportStore interface {
	// ImportPage adds p's revisions in one transaction, creating the page
	// and the contributors' accounts as needed, skipping revisions already
	// present, and updating the page's latest revision, redirect and the
	// site statistics. Nothing of the page is stored when it fails.
	ImportPage(ctx context.Context, p *ImportPage, opt ImportOptions) (*ImportResult, error)
	// FindImportProgress returns the progress recorded for source; a
	// source never seen gives a zero ImportProgress.
	FindImportProgress(ctx context.Context, source string) (*ImportProgress, error)
	SaveImportProgress(ctx context.Context, p *ImportProgress) error
	// FindSiteConfig returns the stored configuration, or ENoSiteConfig.
	FindSiteConfig(ctx context.Context) (*SiteConfig, error)
	SaveSiteConfig(ctx context.Context, c *SiteConfig) error
	// FindPagesAfter lists up to limit pages with ids above afterID, by id.
	FindPagesAfter(ctx context.Context, afterID int64, limit int) ([]*Page, error)
	// FindCategoryMembers lists the pages in a category (a DBKey in the
	// Category namespace), by id.
	FindCategoryMembers(ctx context.Context, category string) ([]*Page, error)
	// SetPageLinks replaces a page's link tables and redirect as rendered
	// from its latest revision.
	SetPageLinks(ctx context.Context, pageID int64, links *LinkSet, redirect *LinkTarget) error
	// RebuildRecentChanges adds a recent change for every revision made at
	// or after since that has none, oldest first, and returns how many.
	RebuildRecentChanges(ctx context.Context, since time.Time) (int, error)
}

// SiteNamespace is a namespace as a dump's <siteinfo> lists it.
type SiteNamespace struct {
	ID            int
	Name          string
	CaseSensitive bool
}

// extraCanonical are canonical names of namespaces that extensions common
// in dumps add (Scribunto, Gadgets, Flow).
var extraCanonical = map[int]string{
	828: "Module", 829: "Module talk", 2300: "Gadget", 2301: "Gadget talk",
	2302: "Gadget definition", 2303: "Gadget definition talk", 2600: "Topic",
}

// NamespacesFromSite completes the local namespaces of an imported wiki
// into a namespace list for NewNamespacesFrom: each keeps its local name
// and gains its English canonical name (so "Template:" works next to
// "Taiss:"), the File alias "Image", and MediaWiki's default subpage
// settings. Missing built-in namespaces and talk partners are added, and a
// canonical name clashing with another namespace's local name is dropped.
func NamespacesFromSite(local []SiteNamespace) []Namespace {
	byID := map[int]Namespace{}
	for _, ns := range defaultNamespaces() {
		byID[ns.ID] = ns
	}
	for _, l := range local {
		ns, ok := byID[l.ID]
		if !ok {
			canon := extraCanonical[l.ID]
			if canon == "" {
				canon = l.Name
			}
			ns = Namespace{ID: l.ID, Canonical: canon, Subpages: l.ID >= 0 && l.ID != NSMain && l.ID != NSFile}
		}
		ns.Name, ns.CaseSensitive = strings.ReplaceAll(l.Name, "_", " "), l.CaseSensitive
		if l.ID == NSMain {
			ns.Name = ""
		}
		byID[l.ID] = ns
	}
	addPartners(byID)
	return dropClashes(byID)
}

// addPartners adds a talk or subject namespace where one is missing.
func addPartners(byID map[int]Namespace) {
	for id, ns := range byID {
		if id < 0 {
			continue
		}
		partner, name := id+1, ns.Name+" talk"
		if id%2 == 1 {
			partner, name = id-1, strings.TrimSuffix(ns.Name, " talk")+" subject"
		}
		if _, ok := byID[partner]; !ok {
			byID[partner] = Namespace{ID: partner, Name: name, Canonical: name, Subpages: true}
		}
	}
}

// dropClashes removes canonical names and aliases that another namespace
// uses as its local name, and returns the namespaces sorted by ID.
func dropClashes(byID map[int]Namespace) []Namespace {
	local := map[string]int{}
	for id, ns := range byID {
		local[nameKey(ns.Name)] = id
	}
	out := make([]Namespace, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		ns := byID[id]
		if owner, ok := local[nameKey(ns.Canonical)]; ok && owner != id {
			ns.Canonical = ns.Name
		}
		var aliases []string
		for _, a := range ns.Aliases {
			if owner, ok := local[nameKey(a)]; !ok || owner == id {
				aliases = append(aliases, a)
			}
		}
		ns.Aliases = aliases
		out = append(out, ns)
	}
	return out
}
