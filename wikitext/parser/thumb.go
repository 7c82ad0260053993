package parser

import (
	"strconv"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// thumbImage renders thumb and frame images: a floating box with the
// image and its caption.
func (c *Context) thumbImage(repo env.FileRepo, t env.Title, f env.FileInfo, o imageOptions) string {
	w := o.width
	if o.format == "frame" {
		w = 0
	} else if w == 0 {
		w = c.thumbSize()
		if o.upright > 0 {
			w = roundWidth(float64(c.thumbSize()) * o.upright)
		}
		if f.Width > 0 && w > f.Width && f.Mime != "image/svg+xml" {
			w = f.Width
		}
	} else if f.Width > 0 && w > f.Width && f.Mime != "image/svg+xml" {
		w = f.Width
	}
	alt := thumbAlt(t, o)
	o.border = false
	io := o
	io.width, io.class = w, ""
	if o.format == "frame" {
		io.height = 0
	}
	dw, _ := scaled(f, w, io.height)
	class := "thumbimage"
	if o.class != "" {
		class += " " + o.class
	}
	img := c.imgTag(repo, f, w, io.height, alt, class, "")
	link := c.linkAround(t, imageOptions{link: o.link}, "", img)
	return c.thumbFrame(t, o, dw, link, o.caption, o.format == "thumb")
}

// thumbFrame wraps content in the thumb box markup.
func (c *Context) thumbFrame(t env.Title, o imageOptions, w int, content, caption string, magnify bool) string {
	align := o.align
	if align == "" {
		align = "right"
	}
	cls := "thumb t" + align
	if align == "center" {
		cls = "thumb tnone"
	}
	s := `<div class="` + cls + `"><div class="thumbinner" style="width:` + strconv.Itoa(w+2) + `px;">` +
		content + `  <div class="thumbcaption">`
	if magnify {
		s += `<div class="magnify"><a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) +
			`" class="internal" title="Enlarge"></a></div>`
	}
	s += caption + `</div></div></div>`
	if align == "center" {
		s = `<div class="center">` + s + `</div>`
	}
	return s
}
