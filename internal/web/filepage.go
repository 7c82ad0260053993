package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

// fileSectionData is what fileSectionTemplate shows on a File page.
type fileSectionData struct {
	File      *folio.File // nil when no file has this name
	URL       string
	Preview   *fileThumb
	MIME      string
	Size      string
	Dims      string
	SVGSizes  []link // PNG renderings of a drawing
	History   []fileRow
	Usage     []link
	UploadURL string // a new version, or the first one
	LogURL    string
}

// fileSectionTemplate is the part of a File page above its description.
var fileSectionTemplate = template.Must(template.New("file").Parse(`
{{- if .File}}
<div class="fullImageLink" id="file">{{with .Preview}}<a href="{{$.URL}}"><img alt="{{$.File.Name}}" src="{{.Src}}" width="{{.Width}}" height="{{.Height}}" decoding="async"></a>{{end}}</div>
<div class="fullMedia"><p><a href="{{.URL}}" class="internal" title="{{.File.Name}}">Original file</a> <span class="fileInfo">({{if .Dims}}{{.Dims}} pixels, {{end}}file size: {{.Size}}, MIME type: {{.MIME}})</span></p>
{{- if .SVGSizes}}<p class="mw-filepage-other-resolutions">This image rendered as PNG in other widths: {{range $i, $l := .SVGSizes}}{{if $i}} | {{end}}{{$l.HTML}}{{end}}.</p>{{end}}
</div>
<h2 id="filehistory">File history</h2>
<p>Click on a date/time to view the file as it appeared at that time.</p>
<table class="wikitable filehistory">
<tr><th></th><th>Date/Time</th><th>Thumbnail</th><th>Dimensions</th><th>User</th><th>Comment</th></tr>
{{- range $i, $row := .History}}
<tr><td>{{if eq $i 0}}current{{else if .Revert.Href}}{{.Revert.HTML}}{{end}}</td><td><a href="{{.DateURL}}">{{.Date}}</a></td>
<td>{{with .Thumb}}<a href="{{$row.DateURL}}"><img alt="" src="{{.Src}}" width="{{.Width}}" height="{{.Height}}" loading="lazy" decoding="async"></a>{{end}}</td>
<td>{{.Dims}} ({{.Size}})</td><td>{{.User}}</td><td>{{.Comment}}</td></tr>
{{- end}}
</table>
{{- if .UploadURL}}<p class="mw-imagepage-upload-links"><a href="{{.UploadURL}}">Upload a new version of this file</a></p>{{end}}
<h2 id="filelinks">File usage</h2>
{{- if .Usage}}
<p>The following pages use this file:</p>
<ul class="mw-imagepage-linkstoimage">{{range .Usage}}<li>{{.HTML}}</li>{{end}}</ul>
{{- else}}
<p id="mw-imagepage-nolinkstoimage">There are no pages that use this file.</p>
{{- end}}
<h2 id="metadata">Metadata</h2>
<table class="mw_metadata"><tr><th>SHA-1</th><td><code>{{.File.SHA1}}</code></td></tr><tr><th>MIME type</th><td>{{.MIME}}</td></tr></table>
{{- else}}
<div class="mw-filepage-nofile"><p>No file by this name exists{{if .UploadURL}}, but you can <a href="{{.UploadURL}}">upload one</a>{{end}}. See also the <a href="{{.LogURL}}">logs of this file</a>.</p></div>
{{- end}}`))

// maxPreview bounds the preview on a File page, as MediaWiki's default
// image limits do.
const maxPreviewWidth, maxPreviewHeight = 800, 600

// fileSection renders the file part of the File page t: preview, history,
// usage and metadata, or an upload link when there is no such file. It
// returns "" when the wiki has no file repository.
func (s *Server) fileSection(r *http.Request, t folio.Title) (template.HTML, error) {
	if s.Files == nil || t.Namespace != folio.NSFile {
		return "", nil
	}
	ctx := r.Context()
	user := s.currentUser(r)
	d := fileSectionData{LogURL: s.specialURL("Log", "page", t.PrefixedText())}
	f, err := s.Files.Files.FindFile(ctx, t.DBKey)
	if folio.ErrorCode(err) == folio.EMissingFile {
		if s.Wiki.Allowed(user, "upload") {
			d.UploadURL = s.titleURL(s.specialTitle("Upload"), url.Values{"wpDestFile": {t.Text()}})
		}
		return execFileSection(d)
	} else if err != nil {
		return "", err
	}
	if err := s.fillFileSection(ctx, &d, f, s.Wiki.Allowed(user, "reupload")); err != nil {
		return "", err
	}
	if s.Wiki.Allowed(user, "reupload") {
		d.UploadURL = s.titleURL(s.specialTitle("Upload"), url.Values{"wpDestFile": {t.Text()}})
	}
	return execFileSection(d)
}

// fillFileSection describes the current file f with its history (with
// revert links when mayRevert) and usage.
func (s *Server) fillFileSection(ctx context.Context, d *fileSectionData, f *folio.File, mayRevert bool) error {
	repo := s.Files
	d.File, d.URL, d.MIME, d.Size = f, repo.URL(f), f.MIME, formatBytes(int(f.Size))
	if f.Width > 0 {
		d.Dims = strconv.Itoa(f.Width) + " × " + strconv.Itoa(f.Height)
	}
	width := f.Width
	if f.Height > 0 {
		width = min(width, maxPreviewWidth, maxPreviewHeight*f.Width/f.Height)
	}
	d.Preview = s.filePreview(repo, f, max(width, 1))
	if f.MIME == "image/svg+xml" && repo.Thumbs.CanThumb(f.MIME) {
		for _, w := range []int{200, 500, 1000, 2000} {
			h := media.ScaledHeight(f.Width, f.Height, w)
			d.SVGSizes = append(d.SVGSizes, link{Href: repo.ThumbURL(f, w), Text: fmt.Sprintf("%d × %d pixels", w, h)})
		}
	}
	d.History = append(d.History, s.fileRow(repo, f, 120))
	olds, err := repo.Files.FindFileVersions(ctx, f.Name)
	if err != nil {
		return err
	}
	for _, v := range olds {
		row := s.fileRow(repo, &v.File, 120)
		if mayRevert {
			row.Revert = link{Href: s.actionURL(s.fileTitle(f.Name), "revert", "oldimage", v.ArchiveName), Text: "revert"}
		}
		d.History = append(d.History, row)
	}
	pages, err := repo.Files.FileUsage(ctx, f.Name, 100)
	if err != nil {
		return err
	}
	var ts []folio.Title
	for _, p := range pages {
		ts = append(ts, s.Namespaces.MakeTitle(p.Namespace, p.DBKey))
	}
	d.Usage = s.titleLinks(ctx, ts)
	return nil
}

func execFileSection(d fileSectionData) (template.HTML, error) {
	var buf bytes.Buffer
	if err := fileSectionTemplate.Execute(&buf, d); err != nil {
		return "", fmt.Errorf("render file section: %w", err)
	}
	return template.HTML(buf.String()), nil
}
