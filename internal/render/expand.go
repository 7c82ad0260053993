package render

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
)

// ExpandTemplates expands the templates, parser functions and variables
// of text as if it were on page t, without rendering it
// (action=expandtemplates).
func (r *Renderer) ExpandTemplates(ctx context.Context, t folio.Title, text string) (*wikitext.Expansion, error) {
	h := &host{r: r, ctx: ctx}
	out, err := r.parser(false).ExpandTemplates(ctx, text, wikitext.ParseOptions{Title: toWT(t), Host: h})
	if err != nil {
		return nil, fmt.Errorf("expand templates on %s: %w", t.PrefixedText(), err)
	}
	return out, nil
}
