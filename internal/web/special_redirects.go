package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
)

// handleMyPage, handleMyTalk and handleMyContributions send the visitor to
// their own user page, talk page or contributions (an IP address stands
// for anonymous visitors), keeping a subpage and the query as MediaWiki
// does.
func (s *Server) handleMyPage(w http.ResponseWriter, r *http.Request) {
	s.redirectToOwn(w, r, folio.NSUser)
}

func (s *Server) handleMyTalk(w http.ResponseWriter, r *http.Request) {
	s.redirectToOwn(w, r, folio.NSUserTalk)
}

func (s *Server) handleMyContributions(w http.ResponseWriter, r *http.Request) {
	t := s.specialTitle("Contributions/" + s.visitorName(r))
	s.sendToTitle(w, r, t, r.URL.Query())
}

// redirectToOwn redirects to the visitor's page in namespace ns.
func (s *Server) redirectToOwn(w http.ResponseWriter, r *http.Request, ns int) {
	name := s.visitorName(r)
	if sub := specialSubpage(r); sub != "" {
		name += "/" + sub
	}
	t, err := s.Namespaces.ParseTitle(name, ns)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.sendToTitle(w, r, t, r.URL.Query())
}

// sendToTitle answers with a temporary redirect to t; the query (without
// title) is passed on, and private caching only, since the target depends
// on who asks.
func (s *Server) sendToTitle(w http.ResponseWriter, r *http.Request, t folio.Title, q url.Values) {
	q.Del("title")
	w.Header().Set("Cache-Control", "private, no-store")
	http.Redirect(w, r, s.titleURL(t, q), http.StatusFound)
}

// handleRedirect serves Special:Redirect/page/ID, /revision/ID and
// /user/ID (also as ?wptype=…&wpvalue=…): a redirect to the page, the
// revision or the user page with that id.
func (s *Server) handleRedirect(w http.ResponseWriter, r *http.Request) {
	kind, value, _ := strings.Cut(specialSubpage(r), "/")
	if kind == "" {
		kind, value = r.URL.Query().Get("wptype"), r.URL.Query().Get("wpvalue")
	}
	if kind == "" && value == "" {
		v := s.specialView(r, "Redirect")
		v.Data = struct{ FormTitle string }{"Special:Redirect"}
		s.render(w, r, http.StatusOK, "special_redirect", v)
		return
	}
	if kind == "file" && s.Files != nil { // Special:Redirect/file/Name is Special:FilePath/Name
		r.SetPathValue(subpageKey, value)
		s.handleFilePath(w, r)
		return
	}
	id, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter,
			"Special:Redirect needs a kind (page, revision or user) and a positive id, such as Special:Redirect/page/1."))
		return
	}
	t, q, err := s.idRedirectTarget(r, kind, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.sendToTitle(w, r, t, q)
}

// idRedirectTarget finds where Special:Redirect/kind/id leads.
func (s *Server) idRedirectTarget(r *http.Request, kind string, id int64) (folio.Title, url.Values, error) {
	ctx := r.Context()
	switch kind {
	case "page":
		p, err := s.Store.FindPageByID(ctx, id)
		if err != nil {
			return folio.Title{}, nil, err
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), url.Values{}, nil
	case "revision":
		rev, err := s.Store.FindRevisionByID(ctx, id)
		if err != nil {
			return folio.Title{}, nil, err
		}
		p, err := s.Store.FindPageByID(ctx, rev.PageID)
		if err != nil {
			return folio.Title{}, nil, err
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), url.Values{"oldid": {strconv.FormatInt(id, 10)}}, nil
	case "user":
		u, err := s.Store.FindUserByID(ctx, id)
		if err != nil {
			return folio.Title{}, nil, err
		}
		return s.userTitle(folio.NSUser, u.Name), url.Values{}, nil
	}
	return folio.Title{}, nil, folio.Errorf(folio.EInvalidParameter, "Special:Redirect knows page, revision and user ids, not %q.", kind)
}

// handlePermanentLink serves Special:PermanentLink/ID: the revision ID of
// its page (index.php?title=…&oldid=ID).
func (s *Server) handlePermanentLink(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(strings.TrimSpace(specialSubpage(r)), 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "Special:PermanentLink needs a revision id, such as Special:PermanentLink/1."))
		return
	}
	t, q, err := s.idRedirectTarget(r, "revision", id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.sendToTitle(w, r, t, q)
}

// handleDiffLink serves Special:Diff/ID (ID against the revision before
// it), Special:Diff/OLD/NEW and Special:Diff/ID/prev|next|cur, as
// MediaWiki's short diff links.
func (s *Server) handleDiffLink(w http.ResponseWriter, r *http.Request) {
	oldID, diff, err := parseDiffLink(specialSubpage(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	anchor := oldID
	if anchor == 0 {
		anchor, _ = strconv.ParseInt(diff, 10, 64)
	}
	t, _, err := s.idRedirectTarget(r, "revision", anchor)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := url.Values{"diff": {diff}}
	if oldID != 0 {
		q.Set("oldid", strconv.FormatInt(oldID, 10))
	}
	s.sendToTitle(w, r, t, q)
}

// parseDiffLink reads the subpage of Special:Diff: "NEW", "OLD/NEW" or
// "OLD/prev|next|cur". It returns the oldid (0 when absent) and the diff
// value.
func parseDiffLink(sub string) (int64, string, error) {
	bad := folio.Errorf(folio.EInvalidParameter, "Special:Diff needs revision ids, such as Special:Diff/12 or Special:Diff/11/12.")
	first, second, two := strings.Cut(strings.TrimSpace(sub), "/")
	a, err := strconv.ParseInt(first, 10, 64)
	if err != nil || a <= 0 {
		return 0, "", bad
	}
	if !two {
		return 0, first, nil
	}
	switch second {
	case "prev", "next", "cur":
		return a, second, nil
	}
	if b, err := strconv.ParseInt(second, 10, 64); err == nil && b > 0 {
		return a, second, nil
	}
	return 0, "", bad
}
