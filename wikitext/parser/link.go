package parser

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// linkTargetLen returns the length of the run of title characters at the
// start of s: anything but []{}<>| and control characters.
func linkTargetLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '[', ']', '{', '}', '<', '>', '|', 0x7f:
			return i
		default:
			if c < 0x20 {
				return i
			}
		}
	}
	return len(s)
}

// splitLink parses what follows "[[": a target, an optional "|text", "]]"
// and the rest of the piece (the text is the shortest non-empty run before
// a "]]").
func splitLink(piece string) (target, text, trail string, ok bool) {
	n := linkTargetLen(piece)
	if n == 0 || n == len(piece) {
		return "", "", "", false
	}
	target = piece[:n]
	if piece[n] == '|' && n+2 <= len(piece) {
		if e := strings.Index(piece[n+2:], "]]"); e >= 0 {
			e += n + 2
			return target, piece[n+1 : e], piece[e+2:], true
		}
		return "", "", "", false
	}
	if strings.HasPrefix(piece[n:], "]]") {
		return target, "", piece[n+2:], true
	}
	return "", "", "", false
}

// doInternalLinks replaces [[target|text]] with link holders that are
// coloured (blue or red) once all titles are known.
func (c *Context) doInternalLinks(text string) string {
	if !strings.Contains(text, "[[") {
		return text
	}
	pieces := strings.Split(text, "[[")
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	b.WriteString(pieces[0])
	for i := 1; i < len(pieces); i++ {
		piece := pieces[i]
		if target, text, trail, ok := splitLink(piece); ok {
			b.WriteString(c.internalLink(piece, target, text, trail))
			continue
		}
		out, used := c.imageWithLinks(pieces[i:])
		b.WriteString(out)
		i += used
	}
	return trimCategoryMarkers(b.String())
}

// imageWithLinks handles an image link whose caption contains links, so
// that its "]]" is in a later piece. It returns the output and how many
// extra pieces it consumed.
func (c *Context) imageWithLinks(pieces []string) (string, int) {
	n := linkTargetLen(pieces[0])
	if n == 0 || n == len(pieces[0]) || pieces[0][n] != '|' {
		return "[[" + pieces[0], 0
	}
	m := [3]string{pieces[0], pieces[0][:n], pieces[0][n+1:]}
	t, err := c.Host.ParseTitle(m[1], env.NSMain)
	if err != nil || t.Namespace != env.NSFile || strings.HasPrefix(m[1], ":") {
		return "[[" + pieces[0], 0
	}
	text := m[2]
	for j := 1; j < len(pieces); j++ {
		parts := strings.SplitN(pieces[j], "]]", 3)
		switch len(parts) {
		case 3:
			text += "[[" + parts[0] + "]]" + parts[1]
			return c.imageLinkText(t, text) + parts[2], j
		case 2:
			text += "[[" + parts[0] + "]]" + parts[1]
		default:
			text += "[[" + pieces[j]
			return "[[" + m[1] + "|" + c.doInternalLinks(text), j
		}
	}
	return "[[" + m[1] + "|" + c.doInternalLinks(text), len(pieces) - 1
}

// imageLinkText renders an image after parsing the links in its options.
func (c *Context) imageLinkText(t env.Title, text string) string {
	text = c.doExternalLinks(text)
	text = c.doInternalLinks(text)
	return c.armorLinks(c.makeImage(t, text))
}

// armorLinks hides URL protocols in image markup from later passes.
func (c *Context) armorLinks(s string) string {
	return protoArmorRegex.ReplaceAllString(s, MarkerPrefix+"NOPARSE$1")
}

var protoArmorRegex = regexp.MustCompile(`\b((?i:` + html.URLProtocolsNoRelPattern + `))`)

// internalLink renders one piece that followed "[[", split by splitLink.
func (c *Context) internalLink(piece, target, text, trail string) string {
	noPipe := text == ""
	if text != "" && strings.HasPrefix(trail, "]") && strings.Contains(text, "[") {
		text += "]"
		trail = trail[1:]
	}
	if strings.Contains(target, "%") {
		if d, err := url.PathUnescape(target); err == nil {
			target = strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(d)
		}
	}
	if html.HasURLProtocol(target) {
		return "[[" + piece
	}
	return c.linkTo(target, text, noPipe, trail, piece)
}

// linkTo builds the link for a parsed [[target|text]]trail.
func (c *Context) linkTo(target, text string, noPipe bool, trail, piece string) string {
	leadingColon := strings.HasPrefix(target, ":")
	link := target
	if leadingColon {
		link = target[1:]
	}
	if rel, shown, ok := c.relativeLink(link); ok {
		if text == "" {
			switch {
			case shown != "":
				text = shown
			case strings.HasPrefix(link, "/"):
				text = link
			default:
				text = rel
			}
		}
		link = rel
	}
	t, err := c.Host.ParseTitle(c.Strip.UnstripNoWiki(link), env.NSMain)
	if err != nil {
		return "[[" + piece
	}
	if text == "" {
		text = link
	} else {
		text = doQuotes(text)
	}
	if !leadingColon {
		if out, ok := c.specialNamespaceLink(t, text, noPipe, trail); ok {
			return out
		}
	} else if t.Interwiki == "" && t.Namespace == env.NSMedia {
		inside, rest := splitTrail(trail)
		return c.mediaLink(t, text+inside) + rest
	}
	inside, rest := splitTrail(trail)
	return c.makeLink(t, text+inside) + rest
}

// specialNamespaceLink handles categories, language links and files.
func (c *Context) specialNamespaceLink(t env.Title, text string, noPipe bool, trail string) (string, bool) {
	if t.Interwiki == "" && t.Namespace == env.NSFile {
		if noPipe {
			text = ""
		}
		return c.imageLinkText(t, text) + trail, true
	}
	if t.Interwiki == "" && t.Namespace == env.NSMedia {
		inside, rest := splitTrail(trail)
		return c.mediaLink(t, text+inside) + rest, true
	}
	if t.Interwiki != "" && c.Host.SiteInfo().InterlanguagePrefixes[t.Interwiki] {
		c.addLanguageLink(t.Interwiki + ":" + t.Text())
		return catTrim + trail, true
	}
	if t.Interwiki == "" && t.Namespace == env.NSCategory {
		sortKey := ""
		if !noPipe {
			sortKey = strings.ReplaceAll(html.DecodeCharReferences(text), "\n", "")
		}
		c.AddCategory(t.DBKey, sortKey)
		return catTrim + trail, true
	}
	return "", false
}

func (c *Context) addLanguageLink(l string) {
	for _, x := range c.Out.LanguageLinks {
		if strings.HasPrefix(x, l[:strings.IndexByte(l, ':')+1]) {
			return
		}
	}
	c.Out.LanguageLinks = append(c.Out.LanguageLinks, l)
}

// AddCategory records a category once, keeping the first sort key.
func (c *Context) AddCategory(name, sortKey string) {
	for _, cat := range c.Out.Categories {
		if cat.Name == name {
			return
		}
	}
	c.Out.Categories = append(c.Out.Categories, Category{Name: name, SortKey: sortKey})
}

// splitTrail splits the English link trail, letters glued to the link
// text, from the rest.
func splitTrail(trail string) (inside, rest string) {
	i := 0
	for i < len(trail) && trail[i] >= 'a' && trail[i] <= 'z' {
		i++
	}
	return trail[:i], trail[i:]
}

// makeLink renders a link to t with the given HTML text. Local page links
// become holders resolved later in one existence batch.
func (c *Context) makeLink(t env.Title, text string) string {
	if t.Interwiki != "" {
		href := c.Host.PageURL(t, "")
		if t.Fragment != "" {
			href += "#" + html.EscapeID(t.Fragment, html.FragmentLegacy)
		}
		title := t.Interwiki + ":" + c.Host.PrefixedText(env.Title{Namespace: t.Namespace, DBKey: t.DBKey})
		if t.DBKey == "" && t.Namespace == 0 {
			title = t.Interwiki + ":"
		}
		return `<a href="` + html.EscapeHTML(href) + `" class="extiw" title="` + html.EscapeHTML(title) + `">` + text + `</a>`
	}
	if t.DBKey == "" && t.Fragment != "" {
		return `<a href="#` + html.EscapeHTML(c.fragmentID(t.Fragment)) + `">` + text + `</a>`
	}
	if t.Fragment == "" && t.Page() == c.Title.Page() {
		return `<a class="mw-selflink selflink">` + text + `</a>`
	}
	c.addLink(t)
	return c.addHolder(t, text)
}

func (c *Context) fragmentID(f string) string {
	return html.EscapeID(html.DecodeCharReferences(f), c.Config.FragmentMode)
}

// catTrim marks where a category or language link was; the whitespace
// before it goes with it, so that category-only lines leave no blank line.
const catTrim = "\x00CATTRIM\x00"

func trimCategoryMarkers(text string) string {
	if !strings.Contains(text, catTrim) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for {
		i := strings.Index(text[last:], catTrim)
		if i < 0 {
			break
		}
		i += last
		j := i
		for j > last && isRegexSpace(text[j-1]) {
			j--
		}
		b.WriteString(text[last:j])
		last = i + len(catTrim)
	}
	b.WriteString(text[last:])
	return b.String()
}

// mediaLink renders [[Media:File]]: a direct link to the file.
func (c *Context) mediaLink(t env.Title, text string) string {
	ft := env.Title{Namespace: env.NSFile, DBKey: t.DBKey}
	c.addImage(ft)
	if repo, ok := c.Host.(env.FileRepo); ok {
		if f, found, err := repo.FindFile(c.Ctx, ft); err == nil && found {
			return `<a href="` + html.EscapeHTML(f.URL) + `" class="internal" title="` +
				html.EscapeHTMLQuotesAttr(t.Text()) + `">` + text + `</a>`
		}
	}
	sp := env.Title{Namespace: env.NSSpecial, DBKey: "Upload"}
	href := c.Host.PageURL(sp, "wpDestFile="+urlencodeName(t.DBKey))
	return `<a href="` + html.EscapeHTML(href) + `" class="new" title="` +
		html.EscapeHTMLQuotesAttr(t.Text()) + `">` + text + `</a>`
}

// relativeLink resolves [[/sub]], [[../sibling]] and [[/sub/]] against
// the current page when its namespace has subpages. shown is the link
// text for the trailing-slash form.
func (c *Context) relativeLink(link string) (target, shown string, ok bool) {
	if !c.subpagesIn(c.Title.Namespace) || (!strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "../")) {
		return "", "", false
	}
	target, ok = resolveRelative(c.Host.PrefixedText(c.Title.Page()), link)
	if !ok {
		return "", "", false
	}
	trimmed := strings.TrimRight(link, "/")
	if strings.HasSuffix(link, "/") && trimmed != "" && !strings.HasSuffix(trimmed, "..") {
		shown = trimmed[strings.LastIndexByte(trimmed, '/')+1:]
	}
	return target, shown, true
}

// resolveRelative applies a relative path ("/x", "../y", "../../") to a
// page name. ok is false when it climbs above the root page.
func resolveRelative(base, rel string) (string, bool) {
	parts := strings.Split(base, "/")
	if strings.HasPrefix(rel, "/") {
		rel = rel[1:]
	}
	for _, seg := range strings.Split(strings.TrimRight(rel, "/"), "/") {
		switch seg {
		case "", ".":
		case "..":
			if len(parts) <= 1 {
				return "", false
			}
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, seg)
		}
	}
	return strings.Join(parts, "/"), true
}

// subpagesIn reports whether a namespace has subpages.
func (c *Context) subpagesIn(ns int) bool {
	return c.Config.Subpages || (ns != env.NSMain && ns != env.NSFile && ns != env.NSMediaWiki && ns != env.NSCategory && ns != env.NSSpecial)
}
