package parser

import (
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// makeImageDOM renders an image in the newer media markup (<figure> and
// <span typeof="mw:File">), used when the legacy media DOM is off.
func (c *Context) makeImageDOM(repo env.FileRepo, t env.Title, f env.FileInfo, found bool, o imageOptions) string {
	typeOf := "mw:File"
	switch o.format {
	case "thumb":
		typeOf = "mw:File/Thumb"
	case "frame":
		typeOf = "mw:File/Frame"
	case "frameless":
		typeOf = "mw:File/Frameless"
	}
	classes := c.domClasses(o)
	framed := o.format == "thumb" || o.format == "frame"
	var inner string
	switch {
	case !found:
		typeOf = "mw:Error " + typeOf
		inner = c.brokenMedia(t, o, framed)
	case c.isBadImage(t):
		typeOf = "mw:Error " + typeOf
		name := c.Host.PrefixedText(t.Page())
		inner = `<a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" title="` +
			html.EscapeHTMLQuotesAttr(name) + `"><span class="mw-broken-media" data-width="320">` + name + `</span></a>`
	case o.manualThumb != "" && o.format == "thumb":
		classes = removeString(classes, "mw-default-size")
		inner = c.domManualThumb(repo, t, o)
	default:
		inner = c.domImage(repo, t, f, o, framed)
	}
	attr := ""
	if len(classes) > 0 {
		attr = ` class="` + html.EscapeHTML(strings.Join(classes, " ")) + `"`
	}
	if framed || o.align != "" {
		return `<figure` + attr + ` typeof="` + typeOf + `">` + inner + `<figcaption>` + o.caption + `</figcaption></figure>`
	}
	return `<span` + attr + ` typeof="` + typeOf + `">` + inner + `</span>`
}

func (c *Context) domClasses(o imageOptions) []string {
	var cls []string
	if o.width == 0 && o.height == 0 && o.format != "frame" {
		cls = append(cls, "mw-default-size")
	}
	if o.align != "" {
		cls = append(cls, "mw-halign-"+o.align)
	}
	if o.valign != "" {
		cls = append(cls, "mw-valign-"+o.valign)
	}
	if o.border {
		cls = append(cls, "mw-image-border")
	}
	if o.class != "" {
		cls = append(cls, o.class)
	}
	return cls
}

// domImage renders the link and <img> of a found file.
func (c *Context) domImage(repo env.FileRepo, t env.Title, f env.FileInfo, o imageOptions, framed bool) string {
	w := o.width
	alt := c.inlineAlt(t, o)
	title := ""
	switch {
	case o.format == "frame":
		w, o.height = 0, 0
		alt = c.thumbAlt(t, o)
	case framed:
		if w == 0 {
			w = c.thumbSize()
			if o.upright > 0 {
				w = roundWidth(float64(c.thumbSize()) * o.upright)
			}
		}
		if f.Width > 0 && w > f.Width && f.Mime != "image/svg+xml" {
			w = f.Width
		}
		alt = c.thumbAlt(t, o)
	case o.format == "frameless" && w == 0:
		w = min(c.thumbSize(), f.Width)
	case o.format == "frameless" && f.Width > 0 && w > f.Width && f.Mime != "image/svg+xml":
		w = f.Width
	}
	if !framed && o.hasCaption {
		title = c.plainCaption(o.caption)
	}
	img := c.imgTag(repo, f, w, o.height, alt, "", "")
	if o.link != nil && *o.link == "" {
		if title != "" {
			return `<span title="` + html.EscapeHTMLQuotesAttr(title) + `">` + img + `</span>`
		}
		return `<span>` + img + `</span>`
	}
	link := c.linkAround(t, o, title, img)
	return strings.Replace(link, ` class="image"`, ` class="mw-file-description"`, 1)
}

// brokenMedia renders the upload link of a missing file.
func (c *Context) brokenMedia(t env.Title, o imageOptions, framed bool) string {
	label := c.Host.PrefixedText(t.Page())
	if o.hasCaption && !framed {
		label = o.caption
	}
	return c.uploadLink(t, `<span class="mw-broken-media">`+label+`</span>`)
}

func removeString(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// domManualThumb renders thumb=Other.png in the newer markup: the other
// file at its own size.
func (c *Context) domManualThumb(repo env.FileRepo, t env.Title, o imageOptions) string {
	mt, err := c.Host.ParseTitle(o.manualThumb, env.NSFile)
	if err != nil {
		return c.brokenMedia(t, o, true)
	}
	mf, found, err := repo.FindFile(c.Ctx, mt.Page())
	if err != nil || !found {
		return c.brokenMedia(t, o, true)
	}
	img := c.imgTag(repo, mf, 0, 0, c.thumbAlt(t, o), "", "")
	switch {
	case o.link != nil && *o.link == "":
		return "<span>" + img + "</span>"
	case o.link != nil:
		return c.linkAround(t, imageOptions{link: o.link}, "", img)
	}
	name := c.Host.PrefixedText(t.Page())
	return `<a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" title="` +
		html.EscapeHTMLQuotesAttr(name) + `">` + img + `</a>`
}
