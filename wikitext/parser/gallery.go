package parser

import (
	"math"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// Gallery is a <gallery> being rendered in the traditional layout.
type Gallery struct {
	Widths, Heights, PerRow int
	Caption                 string // HTML
	Attrs                   string // extra sanitized attributes
	Class, Style            string // sanitized class and style additions
	items                   []string
}

// ParseFully renders wikitext (already expanded) including block
// formatting, for captions shown as blocks. Links stay holders.
func (c *Context) ParseFully(text string) string {
	text = c.ParseFragment(text)
	text = c.Strip.UnstripGeneral(text)
	return doBlockLevels(text, true)
}

// AddGalleryLine adds one "File:Name|options|caption" line. Lines that
// do not name a valid title are ignored.
func (c *Context) AddGalleryLine(g *Gallery, line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	name, opts, _ := strings.Cut(line, "|")
	t, err := c.Host.ParseTitle(html.DecodeCharReferences(strings.TrimSpace(name)), env.NSFile)
	if err != nil || t.Interwiki != "" {
		return
	}
	if t.Namespace != env.NSFile {
		t = env.Title{Namespace: env.NSFile, DBKey: strings.ReplaceAll(c.Host.PrefixedText(t), " ", "_")}
	}
	g.items = append(g.items, c.galleryItem(g, t, parseGalleryOptions(opts)))
}

// galleryItem renders one box of the gallery.
func (c *Context) galleryItem(g *Gallery, t env.Title, o imageOptions) string {
	c.addImage(t)
	boxWidth := strconv.Itoa(g.Widths + 35)
	thumb := `<div class="thumb" style="height: ` + strconv.Itoa(g.Heights+30) + `px;">` + html.EscapeHTMLQuotesAttr(t.Text()) + `</div>`
	repo, _ := c.Host.(env.FileRepo)
	if repo != nil && !c.isBadImage(t) {
		if f, found, err := repo.FindFile(c.Ctx, t.Page()); err == nil && found {
			thumb = c.galleryThumb(repo, g, t, f, o)
		}
	} else if repo != nil {
		name := c.Host.PrefixedText(t.Page())
		thumb = `<div class="thumb" style="height: ` + strconv.Itoa(g.Heights+30) + `px;"><a href="` +
			html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" title="` + html.EscapeHTMLQuotesAttr(name) + `">` +
			html.EscapeHTML(t.Text()) + `</a></div>`
	}
	text := ""
	if o.hasCaption {
		text = c.ParseFully(strings.TrimSpace(o.rawCaption)) + "\n"
	}
	return "\t\t<li class=\"gallerybox\" style=\"width: " + boxWidth + "px\"><div style=\"width: " + boxWidth + "px\">\n" +
		"\t\t\t" + thumb + "\n" +
		"\t\t\t<div class=\"gallerytext\">\n" + text + "\t\t\t</div>\n" +
		"\t\t</div></li>\n"
}

func (c *Context) galleryThumb(repo env.FileRepo, g *Gallery, t env.Title, f env.FileInfo, o imageOptions) string {
	w, h := g.Widths, g.Heights
	if f.Width > 0 && f.Height > 0 {
		w = min(g.Widths, int(math.Round(float64(f.Width)*float64(g.Heights)/float64(f.Height))))
		if w > f.Width && f.Mime != "image/svg+xml" {
			w = f.Width
		}
	}
	_, dh := scaled(f, w, 0)
	h = dh
	o.width, o.height, o.format, o.align = w, 0, "", ""
	img := c.imageLink(repo, t, f, o, c.inlineAlt(t, o), "")
	margin := (g.Heights + 30 - h) / 2
	return `<div class="thumb" style="width: ` + strconv.Itoa(g.Widths+30) + `px;"><div style="margin:` +
		strconv.Itoa(margin) + `px auto;">` + img + `</div></div>`
}

// Render returns the gallery HTML.
func (g *Gallery) Render() string {
	var b strings.Builder
	b.WriteString(`<ul class="gallery mw-gallery-traditional`)
	if g.Class != "" {
		b.WriteString(" " + html.EscapeHTML(g.Class))
	}
	b.WriteString(`"`)
	style := g.Style
	if g.PerRow > 0 {
		style = strings.TrimSpace("max-width: " + strconv.Itoa(g.PerRow*(g.Widths+43)) + "px;" + " " + style)
	}
	b.WriteString(g.Attrs)
	if style != "" {
		b.WriteString(` style="` + html.EscapeHTML(style) + `"`)
	}
	b.WriteString(">\n")
	if g.Caption != "" {
		b.WriteString("\t<li class=\"gallerycaption\">" + g.Caption + "</li>\n")
	}
	for _, it := range g.items {
		b.WriteString(it)
	}
	b.WriteString("</ul>")
	return b.String()
}

// parseGalleryOptions reads a gallery line's options: alt=, link=,
// page= and class=; the last other part is the caption, untrimmed.
func parseGalleryOptions(text string) imageOptions {
	var o imageOptions
	for _, part := range splitOutsideLinks(text) {
		p := strings.TrimSpace(part)
		name, value, hasEq := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		v := strings.TrimSpace(value)
		switch {
		case hasEq && name == "alt":
			o.alt = &v
		case hasEq && name == "link":
			o.link = &v
		case hasEq && name == "class":
			o.class = v
		case hasEq && (name == "page" || name == "lang"):
		case p == "":
		default:
			o.caption, o.rawCaption, o.hasCaption = strings.ReplaceAll(p, "\n", " "), part, true
		}
	}
	return o
}
