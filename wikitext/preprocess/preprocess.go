// Package preprocess expands wikitext before parsing: comments,
// extension tags (replaced by strip markers), templates, template
// arguments, magic variables and parser functions.
package preprocess

import (
	"regexp"
	"strings"
)

// TagFunc renders an extension tag. attrs is the raw attribute text;
// content is nil for a self-closed tag. It returns HTML, which the caller
// hides behind a strip marker.
type TagFunc func(name, attrs string, content *string) string

// StripFunc stores HTML and returns the strip marker standing for it.
type StripFunc func(kind, name, html string) string

// Config is what the expander needs from the parser.
type Config struct {
	Tags  map[string]TagFunc // extension tags by lower-case name
	Strip StripFunc
}

var tagOpenRegex = regexp.MustCompile(`^<([A-Za-z][^\s/>]*)([^>]*?)(/?)>`)

// StripTags removes comments and replaces extension tags by strip markers.
func StripTags(text string, cfg *Config) string {
	var out strings.Builder
	i := 0
	for i < len(text) {
		j := strings.IndexByte(text[i:], '<')
		if j < 0 {
			out.WriteString(text[i:])
			break
		}
		out.WriteString(text[i : i+j])
		i += j
		if strings.HasPrefix(text[i:], "<!--") {
			i = skipComment(text, i, &out)
			continue
		}
		if n := extensionTag(text, i, cfg, &out); n > 0 {
			i = n
			continue
		}
		out.WriteByte('<')
		i++
	}
	return out.String()
}

// extensionTag handles an extension tag at text[i:]. It returns the index
// after the tag, or 0 when there is none.
func extensionTag(text string, i int, cfg *Config, out *strings.Builder) int {
	m := tagOpenRegex.FindStringSubmatchIndex(text[i:])
	if m == nil {
		return 0
	}
	name := strings.ToLower(text[i+m[2] : i+m[3]])
	fn, ok := cfg.Tags[name]
	if !ok {
		return 0
	}
	attrs := text[i+m[4] : i+m[5]]
	after := i + m[1]
	if m[6] != m[7] {
		out.WriteString(cfg.Strip("general", name, fn(name, attrs, nil)))
		return after
	}
	closeRe := regexp.MustCompile(`(?i)</` + regexp.QuoteMeta(name) + `\s*>`)
	c := closeRe.FindStringIndex(text[after:])
	if c == nil {
		return 0
	}
	content := text[after : after+c[0]]
	kind := "general"
	if name == "nowiki" {
		kind = "nowiki"
	}
	out.WriteString(cfg.Strip(kind, name, fn(name, attrs, &content)))
	return after + c[1]
}
