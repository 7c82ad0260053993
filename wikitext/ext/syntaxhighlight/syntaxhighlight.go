// Package syntaxhighlight implements the SyntaxHighlight extension:
// <syntaxhighlight lang="go">…</syntaxhighlight> (and the deprecated
// <source>) colour code with the Chroma highlighter and wrap it in
// MediaWiki's markup, so that Pygments-style CSS classes (kd, nx, p…)
// and the extension's attributes (inline, line, start, highlight) work as
// on MediaWiki. The colours come from Stylesheet, a CSS file the server
// serves once instead of inline styles on every token.
package syntaxhighlight

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Limits beyond which code is shown without colours, as MediaWiki's
// $wgSyntaxHighlightMaxLines and $wgSyntaxHighlightMaxBytes.
const (
	MaxLines = 1000
	MaxBytes = 100 * 1000
)

// Tracking categories, by their MediaWiki message names' default texts.
const (
	ErrorCategory          = "Pages_with_syntax_highlighting_errors"
	SourceTagCategory      = "Pages_using_deprecated_source_tags"
	EncloseAttrCategory    = "Pages_using_deprecated_enclose_attributes"
	cssClass               = "mw-highlight"
	maxHighlightLineNumber = 100000
)

type extension struct{}

// New returns the extension.
func New() wikitext.Extender { return extension{} }

// Extend registers <syntaxhighlight> and <source>.
func (extension) Extend(p *wikitext.Parser) {
	_ = p.AddTag("syntaxhighlight", tag)
	_ = p.AddTag("source", tag)
}

// tag renders one code block.
func tag(f *preprocess.Frame, name, attrText string, content *string) string {
	exp := f.Expander()
	attrs := html.DecodeTagAttributes(attrText)
	if name == "source" {
		exp.AddTracking(SourceTagCategory)
	}
	enclose, hasEnclose := attrs.Get("enclose")
	if hasEnclose {
		exp.AddTracking(EncloseAttrCategory)
	}
	_, inline := attrs.Get("inline")
	inline = inline || (hasEnclose && enclose == "none")
	code := ""
	if content != nil {
		code = wikitext.UnstripNoWiki(f, *content)
	}
	lang, _ := attrs.Get("lang")
	lang = strings.ToLower(strings.TrimSpace(lang))
	lexer := Lexer(lang)
	if lexer == nil && lang != "" {
		exp.AddTracking(ErrorCategory)
	}
	body, ok := highlight(code, lexer, attrs, inline, newBudget(f))
	if !ok {
		exp.AddTracking(ErrorCategory)
	}
	if body != "" {
		// A nowiki marker keeps the lines of the code out of list and
		// paragraph handling; the wrapper stays outside so that it is not
		// wrapped in <p>.
		body = exp.Strip("nowiki", "syntaxhighlightinner", body)
	}
	return wrap(body, attrs, lexer, lang, inline)
}

var langRegex = regexp.MustCompile(`^[a-z0-9][a-z0-9_+#.-]*$`)

// Lexer returns the highlighter for a lang attribute, or nil when the
// language is unknown.
func Lexer(lang string) chroma.Lexer {
	if !langRegex.MatchString(lang) {
		return nil
	}
	return lexers.Get(lang)
}

// wrap puts the highlighted code in MediaWiki's <div> or inline <code>,
// keeping the id, class, style and dir attributes.
func wrap(body string, attrs html.Attrs, lexer chroma.Lexer, lang string, inline bool) string {
	var keep html.Attrs
	for _, a := range attrs {
		if a.Name == "id" || a.Name == "class" || a.Name == "style" {
			keep = append(keep, a)
		}
	}
	keep = html.ValidateAttributes(keep, "div")
	dir := "ltr"
	if d, _ := attrs.Get("dir"); d == "rtl" {
		dir = "rtl"
	}
	class := cssClass
	if c, ok := keep.Get("class"); ok && c != "" {
		class = c + " " + cssClass
	}
	if lexer != nil {
		class += " " + cssClass + "-lang-" + lang
	}
	keep.Set("class", class+" mw-content-"+dir)
	keep.Set("dir", dir)
	el := "div"
	if inline {
		el = "code"
	}
	var b strings.Builder
	b.WriteString("<" + el)
	for _, a := range keep {
		b.WriteString(" " + a.Name + `="` + html.EncodeAttribute(a.Value) + `"`)
	}
	b.WriteString(">" + body + "</" + el + ">")
	return b.String()
}

// highlight renders the code: coloured with a lexer, plain without one
// or when it is too long. ok is false when the limits were exceeded.
func highlight(code string, lexer chroma.Lexer, attrs html.Attrs, inline bool, b *budget) (string, bool) {
	if inline {
		code = strings.TrimSpace(strings.ReplaceAll(code, "\n", " "))
	} else {
		code = strings.TrimRight(strings.TrimLeft(code, "\n"), " \t\n\r\x00\x0b")
	}
	if code == "" {
		return "", true
	}
	tooBig := len(code) > MaxBytes || strings.Count(code, "\n") >= MaxLines
	if lexer == nil || tooBig {
		plain := escapeNoQuotes(code)
		if !inline {
			plain = "<pre>" + plain + "</pre>"
		}
		return plain, !tooBig
	}
	tokens, ok := b.tokenise(lexer, code+"\n")
	if !ok {
		plain := escapeNoQuotes(code)
		if !inline {
			plain = "<pre>" + plain + "</pre>"
		}
		return plain, false
	}
	o := formatOptions{inline: inline}
	if _, ok := attrs.Get("line"); ok {
		o.lineNumbers = true
	}
	o.start = 1
	if s, _ := attrs.Get("start"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			o.start = n
		}
	}
	if h, ok := attrs.Get("highlight"); ok {
		o.highlight = parseLines(h)
	}
	return format(tokens, o), true
}

var plainEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeNoQuotes escapes like PHP's htmlspecialchars with ENT_NOQUOTES.
func escapeNoQuotes(s string) string { return plainEscaper.Replace(s) }

// parseLines reads a highlight attribute such as "1,3-4" into a set of
// 1-based line numbers; bad parts are ignored.
func parseLines(spec string) map[int]bool {
	out := map[int]bool{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil || a < 1 {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a {
				continue
			}
		}
		for n := a; n <= b && n <= maxHighlightLineNumber; n++ {
			out[n] = true
		}
	}
	return out
}
