package render

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
)

// PreSaveTransform implements wiki.PreSaver: it expands {{subst:…}},
// signatures and the pipe trick in text about to be saved as page t.
// prefs are the author's user options; "nickname" and "fancysig" shape
// the signature.
func (r *Renderer) PreSaveTransform(ctx context.Context, t folio.Title, text string, author folio.Actor, prefs map[string]string) (string, error) {
	opts := wikitext.PSTOptions{
		Title: toWT(t), Host: &host{r: r, ctx: ctx},
		User: author.Name, Registered: !author.IsAnon(),
		Nickname: prefs["nickname"], FancySig: prefs["fancysig"] == "1",
	}
	out, err := r.parser(false).PreSaveTransform(ctx, text, opts)
	if err != nil {
		return "", fmt.Errorf("pre-save transform of %s: %w", t.PrefixedText(), err)
	}
	return out, nil
}
