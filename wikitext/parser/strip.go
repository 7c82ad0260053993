package parser

import (
	"fmt"
	"strings"
)

// MarkerPrefix starts every strip marker. It contains a DEL byte, which the
// sanitizer never produces, so markers cannot be forged by wikitext.
const MarkerPrefix = "\x7f'\"`UNIQ-"

// MarkerSuffix ends every strip marker.
const MarkerSuffix = "-QINU`\"'\x7f"

// markerLen returns the length of the strip marker at the start of s
// (MarkerPrefix, a name of [a-z0-9]+, '-', 8 hex digits, MarkerSuffix),
// or 0 when there is none.
func markerLen(s string) int {
	if !strings.HasPrefix(s, MarkerPrefix) {
		return 0
	}
	i := len(MarkerPrefix)
	j := i
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || '0' <= s[j] && s[j] <= '9') {
		j++
	}
	if j == i || j+9 > len(s) || s[j] != '-' {
		return 0
	}
	j++
	for k := j; k < j+8; k++ {
		if c := s[k]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return 0
		}
	}
	j += 8
	if !strings.HasPrefix(s[j:], MarkerSuffix) {
		return 0
	}
	return j + len(MarkerSuffix)
}

// replaceMarkers returns text with each strip marker m replaced by
// repl(m); repl returns ok false to keep a marker.
func replaceMarkers(text string, repl func(m string) (string, bool)) string {
	var b strings.Builder
	last := 0
	for off := 0; ; {
		i := strings.Index(text[off:], MarkerPrefix)
		if i < 0 {
			break
		}
		i += off
		n := markerLen(text[i:])
		if n == 0 {
			off = i + 1
			continue
		}
		off = i + n
		r, ok := repl(text[i : i+n])
		if !ok {
			continue
		}
		if last == 0 && b.Cap() == 0 {
			b.Grow(len(text) + len(r))
		}
		b.WriteString(text[last:i])
		b.WriteString(r)
		last = off
	}
	if last == 0 && b.Len() == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// StripState holds the HTML hidden behind strip markers during a parse.
// "nowiki" items are restored after the general ones.
type StripState struct {
	items map[string]stripItem
	n     int
}

type stripItem struct {
	kind string
	html string
}

// NewStripState returns an empty strip state.
func NewStripState() *StripState { return &StripState{items: map[string]stripItem{}} }

// Add stores html and returns the marker that stands for it. kind is
// "nowiki" for content that later passes must not touch even after block
// formatting, anything else (usually the tag name) for general content.
func (s *StripState) Add(kind, name, html string) string {
	s.n++
	m := fmt.Sprintf("%s%s-%08x%s", MarkerPrefix, name, s.n, MarkerSuffix)
	s.items[m] = stripItem{kind: kind, html: html}
	return m
}

// UnstripGeneral restores all general items.
func (s *StripState) UnstripGeneral(text string) string { return s.unstrip(text, "general") }

// UnstripNoWiki restores all nowiki items.
func (s *StripState) UnstripNoWiki(text string) string { return s.unstrip(text, "nowiki") }

// UnstripBoth restores everything.
func (s *StripState) UnstripBoth(text string) string { return s.unstrip(text, "") }

func (s *StripState) unstrip(text, kind string) string {
	for depth := 0; depth < 20 && strings.Contains(text, MarkerPrefix); depth++ {
		changed := false
		text = replaceMarkers(text, func(m string) (string, bool) {
			it, ok := s.items[m]
			if !ok || (kind != "" && it.kind != kind && !(kind == "general" && it.kind != "nowiki")) {
				return "", false
			}
			changed = true
			return it.html, true
		})
		if !changed {
			break
		}
	}
	return text
}

// KillMarkers removes all strip markers from text.
func KillMarkers(text string) string {
	return replaceMarkers(text, func(string) (string, bool) { return "", true })
}
