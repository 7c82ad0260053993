package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// movePageData is what templates/special_movepage.html shows.
type movePageData struct {
	Action      string
	Token       string
	From        string // the page being moved, prefixed text
	FromLink    link
	NewTitle    string
	Reason      string
	CanMoveTalk bool // a talk page exists to move along
	MoveTalk    bool
	CanSubpages bool // the namespace has subpages and the user may move them
	Subpages    bool
	CanNoRedir  bool // the user has suppressredirect
	LeaveRedir  bool
	// CanDelete offers to delete the page at the new title, after the move
	// failed because it exists and the user may delete pages.
	CanDelete    bool
	DeleteTarget bool
}

// handleMovePage serves Special:MovePage/Title: the form to rename a page
// with its talk page and subpages, and its submission.
func (s *Server) handleMovePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := s.currentUser(r)
	target := specialSubpage(r)
	if target == "" {
		target = r.FormValue("target")
	}
	from, err := s.Namespaces.ParseTitle(target, folio.NSMain)
	if err != nil || from.DBKey == "" || from.Namespace < 0 {
		s.writeError(w, r, folio.Errorf(folio.EInvalidTitle, "Give the page to move, as Special:MovePage/Title."))
		return
	}
	from = s.Namespaces.MakeTitle(from.Namespace, from.DBKey)
	p, err := s.Wiki.Store.FindPageByTitle(ctx, from.Namespace, from.DBKey)
	if err != nil && folio.ErrorCode(err) != folio.EMissingTitle {
		s.writeError(w, r, err)
		return
	}
	if folio.ErrorCode(err) == folio.EMissingTitle {
		p = nil
	}
	if err := s.Wiki.CanMove(ctx, u, from, p); err != nil {
		s.writeError(w, r, err)
		return
	}
	d := s.moveForm(r, u, from)
	if r.Method != http.MethodPost {
		s.showMovePage(w, r, http.StatusOK, d, nil)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.showMovePage(w, r, errorStatusOf(err), d, err)
		return
	}
	to, err := s.Namespaces.ParseTitle(d.NewTitle, folio.NSMain)
	if err != nil || to.DBKey == "" || to.Interwiki != "" {
		s.showMovePage(w, r, http.StatusBadRequest, d, folio.Errorf(folio.EInvalidTitle, "The new title %q is not valid.", d.NewTitle))
		return
	}
	out, err := s.Wiki.Move(ctx, wiki.MoveRequest{From: from, To: s.Namespaces.MakeTitle(to.Namespace, to.DBKey),
		Reason: d.Reason, MoveTalk: d.MoveTalk, MoveSubpages: d.Subpages, NoRedirect: !d.LeaveRedir,
		DeleteTarget: d.DeleteTarget, User: u, IP: s.clientIP(r)})
	if err != nil {
		d.CanDelete = folio.ErrorCode(err) == folio.EArticleExists && s.Wiki.Allowed(u, "delete")
		s.showMovePage(w, r, errorStatusOf(err), d, err)
		return
	}
	s.Logger.Info("page moved", "request_id", state(r).id, "from", from.PrefixedText(), "to", out.To.PrefixedText())
	s.showMoved(w, r, out)
}

// moveForm reads the form's fields, with their defaults on GET.
func (s *Server) moveForm(r *http.Request, u *folio.User, from folio.Title) movePageData {
	d := movePageData{From: from.PrefixedText(), FromLink: s.titleLink(r.Context(), from, ""),
		NewTitle: from.PrefixedText(), LeaveRedir: true, MoveTalk: true}
	if talk, ok := s.Namespaces.TalkPage(from); ok && !s.Namespaces.IsTalk(from.Namespace) {
		_, err := s.Wiki.Store.FindPageByTitle(r.Context(), talk.Namespace, talk.DBKey)
		d.CanMoveTalk = err == nil
	}
	d.CanSubpages = s.Wiki.Allowed(u, "move-subpages") && s.Namespaces.IsSubpage(s.Namespaces.MakeTitle(from.Namespace, "A/B"))
	d.CanNoRedir = s.Wiki.Allowed(u, "suppressredirect")
	if r.Method == http.MethodPost {
		d.NewTitle = strings.TrimSpace(r.PostFormValue("wpNewTitle"))
		d.Reason = r.PostFormValue("wpReason")
		d.MoveTalk = r.PostFormValue("wpMovetalk") != ""
		d.Subpages = r.PostFormValue("wpMovesubpages") != ""
		d.LeaveRedir = !d.CanNoRedir || r.PostFormValue("wpLeaveRedirect") != ""
		d.DeleteTarget = r.PostFormValue("wpDeleteAndMove") != ""
	}
	return d
}

func (s *Server) showMovePage(w http.ResponseWriter, r *http.Request, status int, d movePageData, err error) {
	if status >= http.StatusInternalServerError {
		s.writeError(w, r, err)
		return
	}
	tok, terr := s.csrfToken(w, r)
	if terr != nil {
		s.writeError(w, r, terr)
		return
	}
	d.Token = tok
	d.Action = s.titleURL(s.specialTitle("MovePage/"+d.From), nil)
	v := s.specialView(r, "MovePage")
	v.Heading = "Move " + d.From
	if err != nil {
		v.addNotice("error", folio.ErrorMessage(err))
	}
	v.Data = d
	s.render(w, r, status, "special_movepage", v)
}

// showMoved reports a successful move with the talk page and subpages.
func (s *Server) showMoved(w http.ResponseWriter, r *http.Request, out *wiki.MoveOutcome) {
	v := s.specialView(r, "MovePage")
	v.Heading = "Move succeeded"
	msg := fmt.Sprintf("%q has been moved to %q.", out.From.PrefixedText(), out.To.PrefixedText())
	if out.RedirectCreated {
		msg += " A redirect has been left at the old title."
	}
	links := []link{s.titleLink(r.Context(), out.To, "")}
	moved := []wiki.MovedPage{}
	if out.Talk != nil {
		moved = append(moved, *out.Talk)
	}
	moved = append(append(moved, out.Subpages...), out.TalkSubpages...)
	for _, mp := range moved {
		if mp.Err != nil {
			msg += fmt.Sprintf(" %q was not moved: %s", mp.From.PrefixedText(), folio.ErrorMessage(mp.Err))
			continue
		}
		msg += fmt.Sprintf(" %q has been moved to %q.", mp.From.PrefixedText(), mp.To.PrefixedText())
		links = append(links, s.titleLink(r.Context(), mp.To, ""))
	}
	s.showResult(w, r, v, msg, links...)
}
