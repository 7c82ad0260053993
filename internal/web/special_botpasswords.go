package web

import (
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
)

// botPasswordsData is what templates/special_botpasswords.html shows.
type botPasswordsData struct {
	Action    string
	ListURL   string
	Token     string
	User      string
	Passwords []botPasswordRow
	Grants    []botGrantRow
	AppID     string
	// Editing names the bot password shown for change
	// (Special:BotPasswords/name); "" on the list.
	Editing string
	// Created is set once, right after a bot password was made: the login
	// name and the password, which is never shown again.
	CreatedLogin    string
	CreatedPassword string
}

type botPasswordRow struct {
	AppID   string
	Grants  string
	EditURL string
}

type botGrantRow struct {
	Name, Description string
	Checked           bool
}

// handleBotPasswords serves Special:BotPasswords: a logged-in user lists,
// creates and deletes bot passwords, each with a chosen set of grants.
func (s *Server) handleBotPasswords(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if u == nil {
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to manage bot passwords."))
		return
	}
	d := botPasswordsData{User: u.Name, Editing: s.botNameOf(r, u, specialSubpage(r))}
	if r.Method != http.MethodPost {
		s.showBotPasswords(w, r, http.StatusOK, d, nil, "")
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showBotPasswords(w, r, errorStatusOf(err), d, err, "")
		return
	}
	ctx := r.Context()
	d.AppID = strings.TrimSpace(r.PostFormValue("wpAppId"))
	switch r.PostFormValue("wpAction") {
	case "create":
		grants := r.PostForm["wpGrants"]
		pw, err := s.Wiki.CreateBotPassword(ctx, u, d.AppID, grants)
		if err != nil {
			s.showBotPasswords(w, r, errorStatusOf(err), d, err, "")
			return
		}
		s.Logger.Info("bot password created", "request_id", state(r).id, "user_id", u.ID)
		d.CreatedLogin, d.CreatedPassword, d.AppID = u.Name+folio.BotPasswordSeparator+d.AppID, pw, ""
		w.Header().Set("Cache-Control", "no-store")
		s.showBotPasswords(w, r, http.StatusOK, d, nil, "")
	case "update", "reset":
		d.AppID = d.Editing
		pw, err := s.Wiki.UpdateBotPassword(ctx, u, d.Editing, r.PostForm["wpGrants"], r.PostFormValue("wpAction") == "reset")
		if err != nil {
			s.showBotPasswords(w, r, errorStatusOf(err), d, err, "")
			return
		}
		if pw == "" {
			s.showBotPasswords(w, r, http.StatusOK, d, nil, "The grants of "+d.Editing+" have been saved.")
			return
		}
		d.CreatedLogin, d.CreatedPassword = u.Name+folio.BotPasswordSeparator+d.Editing, pw
		w.Header().Set("Cache-Control", "no-store")
		s.showBotPasswords(w, r, http.StatusOK, d, nil, "")
	case "delete":
		if err := s.Wiki.DeleteBotPassword(ctx, u, d.AppID); err != nil {
			s.showBotPasswords(w, r, errorStatusOf(err), d, err, "")
			return
		}
		s.showBotPasswords(w, r, http.StatusOK, botPasswordsData{User: u.Name}, nil, "The bot password "+d.AppID+" has been deleted.")
	default:
		s.showBotPasswords(w, r, http.StatusBadRequest, d, folio.Errorf(folio.EInvalidParameter, "Unknown action."), "")
	}
}

// botNameOf maps the subpage of Special:BotPasswords/name to the bot
// name it shows: titles turn underscores into spaces, so "my_bot" comes
// back as "my bot".
func (s *Server) botNameOf(r *http.Request, u *folio.User, sub string) string {
	if sub == "" {
		return ""
	}
	list, err := s.Wiki.BotPasswords(r.Context(), u)
	if err != nil {
		return sub
	}
	for _, bp := range list {
		if bp.AppID == sub || strings.ReplaceAll(bp.AppID, "_", " ") == sub {
			return bp.AppID
		}
	}
	return sub
}

func (s *Server) showBotPasswords(w http.ResponseWriter, r *http.Request, status int, d botPasswordsData, err error, success string) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	u := s.currentUser(r)
	list, lerr := s.Wiki.BotPasswords(r.Context(), u)
	if lerr != nil {
		s.writeError(w, r, lerr)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token, d.Action, d.ListURL = tok, s.specialURL("BotPasswords"), s.specialURL("BotPasswords")
	chosen := map[string]bool{}
	found := false
	for _, bp := range list {
		d.Passwords = append(d.Passwords, botPasswordRow{AppID: bp.AppID, Grants: strings.Join(append([]string{"basic"}, bp.Grants...), ", "),
			EditURL: s.titleURL(s.specialTitle("BotPasswords/"+bp.AppID), nil)})
		if d.Editing != "" && bp.AppID == d.Editing {
			found = true
			d.Action = s.titleURL(s.specialTitle("BotPasswords/"+bp.AppID), nil)
			for _, g := range bp.Grants {
				chosen[g] = true
			}
		}
	}
	if d.Editing != "" && !found {
		s.writeError(w, r, folio.Errorf(folio.ENoSuchBotPassword, "You have no bot password named %q.", d.Editing))
		return
	}
	if r.Method == http.MethodPost && d.CreatedLogin == "" && err != nil {
		chosen = map[string]bool{}
		for _, g := range r.PostForm["wpGrants"] {
			chosen[g] = true
		}
	}
	for _, g := range folio.BotGrants {
		if g.Name != "basic" {
			d.Grants = append(d.Grants, botGrantRow{Name: g.Name, Description: g.Description, Checked: chosen[g.Name]})
		}
	}
	v := s.specialView(r, "BotPasswords")
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	if success != "" {
		v.addNotice("success", success)
	}
	v.Data = d
	s.render(w, r, status, "special_botpasswords", v)
}
