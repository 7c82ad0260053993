package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// activeDays is the period Special:ActiveUsers counts: MediaWiki's
// $wgActiveUserDays.
const activeDays = 30

// activeUsersPage is what templates/special_activeusers.html shows.
type activeUsersPage struct {
	From      string
	HideBots  bool
	FormTitle string
	Days      int
	Users     []activeUserLine
	Next      link
}

// activeUserLine is one registered user with their recent actions.
type activeUserLine struct {
	User    link
	Tools   link
	Groups  string
	Actions string
}

// activeUser counts one user's recent changes.
type activeUser struct {
	actor folio.Actor
	count int
}

// handleActiveUsers serves Special:ActiveUsers: the registered users who
// made a change (an edit or a logged action) in the last 30 days, by name
// from username=, with how many, and hidebots to leave out bot accounts.
func (s *Server) handleActiveUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := queryLimit(q, "limit", listDefaultLimit, maxListLimit)
	data := activeUsersPage{From: cleanText(strings.TrimSpace(q.Get("username"))), HideBots: queryBool(q, "hidebots", false),
		FormTitle: "Special:ActiveUsers", Days: activeDays}
	users, err := s.activeUsers(r.Context(), data.From)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for i, u := range users {
		if len(data.Users) == limit {
			next := url.Values{"username": {u.actor.Name}, "limit": {strconv.Itoa(limit)}}
			setBool(next, "hidebots", data.HideBots, false)
			data.Next = link{Href: s.titleURL(s.specialTitle("ActiveUsers"), next), Text: "next " + strconv.Itoa(limit),
				Class: "mw-nextlink"}
			break
		}
		if line, ok := s.activeUserLine(r.Context(), users[i], data.HideBots); ok {
			data.Users = append(data.Users, line)
		}
	}
	v := s.specialView(r, "ActiveUsers")
	v.Data = data
	s.render(w, r, http.StatusOK, "special_activeusers", v)
}

// activeUsers counts the recent changes of registered users whose names
// sort at or after from, and returns them by name.
func (s *Server) activeUsers(ctx context.Context, from string) ([]activeUser, error) {
	f := folio.RecentChangeFilter{Since: s.specialNow().AddDate(0, 0, -activeDays), HideAnons: true, Limit: rcBatch}
	byName := map[string]*activeUser{}
	_, err := collectChanges(ctx, s.Store.FindRecentChanges, f, rcBatch*rcMaxBatches, func(rc *folio.RecentChange) (bool, error) {
		if rc.Actor.Name >= from {
			if byName[rc.Actor.Name] == nil {
				byName[rc.Actor.Name] = &activeUser{actor: rc.Actor}
			}
			byName[rc.Actor.Name].count++
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]activeUser, 0, len(byName))
	for _, u := range byName {
		out = append(out, *u)
	}
	slices.SortFunc(out, func(a, b activeUser) int { return strings.Compare(a.actor.Name, b.actor.Name) })
	return out, nil
}

// activeUserLine describes u; it reports false for a bot when bots are
// hidden.
func (s *Server) activeUserLine(ctx context.Context, u activeUser, hideBots bool) (activeUserLine, bool) {
	var groups []string
	if user, err := s.Store.FindUserByName(ctx, u.actor.Name); err == nil {
		groups = user.Groups
	}
	if hideBots && slices.Contains(groups, "bot") {
		return activeUserLine{}, false
	}
	actions := strconv.Itoa(u.count) + " actions"
	if u.count == 1 {
		actions = "1 action"
	}
	return activeUserLine{
		User:    link{Href: titlePath(s.userTitle(folio.NSUser, u.actor.Name)), Text: u.actor.Name, Class: "mw-userlink"},
		Tools:   link{Href: titlePath(s.specialTitle("Contributions/" + u.actor.Name)), Text: "contribs"},
		Groups:  strings.Join(groups, ", "),
		Actions: actions,
	}, true
}
