package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/folio-wiki/folio"
)

// rcLinkedMax caps how many linked pages Special:RecentChangesLinked looks
// at.
const rcLinkedMax = 5000

// rcLinkedForm is the target form of Special:RecentChangesLinked.
type rcLinkedForm struct {
	Target       string
	ShowLinkedTo bool
	Missing      bool // the target page does not exist
}

// handleRecentChangesLinked serves Special:RecentChangesLinked/Title (and
// target=): recent changes to the pages Title links to or transcludes, or
// with showlinkedto=1 to the pages that link to Title. It takes every
// option of Special:RecentChanges and offers the same feeds.
func (s *Server) handleRecentChangesLinked(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o := parseRCOptions(q, "")
	form := &rcLinkedForm{Target: targetParam(q, specialSubpage(r)), ShowLinkedTo: queryBool(q, "showlinkedto", false)}
	feed := q.Get("feed")
	if feed != "" {
		o.Limit = min(o.Limit, feedLimit)
	}
	var rcs []*folio.RecentChange
	t := rcTarget{Title: s.specialTitle("RecentChangesLinked"), Extra: url.Values{}}
	if form.Target != "" {
		title, err := s.Namespaces.ParseTitle(form.Target, folio.NSMain)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		form.Target = title.PrefixedText()
		t.Extra.Set("target", form.Target)
		setBool(t.Extra, "showlinkedto", form.ShowLinkedTo, false)
		pages, missing, err := s.linkedPages(r.Context(), title, form.ShowLinkedTo)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		form.Missing = missing
		if rcs, err = s.findRecentChanges(r.Context(), o, s.visitorName(r), pages); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	s.writeChanges(w, r, "RecentChangesLinked", feed, o, t, rcs, form)
}

// linkedPages returns the pages t links to or transcludes, or with
// linkedTo the pages linking to or transcluding t; missing tells that t
// does not exist.
func (s *Server) linkedPages(ctx context.Context, t folio.Title, linkedTo bool) (map[folio.LinkTarget]bool, bool, error) {
	out := map[folio.LinkTarget]bool{}
	if linkedTo {
		for _, kind := range []string{"link", "template"} {
			target := folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}
			pages, err := s.Store.FindBacklinks(ctx, folio.BacklinkFilter{Target: target, Kind: kind, Limit: rcLinkedMax})
			if err != nil {
				return nil, false, err
			}
			for _, p := range pages {
				out[folio.LinkTarget{Namespace: p.Namespace, DBKey: p.DBKey}] = true
			}
		}
		return out, false, nil
	}
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		return out, true, nil
	} else if err != nil {
		return nil, false, err
	}
	links, err := s.Store.FindLinks(ctx, p.ID)
	if err != nil {
		return nil, false, err
	}
	for _, lt := range append(links.Links, links.Templates...) {
		out[folio.LinkTarget{Namespace: lt.Namespace, DBKey: lt.DBKey}] = true
	}
	return out, false, nil
}
