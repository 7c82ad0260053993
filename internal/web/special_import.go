package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/dump"
)

// Limits of Special:Import: the upload is bounded by the request body
// limit of the middleware; the report lists at most importMaxListed pages
// and the import stops after importMaxErrors refused pages.
const (
	importMaxBytes  = maxFormBytes
	importMaxListed = 500
	importMaxErrors = 20
)

// importData is what templates/special_import.html shows.
type importData struct {
	Action  string
	Token   string
	Comment string
	MaxSize string // the upload limit, such as "7 MiB"
	Report  *importReport
}

// importReport is the outcome of one uploaded import.
type importReport struct {
	Stats  dump.ImportStats
	Pages  []importedPage // the first importMaxListed pages, in dump order
	More   int            // pages imported but not listed
	Errors []string       // refused pages, each named with its line
	// Stopped tells why the import ended before the end of the dump.
	Stopped string
}

// Summary tells in one sentence what the import did.
func (rep *importReport) Summary() string {
	return fmt.Sprintf("Imported %s: %s added, %s already present, %s refused.", countOf(rep.Stats.Pages, "page"),
		countOf(rep.Stats.Added, "revision"), countOf(rep.Stats.Skipped, "revision"), countOf(len(rep.Errors), "page"))
}

// SHA1Note tells how many revisions did not match their SHA-1, or "".
func (rep *importReport) SHA1Note() string {
	st := rep.Stats
	if st.BadSHA1 == 0 {
		return ""
	}
	note := fmt.Sprintf("%s in %s did not match the SHA-1 the dump gives; their text was imported as it is in the dump: %s",
		countOf(st.BadSHA1, "revision"), countOf(st.BadSHA1Pages, "page"), strings.Join(st.BadSHA1Titles, ", "))
	if more := st.BadSHA1Pages - len(st.BadSHA1Titles); more > 0 {
		note += " and " + countOf(more, "more page")
	}
	return note + "."
}

// countOf writes n with noun, in the plural unless n is 1.
func countOf(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return formatNumber(n) + " " + noun
}

// importedPage is one line of the report.
type importedPage struct {
	Link           link
	Added, Skipped int
}

// Counts tells what the import did to the page.
func (p importedPage) Counts() string {
	s := countOf(p.Added, "revision") + " added"
	if p.Skipped > 0 {
		s += ", " + formatNumber(p.Skipped) + " already present"
	}
	return s
}

// handleImport serves Special:Import for users with the importupload
// right: a MediaWiki XML dump (plain, gzip or bzip2) uploaded with the
// form is imported page by page, each page whole or not at all, and the
// pages with new revisions are logged as import/upload.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	d := importData{Comment: r.PostFormValue("log-comment")}
	if r.Method != http.MethodPost {
		s.showImport(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showImport(w, r, errorStatusOf(err), d, err)
		return
	}
	if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" {
		s.showImport(w, r, http.StatusServiceUnavailable, d, folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s", reason))
		return
	}
	file, _, err := r.FormFile("xmlimport")
	if err != nil {
		s.showImport(w, r, http.StatusBadRequest, d, folio.Errorf(folio.EInvalidParameter, "Choose a dump file to upload."))
		return
	}
	defer file.Close()
	rep, err := s.importDump(r.Context(), s.currentUser(r), file, d.Comment)
	if err != nil {
		s.showImport(w, r, errorStatusOf(err), d, err)
		return
	}
	s.Logger.Info("import upload", "request_id", state(r).id, "pages", rep.Stats.Pages, "revisions", rep.Stats.Added,
		"skipped", rep.Stats.Skipped, "errors", len(rep.Errors), "bad_sha1", rep.Stats.BadSHA1)
	d.Report = rep
	s.showImport(w, r, http.StatusOK, d, nil)
}

// importDump imports the dump in in. It fails only when in is not a
// readable dump; problems with single pages go into the report.
func (s *Server) importDump(ctx context.Context, u *folio.User, in io.Reader, comment string) (*importReport, error) {
	is, ok := s.Store.(folio.ImportStore)
	if !ok {
		return nil, folio.Errorf(folio.EInvalidParameter, "This wiki's database cannot import dumps.")
	}
	src, err := dump.Open("-", in)
	if err != nil {
		return nil, folio.Errorf(folio.EInvalidParameter, "The file is not a readable dump: %s", err)
	}
	rd, err := dump.NewReader(src)
	if err != nil {
		return nil, folio.Errorf(folio.EInvalidParameter, "The file is not a MediaWiki XML dump: %s", err)
	}
	im := &dump.Importer{Store: is, Namespaces: s.Namespaces, SiteInfo: rd.SiteInfo, WarnSHA1: true,
		Logger: s.Logger, Check: func(ctx context.Context, t folio.Title) error { return s.checkImportTitle(ctx, u, t) }}
	rep := &importReport{}
	for {
		p, err := rd.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			rep.Stopped = err.Error()
			break
		}
		if err := s.importPage(ctx, im, is, u, p, comment, rep); err != nil {
			rep.Stopped = err.Error()
			break
		}
	}
	rep.Stats = im.Stats
	return rep, nil
}

// importPage imports one page and records it in rep. It returns an error
// only when the import must stop.
func (s *Server) importPage(ctx context.Context, im *dump.Importer, is folio.ImportStore, u *folio.User, p *dump.Page, comment string, rep *importReport) error {
	res, err := im.Import(ctx, p)
	var derr *dump.Error
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("the request was cancelled")
	case errors.As(err, &derr):
		if rep.Errors = append(rep.Errors, derr.Error()); len(rep.Errors) >= importMaxErrors {
			return fmt.Errorf("the import stopped after %d refused pages", importMaxErrors)
		}
		return nil
	case err != nil:
		return err
	}
	t := s.Namespaces.MakeTitle(p.NS, "")
	if pg, err := s.Store.FindPageByID(ctx, res.PageID); err == nil {
		t = s.Namespaces.MakeTitle(pg.Namespace, pg.DBKey)
		if res.LatestChanged {
			s.importLinks(ctx, is, t, pg)
		}
	}
	if len(rep.Pages) < importMaxListed {
		rep.Pages = append(rep.Pages, importedPage{Link: link{Href: titlePath(t), Text: t.PrefixedText()},
			Added: res.Added, Skipped: res.Skipped})
	} else {
		rep.More++
	}
	if res.Added == 0 {
		return nil
	}
	return s.logImport(ctx, u, t, res, comment)
}

// checkImportTitle refuses pages the user could not create or edit.
func (s *Server) checkImportTitle(ctx context.Context, u *folio.User, t folio.Title) error {
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		p = nil
	} else if err != nil {
		return err
	}
	return s.Wiki.CheckPermission(ctx, u, "edit", t, p)
}

// importLinks stores the link tables of an imported page's new latest
// revision; a failure is logged, and a later edit or rebuild fixes it.
func (s *Server) importLinks(ctx context.Context, is folio.ImportStore, t folio.Title, p *folio.Page) {
	if s.Wiki.Linker == nil {
		return
	}
	rev, err := s.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil || rev.Model != folio.ModelWikitext {
		return
	}
	links, redirect, err := s.Wiki.Linker.Links(ctx, t, rev.Text)
	if err == nil {
		err = is.SetPageLinks(ctx, p.ID, links, redirect)
	}
	if err != nil {
		s.Logger.Warn("links of an imported page", "page_id", p.ID, "err", err)
	}
}

// logImport writes MediaWiki's import/upload log entry for a page.
func (s *Server) logImport(ctx context.Context, u *folio.User, t folio.Title, res *folio.ImportResult, comment string) error {
	text := countOf(res.Added, "revision") + " imported"
	if comment != "" {
		text += ": " + comment
	}
	le := &folio.LogEntry{Type: "import", Action: "upload", Actor: s.Wiki.Actor(u, ""), Namespace: t.Namespace,
		DBKey: t.DBKey, PageID: res.PageID, Comment: text, Params: map[string]string{"count": strconv.Itoa(res.Added)}}
	if err := s.Store.CreateLogEntry(ctx, le); err != nil {
		return fmt.Errorf("log the import of %s: %w", t.PrefixedText(), err)
	}
	return nil
}

// showImport renders the upload form, the report of an import when d has
// one, and err when set.
func (s *Server) showImport(w http.ResponseWriter, r *http.Request, status int, d importData, err error) {
	if status >= http.StatusInternalServerError && folio.ErrorCode(err) != folio.EReadOnly {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action, d.MaxSize = tok, s.specialURL("Import"), fmt.Sprintf("%d MiB", importMaxBytes>>20)
	v := s.specialView(r, "Import")
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	v.Data = d
	s.render(w, r, status, "special_import", v)
}
