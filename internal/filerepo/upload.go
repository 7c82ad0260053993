package filerepo

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

// Upload warnings, with MediaWiki's API names. An upload with warnings is
// not stored unless the uploader chooses to ignore them.
const (
	WarnExists     = "exists"      // a file has this name; storing makes a new version
	WarnDuplicate  = "duplicate"   // files with the same content exist
	WarnBadName    = "badfilename" // the name was changed to be valid
	WarnWasDeleted = "was-deleted" // a file with this name was deleted
	WarnThumbName  = "thumb"       // the name looks like a thumbnail's ("200px-…")
)

// UploadRequest is one upload from Special:Upload or the API.
type UploadRequest struct {
	Name     string // destination name, without "File:"
	Data     []byte
	Comment  string
	PageText string // the description page of a new file
	Actor    folio.Actor
	// IgnoreWarnings stores the file despite warnings ("upload anyway").
	IgnoreWarnings bool
	// MayOverwrite is set when the uploader has the reupload right.
	MayOverwrite bool
}

// Warning is one reason to ask the uploader before storing.
type Warning struct {
	Code  string
	Files []*folio.File // the existing or duplicate files
	Name  string        // for WarnBadName: the name the file will get
}

// UploadResult reports an upload. When Warnings is not empty and Saved is
// false, nothing was stored.
type UploadResult struct {
	Name     string // the normalised DBKey
	File     *folio.File
	Saved    bool
	Warnings []Warning
	Log      *folio.LogEntry
}

// Upload verifies and stores a file, or returns the warnings that stop it.
func (r *Repo) Upload(ctx context.Context, req *UploadRequest) (*UploadResult, error) {
	name, err := r.NormalizeName(req.Name)
	if err != nil {
		return nil, err
	}
	info, err := r.Verifier.Verify(name, req.Data)
	if err != nil {
		return nil, err
	}
	f := &folio.File{Name: name, Size: int64(len(req.Data)), Width: info.Width, Height: info.Height,
		MIME: info.MIME, MediaType: info.MediaType, SHA1: folio.SHA1Base36(string(req.Data)),
		Comment: req.Comment, Actor: req.Actor}
	res := &UploadResult{Name: name, File: f}
	cur, err := r.Files.FindFile(ctx, name)
	exists := err == nil
	if err != nil && folio.ErrorCode(err) != folio.EMissingFile {
		return nil, err
	}
	if res.Warnings, err = r.warnings(ctx, req, f, cur); err != nil {
		return nil, err
	}
	if len(res.Warnings) > 0 && !req.IgnoreWarnings {
		return res, nil
	}
	if exists && !req.MayOverwrite {
		return nil, folio.Errorf(folio.EPermissionDenied, "A file named %q exists, and you may not upload new versions of files.", name)
	}
	if err := r.putOriginal(ctx, f.SHA1, req.Data); err != nil {
		return nil, err
	}
	saved, err := r.Files.SaveFile(ctx, &folio.FileUpload{File: f, Overwrite: exists, PageText: req.PageText})
	if err != nil {
		return nil, err
	}
	res.File, res.Log, res.Saved = saved.File, saved.Log, true
	return res, nil
}

// warnings lists what the uploader should confirm.
func (r *Repo) warnings(ctx context.Context, req *UploadRequest, f, cur *folio.File) ([]Warning, error) {
	var ws []Warning
	if cur != nil {
		ws = append(ws, Warning{Code: WarnExists, Files: []*folio.File{cur}})
	}
	if f.Name != upperFirst(strings.ReplaceAll(strings.TrimSpace(req.Name), " ", "_")) {
		ws = append(ws, Warning{Code: WarnBadName, Name: f.Name})
	}
	if thumbLike(f.Name) {
		ws = append(ws, Warning{Code: WarnThumbName})
	}
	dups, err := r.Files.FindFilesBySHA1(ctx, f.SHA1)
	if err != nil {
		return nil, err
	}
	var others []*folio.File
	for _, d := range dups {
		if d.Name != f.Name {
			others = append(others, d)
		}
	}
	if len(others) > 0 {
		ws = append(ws, Warning{Code: WarnDuplicate, Files: others})
	}
	deleted, err := r.Files.FindDeletedFiles(ctx, f.Name)
	if err != nil {
		return nil, err
	}
	if len(deleted) > 0 && cur == nil {
		ws = append(ws, Warning{Code: WarnWasDeleted})
	}
	return ws, nil
}

// upperFirst upper-cases the first letter of s, as titles have it.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// thumbLike reports whether name looks like a thumbnail's: "120px-…".
func thumbLike(name string) bool {
	digits, _, ok := strings.Cut(name, "px-")
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// putOriginal stores the bytes under their content key unless a blob is
// already there (the same content, uploaded before).
func (r *Repo) putOriginal(ctx context.Context, sum string, data []byte) error {
	key := OriginalKey(sum)
	if info, err := r.Blobs.Stat(ctx, key); err == nil && info.Size == int64(len(data)) {
		return nil
	}
	if err := r.Blobs.Put(ctx, key, bytes.NewReader(data), int64(len(data))); err != nil {
		return fmt.Errorf("store file bytes: %w", err)
	}
	return nil
}

// illegalFileChars are replaced by "-" in file names, as MediaWiki does:
// characters illegal in titles, and ":", "/" and "\".
const illegalFileChars = "#<>[]|{}:/\\"

// MaxNameBytes is the longest file name MediaWiki accepts.
const MaxNameBytes = 240

// NormalizeName turns a user's file name into a File-namespace DBKey:
// illegal characters become "-", spaces become "_" and the first letter is
// upper-cased. It refuses names that stay invalid or lack an extension.
func (r *Repo) NormalizeName(name string) (string, error) {
	name = strings.Map(func(c rune) rune {
		if c < ' ' || c == 0x7f || strings.ContainsRune(illegalFileChars, c) {
			return '-'
		}
		return c
	}, strings.TrimSpace(name))
	if !utf8.ValidString(name) || name == "" {
		return "", folio.Errorf(folio.EBadFileName, "The file name is empty or not valid text.")
	}
	t, err := r.Namespaces.ParseTitle(name, folio.NSFile)
	if err != nil || t.Namespace != folio.NSFile || t.Interwiki != "" || t.Fragment != "" {
		return "", folio.Errorf(folio.EBadFileName, "%q is not a valid file name.", name)
	}
	if len(t.DBKey) > MaxNameBytes {
		return "", folio.Errorf(folio.EBadFileName, "The file name is longer than %d bytes.", MaxNameBytes)
	}
	if ext := media.Ext(t.DBKey); ext == "" || strings.TrimSuffix(t.DBKey, "."+ext) == "" {
		return "", folio.Errorf(folio.EBadFileName, "The file name %q needs a name and an extension, such as .png.", t.DBKey)
	}
	return t.DBKey, nil
}
