package parser

import (
	"regexp"
	"strconv"
	"strings"
)

var headingRegexes [7]*regexp.Regexp

func init() {
	for i := 1; i <= 6; i++ {
		h := strings.Repeat("=", i)
		headingRegexes[i] = regexp.MustCompile(`(?m)^` + h + `[ \t]*(.+?)[ \t]*` + h + `\s*$`)
	}
}

// doHeadings turns "== text ==" lines into <hN> elements, from level 6 down
// so that longer runs of '=' win. The preprocessor's heading marker stays
// inside the element and tells formatHeadings where the heading came from.
func doHeadings(text string) string {
	if !strings.Contains(text, "=") {
		return text
	}
	for i := 6; i >= 1; i-- {
		h := strings.Repeat("=", i)
		if !strings.HasPrefix(text, h) && !strings.Contains(text, "\n"+h) {
			continue
		}
		n := strconv.Itoa(i)
		text = headingRegexes[i].ReplaceAllString(text, "<h"+n+">${1}</h"+n+">")
	}
	return text
}
