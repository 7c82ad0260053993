package syntaxhighlight

import (
	"fmt"
	"sort"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// StyleName is the Chroma style of the stylesheet: the port of Pygments'
// default style, which MediaWiki's generated CSS uses.
const StyleName = "pygments"

// Stylesheet returns the CSS for highlighted code: one rule per Pygments
// token class under .mw-highlight, plus the highlighted-line and line
// number rules. The server serves it as a static file, so pages carry
// classes only and no inline styles.
func Stylesheet() string {
	style := styles.Get(StyleName)
	var rules []string
	for tt, class := range chroma.StandardTypes {
		if class == "" || tt == chroma.Background {
			continue
		}
		if decl := declarations(style.Get(tt), style.Get(chroma.Background)); decl != "" {
			rules = append(rules, fmt.Sprintf(".mw-highlight .%s { %s }", class, decl))
		}
	}
	sort.Strings(rules)
	var b strings.Builder
	b.WriteString("/* Colours of <syntaxhighlight>, generated from Chroma's \"" + StyleName + "\" style. */\n")
	b.WriteString(".mw-highlight pre { line-height: 1.3em; }\n")
	b.WriteString(".mw-highlight .hll { background-color: #ffffcc; }\n")
	b.WriteString(".mw-highlight .linenos { color: inherit; background-color: transparent; padding-left: 5px; " +
		"padding-right: 5px; margin-right: 5px; user-select: none; }\n")
	for _, r := range rules {
		b.WriteString(r + "\n")
	}
	return b.String()
}

// declarations returns the CSS of one style entry, leaving out what it
// shares with the background.
func declarations(e, bg chroma.StyleEntry) string {
	var d []string
	if e.Colour.IsSet() && e.Colour != bg.Colour {
		d = append(d, "color: "+e.Colour.String())
	}
	if e.Background.IsSet() && e.Background != bg.Background {
		d = append(d, "background-color: "+e.Background.String())
	}
	if e.Bold == chroma.Yes {
		d = append(d, "font-weight: bold")
	}
	if e.Italic == chroma.Yes {
		d = append(d, "font-style: italic")
	}
	if e.Underline == chroma.Yes {
		d = append(d, "text-decoration: underline")
	}
	if e.Border.IsSet() {
		d = append(d, "border: 1px solid "+e.Border.String())
	}
	return strings.Join(d, "; ")
}
