package preprocess

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
)

// expandTemplate expands {{…}}: a variable, a parser function or a
// transcluded page, in that order, as MediaWiki's braceSubstitution does.
func (f *Frame) expandTemplate(n *Node) string {
	part1 := strings.TrimSpace(f.Expand(n.Title))
	out, ok := f.substitute(n, part1)
	if !ok {
		return f.literal(n)
	}
	if !n.LineStart && lineStartRegex.MatchString(out) {
		out = "\n" + out
	}
	return out
}

var lineStartRegex = regexp.MustCompile(`^(?:\{\||:|;|#|\*)`)

// literal writes a template call back as text, with its parts expanded.
func (f *Frame) literal(n *Node) string {
	var b strings.Builder
	b.WriteString("{{" + f.Expand(n.Title))
	for _, p := range n.Parts {
		b.WriteString("|" + f.Expand(p.Out))
	}
	b.WriteString("}}")
	return b.String()
}

// substitute resolves part1 (the trimmed expanded title text).
func (f *Frame) substitute(n *Node, part1 string) (string, bool) {
	if f.exp.PreSave {
		var subst bool
		if part1, subst = trimSubst(part1); !subst {
			return "", false
		}
	} else if hasPrefixFold(part1, "subst:") {
		return "", false
	}
	if hasPrefixFold(part1, "safesubst:") {
		part1 = strings.TrimSpace(part1[len("safesubst:"):])
	}
	nowiki := false
	for _, mod := range []string{"msgnw:", "msg:", "raw:"} {
		if hasPrefixFold(part1, mod) {
			part1 = strings.TrimSpace(part1[len(mod):])
			nowiki = mod == "msgnw:"
		}
	}
	if len(n.Parts) == 0 && !nowiki {
		if v, ok := f.exp.Registry.vars[part1]; ok {
			return v(f), true
		}
	}
	if i := strings.IndexByte(part1, ':'); i > 0 && !nowiki {
		if fn, ok := f.exp.Registry.lookupFunc(part1[:i]); ok {
			return fn(f, &Args{frame: f, first: strings.TrimSpace(part1[i+1:]), parts: n.Parts}), true
		}
	}
	return f.transclude(n, part1, nowiki)
}

// transclude expands a page as a template.
func (f *Frame) transclude(n *Node, text string, nowiki bool) (string, bool) {
	defaultNS := env.NSTemplate
	if strings.HasPrefix(text, "/") || strings.HasPrefix(text, "../") {
		if on, _ := f.exp.Data["wikitext.subpages"].(bool); on || f.exp.Title.Namespace != env.NSMain {
			if abs, ok := resolveRelative(f.exp.Host.PrefixedText(f.exp.Title.Page()), text); ok {
				text = abs
				defaultNS = env.NSMain
			}
		}
	}
	t, err := f.exp.Host.ParseTitle(text, defaultNS)
	if err != nil || t.Interwiki != "" {
		return "", false
	}
	if t.Namespace == env.NSSpecial || t.Namespace == env.NSMedia {
		return "", false
	}
	if f.Depth >= f.exp.Limits.MaxDepth {
		f.exp.limitHit = true
		return `<span class="error">Template recursion depth limit exceeded (` +
			strconv.Itoa(f.exp.Limits.MaxDepth) + `)</span>`, true
	}
	if f.inLoop(t) {
		f.exp.AddTracking("Pages_with_template_loops")
		return `<span class="error">Template loop detected: [[:` + f.exp.Host.PrefixedText(t) + `]]</span>`, true
	}
	c := f.exp.fetch(t)
	f.exp.addTemplate(t)
	if !c.found {
		if nowiki {
			return f.exp.Strip("nowiki", "msgnw", "&#91;&#91;:"+f.exp.Host.PrefixedText(t)+"&#93;&#93;"), true
		}
		return "[[:" + f.exp.Host.PrefixedText(t) + "]]", true
	}
	if nowiki {
		return f.exp.Strip("nowiki", "msgnw", nowikiEscape(c.src)), true
	}
	child := f.newChild(c.title, n.Parts)
	out := child.Expand(c.tree)
	if !f.exp.incrementIncludeSize(len(out)) {
		f.exp.AddTracking("Pages_where_template_include_size_is_exceeded")
		return "[[:" + f.exp.Host.PrefixedText(t) + "]]<!-- WARNING: template omitted, post-expand include size too large -->", true
	}
	return out, true
}

// fetch loads and preprocesses a template once per parse, following one
// redirect.
func (e *Expander) fetch(t env.Title) *tplCache {
	p := t.Page()
	if c, ok := e.cache[p]; ok {
		return c
	}
	c := &tplCache{title: p}
	src, found, err := e.Host.TemplateSource(e.Ctx, p)
	if err != nil {
		e.HostError(err)
	}
	if err == nil && found {
		if target, ok := redirectTarget(src); ok {
			if rt, err := e.Host.ParseTitle(target, env.NSMain); err == nil {
				e.addTemplate(p)
				if s2, f2, err := e.Host.TemplateSource(e.Ctx, rt.Page()); err == nil && f2 {
					src, p = s2, rt.Page()
				}
			}
		}
		c.src, c.found, c.title = src, true, p
		c.tree = e.Build(src, true)
	}
	e.cache[t.Page()] = c
	return c
}

var redirectRegex = regexp.MustCompile(`(?is)^[ \t\n\r\x00\x0b]*#REDIRECT[ \t]*:?[ \t]*\[\[([^\]\|\n]+)(?:\|[^\]]*)?\]\]`)

func redirectTarget(src string) (string, bool) {
	m := redirectRegex.FindStringSubmatch(src)
	if m == nil {
		return "", false
	}
	return m[1], true
}

var nowikiEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
	"'", "&#039;", "[", "&#91;", "]", "&#93;", "{", "&#123;", "|", "&#124;", "}", "&#125;",
	":", "&#58;", "=", "&#61;", "*", "&#42;", "#", "&#35;", ";", "&#59;", "_", "&#95;", "~", "&#126;",
	"\n", "&#10;", "-", "&#45;", "!", "&#33;", "%", "&#37;")

func nowikiEscape(s string) string { return nowikiEscaper.Replace(s) }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// resolveRelative applies a relative path ("/x", "../y") to a page name.
// ok is false when it climbs above the root page.
func resolveRelative(base, rel string) (string, bool) {
	parts := strings.Split(base, "/")
	rel = strings.TrimPrefix(rel, "/")
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
