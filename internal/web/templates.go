package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

//go:embed templates
var templateFS embed.FS

// templateSet is one page template parsed together with the layout.
type templateSet struct {
	tpl *template.Template
}

// Shared templates: the layout and the partials every page may use.
var baseTemplates = []string{"templates/layout.html", "templates/partials.html"}

// parseTemplates parses the layout once and every other file in templates/
// as its own page on a copy of it.
func (s *Server) parseTemplates() (map[string]*templateSet, error) {
	base, err := template.New("layout").Funcs(s.templateFuncs()).ParseFS(templateFS, baseTemplates...)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	sets := map[string]*templateSet{}
	for _, f := range files {
		if isBaseTemplate(f) {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("parse %s: no {{define \"content\"}}", f)
		}
		sets[strings.TrimSuffix(path.Base(f), ".html")] = &templateSet{tpl: t}
	}
	return sets, nil
}

func isBaseTemplate(f string) bool {
	for _, b := range baseTemplates {
		if f == b {
			return true
		}
	}
	return false
}

// templateFuncs are the functions templates may call.
func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"asset":      s.assetURL,
		"date":       formatDate,
		"isodate":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"bytes":      formatBytes,
		"sizediff":   formatSizeDiff,
		"number":     formatNumber,
		"userlinks":  s.userLinks,
		"comment":    s.formatComment,
		"titleurl":   func(t folio.Title) string { return s.titleURL(t, nil) },
		"actionurl":  s.actionURL,
		"specialurl": s.specialURL,
		"text":       func(t folio.Title) string { return t.PrefixedText() },
	}
}

// render executes templates/name.html in the layout and writes it with
// status. The page is rendered into a buffer first, so that a template
// error never leaves half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	set, ok := s.templates[name]
	if !ok {
		s.renderFailed(w, r, fmt.Errorf("no template %q", name))
		return
	}
	s.prepareSkin(r, v)
	var buf bytes.Buffer
	if err := set.tpl.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.renderFailed(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", viewCacheControl(v))
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// renderFailed reports a broken template without using templates.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, err error) {
	id := state(r).id
	s.Logger.Error("render page", "request_id", id, "err", err)
	http.Error(w, "Internal error. Request id: "+id, http.StatusInternalServerError)
}
