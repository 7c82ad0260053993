package wikitext

import "regexp"

var redirectRegex = regexp.MustCompile(`(?is)^[ \t\n\r\x00\x0b]*#REDIRECT[ \t]*:?[ \t]*\[\[([^\]\|\n]+)(?:\|[^\]]*)?\]\]`)

// Redirect reports whether src is a redirect ("#REDIRECT [[Target]]",
// case-insensitive, with an optional colon) and returns the target text as
// written, including any fragment.
func Redirect(src string) (target string, ok bool) {
	m := redirectRegex.FindStringSubmatch(src)
	if m == nil {
		return "", false
	}
	return m[1], true
}
