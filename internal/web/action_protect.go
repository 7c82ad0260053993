package web

import (
	"net/http"
	"slices"

	"github.com/folio-wiki/folio"
)

// protectLevels are the choices of the protection form, as in MediaWiki.
var protectLevels = []struct{ Value, Label string }{
	{"", "Allow all users"},
	{"autoconfirmed", "Allow only autoconfirmed users"},
	{"sysop", "Allow only administrators"},
}

// expiryChoices are the preset expiries of the protection form.
var expiryChoices = []string{"infinite", "1 hour", "1 day", "1 week", "2 weeks", "1 month", "3 months", "6 months", "1 year"}

// protectData is what templates/protect.html shows.
type protectData struct {
	Action  string
	Token   string
	Types   []protectType
	Expiry  string // a preset choice, or "other"
	Other   string // the expiry when it is not a preset
	Reason  string
	Choices []string
	Watch   *watchBox // the "Watch this page" box, nil for none
}

// protectType is the current level of one action and the options to
// change it.
type protectType struct {
	Type    string
	Label   string
	Current string
	Levels  []struct{ Value, Label string }
}

// handleProtect shows the protection form (GET) and changes protection
// (POST with a valid token) for users with the protect right
// (action=protect and action=unprotect).
func (s *Server) handleProtect(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := requestTitle(r)
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	u := s.currentUser(r)
	if err := s.Wiki.CheckPermission(ctx, u, "protect", t, p); err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.actionView(r, "Change protection level of \""+t.PrefixedText()+"\"", t, p, "protect")
	v.Robots = "noindex,nofollow"
	d := s.protectForm(t, p)
	d.Watch = s.watchBoxFor(r, t, "mwProtectWatch")
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := s.protect(r, p, u); err != nil {
			if folio.ErrorCode(err) == folio.EInternal {
				s.writeError(w, r, err)
				return
			}
			v.addNotice("error", folio.ErrorMessage(err))
			status = errorStatusOf(err)
		} else {
			s.applyWatchBox(r, t, d.Watch)
			s.showResult(w, r, s.actionView(r, "Action complete", t, nil, "protect"),
				"The protection of “"+t.PrefixedText()+"” has been changed.", link{Href: titlePath(t), Text: t.PrefixedText()})
			return
		}
	}
	if d.Token, err = s.csrfToken(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, status, "protect", v)
}

// protectForm fills the form with the page's current protection.
func (s *Server) protectForm(t folio.Title, p *folio.Page) *protectData {
	now := s.now()
	d := &protectData{Action: s.actionURL(t, "protect"), Choices: expiryChoices, Expiry: "infinite"}
	for _, typ := range []struct{ t, label string }{{"edit", "Edit"}, {"move", "Move"}} {
		cur := p.ProtectionLevel(typ.t, now)
		d.Types = append(d.Types, protectType{Type: typ.t, Label: typ.label, Current: cur, Levels: protectLevels})
		for _, pr := range p.Protections {
			if pr.Type == typ.t && pr.Level == cur && cur != "" {
				d.Expiry = formatExpiry(pr.Expiry)
			}
		}
	}
	if !slices.Contains(expiryChoices, d.Expiry) {
		d.Expiry, d.Other = "other", d.Expiry
	}
	return d
}

// protect checks the token, reads the form and changes the protection.
func (s *Server) protect(r *http.Request, p *folio.Page, u *folio.User) error {
	if err := s.checkToken(r); err != nil {
		return err
	}
	expiryText := r.PostFormValue("wpProtectExpirySelection")
	if other := r.PostFormValue("mwProtect-expiry"); other != "" || expiryText == "other" {
		expiryText = other
	}
	expiry, err := parseExpiry(expiryText, s.now())
	if err != nil {
		return err
	}
	var prs []folio.Protection
	for _, typ := range []string{"edit", "move"} {
		if level := r.PostFormValue("mwProtect-level-" + typ); level != "" {
			prs = append(prs, folio.Protection{Type: typ, Level: level, Expiry: expiry})
		}
	}
	_, err = s.Wiki.Protect(r.Context(), u, s.clientIP(r), p, prs, r.PostFormValue("mwProtect-reason"))
	return err
}
