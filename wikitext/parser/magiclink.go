package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-wiki/folio/wikitext/html"
)

const (
	extLinkAddr = `(?:[0-9.]+|\[(?i:[0-9a-f:.]+)\]|` + extLinkURLClass + `)`
	spaceNotNL  = `(?:\t|&nbsp;|&#0*160;|&#[Xx]0*[Aa]0;|\p{Zs})`
	spaceOrDash = `(?:-|` + spaceNotNL + `)`
)

var (
	magicPattern = `(<a[ \t\r\n>].*?</a>)|(<.*?>)|((?i:` + html.URLProtocolsNoRelPattern + `)(` +
		extLinkAddr + extLinkURLClass + `*))|\b(?:RFC|PMID)` + spaceNotNL + `+([0-9]+)\b|\bISBN` +
		spaceNotNL + `+((?:97[89]` + spaceOrDash + `?)?(?:[0-9]` + spaceOrDash + `?){9}[0-9Xx])\b`
)

var magicRegex = regexp.MustCompile(magicPattern)

var urlStopRegex = regexp.MustCompile(`&(lt|gt|nbsp|#x0*(3[CcEe]|[Aa]0)|#0*(60|62|160));`)
var trailingEntityRegex = regexp.MustCompile(`(?i)&([a-z]+|#x[0-9a-f]+|#[0-9]+)$`)

// doMagicLinks links bare URLs and ISBN, RFC and PMID numbers, skipping
// existing links and tags.
func (c *Context) doMagicLinks(text string) string {
	// The builder starts at the first segment that changes: most text
	// has no magic links and is returned as it is.
	var b strings.Builder
	done := 0 // text[:done] is in b, once b is in use
	for pos := 0; pos < len(text); {
		i := strings.IndexByte(text[pos:], '<')
		if i < 0 {
			i = len(text)
		} else {
			i += pos
		}
		if seg := c.magicSegment(text[pos:i]); seg != text[pos:i] {
			if b.Cap() == 0 {
				b.Grow(len(text) + len(seg))
			}
			b.WriteString(text[done:pos])
			b.WriteString(seg)
			done = i
		}
		pos = i
		if pos < len(text) {
			pos += skipMarkup(text[pos:])
		}
	}
	if b.Cap() == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

var anchorEndRegex = regexp.MustCompile(`(?i)</a>`)

// skipMarkup returns the length of the tag (or whole <a>…</a> element)
// at the start of s, which magic links leave alone.
func skipMarkup(s string) int {
	end := strings.IndexByte(s, '>')
	nl := strings.IndexByte(s, '\n')
	if end < 0 || (nl >= 0 && nl < end) {
		return 1
	}
	if len(s) > 2 && (s[1] == 'a' || s[1] == 'A') && strings.IndexByte(" \t\r\n>", s[2]) >= 0 {
		line := s
		if nl >= 0 {
			line = s[:nl]
		}
		if m := anchorEndRegex.FindStringIndex(line); m != nil {
			return m[1]
		}
	}
	return end + 1
}

// magicSegment links bare URLs and ISBN, RFC and PMID numbers in text that
// contains no tags.
func (c *Context) magicSegment(text string) string {
	if !mayHaveMagicLink(text) {
		return text
	}
	var b strings.Builder
	last := 0
	for _, idx := range magicRegex.FindAllStringSubmatchIndex(text, -1) {
		m := text[idx[0]:idx[1]]
		b.WriteString(text[last:idx[0]])
		last = idx[1]
		if idx[2] >= 0 || idx[4] >= 0 || (idx[6] >= 0 && wordCharBefore(text[:idx[0]])) {
			b.WriteString(m)
			continue
		}
		sub := func(i int) string {
			if idx[2*i] < 0 {
				return ""
			}
			return text[idx[2*i]:idx[2*i+1]]
		}
		switch {
		case idx[6] >= 0:
			b.WriteString(c.freeExternalLink(sub(3), len(sub(4))))
		case idx[10] >= 0:
			b.WriteString(c.rfcOrPMID(m, sub(5)))
		default:
			b.WriteString(c.isbnLink(m, sub(6)))
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// mayHaveMagicLink reports whether text contains a URL protocol or one of
// the words ISBN, RFC and PMID, without which magicRegex cannot link
// anything.
func mayHaveMagicLink(text string) bool {
	if strings.Contains(text, "ISBN") || strings.Contains(text, "RFC") || strings.Contains(text, "PMID") ||
		strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f") { // K and ſ fold to k and s
		return true
	}
	for off := 0; ; {
		i := strings.IndexByte(text[off:], ':')
		if i < 0 {
			return false
		}
		i += off
		for _, p := range magicProtocols {
			k := strings.IndexByte(p, ':')
			if i >= k && hasPrefixFold(text[i-k:], p) {
				return true
			}
		}
		off = i + 1
	}
}

// magicProtocols are the URL protocols a bare URL may start with.
var magicProtocols = func() []string {
	var ps []string
	for _, p := range html.URLProtocols {
		if !strings.HasPrefix(p, "/") {
			ps = append(ps, p)
		}
	}
	return ps
}()

// wordCharBefore reports whether the text ends in a Unicode letter, digit
// or underscore, which a magic link may not follow.
func wordCharBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// freeExternalLink links a bare URL, moving trailing punctuation out of it.
func (c *Context) freeExternalLink(u string, numPostProto int) string {
	trail := ""
	if l := urlStopRegex.FindStringIndex(u); l != nil {
		trail = u[l[0]:]
		u = u[:l[0]]
	}
	sep := ",;.:!?"
	if !strings.Contains(u, "(") {
		sep += ")"
	}
	n := 0
	for n < len(u) && strings.IndexByte(sep, u[len(u)-1-n]) >= 0 {
		n++
	}
	if n > 0 && u[len(u)-n] == ';' && trailingEntityRegex.MatchString(u[:len(u)-n]) {
		n--
	}
	if n > 0 {
		trail = u[len(u)-n:] + trail
		u = u[:len(u)-n]
	}
	if len(trail) >= numPostProto {
		return u + trail
	}
	u = cleanURL(u)
	if img := maybeExternalImage(u); img != "" {
		return img + trail
	}
	return c.externalLink(u, html.EscapeHTML(u), "free") + trail
}

func (c *Context) rfcOrPMID(m, num string) string {
	if (strings.HasPrefix(m, "PMID") && c.Config.NoMagicLinks["PMID"]) || (strings.HasPrefix(m, "RFC") && c.Config.NoMagicLinks["RFC"]) {
		return m
	}
	class, href := "mw-magiclink-rfc", "https://tools.ietf.org/html/rfc"+num
	if strings.HasPrefix(m, "PMID") {
		class, href = "mw-magiclink-pmid", "//www.ncbi.nlm.nih.gov/pubmed/"+num+"?dopt=Abstract"
	}
	rel := ""
	if c.Config.NoFollow {
		rel = ` rel="nofollow"`
	}
	keyword := "RFC"
	if strings.HasPrefix(m, "PMID") {
		keyword = "PMID"
	}
	return `<a class="external ` + class + `"` + rel + ` href="` + html.EscapeHTML(href) + `">` + keyword + " " + num + `</a>`
}

var spaceLikeRegex = regexp.MustCompile(spaceNotNL)

var isbnStrip = regexp.MustCompile(`[\-\s]|&nbsp;|&#0*160;|&#[Xx]0*[Aa]0;|\p{Zs}`)

func (c *Context) isbnLink(m, num string) string {
	if c.Config.NoMagicLinks["ISBN"] {
		return m
	}
	n := strings.ToUpper(isbnStrip.ReplaceAllString(num, ""))
	t, err := c.Host.ParseTitle("Special:BookSources/"+n, 0)
	if err != nil {
		return m
	}
	shown := spaceLikeRegex.ReplaceAllString(num, " ")
	return `<a href="` + html.EscapeHTML(c.Host.PageURL(t, "")) + `" class="internal mw-magiclink-isbn">ISBN ` + shown + `</a>`
}
