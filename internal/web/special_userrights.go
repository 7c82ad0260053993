package web

import (
	"net/http"
	"slices"

	"github.com/folio-wiki/folio"
)

// userRightsData is what templates/special_userrights.html shows.
type userRightsData struct {
	Action string
	Token  string
	Target string
	User   *folio.User // nil until a user is chosen
	Groups []groupChoice
}

// groupChoice is one checkbox of the form.
type groupChoice struct {
	Name   string
	Member bool
}

// handleUserRights serves Special:UserRights[/User] (right userrights): a
// user lookup, the group checkboxes of the chosen user (wpGroup-<name>),
// and on POST the change with wpReason.
func (s *Server) handleUserRights(w http.ResponseWriter, r *http.Request) {
	d := userRightsData{Target: r.FormValue("user")}
	if d.Target == "" {
		d.Target = specialSubpage(r)
	}
	v := s.newView(r, "User group management")
	t := s.specialTitle("UserRights")
	v.Title, v.Robots = &t, "noindex,nofollow"
	status := http.StatusOK
	if r.Method == http.MethodPost {
		err := s.checkToken(r)
		if err == nil {
			var groups []string
			for _, g := range s.Wiki.AssignableGroups() {
				if r.PostFormValue("wpGroup-"+g) != "" {
					groups = append(groups, g)
				}
			}
			_, err = s.Wiki.SetUserGroups(r.Context(), s.currentUser(r), d.Target, groups, r.PostFormValue("wpReason"))
		}
		if err != nil {
			if status = errorStatusOf(err); status >= http.StatusInternalServerError {
				s.writeError(w, r, err)
				return
			}
			v.addNotice("error", folio.ErrorMessage(err))
		} else {
			v.addNotice("success", "The groups of "+d.Target+" have been saved.")
		}
	}
	if err := s.fillUserRights(w, r, &d); err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, "special_userrights", v)
}

func (s *Server) fillUserRights(w http.ResponseWriter, r *http.Request, d *userRightsData) error {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return err
	}
	d.Token, d.Action = tok, s.specialURL("UserRights")
	if d.Target == "" {
		return nil
	}
	u, err := s.Wiki.Store.FindUserByName(r.Context(), d.Target)
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		return folio.Errorf(folio.ENoSuchUser, "There is no user called %q.", d.Target)
	} else if err != nil {
		return err
	}
	d.User, d.Target = u, u.Name
	for _, g := range s.Wiki.AssignableGroups() {
		d.Groups = append(d.Groups, groupChoice{Name: g, Member: slices.Contains(u.Groups, g)})
	}
	return nil
}
