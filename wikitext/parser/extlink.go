package parser

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
)

// extLinkURLClass matches one character allowed in an external link URL.
const extLinkURLClass = `[^\]\[<>"\x00-\x20\x7F\p{Zs}\x{FFFD}]`

var extLinkBracketed = regexp.MustCompile(`\[((?i:` + html.URLProtocolsPattern + `)` +
	extLinkURLClass + `+)\p{Zs}*([^\]\x00-\x08\x0a-\x1F\x{FFFD}]*?)\]`)

var ltGtRegex = regexp.MustCompile(`&(lt|gt);`)

var externalImageRegex = regexp.MustCompile(`(?i)^(?:http://|https://)` + extLinkURLClass + `+\.(?:gif|png|jpg|jpeg)$`)

// doExternalLinks replaces [url text] and [url] links.
func (c *Context) doExternalLinks(text string) string {
	if !mayHaveExtLink(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 64)
	last := 0
	for _, m := range extLinkBracketed.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:m[0]])
		last = m[1]
		u, label := text[m[2]:m[3]], text[m[4]:m[5]]
		trail := ""
		if l := ltGtRegex.FindStringIndex(u); l != nil {
			label = u[l[0]:] + " " + label
			u = u[:l[0]]
		}
		if img := maybeExternalImage(label); img != "" {
			label = img
		}
		class := "text"
		if label == "" {
			c.extLinkNum++
			label = "[" + strconv.Itoa(c.extLinkNum) + "]"
			class = "autonumber"
		} else {
			var rest string
			trail, rest = splitTrail(text[last:])
			last = len(text) - len(rest)
		}
		u = cleanURL(u)
		b.WriteString(c.externalLink(u, label, class) + trail)
	}
	b.WriteString(text[last:])
	return b.String()
}

// mayHaveExtLink reports whether some '[' in text is followed by a URL
// protocol, without which extLinkBracketed cannot match.
func mayHaveExtLink(text string) bool {
	if strings.IndexByte(text, '[') < 0 {
		return false
	}
	if hasFoldTrap(text) {
		return true
	}
	for s := text; ; {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		for _, p := range html.URLProtocols {
			if hasPrefixFoldASCII(s, p) {
				return true
			}
		}
	}
}

// externalLink renders <a> for an external URL with HTML text.
func (c *Context) externalLink(u, text, class string) string {
	c.addExternalLink(u)
	var b strings.Builder
	b.WriteString(`<a`)
	if rel := c.relFor(u); rel != "" {
		b.WriteString(` rel="` + rel + `"`)
	}
	b.WriteString(` class="external ` + class + `" href="` + strings.ReplaceAll(html.EscapeHTML(u), "'", "&#39;") + `"`)
	if c.Config.LinkTarget != "" {
		b.WriteString(` target="` + html.EscapeHTML(c.Config.LinkTarget) + `"`)
	}
	b.WriteString(`>` + text + `</a>`)
	return b.String()
}

// relFor returns the rel attribute of a link to an external URL:
// nofollow unless the host is excepted, plus noreferrer noopener when
// links open in another target.
func (c *Context) relFor(u string) string {
	var rels []string
	if c.Config.NoFollow && !c.noFollowException(u) {
		rels = append(rels, "nofollow")
	}
	if c.Config.LinkTarget != "" && c.Config.LinkTarget != "_self" {
		rels = append(rels, "noreferrer", "noopener")
	}
	return strings.Join(rels, " ")
}

func (c *Context) noFollowException(u string) bool {
	host := u
	if i := strings.Index(host, "//"); i >= 0 {
		host = host[i+2:]
	}
	if i := strings.IndexAny(host, "/?#:"); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(host)
	for _, d := range c.Config.NoFollowExceptions {
		d = strings.ToLower(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

func cleanURL(u string) string {
	return html.CleanURL(html.DecodeCharReferences(u))
}

// maybeExternalImage returns an <img> for an image URL, or "".
func maybeExternalImage(u string) string {
	if !externalImageRegex.MatchString(u) {
		return ""
	}
	name := u[strings.LastIndexByte(u, '/')+1:]
	return `<img src="` + html.EscapeHTML(u) + `" alt="` + html.EscapeHTML(name) + `" />`
}
