package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// editWatchlistData is what templates/special_editwatchlist.html shows.
type editWatchlistData struct {
	Mode   string // "", "raw" or "clear"
	Action string
	Token  string
	Groups []watchGroup // the normal mode's checkboxes
	Raw    string       // the raw mode's text
	Count  int
}

// watchGroup is the watched pages of one namespace.
type watchGroup struct {
	Namespace string
	Items     []watchItem
}

// watchItem is one watched page with its talk page.
type watchItem struct {
	Value string // the prefixed title, the checkbox value
	Link  link
	Talk  link
}

// handleEditWatchlist serves Special:EditWatchlist: a list of the watched
// pages with checkboxes to remove them, /raw with the titles in a text
// box, and /clear to empty the watchlist. Changes need a POST with the
// CSRF token.
func (s *Server) handleEditWatchlist(w http.ResponseWriter, r *http.Request) {
	u := s.watchlistUser(w, r)
	if u == nil {
		return
	}
	if !s.Wiki.Allowed(u, "editmywatchlist") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to change your watchlist."))
		return
	}
	mode := strings.ToLower(specialSubpage(r))
	if mode != "raw" && mode != "clear" {
		mode = ""
	}
	name := "EditWatchlist"
	if mode != "" {
		name += "/" + mode
	}
	v := s.specialView(r, "EditWatchlist")
	v.Subtitle = watchlistTools(s, name)
	status := http.StatusOK
	if r.Method == http.MethodPost {
		msg, err := s.changeWatchlist(r, u, mode)
		if status = errorStatusOf(err); err != nil && status >= http.StatusInternalServerError {
			s.writeError(w, r, err)
			return
		} else if err != nil {
			v.addNotice("error", folio.ErrorMessage(err))
		} else {
			status = http.StatusOK
			v.addNotice("success", msg)
		}
	}
	d, err := s.editWatchlistData(w, r, u, mode)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d.Action = s.specialURL(name)
	v.Data = d
	s.render(w, r, status, "special_editwatchlist", v)
}

// changeWatchlist carries out a POST of Special:EditWatchlist and returns
// the message that reports it.
func (s *Server) changeWatchlist(r *http.Request, u *folio.User, mode string) (string, error) {
	if err := s.checkToken(r); err != nil {
		return "", err
	}
	ctx := r.Context()
	switch mode {
	case "clear":
		n, err := s.Wiki.ClearWatchlist(ctx, u)
		return fmt.Sprintf("Your watchlist has been cleared: %s removed.", wlCount(n/2, "page", "pages")), err
	case "raw":
		want, err := s.parseTitleLines(r.PostFormValue("wpTitles"))
		if err != nil {
			return "", err
		}
		have, err := s.watchedSubjects(r, u)
		if err != nil {
			return "", err
		}
		var add, remove []folio.Title
		for k, t := range want {
			if _, ok := have[k]; !ok {
				add = append(add, t)
			}
		}
		for k, t := range have {
			if _, ok := want[k]; !ok {
				remove = append(remove, t)
			}
		}
		if err := s.Wiki.WatchTitles(ctx, u, add, time.Time{}); err != nil {
			return "", err
		}
		if err := s.Wiki.UnwatchTitles(ctx, u, remove); err != nil {
			return "", err
		}
		return fmt.Sprintf("Your watchlist has been updated: %s added, %s removed.",
			wlCount(len(add), "page", "pages"), wlCount(len(remove), "page", "pages")), nil
	}
	var remove []folio.Title
	for _, v := range r.PostForm["wpTitles"] {
		t, err := s.Namespaces.ParseTitle(v, folio.NSMain)
		if err != nil {
			return "", err
		}
		remove = append(remove, t)
	}
	if err := s.Wiki.UnwatchTitles(ctx, u, remove); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s removed from your watchlist.", wlCount(len(remove), "page was", "pages were")), nil
}

// parseTitleLines reads one title per line, skipping blank lines; talk
// pages count as their subject pages.
func (s *Server) parseTitleLines(text string) (map[string]folio.Title, error) {
	out := map[string]folio.Title{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		t, err := s.Namespaces.ParseTitle(line, folio.NSMain)
		if err != nil {
			return nil, folio.Errorf(folio.EInvalidTitle, "%q is not a valid title.", line)
		}
		if t.Namespace < 0 || t.Interwiki != "" || t.DBKey == "" {
			return nil, folio.Errorf(folio.EInvalidTitle, "%q cannot be watched.", line)
		}
		subj := s.Namespaces.SubjectPage(s.Namespaces.MakeTitle(t.Namespace, t.DBKey))
		out[subj.PrefixedDBKey()] = subj
	}
	return out, nil
}

// watchedSubjects returns the subject pages of u's watchlist by prefixed
// DBKey (at most 5,000 titles, as the store's limit).
func (s *Server) watchedSubjects(r *http.Request, u *folio.User) (map[string]folio.Title, error) {
	out := map[string]folio.Title{}
	items, err := s.Wiki.Watchlist(r.Context(), u, folio.WatchlistFilter{Limit: 5000})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		t := s.Namespaces.SubjectPage(s.Namespaces.MakeTitle(it.Namespace, it.DBKey))
		out[t.PrefixedDBKey()] = t
	}
	return out, nil
}

// editWatchlistData lists the watched subject pages, grouped by namespace
// in namespace order.
func (s *Server) editWatchlistData(w http.ResponseWriter, r *http.Request, u *folio.User, mode string) (*editWatchlistData, error) {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return nil, err
	}
	subjects, err := s.watchedSubjects(r, u)
	if err != nil {
		return nil, err
	}
	titles := make([]folio.Title, 0, len(subjects))
	for _, t := range subjects {
		titles = append(titles, t)
	}
	sort.Slice(titles, func(i, j int) bool {
		if titles[i].Namespace != titles[j].Namespace {
			return titles[i].Namespace < titles[j].Namespace
		}
		return titles[i].DBKey < titles[j].DBKey
	})
	d := &editWatchlistData{Mode: mode, Token: tok, Count: len(titles)}
	var lines []string
	var all []folio.Title
	for _, t := range titles {
		talk, _ := s.Namespaces.TalkPage(t)
		all = append(all, t, talk)
	}
	ex := s.existence(r.Context(), all)
	for _, t := range titles {
		lines = append(lines, t.PrefixedText())
		talk, _ := s.Namespaces.TalkPage(t)
		ns := "(Main)"
		if t.Prefix != "" {
			ns = t.Prefix
		}
		if len(d.Groups) == 0 || d.Groups[len(d.Groups)-1].Namespace != ns {
			d.Groups = append(d.Groups, watchGroup{Namespace: ns})
		}
		g := &d.Groups[len(d.Groups)-1]
		item := watchItem{Value: t.PrefixedText(),
			Link: s.linkTo(t, "", ex[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}]),
			Talk: s.linkTo(talk, "talk", ex[folio.LinkTarget{Namespace: talk.Namespace, DBKey: talk.DBKey}])}
		g.Items = append(g.Items, item)
	}
	d.Raw = strings.Join(lines, "\n")
	return d, nil
}

// plural writes n with the singular or plural noun.
func wlCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
