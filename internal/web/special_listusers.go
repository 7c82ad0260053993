package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// listUsersPage is what templates/special_listusers.html shows.
type listUsersPage struct {
	From      string
	Group     string
	Groups    []string
	FormTitle string
	Users     []listUsersLine
	Next      link
}

// listUsersLine is one account.
type listUsersLine struct {
	User       link
	Tools      link // contributions
	Groups     string
	Edits      string
	Registered string
}

// handleListUsers serves Special:ListUsers: accounts by name from
// username=, optionally only the members of group=, with a next link.
func (s *Server) handleListUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := queryLimit(q, "limit", listDefaultLimit, maxListLimit)
	data := listUsersPage{From: strings.TrimSpace(q.Get("username")), Group: cleanText(q.Get("group")),
		Groups: s.Wiki.Rights.Groups(), FormTitle: "Special:ListUsers"}
	if sub := specialSubpage(r); sub != "" && data.Group == "" {
		data.Group = cleanText(sub) // Special:ListUsers/sysop
	}
	f := folio.UserFilter{Limit: limit + 1}
	if data.From != "" {
		if name, err := s.userName(data.From); err == nil {
			f.From = name
		}
	}
	if data.Group != "" {
		g := data.Group
		f.Group = &g
	}
	users, err := s.Store.FindUsers(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(users) > limit {
		next := users[limit].Name
		nq := url.Values{"username": {next}, "limit": {strconv.Itoa(limit)}}
		if data.Group != "" {
			nq.Set("group", data.Group)
		}
		data.Next = link{Href: s.titleURL(s.specialTitle("ListUsers"), nq), Text: "next " + strconv.Itoa(limit), Class: "mw-nextlink"}
		users = users[:limit]
	}
	for _, u := range users {
		data.Users = append(data.Users, s.listUsersLine(u))
	}
	v := s.specialView(r, "ListUsers")
	v.Data = data
	s.render(w, r, http.StatusOK, "special_listusers", v)
}

// listUsersLine describes one account.
func (s *Server) listUsersLine(u *folio.User) listUsersLine {
	edits := strconv.Itoa(u.EditCount) + " edits"
	if u.EditCount == 1 {
		edits = "1 edit"
	}
	return listUsersLine{
		User:       link{Href: titlePath(s.userTitle(folio.NSUser, u.Name)), Text: u.Name, Class: "mw-userlink"},
		Tools:      link{Href: titlePath(s.specialTitle("Contributions/" + u.Name)), Text: "contribs"},
		Groups:     strings.Join(u.Groups, ", "),
		Edits:      edits,
		Registered: formatDate(u.Registration),
	}
}
