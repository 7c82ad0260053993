// Package dump reads and writes MediaWiki XML dumps: the export format of
// Special:Export and dumpBackup.php, schema versions 0.10 and 0.11.
//
// Reader streams a dump one page at a time, so memory stays bounded by the
// largest page rather than by the size of the dump. Writer produces schema
// 0.11, which MediaWiki's importDump.php accepts.
package dump

import (
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
)

// Version is the schema version Writer produces; Reader accepts
// SupportedVersions. XMLNS is the namespace prefix of every version.
const (
	Version = "0.11"
	XMLNS   = "http://www.mediawiki.org/xml/export-"
)

// SupportedVersions lists the schema versions Reader understands.
var SupportedVersions = []string{"0.10", "0.11"}

// SiteInfo is a dump's <siteinfo>: the wiki it came from.
type SiteInfo struct {
	SiteName   string
	DBName     string
	Base       string // URL of the main page
	Generator  string
	Case       string // "first-letter" or "case-sensitive"
	Namespaces []Namespace
}

// Namespace is one <namespace> of a dump's <siteinfo>.
type Namespace struct {
	Key  int
	Case string
	Name string // local name with spaces; "" for the main namespace
}

// Page is one <page> with its revisions and uploads, in dump order.
type Page struct {
	Title    string
	NS       int
	ID       int64
	Redirect string // target title of <redirect title="…"/>, or ""
	// Restrictions is the legacy <restrictions> string, e.g. "edit=sysop".
	Restrictions string
	Revisions    []*Revision
	Uploads      []*Upload
	// Line is where the <page> element starts in the input (Reader only).
	Line int
}

// Revision is one <revision> of a page.
type Revision struct {
	ID          int64
	ParentID    int64
	Timestamp   time.Time
	Contributor Contributor
	Minor       bool
	Comment     string
	// CommentDeleted and TextDeleted mark content hidden by revision
	// deletion; the element is present but empty.
	CommentDeleted bool
	Model          string
	Format         string
	Text           string
	TextDeleted    bool
	// TextBytes is the <text bytes="…"> attribute, -1 when absent.
	TextBytes int
	SHA1      string // base 36, as MediaWiki stores it; "" when absent
	// Line is where the <revision> element starts (Reader only).
	Line int
}

// Contributor is who made a revision: a registered user (Username and
// ID), an anonymous editor (IP), or a hidden one (Deleted).
type Contributor struct {
	Username string
	ID       int64
	IP       string
	Deleted  bool
}

// Name returns the user name or the IP address of the contributor.
func (c Contributor) Name() string {
	if c.Username != "" {
		return c.Username
	}
	return c.IP
}

// Upload is an <upload> element: a file version that belongs to a page in
// the File namespace.
type Upload struct {
	Timestamp   time.Time
	Contributor Contributor
	Comment     string
	Text        string // the description page text at upload time
	Filename    string
	Src         string // URL of the file, when its contents are not embedded
	Size        int64
	SHA1        string // base 36
	Contents    []byte // decoded from base64 when embedded
}

// timeLayout is the ISO 8601 form of timestamps in dumps.
const timeLayout = "2006-01-02T15:04:05Z"

// parseTime reads a dump timestamp.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid timestamp %q", s)
	}
	return t.UTC(), nil
}

// FormatForModel returns the serialisation format MediaWiki uses for a
// content model.
func FormatForModel(model string) string {
	switch model {
	case "wikitext", "":
		return "text/x-wiki"
	case "css", "sanitized-css":
		return "text/css"
	case "javascript":
		return "text/javascript"
	case "json":
		return "application/json"
	default:
		return "text/plain"
	}
}

// NewSiteInfo describes a wiki with the given namespaces for a dump's
// <siteinfo>; base is the URL of its main page.
func NewSiteInfo(siteName, base, generator string, namespaces *folio.Namespaces) *SiteInfo {
	si := &SiteInfo{SiteName: siteName, DBName: "folio", Base: base, Generator: generator, Case: "first-letter"}
	for _, ns := range namespaces.All() {
		c := "first-letter"
		if ns.CaseSensitive {
			c = "case-sensitive"
		}
		si.Namespaces = append(si.Namespaces, Namespace{Key: ns.ID, Case: c, Name: ns.Name})
	}
	return si
}
