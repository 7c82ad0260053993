package dump

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/folio-wiki/folio"
)

// HiddenContributor names the actor of revisions whose contributor was
// hidden in the source wiki; Exporter writes it back as a hidden one.
const HiddenContributor = "Hidden contributor"

// ImportStats count what an Importer did.
type ImportStats struct {
	Pages, Added, Skipped int
	// BadSHA1 counts the revisions imported despite a SHA-1 mismatch
	// (WarnSHA1), BadSHA1Pages the pages they belong to, and
	// BadSHA1Titles names the first MaxReportedTitles of those pages.
	BadSHA1, BadSHA1Pages int
	BadSHA1Titles         []string
	Uploads               int // <upload> elements, which are not imported
}

// MaxReportedTitles is how many titles ImportStats keeps for a report.
const MaxReportedTitles = 5

// Importer stores dump pages in a wiki: it maps each title to the wiki's
// namespaces, names contributors as the wiki does, checks every revision's
// SHA-1 and imports the page in one transaction. Set the fields before use.
type Importer struct {
	Store      folio.ImportStore
	Namespaces *folio.Namespaces
	// SiteInfo is the dump's <siteinfo>: its namespace names strip title
	// prefixes. It may be nil.
	SiteInfo *SiteInfo
	Options  folio.ImportOptions
	// WarnSHA1 imports revisions whose text does not match their SHA-1,
	// as MediaWiki's importDump.php does, with the SHA-1 of the text and a
	// warning naming the page, instead of refusing the page.
	WarnSHA1 bool
	// Check, when set, may refuse a page by its title before anything is
	// stored (the importing user's permission); its error is reported as
	// the page's.
	Check  func(ctx context.Context, t folio.Title) error
	Logger *slog.Logger

	// Stats and Touched (pages whose latest revision changed, for the link
	// rebuild) grow with each page.
	Stats   ImportStats
	Touched []int64

	badSHA1 int // revisions of the page converted last with a SHA-1 mismatch
}

// Import converts and stores one page. A failure is an *Error naming the
// page and its line; nothing of the page is stored then.
func (im *Importer) Import(ctx context.Context, p *Page) (*folio.ImportResult, error) {
	ip, err := im.Convert(p)
	if err != nil {
		return nil, err
	}
	if im.Check != nil {
		if err := im.Check(ctx, im.Namespaces.MakeTitle(ip.Namespace, ip.DBKey)); err != nil {
			return nil, &Error{Line: p.Line, Title: p.Title, Msg: folio.ErrorMessage(err)}
		}
	}
	res, err := im.Store.ImportPage(ctx, ip, im.Options)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &Error{Line: p.Line, Title: p.Title, Msg: folio.ErrorMessage(err)}
	}
	im.Stats.Pages++
	if bad := im.badSHA1; bad > 0 {
		im.Stats.BadSHA1 += bad
		if im.Stats.BadSHA1Pages++; len(im.Stats.BadSHA1Titles) < MaxReportedTitles {
			im.Stats.BadSHA1Titles = append(im.Stats.BadSHA1Titles, p.Title)
		}
	}
	im.Stats.Uploads += len(p.Uploads)
	im.Stats.Added += res.Added
	im.Stats.Skipped += res.Skipped
	if res.LatestChanged {
		im.Touched = append(im.Touched, res.PageID)
	}
	return res, nil
}

// Convert turns a dump page into an import request, checking its title
// and the SHA-1 of every revision.
func (im *Importer) Convert(p *Page) (*folio.ImportPage, error) {
	t, err := im.title(p)
	if err != nil {
		return nil, err
	}
	ip := &folio.ImportPage{ID: p.ID, Namespace: t.Namespace, DBKey: t.DBKey}
	im.badSHA1 = 0
	if p.Redirect != "" {
		if rt, err := im.Namespaces.ParseTitle(p.Redirect, folio.NSMain); err == nil && rt.Interwiki == "" {
			ip.Redirect = &folio.LinkTarget{Namespace: rt.Namespace, DBKey: rt.DBKey, Fragment: rt.Fragment}
		}
	}
	for _, r := range p.Revisions {
		ir := &folio.ImportRevision{ID: r.ID, Timestamp: r.Timestamp, Comment: r.Comment,
			Minor: r.Minor, Model: r.Model, Text: r.Text, SHA1: r.SHA1}
		ir.Contributor, ir.Anonymous = im.Contributor(r.Contributor)
		if r.TextDeleted {
			ir.SHA1 = "" // the dump's SHA-1 is that of the hidden text
		}
		if err := im.checkSHA1(p, r, ir); err != nil {
			return nil, err
		}
		ip.Revisions = append(ip.Revisions, ir)
	}
	if len(ip.Revisions) == 0 {
		return nil, &Error{Line: p.Line, Title: p.Title, Msg: "the page has no revisions"}
	}
	if im.badSHA1 > 0 && im.Logger != nil {
		im.Logger.Warn("importing revisions whose text does not match their SHA-1", "title", p.Title,
			"line", p.Line, "revisions", im.badSHA1)
	}
	return ip, nil
}

// checkSHA1 compares a revision's text with its <sha1>. On a mismatch it
// fails, or with WarnSHA1 counts the revision and drops the dump's SHA-1
// so that the store keeps the text's own.
func (im *Importer) checkSHA1(p *Page, r *Revision, ir *folio.ImportRevision) error {
	sum := folio.SHA1Base36(r.Text)
	if ir.SHA1 == "" || ir.SHA1 == sum {
		return nil
	}
	if im.WarnSHA1 {
		if im.badSHA1++; im.badSHA1 == 1 && im.Logger != nil {
			im.Logger.Debug("the text does not match its SHA-1", "line", r.Line, "title", p.Title,
				"rev_id", r.ID, "dump_sha1", r.SHA1, "text_sha1", sum)
		}
		ir.SHA1 = ""
		return nil
	}
	return &Error{Line: r.Line, Title: p.Title, Msg: fmt.Sprintf("revision %d: the text does not "+
		"match its SHA-1 (the dump says %s, the text hashes to %s); nothing of this page was imported",
		r.ID, r.SHA1, sum)}
}

// title parses a dump page's title in its namespace, using the dump's own
// namespace name to strip the prefix.
func (im *Importer) title(p *Page) (folio.Title, error) {
	bad := func(why string) error {
		return &Error{Line: p.Line, Title: p.Title, Msg: "invalid title: " + why}
	}
	ns, ok := im.Namespaces.ByID(p.NS)
	if !ok {
		return folio.Title{}, bad(fmt.Sprintf("this wiki has no namespace %d", p.NS))
	}
	rest := p.Title
	if p.NS != folio.NSMain {
		name := im.dumpName(p.NS)
		if name != "" && strings.HasPrefix(rest, name+":") {
			rest = rest[len(name)+1:]
		} else if _, after, found := strings.Cut(rest, ":"); found {
			rest = after
		} else {
			return folio.Title{}, bad(fmt.Sprintf("no prefix for namespace %d", p.NS))
		}
		rest = ns.Name + ":" + rest // this wiki's prefix: the rest is never split again
	}
	t, err := im.Namespaces.ParseTitle(rest, folio.NSMain)
	if err != nil {
		return t, bad(folio.ErrorMessage(err))
	}
	if t.Namespace != p.NS || t.Interwiki != "" || t.Fragment != "" {
		return t, bad(fmt.Sprintf("it does not name a page in namespace %d", p.NS))
	}
	return t, nil
}

// dumpName returns the dump's name of namespace ns, or "".
func (im *Importer) dumpName(ns int) string {
	if im.SiteInfo == nil {
		return ""
	}
	for _, n := range im.SiteInfo.Namespaces {
		if n.Key == ns {
			return n.Name
		}
	}
	return ""
}

// Contributor returns the actor name of a dump contributor, normalised as
// a user name, and whether it is anonymous.
func (im *Importer) Contributor(c Contributor) (string, bool) {
	name, anon := c.Username, false
	if name == "" {
		name, anon = c.IP, true
	}
	if c.Deleted || name == "" {
		return HiddenContributor, true
	}
	if t, err := im.Namespaces.ParseTitle(name, folio.NSUser); err == nil && t.Namespace == folio.NSUser {
		name = t.Text()
	}
	return name, anon
}
