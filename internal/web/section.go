package web

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// Section editing (action=edit&section=N), as MediaWiki numbers sections:
// section 0 is the text before the first heading, section N starts at the
// N-th heading line and runs to the next heading of the same or a higher
// level. Headings inside comments, <nowiki>, <pre> and source blocks do not
// count. Headings that templates produce are not counted here; MediaWiki
// numbers those separately ("T-1"), and Folio does not support editing them.

var headingRE = regexp.MustCompile(`(?m)^(=+)(.+?)(=+)[ \t]*$`)

// opaqueRE matches the regions whose headings do not count; an unclosed
// region runs to the end of the text.
var opaqueRE = regexp.MustCompile(`(?is)<!--.*?(?:-->|$)` +
	`|<nowiki\b[^>]*>.*?(?:</nowiki\s*>|$)` +
	`|<pre\b[^>]*>.*?(?:</pre\s*>|$)` +
	`|<syntaxhighlight\b[^>]*>.*?(?:</syntaxhighlight\s*>|$)` +
	`|<source\b[^>]*>.*?(?:</source\s*>|$)` +
	`|<math\b[^>]*>.*?(?:</math\s*>|$)`)

// heading is a section heading line of a text.
type heading struct {
	start int // byte offset of the line
	level int
	text  string
}

// headings finds the section headings of text, in order.
func headings(text string) []heading {
	opaque := opaqueRE.FindAllStringIndex(text, -1)
	var out []heading
	for _, m := range headingRE.FindAllStringSubmatchIndex(text, -1) {
		if inRanges(m[0], opaque) {
			continue
		}
		open, close := m[3]-m[2], m[7]-m[6]
		level := min(open, close, 6)
		inner := text[m[4]:m[5]]
		// Unbalanced runs of "=" belong to the heading text.
		inner = strings.Repeat("=", open-level) + inner + strings.Repeat("=", close-level)
		if strings.TrimSpace(inner) == "" {
			continue
		}
		out = append(out, heading{start: m[0], level: level, text: strings.TrimSpace(inner)})
	}
	return out
}

func inRanges(pos int, ranges [][]int) bool {
	for _, r := range ranges {
		if pos >= r[0] && pos < r[1] {
			return true
		}
	}
	return false
}

// sectionBounds returns the byte range of section n of text.
func sectionBounds(text string, n int) (start, end int, h heading, ok bool) {
	hs := headings(text)
	if n == 0 {
		end = len(text)
		if len(hs) > 0 {
			end = hs[0].start
		}
		return 0, end, heading{}, true
	}
	if n < 0 || n > len(hs) {
		return 0, 0, heading{}, false
	}
	h = hs[n-1]
	end = len(text)
	for _, next := range hs[n:] {
		if next.level <= h.level {
			end = next.start
			break
		}
	}
	return h.start, end, h, true
}

// sectionText returns section n of text without trailing newlines.
func sectionText(text string, n int) (string, bool) {
	start, end, _, ok := sectionBounds(text, n)
	if !ok {
		return "", false
	}
	return strings.TrimRight(text[start:end], "\n"), true
}

// replaceSection returns text with section n replaced by section.
func replaceSection(text string, n int, section string) (string, bool) {
	start, end, _, ok := sectionBounds(text, n)
	if !ok {
		return "", false
	}
	section = strings.TrimRight(section, "\n")
	rest := text[end:]
	if rest != "" && section != "" {
		section += "\n\n"
	}
	return text[:start] + section + rest, true
}

// appendSection adds a new section with a heading at the end of text, as
// "Add topic" does.
func appendSection(text, subject, body string) string {
	sec := strings.TrimRight(body, "\n")
	if subject != "" {
		sec = "== " + subject + " ==\n\n" + sec
	}
	if strings.TrimSpace(text) == "" {
		return sec
	}
	return strings.TrimRight(text, "\n") + "\n\n" + sec
}

// parseSection reads a section parameter: "new" or a section number.
func parseSection(v string) (n int, isNew bool, err error) {
	if v == "new" {
		return 0, true, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false, folio.Errorf(folio.EInvalidParameter, "The section %q is not valid: use a section number or “new”.", v)
	}
	return n, false, nil
}

// missingSection is the error for a section number beyond the last.
func missingSection(n int) error {
	return folio.Errorf(folio.EInvalidParameter, "There is no section %d in this page; it may have been moved or removed while you were viewing it.", n)
}

// markupRE matches the simple markup that section anchors leave out:
// bold and italic quotes, and the brackets of internal links.
var markupRE = regexp.MustCompile(`'{2,}|\[\[(?:[^\]|]*\|)?|\]\]`)

// sectionFragment returns "#anchor" of the section a section edit saved,
// so that the editor returns to it, or "" for whole-page edits.
func sectionFragment(d *editData) string {
	var text string
	switch {
	case d.Section == "new":
		text = d.Summary
	case d.Section != "" && d.Section != "0":
		if hs := headings(d.Text); len(hs) > 0 {
			text = hs[0].text
		}
	}
	text = strings.TrimSpace(markupRE.ReplaceAllString(text, ""))
	if text == "" {
		return ""
	}
	return "#" + url.PathEscape(fragmentID(text))
}
