package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
)

// uploadPage is what templates/upload.html shows.
type uploadPage struct {
	Token       string
	DestName    string
	Description string
	License     string
	SessionKey  string // the stashed upload awaiting "upload anyway"
	Warnings    []uploadWarning
	CanIgnore   bool
	MaxSize     string
	Extensions  string
}

// uploadWarning is one warning in words, with links to the files it names.
type uploadWarning struct {
	Text  string
	Files []link
}

// handleUpload serves Special:Upload: the form, and on POST the upload
// with MediaWiki's warnings and "upload anyway".
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	repo, err := s.files()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	user := s.currentUser(r)
	if !s.Wiki.Allowed(user, "upload") {
		s.writeError(w, r, folio.Errorf(folio.EPermissionDenied, "You do not have permission to upload files: the \"upload\" right is needed."))
		return
	}
	d := &uploadPage{DestName: cleanText(r.FormValue("wpDestFile")), MaxSize: formatBytes(int(repo.Verifier.Limit())),
		Extensions: strings.Join(repo.Verifier.Allowed(), ", ")}
	if r.Method == http.MethodPost {
		if s.submitUpload(w, r, repo, user, d) {
			return
		}
	}
	if d.Token, err = s.csrfToken(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.specialView(r, "Upload")
	v.Data = d
	status := http.StatusOK
	if len(v.Notices) > 0 || len(d.Warnings) > 0 {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "upload", v)
}

// submitUpload handles the POST; it returns true when it wrote the
// response, false to show the form again with d's warnings or errors.
func (s *Server) submitUpload(w http.ResponseWriter, r *http.Request, repo *filerepo.Repo, user *folio.User, d *uploadPage) bool {
	r.Body = http.MaxBytesReader(w, r.Body, repo.Verifier.Limit()+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.writeError(w, r, folio.Errorf(folio.EFileTooLarge, "The upload could not be read; it may be too large."))
		return true
	}
	if err := s.checkToken(r); err != nil {
		s.writeError(w, r, err)
		return true
	}
	if reason := s.Wiki.ReadOnlyReason(r.Context()); reason != "" {
		s.writeError(w, r, folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s", reason))
		return true
	}
	if err := s.Wiki.CheckPermission(r.Context(), user, "upload", s.specialTitle("Upload"), nil); err != nil {
		s.writeError(w, r, err) // blocked users, expired passwords
		return true
	}
	d.Description, d.License = r.PostFormValue("wpUploadDescription"), cleanText(r.PostFormValue("wpLicense"))
	data, name, err := s.uploadData(r, repo)
	if err != nil {
		s.writeError(w, r, err)
		return true
	}
	if d.DestName == "" {
		d.DestName = name
	}
	res, err := repo.Upload(r.Context(), &filerepo.UploadRequest{
		Name: d.DestName, Data: data, Comment: d.Description, PageText: uploadPageText(d.Description, d.License),
		Actor: s.Wiki.Actor(user, s.clientIP(r)), IgnoreWarnings: r.PostFormValue("wpIgnoreWarning") != "",
		MayOverwrite: s.Wiki.Allowed(user, "reupload"),
	})
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			s.writeError(w, r, err)
			return true
		}
		d.SessionKey = r.PostFormValue("wpSessionKey") // refused bytes are not stashed
		d.Warnings = append(d.Warnings, uploadWarning{Text: folio.ErrorMessage(err)})
		return false
	}
	if !res.Saved {
		d.DestName, d.CanIgnore = res.Name, true
		s.stashAgain(r, repo, d, data)
		for _, wn := range res.Warnings {
			d.Warnings = append(d.Warnings, s.describeWarning(wn))
		}
		return false
	}
	s.watchIfTicked(r, s.fileTitle(res.File.Name), "wpWatchthis")
	http.Redirect(w, r, titlePath(s.fileTitle(res.File.Name)), http.StatusSeeOther)
	return true
}

// uploadData returns the uploaded bytes and file name, from the form's
// file field or from the stash of an earlier attempt.
func (s *Server) uploadData(r *http.Request, repo *filerepo.Repo) ([]byte, string, error) {
	if key := r.PostFormValue("wpSessionKey"); key != "" {
		data, err := repo.Unstash(r.Context(), key)
		return data, "", err
	}
	f, fh, err := r.FormFile("wpUploadFile")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, "", folio.Errorf(folio.EEmptyFile, "Choose a file to upload.")
	} else if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, repo.Verifier.Limit()+1))
	return data, fh.Filename, err
}

// stashAgain keeps the bytes of an upload that needs confirming, so that
// "upload anyway" does not send the file again.
func (s *Server) stashAgain(r *http.Request, repo *filerepo.Repo, d *uploadPage, data []byte) {
	if d.SessionKey = r.PostFormValue("wpSessionKey"); d.SessionKey != "" || len(data) == 0 {
		return
	}
	key, err := repo.Stash(r.Context(), data)
	if err != nil {
		s.Logger.Warn("stash upload", "request_id", state(r).id, "err", err)
		return
	}
	d.SessionKey = key
}

// uploadPageText is the first text of a new file's description page.
func uploadPageText(description, license string) string {
	text := "== Summary ==\n" + description
	if license != "" {
		text += "\n\n== Licensing ==\n" + license
	}
	return text
}

// describeWarning puts an upload warning into words.
func (s *Server) describeWarning(wn filerepo.Warning) uploadWarning {
	out := uploadWarning{}
	for _, f := range wn.Files {
		t := s.fileTitle(f.Name)
		out.Files = append(out.Files, link{Href: titlePath(t), Text: t.PrefixedText()})
	}
	switch wn.Code {
	case filerepo.WarnExists:
		out.Text = "A file with this name exists already. Uploading again makes a new version of it:"
	case filerepo.WarnDuplicate:
		out.Text = "This file has the same content as the following file(s):"
	case filerepo.WarnBadName:
		out.Text = "The file name has been changed to " + strings.ReplaceAll(wn.Name, "_", " ") + "."
	case filerepo.WarnWasDeleted:
		out.Text = "A file with this name was uploaded and then deleted before. Check its deletion log before going on."
	case filerepo.WarnThumbName:
		out.Text = "The name looks like a thumbnail's (a width in pixels first). Please do not upload thumbnails."
	default:
		out.Text = "Warning: " + wn.Code + "."
	}
	return out
}
