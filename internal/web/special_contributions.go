package web

import (
	"context"
	"html/template"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"

	"github.com/folio-wiki/folio"
)

// contribsPage is what templates/special_contributions.html shows.
type contribsPage struct {
	Target          string
	FormTitle       string
	NamespaceSelect template.HTML
	Options         contribsOptions
	UserTools       template.HTML // "For User (talk | logs)"
	Missing         bool          // no account has this name
	Lines           []contribLine
	Nav             *pagerNav
}

// contribLine is one revision of a user's contributions.
type contribLine struct {
	RevID   int64
	Date    link // to the revision (oldid)
	Diff    link // Href empty for a page creation
	Hist    link
	Size    template.HTML
	New     bool
	Minor   bool
	Title   link
	Comment template.HTML
	Current bool
}

// handleContributions serves Special:Contributions/Name and
// Special:Contributions?target=Name, with a namespace filter and paging.
func (s *Server) handleContributions(w http.ResponseWriter, r *http.Request) {
	o := parseContribsOptions(r.URL.Query(), specialSubpage(r))
	v := s.specialView(r, "Contributions")
	data := contribsPage{Target: o.Target, FormTitle: "Special:Contributions", Options: o,
		NamespaceSelect: s.namespaceSelect("namespace", o.Namespace, "all")}
	if o.Target == "" {
		v.Data = data
		s.render(w, r, http.StatusOK, "special_contributions", v)
		return
	}
	name, err := s.userName(o.Target)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data.Target = name
	p := parsePager(r, listDefaultLimit)
	revs, more, err := s.findContributions(r.Context(), o, name, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	data.Lines = s.contribLines(r.Context(), revs)
	data.Nav = p.nav(s.contribsURL(name, o), firstRevID(revs), lastRevID(revs), more)
	data.UserTools, data.Missing = s.contribsUserTools(r.Context(), name)
	v.Subtitle = data.UserTools
	v.Data = data
	s.render(w, r, http.StatusOK, "special_contributions", v)
}

// contribsBatch is how many revisions a row-filtered listing reads at a
// time; it reads at most rcMaxBatches batches.
const contribsBatch = 500

// findContributions reads one page of the user's revisions, newest first,
// and reports whether more exist beyond it in the direction read. Options
// a store filter cannot express are checked row by row over batches.
func (s *Server) findContributions(ctx context.Context, o contribsOptions, name string, p pager) ([]*folio.Revision, bool, error) {
	f := folio.RevisionFilter{ActorName: &name, Before: p.Before(), After: p.After(),
		Reverse: p.Newer(), Limit: p.Limit + 1} // Reverse: oldest first when reading newer rows
	if !o.Invert && !o.Associated {
		f.Namespace = o.Namespace // the store can filter a single namespace
	}
	keep := func(*folio.Revision) bool { return true }
	if o.needsRowFilter() {
		f.Limit = contribsBatch
		keep = s.contribsRowFilter(ctx, o)
	}
	var out []*folio.Revision // in the order read, nearest the cursor first
	for range rcMaxBatches {
		batch, err := s.Store.FindRevisions(ctx, f)
		if err != nil {
			return nil, false, err
		}
		for _, rev := range batch {
			if keep(rev) {
				out = append(out, rev)
			}
		}
		if len(out) > p.Limit || len(batch) < f.Limit {
			break
		}
		if last := batch[len(batch)-1].ID; p.Newer() {
			f.After = last
		} else {
			f.Before = last
		}
	}
	more := len(out) > p.Limit
	out = out[:min(len(out), p.Limit)]
	if p.Newer() {
		slices.Reverse(out)
	}
	return out, more, nil
}

// contribsRowFilter returns the check of the options that need one:
// namespace inversion or association, the period, page creations only, no
// minor edits and current revisions only (which looks pages up, once each).
func (s *Server) contribsRowFilter(ctx context.Context, o contribsOptions) func(*folio.Revision) bool {
	latest := map[int64]int64{}
	return func(rev *folio.Revision) bool {
		switch {
		case !o.matchesNamespace(rev.Namespace, s.Namespaces),
			!o.inPeriod(rev.Timestamp),
			o.NewOnly && rev.ParentID != 0,
			o.HideMinor && rev.Minor:
			return false
		case !o.TopOnly:
			return true
		}
		if _, ok := latest[rev.PageID]; !ok {
			if p, err := s.Store.FindPageByID(ctx, rev.PageID); err == nil {
				latest[rev.PageID] = p.Latest
			}
		}
		return latest[rev.PageID] == rev.ID
	}
}

func firstRevID(revs []*folio.Revision) int64 {
	if len(revs) == 0 {
		return 0
	}
	return revs[0].ID
}

func lastRevID(revs []*folio.Revision) int64 {
	if len(revs) == 0 {
		return 0
	}
	return revs[len(revs)-1].ID
}

// contribsURL returns the URL builder of the pager links, keeping o.
func (s *Server) contribsURL(name string, o contribsOptions) func(url.Values) string {
	return func(q url.Values) string {
		for k, v := range o.query() {
			q[k] = v
		}
		return s.titleURL(s.specialTitle("Contributions/"+name), q)
	}
}

// contribsUserTools renders the subtitle "For Name (talk | logs)" and
// reports whether name is neither an account nor an IP address.
func (s *Server) contribsUserTools(ctx context.Context, name string) (template.HTML, bool) {
	actor := folio.Actor{Name: name}
	u, err := s.Store.FindUserByName(ctx, name)
	missing := err != nil && !isIPName(name)
	if err == nil {
		actor.UserID = u.ID
	}
	logs := link{Href: titlePath(s.specialTitle("Log/" + name)), Text: "logs"}
	return template.HTML("For " + string(s.userLinks(actor)) + ` <span class="mw-contributions-user-tools">(` +
		logs.String() + `)</span>`), missing
}

// isIPName reports whether name is an IP address, the name of an anonymous
// editor.
func isIPName(name string) bool {
	_, err := netip.ParseAddr(name)
	return err == nil
}

// contribLines renders revisions with their size change, title links and
// current markers.
func (s *Server) contribLines(ctx context.Context, revs []*folio.Revision) []contribLine {
	parentLen := s.parentLengths(ctx, revs)
	latest := s.latestRevisions(ctx, revs)
	titles := make([]folio.Title, len(revs))
	for i, rev := range revs {
		titles[i] = s.Namespaces.MakeTitle(rev.Namespace, rev.DBKey)
	}
	links := s.titleLinks(ctx, titles)
	out := make([]contribLine, len(revs))
	for i, rev := range revs {
		t, id := titles[i], strconv.FormatInt(rev.ID, 10)
		links[i].Class = joinClass(links[i].Class, "mw-contributions-title")
		l := contribLine{RevID: rev.ID, Title: links[i], New: rev.ParentID == 0, Minor: rev.Minor,
			Size: sizeChange(rev.Len-parentLen[rev.ID], rev.Len), Comment: s.formatComment(rev.Comment),
			Current: latest[rev.PageID] == rev.ID}
		l.Date = link{Href: s.titleURL(t, url.Values{"oldid": {id}}), Text: formatDate(rev.Timestamp),
			Class: "mw-changeslist-date"}
		l.Hist = link{Href: s.actionURL(t, "history"), Text: "hist", Class: "mw-changeslist-history"}
		l.Diff = link{Text: "diff", Class: "mw-changeslist-diff"}
		if !l.New {
			l.Diff.Href = s.titleURL(t, url.Values{"oldid": {id}, "diff": {"prev"}})
		}
		out[i] = l
	}
	return out
}

// parentLengths returns the size of each revision's parent, keyed by the
// revision id (0 for page creations). Parents in the list are reused; the
// others are read one by one without their text.
func (s *Server) parentLengths(ctx context.Context, revs []*folio.Revision) map[int64]int {
	byID := map[int64]*folio.Revision{}
	for _, rev := range revs {
		byID[rev.ID] = rev
	}
	out := map[int64]int{}
	for _, rev := range revs {
		if rev.ParentID == 0 {
			continue
		}
		if p, ok := byID[rev.ParentID]; ok {
			out[rev.ID] = p.Len
			continue
		}
		pid := rev.PageID
		ps, err := s.Store.FindRevisions(ctx, folio.RevisionFilter{PageID: &pid, Before: rev.ID, Limit: 1})
		if err == nil && len(ps) == 1 {
			out[rev.ID] = ps[0].Len
		}
	}
	return out
}

// latestRevisions returns the current revision id of each page in revs.
func (s *Server) latestRevisions(ctx context.Context, revs []*folio.Revision) map[int64]int64 {
	out := map[int64]int64{}
	for _, rev := range revs {
		if _, ok := out[rev.PageID]; ok {
			continue
		}
		out[rev.PageID] = 0
		if p, err := s.Store.FindPageByID(ctx, rev.PageID); err == nil {
			out[rev.PageID] = p.Latest
		}
	}
	return out
}
