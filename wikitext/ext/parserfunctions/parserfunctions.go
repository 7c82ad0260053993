// Package parserfunctions implements MediaWiki's ParserFunctions
// extension: #if, #ifeq, #iferror, #ifexpr, #ifexist, #switch, #expr,
// #time, #timel, #rel2abs, #titleparts and, when enabled, the string
// functions (#len, #pos, #rpos, #sub, #count, #replace, #explode,
// #urldecode).
package parserfunctions

import (
	"regexp"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Option configures the extension.
type Option func(*extension)

// WithStringFunctions enables the string functions, as
// $wgPFEnableStringFunctions does.
func WithStringFunctions(on bool) Option {
	return func(e *extension) { e.strings = on }
}

type extension struct {
	strings bool
}

// New returns the extension.
func New(opts ...Option) wikitext.Extender {
	e := &extension{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend registers the functions.
func (e *extension) Extend(p *wikitext.Parser) {
	fns := map[string]preprocess.Func{
		"#if": ifFunc, "#ifeq": ifeqFunc, "#iferror": iferrorFunc, "#ifexpr": ifexprFunc,
		"#ifexist": ifexistFunc, "#switch": switchFunc, "#expr": exprFunc,
		"#time": timeFunc(false), "#timel": timeFunc(true),
		"#rel2abs": rel2absFunc, "#titleparts": titlepartsFunc,
	}
	if e.strings {
		for k, v := range stringFuncs {
			fns[k] = v
		}
	}
	for name, fn := range fns {
		_ = p.AddFunction(name, fn)
	}
}

func ifFunc(f *preprocess.Frame, a *preprocess.Args) string {
	if a.Expand(0) != "" {
		return a.Expand(1)
	}
	return a.Expand(2)
}

// decoded returns an argument trimmed and with character references
// decoded, for comparisons.
func decoded(a *preprocess.Args, i int) string {
	return html.DecodeCharReferences(a.Expand(i))
}

func ifeqFunc(f *preprocess.Frame, a *preprocess.Args) string {
	if equal(decoded(a, 0), decoded(a, 1)) {
		return a.Expand(2)
	}
	return a.Expand(3)
}

var numericRegex = regexp.MustCompile(`^[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*$`)

// equal compares like PHP's loose numeric comparison: numerically when both
// sides are numeric strings, otherwise as strings.
func equal(a, b string) bool {
	if a == b {
		return true
	}
	if numericRegex.MatchString(a) && numericRegex.MatchString(b) {
		x, errA := parseFloat(a)
		y, errB := parseFloat(b)
		return errA == nil && errB == nil && x == y
	}
	return false
}

var errorRegex = regexp.MustCompile(`<(?:strong|span|p|div)\s(?:[^\s>]*\s+)*?class="(?:[^"\s>]*\s+)*?error(?:\s[^">]*)?"`)

func iferrorFunc(f *preprocess.Frame, a *preprocess.Args) string {
	test := a.Expand(0)
	if errorRegex.MatchString(test) {
		return a.Expand(1)
	}
	if a.Len() > 2 {
		return a.Expand(2)
	}
	return test
}

func ifexprFunc(f *preprocess.Frame, a *preprocess.Args) string {
	v, err := evalExpr(a.Expand(0))
	if err != nil {
		return errorHTML(err)
	}
	if v.empty || v.n == 0 {
		return a.Expand(2)
	}
	return a.Expand(1)
}

func exprFunc(f *preprocess.Frame, a *preprocess.Args) string {
	v, err := evalExpr(a.Expand(0))
	if err != nil {
		return errorHTML(err)
	}
	if v.empty {
		return ""
	}
	return formatNumber(v.n)
}

func errorHTML(err error) string {
	return `<strong class="error">` + html.EscapeHTML(err.Error()) + `</strong>`
}

// switchFunc implements #switch, including fall-through cases and
// #default in either form.
func switchFunc(f *preprocess.Frame, a *preprocess.Args) string {
	primary := decoded(a, 0)
	found, defaultFound, lastNoEquals := false, false, false
	lastItem := ""
	defaultIdx := -1
	for i := 1; i < a.Len(); i++ {
		name, value, hasEq := a.NameValue(i)
		if hasEq {
			lastNoEquals = false
			if found {
				return value
			}
			if defaultFound {
				defaultIdx, defaultFound = i, false
			}
			test := html.DecodeCharReferences(name)
			if equal(test, primary) {
				return value
			}
			if test == "#default" {
				defaultIdx = i
			}
			continue
		}
		lastNoEquals = true
		lastItem = a.Expand(i)
		test := html.DecodeCharReferences(lastItem)
		if equal(test, primary) {
			found = true
		} else if test == "#default" {
			defaultFound = true
		}
	}
	if lastNoEquals {
		return lastItem
	}
	if defaultIdx >= 0 {
		_, v, _ := a.NameValue(defaultIdx)
		return v
	}
	return ""
}

func ifexistFunc(f *preprocess.Frame, a *preprocess.Args) string {
	e := f.Expander()
	t, err := e.Host.ParseTitle(html.DecodeCharReferences(a.Expand(0)), 0)
	if err != nil || t.Interwiki != "" {
		return a.Expand(2)
	}
	if t.Namespace == -1 {
		return a.Expand(1)
	}
	if !e.IncrementExpensive() {
		return a.Expand(2)
	}
	if t.Namespace == -2 {
		t.Namespace = 6
		if repo, ok := e.Host.(wikitext.FileRepo); ok {
			if _, found, err := repo.FindFile(e.Ctx, t.Page()); err == nil && found {
				return a.Expand(1)
			}
		}
		return a.Expand(2)
	}
	exists, err := e.Host.PagesExist(e.Ctx, []wikitext.Title{t.Page()})
	if err == nil && exists[t.Page()] {
		return a.Expand(1)
	}
	return a.Expand(2)
}

func splitPath(s string) []string { return strings.Split(s, "/") }
