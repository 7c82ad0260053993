package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext/ext/compat"
)

// CompatTables serves the tables of Special:Compatables;
// *internal/compat.Service is one.
type CompatTables interface {
	// Table returns the rendered table of a feature path; errors are
	// *compat.Error.
	Table(ctx context.Context, path string) (string, error)
	// PurgeTable drops the cached table of path.
	PurgeTable(ctx context.Context, path string) error
	// Features lists up to limit stored feature paths with a prefix.
	Features(ctx context.Context, prefix string, limit int) ([]string, error)
}

// maxCompatList bounds the feature list of a topic.
const maxCompatList = 1000

// compatablesPage is what templates/special_compatables.html shows.
type compatablesPage struct {
	FormTitle string
	Feature   string
	Topic     string
	Topics    []string
	Path      string
	Table     template.HTML // trusted: rendered by wikitext/ext/compat
	Error     string
	NakedURL  string
	PurgeURL  string
	// Features lists the features of Topic when no feature is given.
	Features []link
	More     bool
}

// compatTopics are the topics offered by the form.
var compatTopics = []string{"css", "html", "javascript", "api", "http", "svg", "mathml", "webassembly", "webextensions"}

// compatStatus maps compat error kinds to HTTP statuses.
var compatStatus = map[string]int{
	compat.ErrInvalid: http.StatusBadRequest, compat.ErrUnknown: http.StatusNotFound,
	compat.ErrBadData: http.StatusInternalServerError, compat.ErrUnavailable: http.StatusServiceUnavailable,
}

// handleCompatables serves Special:Compatables?feature=border-radius&topic=css
// (or feature=css.properties.border-radius, or the path as subpage): the
// browser-compatibility table of a feature. format=table is the only
// format; foresi=1 answers with the bare table, without the skin;
// action=purge asks to confirm and, on POST with a token, drops the cached
// table.
func (s *Server) handleCompatables(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := &compatablesPage{FormTitle: "Special:Compatables", Topics: compatTopics,
		Feature: cleanText(q.Get("feature")), Topic: cleanText(q.Get("topic"))}
	if d.Feature == "" {
		d.Feature = strings.ReplaceAll(specialSubpage(r), " ", "_")
	}
	naked := q.Get("foresi") == "1"
	if d.Feature == "" && !naked {
		if err := s.listCompatFeatures(r, d); err != nil {
			s.writeError(w, r, err)
			return
		}
		s.showCompatables(w, r, http.StatusOK, d)
		return
	}
	path, err := compat.ResolvePath(d.Topic, d.Feature)
	if f := q.Get("format"); err == nil && f != "" && f != "table" {
		err = &compat.Error{Kind: compat.ErrInvalid, Msg: "Unsupported compatibility format \"" + f + "\"; only \"table\" is available."}
	}
	if err == nil && s.Compat == nil {
		err = &compat.Error{Kind: compat.ErrUnavailable, Msg: "This wiki has no browser compatibility data."}
	}
	if err == nil && q.Get("action") == "purge" {
		s.purgeCompatable(w, r, path)
		return
	}
	var table string
	if err == nil {
		table, err = s.Compat.Table(r.Context(), path)
	}
	status := http.StatusOK
	if err != nil {
		status = compatStatus[compat.Kind(err)]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		if e := (*compat.Error)(nil); !errors.As(err, &e) || e.Err != nil {
			s.Logger.Error("compat table", "request_id", state(r).id, "path", path, "err", err)
		}
	}
	if naked {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(status)
		if err != nil {
			table = compat.ErrorHTML(err)
		}
		_, _ = w.Write([]byte(table))
		return
	}
	d.Path = path
	if err != nil {
		d.Error = err.Error()
	} else {
		d.Table = template.HTML(table) // #nosec G203 -- escaped by the renderer
		d.NakedURL = s.specialURL("Compatables", "feature", path, "format", "table", "foresi", "1")
		d.PurgeURL = s.specialURL("Compatables", "feature", path, "action", "purge")
	}
	s.showCompatables(w, r, status, d)
}

func (s *Server) showCompatables(w http.ResponseWriter, r *http.Request, status int, d *compatablesPage) {
	v := s.specialView(r, "Compatables")
	if d.Path != "" {
		v.Heading = "Browser compatibility: " + d.Path
	}
	v.Data = d
	s.render(w, r, status, "special_compatables", v)
}

// purgeCompatable asks to confirm a purge on GET and purges on POST.
func (s *Server) purgeCompatable(w http.ResponseWriter, r *http.Request, path string) {
	v := s.specialView(r, "Compatables")
	v.Heading = "Purge the compatibility table of " + path
	d := &confirmData{
		Action: s.specialURL("Compatables", "feature", path, "action", "purge"),
		Intro:  "Drop the cached compatibility table of " + path + " and render it again from the data?",
		Button: "OK", ButtonID: "wpPurge", FormID: "mw-compat-purge-form",
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if u := s.currentUser(r); u != nil && !s.Wiki.Allowed(u, "purge") {
		s.formError(w, r, v, d, folio.Errorf(folio.EPermissionDenied, "You do not have permission to purge pages."))
		return
	}
	if err := s.Compat.PurgeTable(r.Context(), path); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("purge compat table", "request_id", state(r).id, "path", path)
	http.Redirect(w, r, s.specialURL("Compatables", "feature", path), http.StatusSeeOther)
}

// listCompatFeatures fills d.Features with the features of d.Topic.
func (s *Server) listCompatFeatures(r *http.Request, d *compatablesPage) error {
	if d.Topic == "" || s.Compat == nil {
		return nil
	}
	prefix, err := compat.ResolvePath(d.Topic, "x")
	if err != nil {
		d.Error = err.Error()
		return nil
	}
	prefix = strings.TrimSuffix(prefix, "x")
	paths, err := s.Compat.Features(r.Context(), prefix, maxCompatList+1)
	if err != nil {
		return err
	}
	if len(paths) > maxCompatList {
		paths, d.More = paths[:maxCompatList], true
	}
	for _, p := range paths {
		d.Features = append(d.Features, link{Href: s.specialURL("Compatables", "feature", p), Text: p})
	}
	return nil
}
