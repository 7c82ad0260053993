package web

import (
	"context"
	"net/http"

	"github.com/folio-wiki/folio"
)

// handleRevert makes an old version of a file current again
// (action=revert&oldimage=ARCHIVENAME), for users with the reupload right:
// a confirmation form on GET, the new version on POST.
func (s *Server) handleRevert(w http.ResponseWriter, r *http.Request) {
	repo, err := s.files()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t := requestTitle(r)
	u := s.currentUser(r)
	if t.Namespace != folio.NSFile || !s.Wiki.Allowed(u, "reupload") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to revert files: the \"reupload\" right is needed."))
		return
	}
	old := r.FormValue("oldimage")
	v := s.actionView(r, "Revert "+t.PrefixedText(), t, nil, "revert")
	d := &confirmData{
		Action: s.actionURL(t, "revert", "oldimage", old), Reason: true, Button: "Revert", ButtonID: "mw-filerevert-submit",
		FormID: "mw-filerevert-form", Intro: "You are about to make the version of this file named " + old + " the current one again.",
	}
	if r.Method != http.MethodPost {
		s.showConfirm(w, r, http.StatusOK, v, d)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" {
		s.formError(w, r, v, d, folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s", reason))
		return
	}
	if err := s.Wiki.CheckPermission(r.Context(), u, "reupload", t, nil); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	comment := r.PostFormValue("wpReason")
	if comment == "" {
		comment = "Reverted to the version " + old
	}
	if _, err := repo.Revert(r.Context(), t.DBKey, old, s.Wiki.Actor(u, s.clientIP(r)), comment); err != nil {
		s.formError(w, r, v, d, err)
		return
	}
	s.showResult(w, r, s.actionView(r, "Action complete", t, nil, "revert"),
		"“"+t.PrefixedText()+"” has been reverted to the old version.", link{Href: titlePath(t), Text: t.PrefixedText()})
}

// deleteFileOf archives the file of a File page that was just deleted; the
// page's deletion log entry covers both, as in MediaWiki. The bytes stay,
// so undeleting the page brings the file back.
func (s *Server) deleteFileOf(ctx context.Context, t folio.Title, actor folio.Actor, reason string) error {
	if s.Files == nil || t.Namespace != folio.NSFile {
		return nil
	}
	_, err := s.Files.Files.DeleteFile(ctx, folio.FileDeleteRequest{Name: t.DBKey, Actor: actor, Reason: reason})
	if folio.ErrorCode(err) == folio.EMissingFile {
		return nil
	}
	return err
}

// restoreFileOf restores the deleted versions of the file of a File page
// that was just undeleted.
func (s *Server) restoreFileOf(ctx context.Context, t folio.Title) error {
	if s.Files == nil || t.Namespace != folio.NSFile {
		return nil
	}
	_, err := s.Files.Files.UndeleteFile(ctx, folio.FileUndeleteRequest{Name: t.DBKey})
	if folio.ErrorCode(err) == folio.ECantUndelete {
		return nil
	}
	return err
}
