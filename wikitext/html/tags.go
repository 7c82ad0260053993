// Package html holds the HTML side of the wikitext engine: the sanitizer that
// decides which tags and attributes wikitext may use, entity handling and
// escaping helpers that reproduce MediaWiki's output bytes.
package html

import "strings"

// pairedTags may be written with an opening and a closing tag.
var pairedTags = words(`b bdi del i ins u font big small sub sup h1 h2 h3 h4 h5 h6
	cite code em s strike strong tt var div center blockquote ol ul dl table caption
	pre ruby rb rp rt rtc p span abbr dfn kbd samp data time mark q bdo
	tr td th li dt dd`)

// singleTags may appear without a closing tag.
var singleTags = words(`br wbr hr li dt dd meta link`)

// singleOnlyTags may never have a closing tag.
var singleOnlyTags = words(`br wbr hr meta link`)

// AllowedTag reports whether wikitext may contain the HTML element name
// (lower case).
func AllowedTag(name string) bool {
	return pairedTags[name] || singleTags[name]
}

// SingleOnly reports whether the element is void (br, hr, wbr, meta, link).
func SingleOnly(name string) bool { return singleOnlyTags[name] }

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// commonAttrs are allowed on every element.
var commonAttrs = words(`id class style lang dir title tabindex aria-describedby
	aria-flowto aria-hidden aria-label aria-labelledby aria-owns role
	about property resource datatype typeof
	itemid itemprop itemref itemscope itemtype`)

// blockAttrs adds align to the common set.
var blockAttrs = words(`align`)

var tableAttrs = words(`summary width border frame rules cellspacing cellpadding align bgcolor`)
var cellAttrs = words(`abbr axis headers scope rowspan colspan nowrap width height bgcolor align valign`)

// elementAttrs lists the attributes each element allows beyond commonAttrs.
var elementAttrs = map[string]map[string]bool{
	"div": blockAttrs, "center": nil, "span": nil,
	"h1": blockAttrs, "h2": blockAttrs, "h3": blockAttrs,
	"h4": blockAttrs, "h5": blockAttrs, "h6": blockAttrs,
	"p": blockAttrs, "caption": blockAttrs,
	"blockquote": words("cite"), "q": words("cite"),
	"br": words("clear"), "hr": nil,
	"pre": words("width"),
	"ins": words("cite datetime"), "del": words("cite datetime"),
	"ul": words("type"), "ol": words("type start reversed"), "li": words("type value"),
	"table": tableAttrs, "td": cellAttrs, "th": cellAttrs,
	"tr":   words("bgcolor align valign"),
	"font": words("size color face"),
	"time": words("datetime"), "data": words("value"),
	"meta": words("itemprop content"), "link": words("itemprop href title"),
	"img": words("alt src width height srcset"),
	"a":   words("href rel rev"),
	"rt":  words("rbspan"),
}

// AllowedAttr reports whether attribute attr (lower case) is allowed on
// element el.
func AllowedAttr(el, attr string) bool {
	if commonAttrs[attr] {
		return true
	}
	if strings.HasPrefix(attr, "data-") {
		return validDataAttr(attr)
	}
	if attr == "tabindex" {
		return true // the value is checked by ValidateAttributes
	}
	return elementAttrs[el][attr]
}

func validDataAttr(attr string) bool {
	if strings.HasPrefix(attr, "data-ooui") || strings.HasPrefix(attr, "data-mw") ||
		strings.HasPrefix(attr, "data-parsoid") {
		return false
	}
	if len(attr) <= len("data-") {
		return false
	}
	for _, c := range attr[5:] {
		if c == ':' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '=' || c == '/' || c == '_' {
			return false
		}
	}
	return true
}
