package web

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/wiki"
	"github.com/folio-wiki/folio/wikitext/ext/etherpad"
)

// padFetcher downloads pad exports with the package's default timeout and
// size cap.
var padFetcher = &etherpad.Fetcher{}

// PadSummary is the edit summary of a page imported from a pad.
func PadSummary(padURL string) string { return "Imported from Etherpad pad " + padURL }

// padImportData is what templates/special_importfrometherpad.html shows.
type padImportData struct {
	Action    string
	Token     string
	PadURL    string
	Target    string
	Overwrite bool
	Text      string        // the converted wikitext, after a preview
	Preview   template.HTML // its rendering
	Exists    *link         // the target page, when it exists
}

// handleImportFromEtherpad serves Special:ImportFromEtherpad for users
// with the import right: the HTML export of an Etherpad pad is fetched on
// the server, converted to wikitext, previewed, and saved as a page whose
// edit summary names the pad. The right is that of importing from other
// wikis, because the server fetches the address the user gives.
func (s *Server) handleImportFromEtherpad(w http.ResponseWriter, r *http.Request) {
	d := &padImportData{PadURL: strings.TrimSpace(r.FormValue("wpPadURL")), Target: strings.TrimSpace(r.FormValue("wpTitle")),
		Overwrite: r.PostFormValue("wpOverwrite") != ""}
	if r.Method != http.MethodPost {
		s.showPadImport(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showPadImport(w, r, errorStatusOf(err), d, err)
		return
	}
	t, err := s.padTarget(r.Context(), d)
	if err != nil {
		s.showPadImport(w, r, errorStatusOf(err), d, err)
		return
	}
	// The text of a preview is saved as the user corrected it, unless the
	// pad address changed since.
	text, fromForm := r.PostForm["wpTextbox1"]
	if fromForm && r.PostFormValue("wpFetchedURL") == d.PadURL {
		d.Text = text[0]
	} else if d.Text, err = s.fetchPad(r.Context(), d.PadURL); err != nil {
		s.showPadImport(w, r, errorStatusOf(err), d, err)
		return
	}
	if r.PostFormValue("wpSave") == "" {
		s.previewPad(w, r, t, d)
		return
	}
	s.savePad(w, r, t, d)
}

// padTarget parses the target title and notes whether the page exists.
func (s *Server) padTarget(ctx context.Context, d *padImportData) (folio.Title, error) {
	if d.PadURL == "" || d.Target == "" {
		return folio.Title{}, folio.Errorf(folio.EInvalidParameter, "Give both the address of the pad and the title of the new page.")
	}
	t, err := s.Namespaces.ParseTitle(d.Target, folio.NSMain)
	if err != nil || t.Interwiki != "" || t.DBKey == "" || t.Namespace < 0 {
		return folio.Title{}, folio.Errorf(folio.EInvalidTitle, "%q is not a valid title for a page.", d.Target)
	}
	if _, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey); err == nil {
		d.Exists = &link{Href: titlePath(t), Text: t.PrefixedText()}
	} else if folio.ErrorCode(err) != folio.EMissingTitle {
		return folio.Title{}, err
	}
	return t, nil
}

// fetchPad downloads and converts a pad; its failures are the user's to fix.
func (s *Server) fetchPad(ctx context.Context, padURL string) (string, error) {
	text, err := padFetcher.Fetch(ctx, padURL)
	if err != nil {
		return "", folio.Errorf(folio.EInvalidParameter, "The pad could not be imported: %s.", err)
	}
	return text, nil
}

// previewPad shows the rendered wikitext above the form.
func (s *Server) previewPad(w http.ResponseWriter, r *http.Request, t folio.Title, d *padImportData) {
	out, err := s.Renderer.Render(r.Context(), t, d.Text, render.Options{Preview: true, NoEditSections: true})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Preview = template.HTML(out.HTML) // the renderer sanitises its output
	s.showPadImport(w, r, http.StatusOK, d, nil)
}

// savePad creates the page, or adds a revision to an existing one when the
// user asked to replace it, and redirects to it.
func (s *Server) savePad(w http.ResponseWriter, r *http.Request, t folio.Title, d *padImportData) {
	if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" {
		s.showPadImport(w, r, http.StatusServiceUnavailable, d, folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s", reason))
		return
	}
	var base int64
	if d.Exists != nil {
		if !d.Overwrite {
			s.showPadImport(w, r, http.StatusConflict, d, folio.Errorf(folio.EArticleExists,
				"The page %s already exists. Choose another title, or tick “Replace the existing page”.", t.PrefixedText()))
			return
		}
		p, err := s.Store.FindPageByTitle(r.Context(), t.Namespace, t.DBKey)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		base = p.Latest
	}
	out, err := s.Wiki.Edit(r.Context(), wiki.EditRequest{Title: t, Text: d.Text, Summary: PadSummary(d.PadURL),
		BaseRevID: base, User: s.currentUser(r), IP: s.clientIP(r)})
	if err != nil {
		s.showPadImport(w, r, errorStatusOf(err), d, err)
		return
	}
	s.Logger.Info("pad imported", "request_id", state(r).id, "page_id", out.Result.Page.ID, "rev_id", out.Result.Revision.ID)
	http.Redirect(w, r, titlePath(t), http.StatusSeeOther)
}

// showPadImport renders the form, the preview when d has one, and err.
func (s *Server) showPadImport(w http.ResponseWriter, r *http.Request, status int, d *padImportData, err error) {
	if status >= http.StatusInternalServerError && folio.ErrorCode(err) != folio.EReadOnly {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action = tok, s.specialURL("ImportFromEtherpad")
	v := s.specialView(r, "ImportFromEtherpad")
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	v.Data = d
	s.render(w, r, status, "special_importfrometherpad", v)
}
