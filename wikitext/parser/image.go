package parser

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// makeImage renders [[File:Name|options]] in MediaWiki's legacy media
// markup. text is the option text with links already replaced.
func (c *Context) makeImage(t env.Title, text string) string {
	o := parseImageOptions(text)
	c.addImage(t)
	repo, _ := c.Host.(env.FileRepo)
	var f env.FileInfo
	found := false
	if repo != nil {
		var err error
		f, found, err = repo.FindFile(c.Ctx, t.Page())
		if err != nil {
			c.HostError(err)
		}
		found = found && err == nil
	}
	if !c.Config.LegacyMediaDOM {
		return c.makeImageDOM(repo, t, f, found, o)
	}
	if !found {
		return c.missingImage(t, o)
	}
	if c.isBadImage(t) {
		return c.badImage(t, o)
	}
	switch o.format {
	case "thumb", "frame":
		return c.thumbImage(repo, t, f, o)
	}
	if o.format == "frameless" && o.width == 0 {
		o.width = min(c.thumbSize(), f.Width)
		if o.upright > 0 {
			o.width = roundWidth(float64(c.thumbSize()) * o.upright)
		}
	}
	if o.format == "frameless" && f.Width > 0 && o.width > f.Width && f.Mime != "image/svg+xml" {
		o.width = f.Width
	}
	c.valign = o.valign
	img := c.imageLink(repo, t, f, o, c.inlineAlt(t, o), "")
	c.valign = ""
	return alignWrap(o.align, img)
}

func (c *Context) inlineAlt(t env.Title, o imageOptions) string {
	if o.alt != nil {
		return c.plainCaption(*o.alt)
	}
	if o.hasCaption {
		return c.plainCaption(o.caption)
	}
	return t.Text()
}

// thumbAlt is the alt text of a framed image: alt=, else the file name
// when there is no caption.
func (c *Context) thumbAlt(t env.Title, o imageOptions) string {
	if o.alt != nil {
		return c.plainCaption(*o.alt)
	}
	if !o.hasCaption {
		return t.Text()
	}
	return ""
}

// plainCaption turns caption HTML into attribute text.
func (c *Context) plainCaption(s string) string {
	s = pipedLinkText.ReplaceAllString(s, "$1")
	s = plainLinkText.ReplaceAllString(s, "$1")
	s = stripTags(doQuotes(c.holderText(s)))
	s = c.Strip.UnstripBoth(s)
	return html.DecodeCharReferences(s)
}

func alignWrap(align, img string) string {
	switch align {
	case "left", "right", "none":
		return `<div class="float` + align + `">` + img + `</div>`
	case "center":
		return `<div class="center"><div class="floatnone">` + img + `</div></div>`
	}
	return img
}

func roundWidth(w float64) int {
	return int(math.Round(w/10) * 10)
}

// scaled returns the display size for a requested width and height.
func scaled(f env.FileInfo, w, h int) (int, int) {
	if f.Width == 0 || f.Height == 0 {
		return w, h
	}
	if w == 0 && h == 0 {
		return f.Width, f.Height
	}
	if w == 0 || (h > 0 && float64(h)/float64(f.Height) < float64(w)/float64(f.Width)) {
		w = fitBoxWidth(f.Width, f.Height, h)
	}
	return w, int(math.Round(float64(f.Height) * float64(w) / float64(f.Width)))
}

// imgTag renders <img> for width w (0 = original size) with srcset.
func (c *Context) imgTag(repo env.FileRepo, f env.FileInfo, w, h int, alt, class, title string) string {
	dw, dh := scaled(f, w, h)
	src := f.URL
	srcset := ""
	canScale := f.Width > 0 && !strings.HasPrefix(f.Mime, "video/") && !strings.HasPrefix(f.Mime, "audio/")
	bitmapNoUp := !strings.HasSuffix(f.Mime, "svg+xml")
	if canScale && (dw < f.Width || !bitmapNoUp) && dw != f.Width {
		src = repo.ThumbURL(f, dw)
		srcset = c.srcset(repo, f, dw)
	}
	var b strings.Builder
	b.WriteString(`<img alt="` + html.EscapeHTMLQuotesAttr(alt) + `" src="` + html.EscapeHTML(src) + `" decoding="async"`)
	if title != "" {
		b.WriteString(` title="` + html.EscapeHTMLQuotesAttr(title) + `"`)
	}
	if dw > 0 {
		b.WriteString(` width="` + strconv.Itoa(dw) + `" height="` + strconv.Itoa(dh) + `"`)
	}
	if class != "" {
		b.WriteString(` class="` + html.EscapeHTML(class) + `"`)
	}
	if c.valign != "" {
		b.WriteString(` style="vertical-align: ` + c.valign + `"`)
	}
	if srcset != "" {
		b.WriteString(` srcset="` + html.EscapeHTML(srcset) + `"`)
	}
	b.WriteString(" />")
	return b.String()
}

func (c *Context) srcset(repo env.FileRepo, f env.FileInfo, w int) string {
	var parts []string
	for _, m := range []struct {
		factor float64
		label  string
	}{{1.5, "1.5x"}, {2, "2x"}} {
		tw := int(math.Round(float64(w) * m.factor))
		u := f.URL
		if tw < f.Width || strings.HasSuffix(f.Mime, "svg+xml") {
			u = repo.ThumbURL(f, tw)
		}
		parts = append(parts, u+" "+m.label)
	}
	return strings.Join(parts, ", ")
}

// imageLink renders an inline image wrapped in its link.
func (c *Context) imageLink(repo env.FileRepo, t env.Title, f env.FileInfo, o imageOptions, alt, class string) string {
	w := o.width
	if o.upright > 0 && o.format == "" && w == 0 {
		w = roundWidth(float64(c.thumbSize()) * o.upright)
	}
	if o.class != "" {
		class = strings.TrimSpace(class + " " + o.class)
	}
	if o.border {
		class = strings.TrimSpace(class + " thumbborder")
	}
	title := ""
	if o.hasCaption && o.format != "thumb" && o.format != "frame" {
		title = c.plainCaption(o.caption)
	}
	if o.link != nil && *o.link == "" {
		return c.imgTag(repo, f, w, o.height, alt, class, title)
	}
	img := c.imgTag(repo, f, w, o.height, alt, class, "")
	return c.linkAround(t, o, title, img)
}

// linkAround wraps an image in its link: the file page, or link=.
func (c *Context) linkAround(t env.Title, o imageOptions, title, img string) string {
	titleAttr := ""
	if title != "" {
		titleAttr = ` title="` + html.EscapeHTMLQuotesAttr(title) + `"`
	}
	if o.link != nil {
		if html.HasURLProtocol(*o.link) {
			c.addExternalLink(*o.link)
			extra := ""
			if c.Config.LinkTarget != "" {
				extra += ` target="` + html.EscapeHTML(c.Config.LinkTarget) + `"`
			}
			if rel := c.relFor(*o.link); rel != "" {
				extra += ` rel="` + rel + `"`
			}
			return `<a href="` + html.EscapeHTML(*o.link) + `"` + titleAttr + extra + `>` + img + `</a>`
		}
		lt, err := c.Host.ParseTitle(c.plainCaption(*o.link), env.NSMain)
		if err == nil {
			c.addLink(lt)
			if title == "" {
				title = c.Host.PrefixedText(lt.Page())
			}
			href := c.Host.PageURL(lt.Page(), "")
			if lt.Fragment != "" {
				href += "#" + c.fragmentID(lt.Fragment)
			}
			return `<a href="` + html.EscapeHTML(href) + `" title="` +
				html.EscapeHTMLQuotesAttr(title) + `">` + img + `</a>`
		}
	}
	return `<a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" class="image"` + titleAttr + `>` + img + `</a>`
}

// missingImage renders a link to upload a missing file.
func (c *Context) missingImage(t env.Title, o imageOptions) string {
	label := c.Host.PrefixedText(t.Page())
	framed := o.format == "thumb" || o.format == "frame"
	if o.hasCaption && !framed {
		label = html.EscapeHTML(c.plainCaption(o.caption))
	}
	link := c.uploadLink(t, label)
	if o.format == "thumb" || o.format == "frame" {
		w := o.width
		if w == 0 {
			w = c.thumbSize()
			if o.upright > 0 {
				w = 130 // MediaWiki's fixed width of an upright missing file
			}
		}
		return c.thumbFrame(t, o, w, link, o.caption, false)
	}
	return alignWrap(o.align, link)
}

func (c *Context) uploadLink(t env.Title, label string) string {
	sp := env.Title{Namespace: env.NSSpecial, DBKey: "Upload"}
	href := c.Host.PageURL(sp, "wpDestFile="+urlencodeName(t.DBKey))
	return `<a href="` + html.EscapeHTML(href) + `" class="new" title="` +
		html.EscapeHTMLQuotesAttr(c.Host.PrefixedText(t.Page())) + `">` + label + `</a>`
}

func urlencodeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strings.IndexByte("-_.~:/()!*,;@$", ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(ch)>>4, 16)+strconv.FormatInt(int64(ch)&15, 16)))
	}
	return b.String()
}

func (c *Context) thumbSize() int {
	if c.Config.ThumbSize > 0 {
		return c.Config.ThumbSize
	}
	return 180
}

var (
	pipedLinkText = regexp.MustCompile(`\[\[[^\[\]|]*\|([^\[\]]*)\]\]`)
	plainLinkText = regexp.MustCompile(`\[\[:?([^\[\]|]*)\]\]`)
)

var badListLink = regexp.MustCompile(`\[\[:?([^\]|]+)`)

// isBadImage checks MediaWiki:Bad image list: "* [[File:X]] except
// [[Page]] …" lines.
func (c *Context) isBadImage(t env.Title) bool {
	if c.badImages == nil {
		c.badImages = map[env.Title][]env.Title{}
		lt := env.Title{Namespace: env.NSMediaWiki, DBKey: "Bad_image_list"}
		src, ok, err := c.Host.TemplateSource(c.Ctx, lt)
		if err == nil && ok {
			c.loadBadImages(src)
		}
	}
	except, bad := c.badImages[t.Page()]
	if !bad {
		return false
	}
	for _, e := range except {
		if e == c.Title.Page() {
			return false
		}
	}
	return true
}

func (c *Context) loadBadImages(src string) {
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "*") {
			continue
		}
		var titles []env.Title
		for _, m := range badListLink.FindAllStringSubmatch(line, -1) {
			if t, err := c.Host.ParseTitle(m[1], env.NSMain); err == nil {
				titles = append(titles, t.Page())
			}
		}
		if len(titles) > 0 && titles[0].Namespace == env.NSFile {
			c.badImages[titles[0]] = titles[1:]
		}
	}
}

// badImage renders a listed bad image as a plain link to its page.
func (c *Context) badImage(t env.Title, o imageOptions) string {
	name := c.Host.PrefixedText(t.Page())
	link := `<a href="` + html.EscapeHTML(c.Host.PageURL(t.Page(), "")) + `" title="` + html.EscapeHTMLQuotesAttr(name) + `">` + name + `</a>`
	if o.format == "thumb" || o.format == "frame" {
		return c.thumbFrame(t, o, 320, link, o.caption, false)
	}
	return link
}

// fitBoxWidth returns the width that fits an image of w×h into the given
// height: rounded up unless that makes it too tall.
func fitBoxWidth(w, h, maxHeight int) int {
	ideal := float64(w) * float64(maxHeight) / float64(h)
	up := math.Ceil(ideal)
	if math.Round(up*float64(h)/float64(w)) > float64(maxHeight) {
		return int(math.Floor(ideal))
	}
	return int(up)
}
