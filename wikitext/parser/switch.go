package parser

import (
	"regexp"
	"strings"
)

// BehaviourSwitches are the __WORD__ magic words the core parser removes
// from the text and records.
var BehaviourSwitches = []string{
	"NOTOC", "FORCETOC", "TOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK",
	"NOGALLERY", "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "NOCONTENTCONVERT", "NOCC",
	"NOTITLECONVERT", "NOTC", "INDEX", "NOINDEX", "STATICREDIRECT", "NOGLOBAL",
	"DISAMBIG", "EXPECTUNUSEDTEMPLATE",
}

var switchRegex = regexp.MustCompile(`(?i)__(` + strings.Join(BehaviourSwitches, "|") + `)__`)

// doDoubleUnderscore removes behaviour switches and records them. Only the
// first __TOC__ is kept, as a placeholder where the TOC goes.
func (c *Context) doDoubleUnderscore(text string) string {
	if !strings.Contains(text, "__") {
		return text
	}
	return switchRegex.ReplaceAllStringFunc(text, func(m string) string {
		name := strings.ToUpper(m[2 : len(m)-2])
		if name == "TOC" && !c.Switch("TOC") {
			c.SetSwitch(name)
			return tocPlaceholder
		}
		c.SetSwitch(name)
		if name == "NEWSECTIONLINK" {
			c.Out.Flags["mw-NewSection"] = true
		}
		switch name {
		case "NOINDEX", "INDEX", "HIDDENCAT", "NOGALLERY", "NEWSECTIONLINK", "NONEWSECTIONLINK",
			"EXPECTUNUSEDCATEGORY", "NOEDITSECTION", "STATICREDIRECT", "DISAMBIG":
			c.Out.Properties[strings.ToLower(name)] = ""
		}
		return ""
	})
}
