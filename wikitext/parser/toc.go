package parser

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

const (
	tocPlaceholder = "<mw:tocplace></mw:tocplace>"
	tocStart       = "<mw:toc>"
	tocEnd         = "</mw:toc>"
)

// nextHeadline finds the next heading element in text from off, as the
// regexp (?is)<H([1-6])(.*?>)(.*?)</H[1-6] *> would: the level, the rest
// of the opening tag up to its first '>', the inner HTML up to the first
// closing heading tag, and where the whole element starts and ends.
func nextHeadline(text string, off int) (level int, attrs, inner string, start, end int, ok bool) {
	for {
		i := strings.IndexByte(text[off:], '<')
		if i < 0 {
			return 0, "", "", 0, 0, false
		}
		i += off
		off = i + 1
		if i+3 > len(text) || text[i+1]|0x20 != 'h' || text[i+2] < '1' || text[i+2] > '6' {
			continue
		}
		g := strings.IndexByte(text[i+3:], '>')
		if g < 0 {
			return 0, "", "", 0, 0, false
		}
		g += i + 3
		cs, ce, found := closingHeadline(text, g+1)
		if !found {
			return 0, "", "", 0, 0, false
		}
		return int(text[i+2] - '0'), text[i+3 : g+1], text[g+1 : cs], i, ce, true
	}
}

// closingHeadline finds the first </Hn *> at or after off.
func closingHeadline(text string, off int) (start, end int, ok bool) {
	for {
		i := strings.Index(text[off:], "</")
		if i < 0 {
			return 0, 0, false
		}
		i += off
		off = i + 2
		if i+4 > len(text) || text[i+2]|0x20 != 'h' || text[i+3] < '1' || text[i+3] > '6' {
			continue
		}
		j := i + 4
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j < len(text) && text[j] == '>' {
			return i, j + 1, true
		}
	}
}

// heading is one heading found by formatHeadings.
type heading struct {
	level   int
	attrs   string    // the rest of the opening tag, ending in '>'
	text    string    // inner HTML
	wiki    bool      // written as == wikitext == (has a heading marker)
	source  env.Title // page the heading was written on
	index   int       // heading index on that page
	start   int
	end     int
	anchor  string
	legacy  string // fallback id in legacy encoding, when different
	number  string
	tocLine string
}

// formatHeadings gives every heading an id, adds section edit links and
// builds the table of contents.
func (c *Context) formatHeadings(text string) string {
	hs := c.findHeadings(text)
	if len(hs) == 0 {
		return strings.ReplaceAll(text, tocPlaceholder, "")
	}
	c.assignAnchors(hs)
	toc := c.buildTOC(hs)
	showTOC := c.showTOC(len(hs))
	var b strings.Builder
	b.Grow(len(text) + len(toc) + len(hs)*512)
	last := 0
	for i, h := range hs {
		b.WriteString(text[last:h.start])
		if i == 0 && showTOC && !c.Switch("TOC") {
			b.WriteString(tocStart + toc + tocEnd + "\n")
		}
		b.WriteString(c.headingHTML(h, c.sectionIndex(h)))
		last = h.end
	}
	b.WriteString(text[last:])
	out := b.String()
	if showTOC {
		c.Out.Flags["show-toc"] = true
		c.Out.TOCHTML = toc
		return strings.Replace(out, tocPlaceholder, tocStart+toc+tocEnd, 1)
	}
	return strings.ReplaceAll(out, tocPlaceholder, "")
}

// sectionIndex returns the edit section of a heading: "3" for the page's
// own third heading, "T-2" for a template's second, "" for HTML headings.
func (c *Context) sectionIndex(h *heading) string {
	if !h.wiki {
		return ""
	}
	if h.source.Page() == c.Title.Page() {
		return strconv.Itoa(h.index)
	}
	return "T-" + strconv.Itoa(h.index)
}

func (c *Context) showTOC(n int) bool {
	if c.Switch("NOTOC") {
		return false
	}
	return n >= 4 || c.Switch("FORCETOC") || c.Switch("TOC")
}

func (c *Context) findHeadings(text string) []*heading {
	var hs []*heading
	for off := 0; ; {
		lvl, attrs, inner, start, end, ok := nextHeadline(text, off)
		if !ok {
			break
		}
		off = end
		h := &heading{level: lvl, attrs: attrs, start: start, end: end}
		if serial, n, ok := headingMarker(inner); ok {
			if c.HeadingInfo != nil {
				h.source, h.index, h.wiki = c.HeadingInfo(serial)
			}
			inner = strings.TrimSpace(inner[n:])
		}
		h.text = inner
		hs = append(hs, h)
	}
	return hs
}

// Heading markers: headingMarkerOpen, a serial number, headingMarkerClose.
const (
	headingMarkerOpen  = "\x7f'\"`UNIQ--h-"
	headingMarkerClose = "--QINU`\"'\x7f"
)

// headingMarker parses the heading marker at the start of s.
func headingMarker(s string) (serial, n int, ok bool) {
	if !strings.HasPrefix(s, headingMarkerOpen) {
		return 0, 0, false
	}
	i := len(headingMarkerOpen)
	j := i
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j == i || !strings.HasPrefix(s[j:], headingMarkerClose) {
		return 0, 0, false
	}
	serial, _ = strconv.Atoi(s[i:j])
	return serial, j + len(headingMarkerClose), true
}

// replaceTags replaces each tag ('<' to the first '>' on the same line)
// with repl(tag).
func replaceTags(s string, repl func(tag string) string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '<')
		if i < 0 {
			break
		}
		i += off
		j := strings.IndexAny(s[i+1:], ">\n")
		if j < 0 {
			break
		}
		j += i + 1
		if s[j] == '\n' {
			off = i + 1
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl(s[i : j+1]))
		last, off = j+1, j+1
	}
	b.WriteString(s[last:])
	return b.String()
}

// stripTags removes every tag.
func stripTags(s string) string { return replaceTags(s, func(string) string { return "" }) }

// collapseSpaces replaces each run of spaces and underscores with one
// space.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "_") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '_' {
			b.WriteByte(s[i])
			continue
		}
		b.WriteByte(' ')
		for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '_') {
			i++
		}
	}
	return b.String()
}

// assignAnchors computes the id and TOC text of each heading, making ids
// unique case-insensitively.
func (c *Context) assignAnchors(hs []*heading) {
	seen := map[string]bool{}
	next := map[string]int{} // next suffix to try per base id
	for _, h := range hs {
		safe := c.Strip.UnstripBoth(c.holderText(h.text))
		h.tocLine = strings.TrimSpace(strings.ReplaceAll(tocLineHTML(safe), "<span></span>", ""))
		plain := strings.TrimSpace(collapseSpaces(stripTags(safe)))
		decoded := html.DecodeCharReferences(plain)
		anchor := html.EscapeID(decoded, c.Config.FragmentMode)
		legacy := ""
		if c.Config.FallbackFragment {
			legacy = html.EscapeID(decoded, html.FragmentLegacy)
		}
		key := strings.ToLower(anchor)
		if seen[key] {
			i := max(next[key], 2)
			for seen[key+"_"+strconv.Itoa(i)] {
				i++
			}
			next[key] = i + 1
			suffix := "_" + strconv.Itoa(i)
			anchor += suffix
			if legacy != "" {
				legacy += suffix
			}
			key += suffix
		}
		seen[key] = true
		h.anchor = anchor
		if legacy != anchor {
			h.legacy = legacy
		}
	}
}

// tocLineHTML keeps only a few inline tags (without attributes, except a
// span's dir) for the TOC entry.
func tocLineHTML(s string) string {
	return replaceTags(s, func(tag string) string {
		name := strings.ToLower(strings.TrimLeft(tag[1:], "/"))
		if i := strings.IndexAny(name, " >"); i >= 0 {
			name = name[:i]
		}
		switch name {
		case "span", "sup", "sub", "bdi", "i", "b", "s", "strike":
			closing := strings.HasPrefix(tag, "</")
			if closing {
				return "</" + name + ">"
			}
			if name == "span" {
				if m := spanDirRegex.FindString(tag); m != "" {
					return "<span " + m + ">"
				}
			}
			return "<" + name + ">"
		}
		return ""
	})
}

var spanDirRegex = regexp.MustCompile(`dir="(?:rtl|ltr)"`)

// headingHTML renders one heading with its anchor span and edit link.
func (c *Context) headingHTML(h *heading, editIndex string) string {
	var b strings.Builder
	b.Grow(len(h.attrs) + len(h.text) + len(h.anchor) + 400)
	n := strconv.Itoa(h.level)
	b.WriteString("<h" + n + h.attrs)
	if h.legacy != "" {
		b.WriteString(`<span id="` + html.EscapeHTML(h.legacy) + `"></span>`)
	}
	b.WriteString(`<span class="mw-headline" id="` + html.EscapeHTML(h.anchor) + `">` + h.text + `</span>`)
	if editIndex != "" && c.Config.EditSections && !c.Switch("NOEDITSECTION") {
		b.WriteString(c.editSectionLink(editIndex, h))
	}
	b.WriteString("</h" + n + ">")
	c.Out.Sections = append(c.Out.Sections, Section{
		Level: h.level, Line: h.tocLine, Number: h.number, Index: editIndex, Anchor: h.anchor,
	})
	return b.String()
}

func (c *Context) editSectionLink(index string, h *heading) string {
	hint := strings.TrimSpace(collapseSpaces(stripTags(c.Strip.UnstripBoth(c.holderText(h.text)))))
	href := c.Host.PageURL(h.source.Page(), "action=edit&section="+index)
	return `<span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="` +
		html.EscapeHTML(href) + `" title="Edit section: ` + html.EscapeHTMLQuotes(html.DecodeCharReferences(hint)) +
		`">edit</a><span class="mw-editsection-bracket">]</span></span>`
}

// expandTOC removes the TOC delimiters, keeping the TOC when allowed.
func expandTOC(text string, allow bool) string {
	for {
		i := strings.Index(text, tocStart)
		if i < 0 {
			return text
		}
		j := strings.Index(text[i:], tocEnd)
		if j < 0 {
			return text
		}
		inner := text[i+len(tocStart) : i+j]
		if !allow {
			inner = ""
		}
		text = text[:i] + inner + text[i+j+len(tocEnd):]
	}
}
