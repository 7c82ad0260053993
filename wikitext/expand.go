package wikitext

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Expansion is the outcome of ExpandTemplates.
type Expansion struct {
	// Text is the wikitext with templates, parser functions, variables and
	// arguments expanded; comments are removed and extension tags are
	// left as written.
	Text string
	// Templates are the pages transcluded, in order of first use.
	Templates []Title
	// Categories are the tracking categories the expansion added (DB keys).
	Categories []string
}

// headingMarker matches the markers the expander puts into headings for
// section edit links; plain expansion drops them.
var headingMarker = regexp.MustCompile("\x7f'\"`UNIQ--h-[0-9]+--QINU`\"'\x7f")

// ExpandTemplates runs only the preprocessor over src, as MediaWiki's
// action=expandtemplates does: the result is wikitext, not HTML. Like
// Parse, it returns what it could expand together with the first host
// error.
func (p *Parser) ExpandTemplates(ctx context.Context, src string, opts ParseOptions) (*Expansion, error) {
	if opts.Host == nil {
		return nil, errors.New("wikitext: ParseOptions.Host is nil")
	}
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	exp, pc := p.newParse(ctx, opts)
	exp.Registry = p.reg.WithTagsAsSource()
	text := exp.ExpandPage(src)
	text = headingMarker.ReplaceAllString(pc.Strip.UnstripBoth(text), "")
	out := &Expansion{Text: text, Templates: exp.Templates, Categories: exp.Categories}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := exp.Err(); err != nil {
		return out, fmt.Errorf("expand templates: %w", err)
	}
	return out, nil
}
