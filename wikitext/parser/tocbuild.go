package parser

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
)

// buildTOC numbers the headings and returns the TOC HTML. The nesting
// follows MediaWiki: a deeper heading opens one level whatever its depth,
// a shallower one returns to the nearest level at or above it.
func (c *Context) buildTOC(hs []*heading) string {
	maxLevel := c.Config.MaxTOCLevel
	if maxLevel <= 0 {
		maxLevel = 999
	}
	var toc strings.Builder
	toclevel, prevtoclevel, prevlevel := 0, 0, 0
	levelCount := map[int]int{}
	sublevelCount := map[int]int{}
	for i, h := range hs {
		if i > 0 {
			prevlevel = hs[i-1].level
		}
		switch {
		case h.level > prevlevel:
			toclevel++
			sublevelCount[toclevel] = 0
			if toclevel < maxLevel {
				prevtoclevel = toclevel
				toc.WriteString("\n<ul>\n")
			}
		case h.level < prevlevel && toclevel > 1:
			toclevel = findTOCLevel(levelCount, toclevel, h.level)
			if toclevel < maxLevel {
				if prevtoclevel < maxLevel {
					toc.WriteString(tocUnindent(prevtoclevel - toclevel))
					prevtoclevel = toclevel
				} else {
					toc.WriteString("</li>\n")
				}
			}
		default:
			if toclevel < maxLevel {
				toc.WriteString("</li>\n")
			}
		}
		levelCount[toclevel] = h.level
		sublevelCount[toclevel]++
		h.number = tocNumber(sublevelCount, toclevel)
		index := ""
		if h.wiki && h.source.Page() == c.Title.Page() {
			index = strconv.Itoa(h.index)
		}
		if toclevel < maxLevel {
			toc.WriteString(c.tocLine(h, toclevel, index))
		}
	}
	if toclevel < maxLevel {
		toc.WriteString(tocUnindent(toclevel - 1))
	}
	return `<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading">` +
		`<input type="checkbox" role="button" id="toctogglecheckbox" class="toctogglecheckbox" style="display:none" />` +
		`<div class="toctitle" lang="en" dir="ltr"><h2 id="mw-toc-heading">Contents</h2>` +
		`<span class="toctogglespan"><label class="toctogglelabel" for="toctogglecheckbox"></label></span></div>` +
		toc.String() + "</ul>\n</div>\n"
}

func findTOCLevel(levelCount map[int]int, toclevel, level int) int {
	for i := toclevel; i > 0; i-- {
		if levelCount[i] == level {
			return i
		}
		if levelCount[i] < level {
			return i + 1
		}
	}
	return 1
}

func tocUnindent(delta int) string {
	return "</li>\n" + strings.Repeat("</ul>\n</li>\n", max(delta, 0))
}

func tocNumber(sublevelCount map[int]int, toclevel int) string {
	var parts []string
	for i := 1; i <= toclevel; i++ {
		if sublevelCount[i] != 0 {
			parts = append(parts, strconv.Itoa(sublevelCount[i]))
		}
	}
	return strings.Join(parts, ".")
}

func (c *Context) tocLine(h *heading, level int, index string) string {
	cls := "toclevel-" + strconv.Itoa(level)
	if index != "" {
		cls += " tocsection-" + index
	}
	return `<li class="` + cls + `"><a href="#` + html.EscapeHTMLQuotesAttr(h.anchor) + `"><span class="tocnumber">` +
		h.number + `</span> <span class="toctext">` + h.tocLine + `</span></a>`
}
