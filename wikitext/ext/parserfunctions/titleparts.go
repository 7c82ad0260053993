package parserfunctions

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// titlepartsFunc implements {{#titleparts:title|count|first}}.
func titlepartsFunc(f *preprocess.Frame, a *preprocess.Args) string {
	text := a.Expand(0)
	h := f.Expander().Host
	t, err := h.ParseTitle(html.DecodeCharReferences(text), 0)
	if err != nil {
		return text
	}
	parts := splitPath(h.PrefixedText(t))
	count, _ := strconv.Atoi(a.Expand(1))
	first, _ := strconv.Atoi(a.Expand(2))
	offset := 0
	if first > 0 {
		offset = first - 1
	} else if first < 0 {
		offset = len(parts) + first
	}
	offset = min(max(offset, 0), len(parts))
	parts = parts[offset:]
	switch {
	case count > 0 && count < len(parts):
		parts = parts[:count]
	case count < 0:
		parts = parts[:max(len(parts)+count, 0)]
	}
	return strings.Join(parts, "/")
}

var (
	dotSegments   = regexp.MustCompile(`/(\./)+`)
	doubleSlashes = regexp.MustCompile(`/{2,}`)
)

// rel2absFunc implements {{#rel2abs:path|base}}.
func rel2absFunc(f *preprocess.Frame, a *preprocess.Args) string {
	to, from := a.Expand(0), a.Expand(1)
	if from == "" {
		e := f.Expander()
		from = e.Host.PrefixedText(e.Title)
	}
	to = strings.TrimRight(to, " /")
	if to == "" || to == "." {
		return from
	}
	if !strings.HasPrefix(to, "/") && !strings.HasPrefix(to, "./") && !strings.HasPrefix(to, "../") && to != ".." {
		from = ""
	}
	full := "/" + from + "/" + to + "/"
	full = dotSegments.ReplaceAllString(full, "/")
	full = doubleSlashes.ReplaceAllString(full, "/")
	full = strings.Trim(full, "/")
	var out []string
	for _, p := range strings.Split(full, "/") {
		if p != ".." {
			out = append(out, p)
			continue
		}
		if len(out) == 0 {
			return `<strong class="error">Error: Invalid depth in path: "` + html.EscapeHTML(full) +
				`" (tried to access a node above the root node).</strong>`
		}
		out = out[:len(out)-1]
	}
	return strings.Join(out, "/")
}
