package web

import (
	"net/http"
	"sort"
)

// groupRightsRow is one group of Special:ListGroupRights.
type groupRightsRow struct {
	Group  string // the group key, such as "sysop" or "*"
	Label  string
	Rights []string
}

// groupLabels names the implicit groups.
var groupLabels = map[string]string{
	"*":    "Everyone, including anonymous visitors (*)",
	"user": "Registered users (user)",
}

// handleListGroupRights serves Special:ListGroupRights: each group of the
// wiki's policy with the rights it grants.
func (s *Server) handleListGroupRights(w http.ResponseWriter, r *http.Request) {
	rights := s.Wiki.Rights
	groups := append([]string{"*", "user"}, rights.Groups()...)
	rows := make([]groupRightsRow, 0, len(groups))
	for _, g := range groups {
		row := groupRightsRow{Group: g, Label: groupLabels[g]}
		if row.Label == "" {
			row.Label = g
		}
		for right, ok := range rights[g] {
			if ok {
				row.Rights = append(row.Rights, right)
			}
		}
		sort.Strings(row.Rights)
		rows = append(rows, row)
	}
	v := s.specialView(r, "ListGroupRights")
	v.Data = rows
	s.render(w, r, http.StatusOK, "special_listgrouprights", v)
}
