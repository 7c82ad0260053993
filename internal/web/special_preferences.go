package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// preferencesData is what templates/special_preferences.html shows.
type preferencesData struct {
	Action   string
	Token    string
	User     *folio.User
	RealName string
	// Nickname and FancySig are the signature (wpnickname, wpfancysig).
	Nickname string
	FancySig bool
	MaxSig   int
	Options  []preferenceChoice
}

// preferenceChoice is one checkbox (wp<key>).
type preferenceChoice struct {
	Key, Label string
	On         bool
}

// handlePreferences serves Special:Preferences: real name, links to change
// the password and the email address, and the edit and watchlist options.
func (s *Server) handlePreferences(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if u == nil {
		s.writeError(w, r, folio.Errorf(folio.ENotLoggedIn, "You must be logged in to set your preferences."))
		return
	}
	v := s.newView(r, "Preferences")
	t := s.specialTitle("Preferences")
	v.Title, v.Robots = &t, "noindex,nofollow"
	status := http.StatusOK
	if r.Method == http.MethodPost {
		err := s.checkToken(r)
		if err == nil {
			opts := map[string]string{}
			for _, o := range wiki.PreferenceOptions {
				opts[o.Key] = ""
				if r.PostFormValue("wp"+o.Key) != "" {
					opts[o.Key] = "1"
				}
			}
			opts["nickname"] = r.PostFormValue("wpnickname")
			err = s.Wiki.SavePreferences(r.Context(), u, r.PostFormValue("wpRealName"), opts)
		}
		if status = errorStatusOf(err); err != nil && status >= http.StatusInternalServerError {
			s.writeError(w, r, err)
			return
		} else if err != nil {
			v.addNotice("error", folio.ErrorMessage(err))
		} else {
			status = http.StatusOK
			v.addNotice("success", "Your preferences have been saved.")
		}
	}
	d, err := s.preferencesData(w, r, u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, "special_preferences", v)
}

func (s *Server) preferencesData(w http.ResponseWriter, r *http.Request, u *folio.User) (*preferencesData, error) {
	tok, err := s.csrfToken(w, r)
	if err != nil {
		return nil, err
	}
	fresh, err := s.Wiki.Store.FindUserByID(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	opts, err := s.Wiki.Preferences(r.Context(), fresh)
	if err != nil {
		return nil, err
	}
	d := &preferencesData{Action: s.specialURL("Preferences"), Token: tok, User: fresh, RealName: fresh.RealName,
		Nickname: opts["nickname"], FancySig: opts["fancysig"] == "1", MaxSig: wiki.MaxSignatureChars}
	for _, o := range wiki.PreferenceOptions {
		if o.Key == "fancysig" { // shown with the signature
			continue
		}
		d.Options = append(d.Options, preferenceChoice{Key: o.Key, Label: o.Label, On: opts[o.Key] == "1"})
	}
	return d, nil
}
