package web

import (
	"net/http"
	"strconv"
)

// statRow is one line of Special:Statistics; ID is MediaWiki's row id.
type statRow struct {
	ID    string
	Label string
	Value string
}

// handleStatistics serves Special:Statistics from the site counters.
func (s *Server) handleStatistics(w http.ResponseWriter, r *http.Request) {
	st, err := s.Store.Stats(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	perPage := "0"
	if st.Pages > 0 {
		perPage = strconv.FormatFloat(float64(st.Edits)/float64(st.Pages), 'f', 2, 64)
	}
	v := s.specialView(r, "Statistics")
	v.Robots = ""
	v.Data = []statRow{
		{"mw-statistics-articles", "Content pages", formatNumber(st.Articles)},
		{"mw-statistics-pages", "All pages, including talk pages and redirects", formatNumber(st.Pages)},
		{"mw-statistics-edits", "Edits since the wiki was set up", formatNumber(st.Edits)},
		{"mw-statistics-edits-average", "Average edits per page", perPage},
		{"mw-statistics-users", "Registered users", formatNumber(st.Users)},
	}
	s.render(w, r, http.StatusOK, "special_statistics", v)
}
