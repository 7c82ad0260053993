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
	alt := c.thumbAlt(t, o)
	if o.manualThumb != "" {
		return c.manualThumb(repo, t, o, alt)
	}
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
	link := img
	if o.link == nil || *o.link != "" {
		link = c.linkAround(t, imageOptions{link: o.link}, "", img)
	}
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

// manualThumb renders thumb=Other.png: another file shown at its own size.
func (c *Context) manualThumb(repo env.FileRepo, t env.Title, o imageOptions, alt string) string {
	mt, err := c.Host.ParseTitle(o.manualThumb, env.NSFile)
	var mf env.FileInfo
	found := false
	if err == nil {
		mf, found, err = repo.FindFile(c.Ctx, mt.Page())
		found = found && err == nil
	}
	if !found {
		return c.thumbFrame(t, o, c.thumbSize(), c.uploadLink(t, c.Host.PrefixedText(t.Page())), o.caption, false)
	}
	img := c.imgTag(repo, mf, 0, 0, alt, "thumbimage", "")
	var link string
	switch {
	case o.link != nil && *o.link == "":
		link = img
	case o.link != nil:
		link = c.linkAround(t, imageOptions{link: o.link}, "", img)
	default:
		name := c.Host.PrefixedText(t.Page())
		link = `<a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" title="` + html.EscapeHTMLQuotesAttr(name) + `">` + img + `</a>`
	}
	return c.thumbFrame(t, o, mf.Width, link, o.caption, true)
}
