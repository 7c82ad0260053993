package wikitext

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// registerFunctions adds MediaWiki's core parser functions.
func (p *Parser) registerFunctions() {
	fns := map[string]preprocess.Func{
		"lc":           func(f *preprocess.Frame, a *preprocess.Args) string { return skipMarkers(a.Expand(0), strings.ToLower) },
		"uc":           func(f *preprocess.Frame, a *preprocess.Args) string { return skipMarkers(a.Expand(0), strings.ToUpper) },
		"lcfirst":      func(f *preprocess.Frame, a *preprocess.Args) string { return mapFirst(a.Expand(0), unicode.ToLower) },
		"ucfirst":      func(f *preprocess.Frame, a *preprocess.Args) string { return mapFirst(a.Expand(0), unicode.ToUpper) },
		"urlencode":    urlencodeFunc,
		"anchorencode": anchorencodeFunc,
		"ns":           nsFunc(false),
		"nse":          nsFunc(true),
		"localurl":     urlFunc(false, false),
		"localurle":    urlFunc(false, true),
		"fullurl":      urlFunc(true, false),
		"fullurle":     urlFunc(true, true),
		"canonicalurl": urlFunc(true, false),
		"formatnum":    func(f *preprocess.Frame, a *preprocess.Args) string { return formatNum(a.Expand(0), a.Expand(1)) },
		"padleft":      padFunc(true),
		"padright":     padFunc(false),
		"plural":       pluralFunc,
		"grammar":      func(f *preprocess.Frame, a *preprocess.Args) string { return a.Expand(1) },
		"gender":       genderFunc,
		"int":          intFunc,
		"#tag":         tagFunc,
		"#language":    func(f *preprocess.Frame, a *preprocess.Args) string { return languageName(a.Expand(0)) },
		"displaytitle": displayTitleFunc,
		"defaultsort":  defaultSortFunc,
		"#special":     specialFunc,
		"special":      specialFunc,
	}
	for name, fn := range fns {
		must(p.reg.AddFunction(name, fn))
	}
}

func mapFirst(s string, fn func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(fn(r)) + s[n:]
}

// skipMarkers applies fn to the text between strip markers.
func skipMarkers(s string, fn func(string) string) string {
	var b strings.Builder
	last := 0
	for _, m := range markerRegex.FindAllStringIndex(s, -1) {
		b.WriteString(fn(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(fn(s[last:]))
	return b.String()
}

func urlencodeFunc(f *preprocess.Frame, a *preprocess.Args) string {
	s := markerRegex.ReplaceAllString(a.Expand(0), "")
	switch strings.ToUpper(a.Expand(1)) {
	case "PATH":
		return strings.ReplaceAll(urlQueryEscape(s), "+", "%20")
	case "WIKI":
		return urlencodeTitle(strings.ReplaceAll(s, " ", "_"))
	}
	return urlQueryEscape(s)
}

func urlQueryEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlnumByte(c) || c == '-' || c == '_' || c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)>>4, 16)+strconv.FormatInt(int64(c)&15, 16)))
		}
	}
	return b.String()
}

func isAlnumByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

var (
	pipedLinkRegex = regexp.MustCompile(`\[\[:?([^\[|]+)\|([^\[]+)\]\]`)
	plainLinkRegex = regexp.MustCompile(`\[\[:?([^\[]+?)\|?\]\]`)
	spaceUnderRun  = regexp.MustCompile(`[ _]+`)
	markerRegex    = regexp.MustCompile("\x7f'\"`UNIQ-[^\x7f]*\x7f")
)

// anchorencodeFunc encodes text the way section anchors are made.
func anchorencodeFunc(f *preprocess.Frame, a *preprocess.Args) string {
	s := markerRegex.ReplaceAllString(a.Expand(0), "")
	s = pipedLinkRegex.ReplaceAllString(s, "$2")
	s = plainLinkRegex.ReplaceAllString(s, "$1")
	s = strings.TrimSpace(spaceUnderRun.ReplaceAllString(s, " "))
	s = html.DecodeCharReferences(s)
	mode, _ := f.Expander().Data["wikitext.fragmentMode"].(html.FragmentMode)
	return html.SafeEncodeAttribute(html.EscapeID(s, mode))
}

func nsFunc(encode bool) preprocess.Func {
	return func(f *preprocess.Frame, a *preprocess.Args) string {
		h := f.Expander().Host
		arg := a.Expand(0)
		ns, err := strconv.Atoi(arg)
		if err != nil {
			t, terr := h.ParseTitle(arg+":X", env.NSMain)
			if terr != nil || t.Interwiki != "" || (t.Namespace == 0 && !strings.EqualFold(arg, "")) {
				return ""
			}
			ns = t.Namespace
		}
		name, ok := h.SiteInfo().Namespaces[ns]
		if !ok {
			return ""
		}
		if encode {
			return urlencodeTitle(name)
		}
		return strings.ReplaceAll(name, "_", " ")
	}
}

func urlFunc(full, escape bool) preprocess.Func {
	return func(f *preprocess.Frame, a *preprocess.Args) string {
		h := f.Expander().Host
		t, err := h.ParseTitle(a.Expand(0), env.NSMain)
		if err != nil {
			return ""
		}
		u := h.PageURL(t, a.Expand(1))
		if full && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
			u = h.SiteInfo().Server + u
		}
		if t.Fragment != "" {
			u += "#" + html.EscapeID(t.Fragment, html.FragmentLegacy)
		}
		if escape {
			u = html.EscapeHTML(u)
		}
		return u
	}
}

func padFunc(left bool) preprocess.Func {
	return func(f *preprocess.Frame, a *preprocess.Args) string {
		s := a.Expand(0)
		n, err := strconv.Atoi(a.Expand(1))
		pad := markerRegex.ReplaceAllString(a.Expand(2), "")
		if pad == "" {
			pad = "0"
		}
		if err != nil || n > 500 {
			n = min(max(n, 0), 500)
		}
		have := utf8.RuneCountInString(s)
		if have >= n {
			return s
		}
		var b strings.Builder
		padRunes := []rune(pad)
		for i := 0; i < n-have; i++ {
			b.WriteRune(padRunes[i%len(padRunes)])
		}
		if left {
			return b.String() + s
		}
		return s + b.String()
	}
}

func pluralFunc(f *preprocess.Frame, a *preprocess.Args) string {
	n, err := strconv.ParseFloat(strings.ReplaceAll(a.Expand(0), ",", ""), 64)
	if err == nil && n == 1 {
		return a.Expand(1)
	}
	if a.Len() > 2 {
		return a.Expand(2)
	}
	return a.Expand(1)
}

func genderFunc(f *preprocess.Frame, a *preprocess.Args) string {
	if a.Len() > 3 {
		return a.Expand(3)
	}
	return a.Expand(1)
}

// intFunc implements {{int:key|args}}: the MediaWiki:key message with
// $1, $2… replaced, expanded as wikitext.
func intFunc(f *preprocess.Frame, a *preprocess.Args) string {
	key := a.Expand(0)
	e := f.Expander()
	if t, err := e.Host.ParseTitle(key, env.NSMediaWiki); err == nil && t.Namespace == env.NSMediaWiki {
		if src, ok, err := e.Host.TemplateSource(e.Ctx, t); err == nil && ok {
			for i := a.Len() - 1; i >= 1; i-- {
				src = strings.ReplaceAll(src, "$"+strconv.Itoa(i), a.Expand(i))
			}
			return f.Expand(e.Build(src, true))
		}
	}
	return "⧼" + html.EscapeHTML(key) + "⧽"
}

// tagFunc implements {{#tag:name|content|attr=value}}.
func tagFunc(f *preprocess.Frame, a *preprocess.Args) string {
	name := strings.ToLower(a.Expand(0))
	e := f.Expander()
	if !e.Registry.HasTag(name) {
		return `<span class="error">Unknown extension tag "` + html.EscapeHTML(name) + `"</span>`
	}
	var content *string
	if a.Len() > 1 {
		c := a.Source(1)
		content = &c
	}
	var attrs strings.Builder
	for i := 2; i < a.Len(); i++ {
		if k, v, ok := a.NameValue(i); ok {
			v = strings.Trim(v, `"'`)
			attrs.WriteString(" " + k + `="` + html.EscapeHTML(v) + `"`)
		}
	}
	return e.Tag(f, name, attrs.String(), content)
}

func displayTitleFunc(f *preprocess.Frame, a *preprocess.Args) string {
	f.Expander().Data["displaytitle"] = a.Expand(0)
	return ""
}

func defaultSortFunc(f *preprocess.Frame, a *preprocess.Args) string {
	f.Expander().Data["defaultsort"] = a.Expand(0)
	return ""
}

func specialFunc(f *preprocess.Frame, a *preprocess.Args) string {
	return "Special:" + a.Expand(0)
}

func languageName(code string) string {
	names := map[string]string{"en": "English", "de": "Deutsch", "fr": "français", "es": "español",
		"zh": "中文", "ru": "русский", "ja": "日本語", "it": "italiano", "nl": "Nederlands", "sr": "српски / srpski"}
	if n, ok := names[strings.ToLower(code)]; ok {
		return n
	}
	return code
}

// formatNum groups digits with commas, or with "R" strips them.
func formatNum(num, opt string) string {
	if strings.Contains(opt, "R") {
		return strings.ReplaceAll(num, ",", "")
	}
	if strings.Contains(opt, "NOSEP") {
		return num
	}
	intPart, frac, _ := strings.Cut(num, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") || strings.HasPrefix(intPart, "+") {
		sign, intPart = intPart[:1], intPart[1:]
	}
	for _, c := range intPart {
		if c < '0' || c > '9' {
			return num
		}
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := sign + b.String()
	if strings.Contains(num, ".") {
		out += "." + frac
	}
	return out
}
