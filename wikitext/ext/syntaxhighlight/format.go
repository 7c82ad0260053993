package syntaxhighlight

import (
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

type formatOptions struct {
	inline      bool
	lineNumbers bool
	start       int
	highlight   map[int]bool
}

var tokenEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// format writes tokens as Pygments' HTML formatter does: one <span> per
// run of a token type with its short class, plain text and whitespace
// unwrapped, highlighted lines in <span class="hll"> and line numbers in
// <span class="linenos">.
func format(tokens []chroma.Token, o formatOptions) string {
	lines := splitLines(tokens)
	var b strings.Builder
	if !o.inline {
		b.WriteString("<pre><span></span>")
	}
	width := len(strconv.Itoa(o.start + len(lines) - 1))
	for i, line := range lines {
		hl := o.highlight[i+1] && !o.inline
		if hl {
			b.WriteString(`<span class="hll">`)
		}
		if o.lineNumbers && !o.inline {
			num := strconv.Itoa(o.start + i)
			b.WriteString(`<span class="linenos">` + strings.Repeat(" ", width-len(num)) + num + `</span>`)
		}
		for _, t := range line {
			writeToken(&b, t)
		}
		if !o.inline {
			b.WriteString("\n")
		} else if i < len(lines)-1 {
			b.WriteString(" ")
		}
		if hl {
			b.WriteString("</span>")
		}
	}
	if !o.inline {
		b.WriteString("</pre>")
	}
	return b.String()
}

func writeToken(b *strings.Builder, t chroma.Token) {
	class := tokenClass(t.Type)
	if class == "" {
		b.WriteString(tokenEscaper.Replace(t.Value))
		return
	}
	b.WriteString(`<span class="` + class + `">` + tokenEscaper.Replace(t.Value) + `</span>`)
}

// tokenClass returns the Pygments short class of a token type, falling
// back to its parents; text and whitespace have none.
func tokenClass(tt chroma.TokenType) string {
	if tt == chroma.Text || tt == chroma.TextWhitespace || tt == chroma.Whitespace {
		return ""
	}
	for t := tt; ; {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
		p := t.Parent()
		if p == t || p == 0 {
			return ""
		}
		t = p
	}
}

// splitLines cuts tokens at line ends, merging neighbouring tokens of the
// same class as Pygments does; the text's final newline ends the last
// line.
func splitLines(tokens []chroma.Token) [][]chroma.Token {
	var lines [][]chroma.Token
	var cur []chroma.Token
	add := func(t chroma.Token) {
		if t.Value == "" {
			return
		}
		if n := len(cur); n > 0 && tokenClass(cur[n-1].Type) == tokenClass(t.Type) {
			cur[n-1].Value += t.Value
			return
		}
		cur = append(cur, t)
	}
	for _, t := range tokens {
		parts := strings.Split(t.Value, "\n")
		for i, p := range parts {
			if i > 0 {
				lines = append(lines, cur)
				cur = nil
			}
			add(chroma.Token{Type: t.Type, Value: p})
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}
