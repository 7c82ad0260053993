package parser

import "regexp"

var hrRegex = regexp.MustCompile(`(^|\n)-----*`)

// doHorizontalRules turns four or more dashes at the start of a line into
// <hr />; the rest of the line stays.
func doHorizontalRules(text string) string {
	return hrRegex.ReplaceAllString(text, "${1}<hr />")
}
