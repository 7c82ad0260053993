package parser

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
)

// linkHolder is an internal link whose colour is not known yet.
type linkHolder struct {
	title env.Title
	text  string
}

// holderOpen and holderClose frame a link holder's number.
const (
	holderOpen  = `<!--LINK'" `
	holderClose = `-->`
)

// replaceHolders writes text with every holder "<!--LINK'" N-->" whose N
// is a known holder replaced by repl(N).
func (c *Context) replaceHolders(text string, repl func(*strings.Builder, int)) string {
	var b strings.Builder
	last := 0
	for off := 0; ; {
		i := strings.Index(text[off:], holderOpen)
		if i < 0 {
			break
		}
		i += off
		j := i + len(holderOpen)
		k := j
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k == j || !strings.HasPrefix(text[k:], holderClose) {
			off = j
			continue
		}
		n, err := strconv.Atoi(text[j:k])
		if err != nil || n >= len(c.holders) {
			off = k
			continue
		}
		if last == 0 {
			b.Grow(len(text) + len(text)/2)
		}
		b.WriteString(text[last:i])
		repl(&b, n)
		last = k + len(holderClose)
		off = last
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// addHolder stores a link and returns its placeholder.
func (c *Context) addHolder(t env.Title, text string) string {
	c.holders = append(c.holders, linkHolder{title: t, text: text})
	return `<!--LINK'" ` + strconv.Itoa(len(c.holders)-1) + `-->`
}

// replaceLinkHolders asks the host which linked pages exist, in one batch,
// and renders every holder as a blue or red link.
func (c *Context) replaceLinkHolders(text string) string {
	if len(c.holders) == 0 {
		return text
	}
	exists := c.linkExistence()
	return c.replaceHolders(text, func(b *strings.Builder, i int) {
		h := c.holders[i]
		c.renderLink(b, h.title, h.text, exists[h.title.Page()])
	})
}

func (c *Context) linkExistence() map[env.Title]bool {
	var batch []env.Title
	seen := map[env.Title]bool{}
	for _, h := range c.holders {
		p := h.title.Page()
		if !seen[p] && p.Namespace != env.NSMedia {
			seen[p] = true
			batch = append(batch, p)
		}
	}
	exists, err := c.Host.PagesExist(c.Ctx, batch)
	if err != nil {
		c.HostError(err)
	}
	if exists == nil {
		exists = map[env.Title]bool{}
	}
	return exists
}

// renderLink renders a resolved internal link.
func (c *Context) renderLink(b *strings.Builder, t env.Title, text string, exists bool) {
	name := c.Host.PrefixedText(t.Page())
	var href, class, title string
	switch {
	case t.Namespace == env.NSSpecial && !exists:
		href, class, title = c.Host.PageURL(t.Page(), ""), "new", name+" (page does not exist)"
	case exists:
		href, title = c.Host.PageURL(t.Page(), ""), name
		if t.Fragment != "" {
			href += "#" + c.fragmentID(t.Fragment)
		}
	default:
		href, class, title = c.Host.PageURL(t.Page(), "action=edit&redlink=1"), "new", name+" (page does not exist)"
	}
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeHTML(href))
	if class != "" {
		b.WriteString(`" class="`)
		b.WriteString(class)
	}
	b.WriteString(`" title="`)
	b.WriteString(html.EscapeHTMLQuotesAttr(title))
	b.WriteString(`">`)
	b.WriteString(text)
	b.WriteString(`</a>`)
}

// holderText returns text with holders replaced by their link text, for
// heading anchors.
func (c *Context) holderText(text string) string {
	if !strings.Contains(text, "<!--LINK") {
		return text
	}
	return c.replaceHolders(text, func(b *strings.Builder, i int) {
		b.WriteString(c.holders[i].text)
	})
}
