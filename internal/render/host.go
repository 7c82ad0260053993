package render

import (
	"context"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/env"
)

// host answers the parser's questions for one render.
type host struct {
	r   *Renderer
	ctx context.Context
}

var (
	_ wikitext.Host     = (*host)(nil)
	_ env.StatsHost     = (*host)(nil)
	_ wikitext.FileRepo = (*host)(nil)
)

func (h *host) ParseTitle(text string, defaultNS int) (wikitext.Title, error) {
	t, err := h.r.Namespaces.ParseTitle(text, defaultNS)
	if err != nil {
		return wikitext.Title{}, err
	}
	return toWT(t), nil
}

func (h *host) title(t wikitext.Title) folio.Title {
	ft := h.r.Namespaces.MakeTitle(t.Namespace, t.DBKey)
	ft.Fragment, ft.Interwiki = t.Fragment, t.Interwiki
	return ft
}

func (h *host) PrefixedText(t wikitext.Title) string { return h.title(t).PrefixedText() }

func (h *host) PageURL(t wikitext.Title, query string) string {
	return h.title(t).LocalURL(query)
}

// PagesExist asks the store in one batch. Special pages count as existing so
// that they never render as red links.
func (h *host) PagesExist(ctx context.Context, titles []wikitext.Title) (map[wikitext.Title]bool, error) {
	out := make(map[wikitext.Title]bool, len(titles))
	var targets []folio.LinkTarget
	for _, t := range titles {
		if t.Namespace == folio.NSSpecial || t.Interwiki != "" {
			out[t] = true
			continue
		}
		targets = append(targets, folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey})
	}
	if len(targets) == 0 {
		return out, nil
	}
	exist, err := h.r.Store.PagesExist(ctx, targets)
	if err != nil {
		return nil, err
	}
	for _, t := range titles {
		if _, done := out[t]; !done {
			out[t] = exist[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}]
		}
	}
	return out, nil
}

// TemplateSource returns the current text of a page, following one redirect
// as MediaWiki does for transclusion. The page row is read every time (so
// an edit is seen by the next render); the text of its latest revision
// comes from the Renderer's template cache when it holds it.
func (h *host) TemplateSource(ctx context.Context, t wikitext.Title) (string, bool, error) {
	for hop := 0; hop < 2; hop++ {
		if t.Namespace < 0 || t.Interwiki != "" {
			return "", false, nil
		}
		p, err := h.r.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return "", false, nil
		} else if err != nil {
			return "", false, err
		}
		rev, err := h.r.revisionText(ctx, p.Latest)
		if err != nil {
			return "", false, err
		}
		rd := rev.redirect
		if !p.IsRedirect || rd == nil || hop == 1 {
			return rev.text, true, nil
		}
		t = wikitext.Title{Namespace: rd.Namespace, DBKey: rd.DBKey}
	}
	return "", false, nil
}

func (h *host) SiteInfo() wikitext.SiteInfo { return h.r.siteInfo() }

func (h *host) Now() time.Time {
	if h.r.Now != nil {
		return h.r.Now()
	}
	return time.Now()
}

// SiteStats feeds the NUMBEROF… magic words.
func (h *host) SiteStats(ctx context.Context) (env.SiteStats, error) {
	st, err := h.r.Store.Stats(ctx)
	if err != nil {
		return env.SiteStats{}, err
	}
	return env.SiteStats{Articles: int64(st.Articles), Pages: int64(st.Pages), Edits: int64(st.Edits), Users: int64(st.Users)}, nil
}

// FindFile looks files up in the file repository, if there is one.
func (h *host) FindFile(ctx context.Context, t wikitext.Title) (wikitext.FileInfo, bool, error) {
	if h.r.Files == nil {
		return wikitext.FileInfo{}, false, nil
	}
	return h.r.Files.FindFile(ctx, t)
}

// ThumbURL returns the URL of a scaled file.
func (h *host) ThumbURL(f wikitext.FileInfo, width int) string {
	if h.r.Files == nil {
		return f.URL
	}
	return h.r.Files.ThumbURL(f, width)
}

// revisionText returns the text of revision id (and its redirect target),
// from the template cache or the store.
func (r *Renderer) revisionText(ctx context.Context, id int64) (*tplEntry, error) {
	limit := r.TemplateCacheBytes
	if limit == 0 {
		limit = DefaultTemplateCacheBytes
	}
	if limit > 0 {
		if e, ok := r.templates.get(id); ok {
			return e, nil
		}
	}
	rev, err := r.Store.FindRevisionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	e := &tplEntry{rev: id, text: rev.Text, redirect: r.redirect(rev.Text)}
	r.templates.put(e, limit)
	return e, nil
}
