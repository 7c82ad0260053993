package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/media"
)

// listFilesPage is what templates/listfiles.html shows.
type listFilesPage struct {
	FormTitle string
	Search    string
	User      string
	Limit     int
	Columns   []link // sortable column headings
	Rows      []fileRow
	Prev      link
	Next      link
}

// fileRow is one file in a list or gallery.
type fileRow struct {
	Date    string
	DateURL string // the file itself
	Page    link   // File:Name
	Thumb   *fileThumb
	Size    string
	Dims    string
	User    template.HTML
	Comment template.HTML
	Revert  link // on File pages: make this old version current again
}

// fileThumb is a preview image.
type fileThumb struct {
	Src           string
	Width, Height int
}

// listFilesSorts maps MediaWiki's sort parameter to store sorts.
var listFilesSorts = map[string]string{"img_timestamp": "date", "img_name": "name", "img_size": "size"}

// handleListFiles serves Special:ListFiles: current files, newest first or
// sorted by name or size, filtered by a name substring (ilsearch) and by
// uploader (user), limit rows at a time.
func (s *Server) handleListFiles(w http.ResponseWriter, r *http.Request) {
	repo, err := s.files()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	d := listFilesPage{FormTitle: "Special:ListFiles", Search: cleanText(q.Get("ilsearch")),
		User: cleanText(q.Get("user")), Limit: queryLimit(q, "limit", listDefaultLimit, maxListLimit)}
	if sub := specialSubpage(r); sub != "" && d.User == "" {
		d.User = sub // Special:ListFiles/Name
	}
	sortKey := q.Get("sort")
	if listFilesSorts[sortKey] == "" {
		sortKey = "img_timestamp"
	}
	desc := q.Get("desc") != "0" && !(sortKey == "img_name" && q.Get("desc") == "")
	offset, _ := strconv.Atoi(q.Get("offset"))
	f := folio.FileFilter{Search: d.Search, Sort: listFilesSorts[sortKey], Ascending: !desc,
		Offset: max(offset, 0), Limit: d.Limit + 1}
	if d.User != "" {
		if f.ActorName, err = s.userName(d.User); err != nil {
			f.ActorName = d.User // an IP address or a name that is not valid: matches nothing
		}
	}
	files, err := repo.Files.FindFiles(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	urlFor := func(kv ...string) string { return s.listFilesURL(d, sortKey, desc, f.Offset, kv...) }
	if len(files) > d.Limit {
		files = files[:d.Limit]
		d.Next = link{Href: urlFor("offset", strconv.Itoa(f.Offset+d.Limit)), Text: "next " + strconv.Itoa(d.Limit), Class: "mw-nextlink"}
	}
	if f.Offset > 0 {
		d.Prev = link{Href: urlFor("offset", strconv.Itoa(max(f.Offset-d.Limit, 0))), Text: "previous " + strconv.Itoa(d.Limit), Class: "mw-prevlink"}
	}
	for _, col := range []struct{ key, text string }{{"img_timestamp", "Date"}, {"img_name", "Name"}, {"img_size", "Size"}} {
		dir := "1"
		if col.key == sortKey && desc {
			dir = "0"
		}
		d.Columns = append(d.Columns, link{Href: urlFor("sort", col.key, "desc", dir, "offset", "0"), Text: col.text})
	}
	for _, file := range files {
		d.Rows = append(d.Rows, s.fileRow(repo, file, 120))
	}
	v := s.specialView(r, "ListFiles")
	v.Data = d
	s.render(w, r, http.StatusOK, "listfiles", v)
}

// listFilesURL returns the URL of the list with the current options and
// the overrides in kv.
func (s *Server) listFilesURL(d listFilesPage, sortKey string, desc bool, offset int, kv ...string) string {
	q := url.Values{"limit": {strconv.Itoa(d.Limit)}, "sort": {sortKey}, "desc": {"0"}}
	if desc {
		q.Set("desc", "1")
	}
	if d.Search != "" {
		q.Set("ilsearch", d.Search)
	}
	if d.User != "" {
		q.Set("user", d.User)
	}
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return s.titleURL(s.specialTitle("ListFiles"), q)
}

// fileRow describes a file for lists and galleries, with a preview at most
// width pixels wide.
func (s *Server) fileRow(repo *filerepo.Repo, f *folio.File, width int) fileRow {
	t := s.fileTitle(f.Name)
	row := fileRow{Date: formatDate(f.Timestamp), DateURL: repo.URL(f), Page: link{Href: titlePath(t), Text: t.Text()},
		Size: formatBytes(int(f.Size)), User: s.userLinks(f.Actor), Comment: s.formatComment(f.Comment)}
	if f.Width > 0 {
		row.Dims = strconv.Itoa(f.Width) + " × " + strconv.Itoa(f.Height)
	}
	row.Thumb = s.filePreview(repo, f, width)
	return row
}

// filePreview returns an image of f at most width pixels wide, or nil for
// files that have no picture.
func (s *Server) filePreview(repo *filerepo.Repo, f *folio.File, width int) *fileThumb {
	if f.Width <= 0 || !repo.Thumbs.CanThumb(f.MIME) {
		return nil
	}
	tw, scale := repo.ThumbWidth(f, min(width, f.Width))
	if !scale {
		return &fileThumb{Src: repo.URL(f), Width: f.Width, Height: f.Height}
	}
	return &fileThumb{Src: repo.ThumbURL(f, tw), Width: tw, Height: media.ScaledHeight(f.Width, f.Height, tw)}
}

// newFilesPage is what templates/newfiles.html shows.
type newFilesPage struct {
	FormTitle string
	User      string
	Limit     int
	Files     []fileRow
	Next      link
}

// handleNewFiles serves Special:NewFiles: a gallery of the newest files,
// optionally of one uploader.
func (s *Server) handleNewFiles(w http.ResponseWriter, r *http.Request) {
	repo, err := s.files()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	d := newFilesPage{FormTitle: "Special:NewFiles", User: cleanText(q.Get("user")),
		Limit: queryLimit(q, "limit", listDefaultLimit, maxListLimit)}
	offset, _ := strconv.Atoi(q.Get("offset"))
	f := folio.FileFilter{Limit: d.Limit + 1, Offset: max(offset, 0)}
	if d.User != "" {
		if f.ActorName, err = s.userName(d.User); err != nil {
			f.ActorName = d.User
		}
	}
	files, err := repo.Files.FindFiles(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(files) > d.Limit {
		files = files[:d.Limit]
		nq := url.Values{"limit": {strconv.Itoa(d.Limit)}, "offset": {strconv.Itoa(f.Offset + d.Limit)}}
		if d.User != "" {
			nq.Set("user", d.User)
		}
		d.Next = link{Href: s.titleURL(s.specialTitle("NewFiles"), nq), Text: "older " + strconv.Itoa(d.Limit), Class: "mw-nextlink"}
	}
	for _, file := range files {
		d.Files = append(d.Files, s.fileRow(repo, file, 180))
	}
	v := s.specialView(r, "NewFiles")
	v.Data = d
	s.render(w, r, http.StatusOK, "newfiles", v)
}
