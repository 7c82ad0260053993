package parser

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
)

// extLinkURLClass matches one character allowed in an external link URL.
const extLinkURLClass = `[^\]\[<>"\x00-\x20\x7F\p{Zs}\x{FFFD}]`

const extLinkBracketedPattern = `\[((?i:` + "PROTOCOLS" + `)` +
	extLinkURLClass + `+)\p{Zs}*([^\]\x00-\x08\x0a-\x1F\x{FFFD}]*?)\]`

// extLinkBracketed matches [url text]; extLinkAt is the same pattern
// anchored, tried only where a '[' is followed by a URL protocol.
var (
	extLinkBracketed = regexp.MustCompile(strings.Replace(extLinkBracketedPattern, "PROTOCOLS", html.URLProtocolsPattern, 1))
	extLinkAt        = regexp.MustCompile("^" + strings.Replace(extLinkBracketedPattern, "PROTOCOLS", html.URLProtocolsPattern, 1))
)

// extLinkMatches returns what extLinkBracketed.FindAllStringSubmatchIndex
// returns, trying the anchored pattern at each '[' followed by a URL
// protocol (at each '[' when the text holds a character that case-folds
// to ASCII).
func extLinkMatches(text string) [][]int {
	trap := hasFoldTrap(text)
	var out [][]int
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '[')
		if i < 0 {
			return out
		}
		i += off
		off = i + 1
		if !trap && !startsWithProtocol(text[i+1:]) {
			continue
		}
		m := extLinkAt.FindStringSubmatchIndex(text[i:])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		off = m[1]
	}
}

// startsWithProtocol reports whether s starts with a URL protocol,
// ignoring ASCII case.
func startsWithProtocol(s string) bool {
	for _, p := range html.URLProtocols {
		if hasPrefixFoldASCII(s, p) {
			return true
		}
	}
	return false
}

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
	for _, m := range extLinkMatches(text) {
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
		if startsWithProtocol(s) {
			return true
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
