package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// blockData is what templates/special_block.html shows, for Special:Block
// and Special:Unblock.
type blockData struct {
	Unblock bool
	Action  string
	Token   string
	Target  string
	Expiry  string
	Reason  string
	Current *folio.Block // the block in force on Target, if any
}

// blockExpiries are the choices offered next to the free-form expiry.
var blockExpiries = []string{"2 hours", "1 day", "3 days", "1 week", "2 weeks", "1 month", "3 months", "6 months", "1 year", "infinite"}

// handleBlock serves Special:Block[/User] (right block): the form, and on
// POST the block of wpTarget until wpExpiry for wpReason.
func (s *Server) handleBlock(w http.ResponseWriter, r *http.Request) {
	s.serveBlockForm(w, r, false)
}

// handleUnblock serves Special:Unblock[/User] (right block).
func (s *Server) handleUnblock(w http.ResponseWriter, r *http.Request) {
	s.serveBlockForm(w, r, true)
}

func (s *Server) serveBlockForm(w http.ResponseWriter, r *http.Request, unblock bool) {
	d := blockData{Unblock: unblock, Target: r.FormValue("wpTarget"), Expiry: r.FormValue("wpExpiry"), Reason: r.FormValue("wpReason")}
	if d.Target == "" {
		d.Target = specialSubpage(r)
	}
	if d.Expiry == "" {
		d.Expiry = "infinite"
	}
	if r.Method != http.MethodPost {
		s.showBlock(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showBlock(w, r, errorStatusOf(err), d, err)
		return
	}
	admin, msg := s.currentUser(r), d.Target+" has been unblocked."
	var err error
	if unblock {
		err = s.Wiki.Unblock(r.Context(), admin, d.Target, d.Reason)
	} else {
		var expiry = s.now()
		if expiry, err = parseExpiry(d.Expiry, s.now()); err == nil {
			_, err = s.Wiki.Block(r.Context(), admin, d.Target, expiry, d.Reason)
		}
		msg = d.Target + " has been blocked (expires: " + formatExpiry(expiry) + ")."
	}
	if err != nil {
		s.showBlock(w, r, errorStatusOf(err), d, err)
		return
	}
	v := s.newView(r, s.blockHeading(unblock))
	s.showResult(w, r, v, msg, link{Href: s.specialURL("Log", "type", "block"), Text: "Block log"})
}

func (s *Server) blockHeading(unblock bool) string {
	if unblock {
		return "Unblock user"
	}
	return "Block user"
}

func (s *Server) showBlock(w http.ResponseWriter, r *http.Request, status int, d blockData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	name := "Block"
	if d.Unblock {
		name = "Unblock"
	}
	d.Token, d.Action = tok, s.specialURL(name)
	if d.Target != "" {
		if u, uerr := s.Wiki.Store.FindUserByName(r.Context(), d.Target); uerr == nil {
			d.Current, _ = s.Wiki.ActiveBlock(r.Context(), u)
		}
	}
	v := s.newView(r, s.blockHeading(d.Unblock))
	t := s.specialTitle(name)
	v.Title, v.Robots = &t, "noindex,nofollow"
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	v.Data = struct {
		blockData
		Expiries []string
	}{d, blockExpiries}
	s.render(w, r, status, "special_block", v)
}
