package web

import (
	"net/http"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
)

// confirmAccountsData is what templates/special_confirmaccounts.html shows:
// a list of requests, or one request with the form to handle it.
type confirmAccountsData struct {
	Show     string // open, held or rejected
	Lists    []link
	Requests []requestRow
	Request  *folio.AccountRequest
	Action   string
	Token    string
	// Mail is account mail still waiting to go out or given up.
	Mail []*mail.Entry
}

// requestRow is one request in a list.
type requestRow struct {
	*folio.AccountRequest
	URL string
}

var requestLists = []struct{ status, label string }{
	{folio.RequestOpen, "Open requests"},
	{folio.RequestHeld, "Held requests"},
	{folio.RequestRejected, "Rejected requests"},
}

// handleConfirmAccounts serves Special:ConfirmAccounts (right
// confirmaccount): lists of open, held and rejected requests (wpShow), one
// request (acrid), and on POST its acceptance, rejection or hold
// (wpSubmitType, wpReason).
func (s *Server) handleConfirmAccounts(w http.ResponseWriter, r *http.Request) {
	admin := s.currentUser(r)
	v := s.newView(r, "Confirm account requests")
	t := s.specialTitle("ConfirmAccounts")
	v.Title, v.Robots = &t, "noindex,nofollow"
	id, ok := idParam(r, "acrid")
	if !ok {
		s.showRequestList(w, r, v)
		return
	}
	if r.Method == http.MethodPost {
		if err := s.checkToken(r); err != nil {
			s.writeError(w, r, err)
			return
		}
		req, err := s.Wiki.HandleAccountRequest(r.Context(), admin, id, r.PostFormValue("wpSubmitType"), r.PostFormValue("wpReason"))
		if err == nil {
			s.showResult(w, r, v, "The request for "+req.Name+" is now "+req.Status+", and the requester has been mailed.",
				link{Href: s.specialURL("ConfirmAccounts"), Text: "Back to the open requests"})
			return
		}
		if errorStatusOf(err) >= http.StatusInternalServerError || folio.ErrorCode(err) == folio.EPermissionDenied {
			s.writeError(w, r, err)
			return
		}
		v.addNotice("error", folio.ErrorMessage(err))
	}
	req, err := s.Wiki.AccountRequest(r.Context(), admin, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	tok, err := s.csrfToken(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = confirmAccountsData{Request: req, Token: tok,
		Action: s.specialURL("ConfirmAccounts", "acrid", strconv.FormatInt(id, 10))}
	s.render(w, r, http.StatusOK, "special_confirmaccounts", v)
}

func (s *Server) showRequestList(w http.ResponseWriter, r *http.Request, v *view) {
	show := r.FormValue("wpShow")
	d := confirmAccountsData{Show: folio.RequestOpen}
	for _, l := range requestLists {
		if show == l.status {
			d.Show = l.status
		}
		d.Lists = append(d.Lists, link{Href: s.specialURL("ConfirmAccounts", "wpShow", l.status), Text: l.label})
	}
	reqs, err := s.Wiki.AccountRequests(r.Context(), s.currentUser(r), d.Show, 200)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if d.Mail, err = s.Wiki.PendingMail(s.currentUser(r)); err != nil {
		s.Logger.Warn("list pending mail", "request_id", state(r).id, "err", err)
	}
	for _, req := range reqs {
		d.Requests = append(d.Requests, requestRow{req, s.specialURL("ConfirmAccounts", "acrid", strconv.FormatInt(req.ID, 10))})
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "special_confirmaccounts", v)
}
