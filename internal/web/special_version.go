package web

import (
	"net/http"
)

// versionPage is what templates/special_version.html shows.
type versionPage struct {
	Software    []versionRow
	Extensions  []Extension
	EntryPoints []versionRow
}

// versionRow is a name and a value; Href, when set, links the value.
type versionRow struct {
	Name  string
	Value string
	Href  string
}

// handleVersion serves Special:Version: the software, the database and its
// server version, the installed extensions and the entry point URLs.
func (s *Server) handleVersion(w http.ResponseWriter, r *http.Request) {
	backend, version, err := s.Store.Backend(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	folioVersion := s.Version.Folio
	if folioVersion == "" {
		folioVersion = "(development build)"
	}
	if s.Version.Commit != "" {
		folioVersion += " (" + s.Version.Commit + ")"
	}
	data := versionPage{
		Software: []versionRow{
			{Name: "Folio", Value: folioVersion, Href: "https://github.com/folio-wiki/folio"},
			{Name: "Go", Value: s.Version.Go, Href: "https://go.dev/"},
			{Name: backend, Value: version},
		},
		Extensions:  s.Version.Extensions,
		EntryPoints: s.entryPoints(),
	}
	v := s.specialView(r, "Version")
	v.Robots = ""
	v.Data = data
	s.render(w, r, http.StatusOK, "special_version", v)
}

// entryPoints lists the URLs clients need, as Special:Version does.
func (s *Server) entryPoints() []versionRow {
	rows := []versionRow{
		{Name: "Article path", Value: s.fullURL(articlePath + "$1")},
		{Name: "Script path", Value: s.fullURL("")},
		{Name: "index.php", Value: s.fullURL(scriptPath)},
		{Name: "api.php", Value: s.fullURL("/api.php")},
	}
	if rows[1].Value == "" {
		rows[1].Value = "/"
	}
	for i := range rows {
		if rows[i].Name != "Article path" {
			rows[i].Href = rows[i].Value
		}
	}
	return rows
}
