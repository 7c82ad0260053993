package dump

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
)

// ExportStore is what Exporter reads.
type ExportStore interface {
	FindPageByTitle(ctx context.Context, ns int, dbkey string) (*folio.Page, error)
	FindRevisionByID(ctx context.Context, id int64) (*folio.Revision, error)
	FindRevisions(ctx context.Context, f folio.RevisionFilter) ([]*folio.Revision, error)
	FindLinks(ctx context.Context, pageID int64) (*folio.LinkSet, error)
	FindPagesAfter(ctx context.Context, afterID int64, limit int) ([]*folio.Page, error)
	FindCategoryMembers(ctx context.Context, category string) ([]*folio.Page, error)
}

// Selection names the pages to export. An empty selection means every
// page of the wiki.
type Selection struct {
	Titles    []string
	Category  string // the members of this category
	Templates bool   // also the templates the selected pages use
}

// Exporter writes pages of a wiki to a dump, like Special:Export and
// dumpBackup.php. Set the fields before use.
type Exporter struct {
	Store      ExportStore
	Namespaces *folio.Namespaces
	Full       bool // every revision, not only the current one
	// Allow, when set, decides whether a page may be exported (the
	// reader's permission); pages it refuses are skipped and counted in
	// Hidden.
	Allow func(ctx context.Context, t folio.Title, p *folio.Page) bool

	// Pages and Revisions count what was written, Hidden the pages Allow
	// refused; Missing lists selected titles that name no page.
	Pages, Revisions, Hidden int
	Missing                  []string

	w *Writer
}

// Export writes the selected pages to w, which the caller closes.
func (ex *Exporter) Export(ctx context.Context, w *Writer, sel Selection) error {
	ex.w = w
	if len(sel.Titles) == 0 && sel.Category == "" {
		return ex.all(ctx)
	}
	return ex.selected(ctx, sel)
}

// all exports every page, by id.
func (ex *Exporter) all(ctx context.Context) error {
	for after := int64(0); ; {
		ps, err := ex.Store.FindPagesAfter(ctx, after, 500)
		if err != nil || len(ps) == 0 {
			return err
		}
		for _, p := range ps {
			if err := ex.page(ctx, p); err != nil {
				return err
			}
			after = p.ID
		}
	}
}

// selected exports the named pages, the category's members and, with
// Templates, the templates they use.
func (ex *Exporter) selected(ctx context.Context, o Selection) error {
	var pages []*folio.Page
	for _, title := range o.Titles {
		t, err := ex.Namespaces.ParseTitle(title, folio.NSMain)
		if err != nil {
			return folio.Errorf(folio.EInvalidTitle, "The title %q is invalid: %s", title, folio.ErrorMessage(err))
		}
		p, err := ex.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			ex.Missing = append(ex.Missing, t.PrefixedText())
			continue
		} else if err != nil {
			return err
		}
		pages = append(pages, p)
	}
	if o.Category != "" {
		t, err := ex.Namespaces.ParseTitle(o.Category, folio.NSCategory)
		if err != nil || t.Namespace != folio.NSCategory {
			return folio.Errorf(folio.EInvalidTitle, "%q is not a category title.", o.Category)
		}
		members, err := ex.Store.FindCategoryMembers(ctx, t.DBKey)
		if err != nil {
			return err
		}
		pages = append(pages, members...)
	}
	if o.Templates {
		var err error
		if pages, err = ex.withTemplates(ctx, pages); err != nil {
			return err
		}
	}
	seen := map[int64]bool{}
	for _, p := range pages {
		if !seen[p.ID] {
			seen[p.ID] = true
			if err := ex.page(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// withTemplates appends the existing templates that pages transclude.
func (ex *Exporter) withTemplates(ctx context.Context, pages []*folio.Page) ([]*folio.Page, error) {
	var targets []folio.LinkTarget
	for _, p := range pages {
		ls, err := ex.Store.FindLinks(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		targets = append(targets, ls.Templates...)
	}
	out := pages
	for _, t := range targets {
		p, err := ex.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// page writes one page with its current revision, or its whole history.
func (ex *Exporter) page(ctx context.Context, p *folio.Page) error {
	t := ex.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	if ex.Allow != nil && !ex.Allow(ctx, t, p) {
		ex.Hidden++
		return nil
	}
	latest, err := ex.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		return fmt.Errorf("export %s: %w", t.PrefixedText(), err)
	}
	dp := &Page{Title: t.PrefixedText(), NS: p.Namespace, ID: p.ID}
	if target, ok := wikitext.Redirect(latest.Text); ok && p.IsRedirect {
		if rt, err := ex.Namespaces.ParseTitle(target, folio.NSMain); err == nil {
			dp.Redirect = rt.PrefixedText()
		}
	}
	if err := ex.w.StartPage(dp); err != nil {
		return err
	}
	if ex.Full {
		err = ex.history(ctx, p.ID)
	} else {
		err = ex.revision(latest)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", t.PrefixedText(), err)
	}
	ex.Pages++
	return ex.w.EndPage()
}

// history writes every revision of a page, oldest first.
func (ex *Exporter) history(ctx context.Context, pageID int64) error {
	for after := int64(0); ; {
		revs, err := ex.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pageID, After: after,
			Reverse: true, Limit: 500})
		if err != nil || len(revs) == 0 {
			return err
		}
		for _, r := range revs {
			full, err := ex.Store.FindRevisionByID(ctx, r.ID)
			if err != nil {
				return err
			}
			if err := ex.revision(full); err != nil {
				return err
			}
			after = r.ID
		}
	}
}

// revision writes one revision.
func (ex *Exporter) revision(r *folio.Revision) error {
	dr := &Revision{ID: r.ID, ParentID: r.ParentID, Timestamp: r.Timestamp, Minor: r.Minor,
		Comment: r.Comment, Model: r.Model, Format: FormatForModel(r.Model), Text: r.Text,
		TextBytes: -1, SHA1: r.SHA1}
	switch {
	case r.Actor.Name == HiddenContributor && r.Actor.IsAnon():
		dr.Contributor.Deleted = true
	case r.Actor.IsAnon():
		dr.Contributor.IP = r.Actor.Name
	default:
		dr.Contributor.Username, dr.Contributor.ID = r.Actor.Name, r.Actor.UserID
	}
	ex.Revisions++
	return ex.w.WriteRevision(dr)
}
