package web

import (
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// formatDate formats t as MediaWiki's default English date preference:
// "13:45, 23 November 2026", in UTC.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("15:04, 2 January 2006")
}

// formatDay and formatTime are the two halves of formatDate, for footers.
func formatDay(t time.Time) string  { return t.UTC().Format("2 January 2006") }
func formatTime(t time.Time) string { return t.UTC().Format("15:04") }

// mwTimestamp formats t as MediaWiki's 14-digit timestamp (wpEdittime).
func mwTimestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("20060102150405")
}

// formatNumber writes n with commas between groups of three digits.
func formatNumber(n int) string {
	if n < 0 {
		return "-" + formatNumber(-n)
	}
	s := strconv.Itoa(n)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// formatBytes renders a page size as in histories: "1,234 bytes".
func formatBytes(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return formatNumber(n) + " bytes"
}

// formatSizeDiff renders a size change with MediaWiki's classes:
// mw-plusminus-pos, -neg or -null; large changes are bold.
func formatSizeDiff(diff int) template.HTML {
	class, text := "mw-plusminus-null", "0"
	switch {
	case diff > 0:
		class, text = "mw-plusminus-pos", "+"+formatNumber(diff)
	case diff < 0:
		class, text = "mw-plusminus-neg", "−"+formatNumber(-diff)
	}
	out := `<span dir="ltr" class="` + class + ` mw-diff-bytes" title="` + formatBytes(abs(diff)) + ` changed">` + text + `</span>`
	if abs(diff) > 500 {
		out = "<strong>" + out + "</strong>"
	}
	return template.HTML(out)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
