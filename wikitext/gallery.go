package wikitext

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/parser"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// parserKey is the expander data key holding the parse's parser.Context.
const parserKey = "wikitext.parser"

// galleryTag renders <gallery> in the traditional layout.
func galleryTag(f *preprocess.Frame, name, attrText string, content *string) string {
	pc, _ := f.Expander().Data[parserKey].(*parser.Context)
	if pc == nil {
		return ""
	}
	attrs := html.DecodeTagAttributes(attrText)
	g := &parser.Gallery{Widths: 120, Heights: 120}
	if v, ok := attrs.Get("widths"); ok {
		g.Widths = pixels(v, 120)
	}
	if v, ok := attrs.Get("heights"); ok {
		g.Heights = pixels(v, 120)
	}
	if v, ok := attrs.Get("perrow"); ok {
		g.PerRow, _ = strconv.Atoi(strings.TrimSpace(v))
	}
	if v, ok := attrs.Get("caption"); ok {
		g.Caption = f.Expander().RecursiveTagParse(f, v)
	}
	var kept html.Attrs
	for _, a := range html.ValidateAttributes(attrs, "ul") {
		switch a.Name {
		case "class":
			g.Class = a.Value
		case "style":
			g.Style = a.Value
		default:
			kept = append(kept, a)
		}
	}
	g.Attrs = html.EncodeAttributes(kept)
	if content != nil {
		for _, line := range strings.Split(*content, "\n") {
			expanded := f.Expand(f.Expander().Build(line, false))
			pc.AddGalleryLine(g, expanded)
		}
	}
	return g.Render()
}

func pixels(v string, def int) int {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return def
	}
	return n
}
