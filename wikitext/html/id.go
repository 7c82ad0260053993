package html

import (
	"net/url"
	"strings"
)

// FragmentMode selects how ids and fragments are encoded.
type FragmentMode int

// Fragment encodings, as MediaWiki's $wgFragmentMode values.
const (
	FragmentLegacy FragmentMode = iota // dots for percent signs: "H.C3.A9"
	FragmentHTML5                      // raw UTF-8 with underscores
)

// EscapeIDForAttribute encodes an element id in legacy mode.
func EscapeIDForAttribute(id string) string { return EscapeID(id, FragmentLegacy) }

// EscapeID encodes text for use as an element id or fragment.
func EscapeID(id string, mode FragmentMode) string {
	if mode == FragmentHTML5 {
		id = strings.ReplaceAll(id, " ", "_")
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\f' || r == '\r' {
				return '_'
			}
			return r
		}, id)
	}
	id = url.QueryEscape(strings.ReplaceAll(id, " ", "_"))
	id = strings.ReplaceAll(id, "~", "%7E")
	id = strings.ReplaceAll(id, "%3A", ":")
	return strings.ReplaceAll(id, "%", ".")
}
