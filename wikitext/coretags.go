package wikitext

import (
	"regexp"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

var nowikiEscaper = strings.NewReplacer("-{", "-&#123;", "}-", "&#125;-", "<", "&lt;", ">", "&gt;")

// nowikiTag renders <nowiki>: its content is shown as text.
func nowikiTag(f *preprocess.Frame, name, attrs string, content *string) string {
	if content == nil {
		return ""
	}
	return nowikiEscaper.Replace(*content)
}

var nowikiDelims = regexp.MustCompile(`(?is)<nowiki>(.*?)</nowiki>`)

// preTag renders <pre>: preformatted text where markup is shown as text.
func preTag(f *preprocess.Frame, name, attrs string, content *string) string {
	a := html.PlainAttributes(attrs, "pre")
	if content == nil {
		return "<pre" + a + "></pre>"
	}
	text := nowikiDelims.ReplaceAllString(*content, "$1")
	if strings.HasPrefix(text, "\n") {
		// The HTML parser drops a newline right after <pre>; keep the
		// author's one.
		text = "\n" + text
	}
	return "<pre" + a + ">" + html.EscapeTagsOnly(text) + "</pre>"
}
