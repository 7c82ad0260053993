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

var headlineRegex = regexp.MustCompile(`(?is)<H([1-6])(.*?>)(.*?)</H[1-6] *>`)

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
	for _, m := range headlineRegex.FindAllStringSubmatchIndex(text, -1) {
		lvl, _ := strconv.Atoi(text[m[2]:m[3]])
		inner := text[m[6]:m[7]]
		h := &heading{level: lvl, attrs: text[m[4]:m[5]], start: m[0], end: m[1]}
		if mm := headingMarkerRegex.FindStringSubmatch(inner); mm != nil {
			serial, _ := strconv.Atoi(mm[1])
			if c.HeadingInfo != nil {
				h.source, h.index, h.wiki = c.HeadingInfo(serial)
			}
			inner = strings.TrimSpace(inner[len(mm[0]):])
		}
		h.text = inner
		hs = append(hs, h)
	}
	return hs
}

var headingMarkerRegex = regexp.MustCompile("^\x7f'\"`UNIQ--h-([0-9]+)--QINU`\"'\x7f")

var (
	anyTagRegex   = regexp.MustCompile(`<.*?>`)
	spaceRunRegex = regexp.MustCompile(`[ _]+`)
)

// assignAnchors computes the id and TOC text of each heading, making ids
// unique case-insensitively.
func (c *Context) assignAnchors(hs []*heading) {
	seen := map[string]bool{}
	next := map[string]int{} // next suffix to try per base id
	for _, h := range hs {
		safe := c.Strip.UnstripBoth(c.holderText(h.text))
		h.tocLine = strings.TrimSpace(strings.ReplaceAll(tocLineHTML(safe), "<span></span>", ""))
		plain := anyTagRegex.ReplaceAllString(safe, "")
		plain = strings.TrimSpace(spaceRunRegex.ReplaceAllString(plain, " "))
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
	return anyTagRegex.ReplaceAllStringFunc(s, func(tag string) string {
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
	hint := anyTagRegex.ReplaceAllString(c.Strip.UnstripBoth(c.holderText(h.text)), "")
	hint = strings.TrimSpace(spaceRunRegex.ReplaceAllString(hint, " "))
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
