package parser

import (
	"fmt"
	"regexp"
	"strings"
)

// MarkerPrefix starts every strip marker. It contains a DEL byte, which the
// sanitizer never produces, so markers cannot be forged by wikitext.
const MarkerPrefix = "\x7f'\"`UNIQ-"

// MarkerSuffix ends every strip marker.
const MarkerSuffix = "-QINU`\"'\x7f"

var markerRegex = regexp.MustCompile("\x7f'\"`UNIQ-([a-z0-9]+)-([0-9a-f]{8})-QINU`\"'\x7f")

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
		text = markerRegex.ReplaceAllStringFunc(text, func(m string) string {
			it, ok := s.items[m]
			if !ok || (kind != "" && it.kind != kind && !(kind == "general" && it.kind != "nowiki")) {
				return m
			}
			changed = true
			return it.html
		})
		if !changed {
			break
		}
	}
	return text
}

// KillMarkers removes all strip markers from text.
func KillMarkers(text string) string { return markerRegex.ReplaceAllString(text, "") }
