package web

import (
	"context"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/dump"
)

// exportMaxPages limits the pages of one export and of a category added
// to the list, like MediaWiki's $wgExportPagelistLimit.
const exportMaxPages = 5000

// exportData is what templates/special_export.html shows, and what an
// export request asks for.
type exportData struct {
	Action    string
	Pages     string // titles, one a line
	Category  string
	CurOnly   bool // only the current revision of each page
	Templates bool // also the templates the pages use
	Download  bool // sent as an attachment
	MaxPages  int
}

// handleExport serves Special:Export: the form, and the XML dump of the
// pages it names. As in MediaWiki, GET exports too (Special:Export/Title,
// ?pages=A%0AB&history=1&templates=1), so that links can export pages;
// "addcat" adds a category's members to the list instead.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	d, export := s.exportRequest(r)
	if r.Form.Has("addcat") {
		if err := s.addCategoryPages(r.Context(), &d); err != nil {
			s.showExportForm(w, r, errorStatusOf(err), d, err)
			return
		}
		export = false
	}
	if !export {
		s.showExportForm(w, r, http.StatusOK, d, nil)
		return
	}
	titles, err := s.exportTitles(d.Pages)
	if err != nil {
		s.showExportForm(w, r, errorStatusOf(err), d, err)
		return
	}
	s.streamExport(w, r, d, titles)
}

// exportRequest reads the options of an export request and whether it
// asks for the dump. A POST of the form takes the "curonly" checkbox; any
// other request exports the current revisions unless "history" is given.
func (s *Server) exportRequest(r *http.Request) (exportData, bool) {
	_ = r.ParseForm() // the middleware parsed POST bodies; this reads the query of a GET
	f := r.Form
	d := exportData{Action: s.specialURL("Export"), Category: f.Get("catname"), Templates: f.Has("templates"),
		Download: f.Has("wpDownload"), CurOnly: true, MaxPages: exportMaxPages}
	sub := specialSubpage(r)
	switch {
	case r.Method == http.MethodPost && sub == "":
		d.Pages, d.CurOnly = f.Get("pages"), f.Has("curonly")
	default:
		d.Pages, d.CurOnly = f.Get("pages"), !f.Has("history")
		if d.Pages == "" {
			d.Pages = sub
		}
		if len(f) == 0 && sub == "" { // the empty form: MediaWiki's defaults
			d.Download = true
		}
	}
	return d, strings.TrimSpace(d.Pages) != ""
}

// addCategoryPages appends the members of d.Category to d.Pages.
func (s *Server) addCategoryPages(ctx context.Context, d *exportData) error {
	name := strings.TrimSpace(d.Category)
	if name == "" {
		return nil
	}
	t, err := s.Namespaces.ParseTitle(name, folio.NSCategory)
	if err == nil && t.Namespace != folio.NSCategory { // "Help:X" names the category "Help:X"
		cat, _ := s.Namespaces.ByID(folio.NSCategory)
		t, err = s.Namespaces.ParseTitle(cat.Name+":"+name, folio.NSCategory)
	}
	if err != nil {
		return folio.Errorf(folio.EInvalidTitle, "%q is not a valid category name.", name)
	}
	cs, ok := s.Store.(interface {
		FindCategoryMembers(ctx context.Context, category string) ([]*folio.Page, error)
	})
	if !ok {
		return folio.Errorf(folio.EInvalidParameter, "This wiki's database cannot list category members.")
	}
	members, err := cs.FindCategoryMembers(ctx, t.DBKey)
	if err != nil {
		return err
	}
	lines := []string{strings.TrimRight(d.Pages, "\r\n")}
	if lines[0] == "" {
		lines = nil
	}
	for i, p := range members {
		if i == exportMaxPages {
			break
		}
		lines = append(lines, s.Namespaces.MakeTitle(p.Namespace, p.DBKey).PrefixedText())
	}
	d.Pages = strings.Join(lines, "\n")
	return nil
}

// exportTitles returns the distinct valid titles of a page list, one a
// line; invalid ones are skipped, as MediaWiki does.
func (s *Server) exportTitles(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for line := range strings.SplitSeq(list, "\n") {
		t, err := s.Namespaces.ParseTitle(strings.TrimSpace(line), folio.NSMain)
		if err != nil || t.Interwiki != "" || t.Namespace < 0 {
			continue
		}
		if name := t.PrefixedText(); !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		return nil, folio.Errorf(folio.EInvalidTitle, "The list names no valid page title.")
	}
	if len(out) > exportMaxPages {
		return nil, folio.Errorf(folio.EInvalidParameter, "At most %d pages can be exported at once; the list names %d.",
			exportMaxPages, len(out))
	}
	return out, nil
}

// streamExport writes the dump of titles as it is read from the store, so
// that memory stays bounded whatever the history's size. Pages the user
// may not read are left out.
func (s *Server) streamExport(w http.ResponseWriter, r *http.Request, d exportData, titles []string) {
	ctx := r.Context()
	es, ok := s.Store.(dump.ExportStore)
	if !ok {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "This wiki's database cannot export pages."))
		return
	}
	u := s.currentUser(r)
	ex := &dump.Exporter{Store: es, Namespaces: s.Namespaces, Full: !d.CurOnly,
		Allow: func(ctx context.Context, t folio.Title, p *folio.Page) bool {
			return s.Wiki.CheckPermission(ctx, u, "read", t, p) == nil
		}}
	h := w.Header()
	h.Set("Content-Type", "application/xml; charset=utf-8")
	h.Set("X-Robots-Tag", "noindex,nofollow")
	h.Set("Cache-Control", "private, no-store")
	if d.Download {
		name := s.Site.Name + "-" + s.now().UTC().Format("20060102150405") + ".xml"
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	out := &exportStream{w: w, rc: http.NewResponseController(w)}
	err := s.writeExport(ctx, out, ex, d, titles)
	if err == nil {
		s.Logger.Info("export", "request_id", state(r).id, "pages", ex.Pages, "revisions", ex.Revisions,
			"hidden", ex.Hidden, "full", ex.Full)
		return
	}
	if out.n == 0 {
		h.Del("Content-Disposition")
		s.writeError(w, r, err)
		return
	}
	s.Logger.Error("export stopped", "request_id", state(r).id, "pages", ex.Pages, "err", err)
	panic(http.ErrAbortHandler) // cut the connection: the client must not take a truncated dump as whole
}

// writeExport writes the dump document: root, site info, pages.
func (s *Server) writeExport(ctx context.Context, out io.Writer, ex *dump.Exporter, d exportData, titles []string) error {
	lang := "en"
	if cs, ok := s.Store.(interface {
		FindSiteConfig(context.Context) (*folio.SiteConfig, error)
	}); ok {
		if sc, err := cs.FindSiteConfig(ctx); err == nil && sc.Lang != "" {
			lang = sc.Lang
		}
	}
	base := strings.TrimRight(s.Site.Server, "/") + titlePath(s.mainPage())
	si := dump.NewSiteInfo(s.Site.Name, base, "Folio "+s.Version.Folio, s.Namespaces)
	dw, err := dump.NewWriter(out, lang, si)
	if err != nil {
		return err
	}
	if err := ex.Export(ctx, dw, dump.Selection{Titles: titles, Templates: d.Templates}); err != nil {
		return err
	}
	return dw.Close()
}

// exportStream passes a dump to the client, counting the bytes and moving
// the write deadline on, so that a long export is not cut off by the
// server's write timeout while it makes progress.
type exportStream struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	n  int64
}

func (e *exportStream) Write(p []byte) (int, error) {
	_ = e.rc.SetWriteDeadline(time.Now().Add(time.Minute)) // not every writer supports deadlines
	n, err := e.w.Write(p)
	e.n += int64(n)
	return n, err
}

// showExportForm renders the export form with d, and err when set.
func (s *Server) showExportForm(w http.ResponseWriter, r *http.Request, status int, d exportData, err error) {
	v := s.specialView(r, "Export")
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	v.Data = d
	s.render(w, r, status, "special_export", v)
}
