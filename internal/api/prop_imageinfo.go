package api

import (
	"github.com/folio-wiki/folio"
)

var imageInfoProps = []string{"timestamp", "user", "userid", "comment", "parsedcomment",
	"canonicaltitle", "url", "size", "dimensions", "sha1", "mime", "thumbmime", "mediatype",
	"metadata", "commonmetadata", "extmetadata", "archivename", "bitdepth", "uploadwarning", "badfile"}

// allImageProps are the properties the upload result reports.
var allImageProps = map[string]bool{"timestamp": true, "user": true, "userid": true, "size": true,
	"comment": true, "parsedcomment": true, "canonicaltitle": true, "url": true, "sha1": true,
	"mime": true, "mediatype": true}

// propImageInfo is prop=imageinfo: the current version of each file, and
// older ones up to iilimit.
func (s *Server) propImageInfo(c *call, q *query) error {
	props := c.set("iiprop", []string{"timestamp", "user"}, imageInfoProps...)
	limit, err := c.limit("iilimit", 1, 500, 5000)
	if err != nil {
		return err
	}
	width, err := c.integer("iiurlwidth", 0)
	if err != nil {
		return err
	}
	for _, p := range []string{"iistart", "iiend", "iiurlheight", "iimetadataversion", "iiextmetadatalanguage", "iiurlparam", "iibadfilecontexttitle", "iicontinue", "iilocalonly"} {
		c.str(p)
	}
	for _, e := range q.pages.entries {
		if e.invalid != "" || e.title.Namespace != folio.NSFile {
			continue
		}
		if err := s.fileInfo(c, e, props, limit, int(width)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) fileInfo(c *call, e *pageEntry, props map[string]bool, limit, width int) error {
	if s.Files == nil {
		e.out.set("imagerepository", "")
		return nil
	}
	f, err := s.Files.Files.FindFile(c.ctx, e.title.DBKey)
	if folio.ErrorCode(err) == folio.EMissingFile {
		e.out.set("imagerepository", "")
		return nil
	} else if err != nil {
		return err
	}
	infos := []any{s.imageInfo(f, props, width)}
	if limit > 1 {
		old, err := s.Files.Files.FindFileVersions(c.ctx, f.Name)
		if err != nil {
			return err
		}
		for i := 0; i < len(old) && len(infos) < limit; i++ {
			info := s.imageInfo(&old[i].File, props, width)
			if props["archivename"] {
				info.set("archivename", old[i].ArchiveName)
			}
			infos = append(infos, info)
		}
	}
	e.out.set("imagerepository", "local").set("imageinfo", infos)
	return nil
}

// imageInfo formats one file version.
func (s *Server) imageInfo(f *folio.File, p map[string]bool, width int) *obj {
	o := newObj()
	if p["timestamp"] {
		o.set("timestamp", timestamp(f.Timestamp))
	}
	if p["user"] {
		o.set("user", f.Actor.Name)
		if f.Actor.IsAnon() {
			o.set("anon", flag(true))
		}
	}
	if p["userid"] {
		o.set("userid", f.Actor.UserID)
	}
	if p["size"] || p["dimensions"] {
		o.set("size", f.Size).set("width", f.Width).set("height", f.Height)
	}
	if p["parsedcomment"] {
		o.set("parsedcomment", htmlEscape(f.Comment))
	}
	if p["comment"] {
		o.set("comment", f.Comment)
	}
	if p["canonicaltitle"] {
		o.set("canonicaltitle", s.Namespaces.MakeTitle(folio.NSFile, f.Name).PrefixedText())
	}
	if p["url"] {
		s.fileURLs(o, f, width)
	}
	if p["sha1"] {
		o.set("sha1", sha1Hex(f.SHA1))
	}
	if p["mime"] {
		o.set("mime", f.MIME)
	}
	if p["mediatype"] {
		o.set("mediatype", f.MediaType)
	}
	return o
}

// fileURLs adds url, descriptionurl and, for iiurlwidth, the thumbnail.
func (s *Server) fileURLs(o *obj, f *folio.File, width int) {
	if width > 0 {
		w, scaled := s.Files.ThumbWidth(f, width)
		url := s.Site.Server + s.Files.URL(f)
		if scaled {
			url = s.Site.Server + s.Files.ThumbURL(f, w)
		}
		h := f.Height
		if f.Width > 0 {
			h = (f.Height*w + f.Width/2) / f.Width
		}
		o.set("thumburl", url).set("thumbwidth", w).set("thumbheight", h)
	}
	t := s.Namespaces.MakeTitle(folio.NSFile, f.Name)
	o.set("url", s.Site.Server+s.Files.URL(f)).set("descriptionurl", s.Site.Server+t.LocalURL(""))
}
