package wikitext

import (
	"net/url"
	"strings"
)

// escapeWiki escapes characters that would be wikitext markup when the
// text is inserted into a page (MediaWiki's wfEscapeWikiText).
func escapeWiki(s string) string {
	if s == "" {
		return s
	}
	return wikiEscaper.Replace("\n" + s)[1:]
}

// wikiEscaper lists longer patterns first: at each position the first
// matching pattern wins.
var wikiEscaper = strings.NewReplacer(
	"\n----", "\n&#45;---", "\r----", "\r&#45;---",
	"ISBN ", "ISBN&#32;", "ISBN\t", "ISBN&#9;", "RFC ", "RFC&#32;", "RFC\t", "RFC&#9;",
	"PMID ", "PMID&#32;", "PMID\t", "PMID&#9;",
	"://", "&#58;//", "~~~", "~~&#126;",
	"\n!", "\n&#33;", "\r!", "\r&#33;", "\n#", "\n&#35;", "\r#", "\r&#35;",
	"\n*", "\n&#42;", "\r*", "\r&#42;", "\n:", "\n&#58;", "\r:", "\r&#58;",
	"\n ", "\n&#32;", "\r ", "\r&#32;", "\n\n", "\n&#10;", "\r\n", "&#13;\n",
	"\n\r", "\n&#13;", "\r\r", "\r&#13;", "\n\t", "\n&#9;", "\r\t", "\r&#9;",
	"!!", "&#33;!", "__", "_&#95;",
	`"`, "&#34;", "&", "&#38;", "'", "&#39;", "<", "&#60;", "=", "&#61;", ">", "&#62;",
	"[", "&#91;", "]", "&#93;", "{", "&#123;", "|", "&#124;", "}", "&#125;", ";", "&#59;",
)

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// urlencodeTitle encodes a title for URLs like MediaWiki's wfUrlencode.
func urlencodeTitle(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	r := strings.NewReplacer("%3B", ";", "%40", "@", "%24", "$", "%21", "!", "%2A", "*",
		"%28", "(", "%29", ")", "%2C", ",", "%2F", "/", "%7E", "~", "%3A", ":")
	return r.Replace(e)
}
