package api

import (
	"fmt"
	"io"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
)

// runUpload is action=upload: a file sent as multipart/form-data, a file
// finished from the stash (filekey), or one chunk of a chunked upload
// (stash with offset and filesize).
func (s *Server) runUpload(c *call) error {
	if s.Files == nil {
		return usageError("uploaddisabled", "Uploads are not enabled on this wiki.")
	}
	if c.str("url") != "" {
		return usageError("copyuploaddisabled", "Uploads from URLs are not enabled on this wiki.")
	}
	for _, p := range []string{"tags", "watch", "watchlist", "watchlistexpiry", "async", "checkstatus"} {
		c.str(p)
	}
	wr, err := s.watchlistParam(c, true)
	if err != nil {
		return err
	}
	data, err := s.uploadData(c)
	if err != nil || data == nil {
		return err // nil data: a chunk was stashed and answered
	}
	name, err := c.required("filename")
	if err != nil {
		return err
	}
	res, err := s.Files.Upload(c.ctx, &filerepo.UploadRequest{
		Name: name, Data: data, Comment: c.str("comment"), PageText: c.strDefault("text", c.str("comment")),
		Actor: s.Wiki.Actor(c.user(), c.ip()), IgnoreWarnings: c.boolean("ignorewarnings"),
		MayOverwrite: s.Wiki.Allowed(c.user(), "reupload"),
	})
	if err != nil {
		return err
	}
	out := newObj()
	c.result.set("upload", out)
	if !res.Saved {
		key := s.stash.put(c, name, data)
		out.set("result", "Warning").set("warnings", uploadWarnings(res.Warnings)).
			set("filekey", key).set("sessionkey", key)
		return nil
	}
	if _, err := s.applyWatchlist(c, wr, s.Namespaces.MakeTitle(folio.NSFile, res.File.Name), false); err != nil {
		return err
	}
	out.set("result", "Success").set("filename", res.File.Name).
		set("imageinfo", s.imageInfo(res.File, allImageProps, 0))
	return nil
}

// uploadData returns the bytes to store: the file part, or the stashed
// upload named by filekey. Chunks are stashed and answered here, with nil
// data.
func (s *Server) uploadData(c *call) ([]byte, error) {
	if !s.Wiki.Allowed(c.user(), "upload") {
		return nil, usageError("permissiondenied", "You need the \"upload\" right to upload files.")
	}
	if c.has("offset") || c.boolean("stash") {
		return nil, s.uploadChunk(c)
	}
	if key := c.strDefault("filekey", c.str("sessionkey")); key != "" {
		e, ok := s.stash.get(c, key)
		if !ok {
			return nil, usageError("stashfailed", "The stashed upload was not found; it may have expired.")
		}
		s.stash.drop(key)
		return e.data, nil
	}
	return formFile(c, "file")
}

// formFile reads a file part of a multipart request.
func formFile(c *call, name string) ([]byte, error) {
	c.used[name] = true
	if c.r.MultipartForm == nil || len(c.r.MultipartForm.File[name]) == 0 {
		return nil, usageError("missingparam", fmt.Sprintf("The %q parameter must be a file sent as multipart/form-data.", name))
	}
	f, err := c.r.MultipartForm.File[name][0].Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	return io.ReadAll(f)
}

// uploadChunk stores one chunk of a chunked upload and answers Continue,
// or Success with the filekey once all bytes are there.
func (s *Server) uploadChunk(c *call) error {
	offset, err := c.integer("offset", 0)
	if err != nil {
		return err
	}
	size, err := c.integer("filesize", 0)
	if err != nil {
		return err
	}
	chunk, err := formFile(c, "chunk")
	if err != nil {
		return err
	}
	key, total, err := s.stash.appendChunk(c, c.str("filekey"), c.str("filename"), offset, chunk)
	if err != nil {
		return err
	}
	out := newObj().set("filekey", key)
	if size > 0 && int64(total) < size {
		out.set("result", "Continue").set("offset", total)
	} else {
		out.set("result", "Success")
	}
	c.result.set("upload", out)
	return nil
}

// uploadWarnings formats warnings as MediaWiki does: a name, or a list
// of names for duplicates.
func uploadWarnings(ws []filerepo.Warning) *obj {
	o := newObj()
	for _, w := range ws {
		switch w.Code {
		case filerepo.WarnDuplicate:
			names := []any{}
			for _, f := range w.Files {
				names = append(names, f.Name)
			}
			o.set(w.Code, names)
		case filerepo.WarnExists:
			o.set(w.Code, fileName(w.Files))
		case filerepo.WarnBadName:
			o.set(w.Code, w.Name)
		default:
			o.set(w.Code, fileName(w.Files))
		}
	}
	return o
}

func fileName(files []*folio.File) string {
	if len(files) == 0 {
		return ""
	}
	return files[0].Name
}
