package api

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext"
)

// pageEntry is one page of a query's page set.
type pageEntry struct {
	title   folio.Title
	page    *folio.Page // nil when the page does not exist
	invalid string      // the reason, for an invalid title
	input   string      // the title as given, for invalid titles
	revids  []int64     // revisions asked for with revids=
	genData *obj        // fields the generator adds (search's index)
	out     *obj
}

// pageSet holds the pages of action=query: from titles, pageids, revids
// or a generator, with normalisation and redirects as MediaWiki reports them.
type pageSet struct {
	entries    []*pageEntry
	seen       map[string]*pageEntry
	normalized []any
	redirects  []any
	badRevIDs  []int64
	missingIDs []int64
}

func newPageSet() *pageSet { return &pageSet{seen: map[string]*pageEntry{}} }

// addTitle adds a page by title, once.
func (ps *pageSet) addTitle(s *Server, c *call, t folio.Title, p *folio.Page) (*pageEntry, error) {
	key := t.PrefixedDBKey()
	if e, ok := ps.seen[key]; ok {
		return e, nil
	}
	if p == nil && t.Namespace >= 0 {
		found, err := s.Store.FindPageByTitle(c.ctx, t.Namespace, t.DBKey)
		if err != nil && folio.ErrorCode(err) != folio.EMissingTitle {
			return nil, err
		}
		p = found
	}
	e := &pageEntry{title: t, page: p}
	ps.seen[key] = e
	ps.entries = append(ps.entries, e)
	return e, nil
}

// addTitleText parses and adds a title given as text, recording its
// normalisation or invalidity.
func (ps *pageSet) addTitleText(s *Server, c *call, text string) error {
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil || t.DBKey == "" || t.Interwiki != "" {
		ps.entries = append(ps.entries, &pageEntry{input: text, invalid: folio.ErrorMessage(err)})
		if err == nil {
			ps.entries[len(ps.entries)-1].invalid = "The title is empty or refers to another wiki."
		}
		return nil
	}
	if to := t.PrefixedText(); to != text {
		n := newObj()
		if c.fv == 2 {
			n.set("fromencoded", realBool(false))
		}
		ps.normalized = append(ps.normalized, n.set("from", text).set("to", to))
	}
	_, err = ps.addTitle(s, c, s.Namespaces.MakeTitle(t.Namespace, t.DBKey), nil)
	return err
}

// addPageID adds a page by id; unknown ids are reported as missing.
func (ps *pageSet) addPageID(s *Server, c *call, id int64) error {
	p, err := s.Store.FindPageByID(c.ctx, id)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		ps.missingIDs = append(ps.missingIDs, id)
		return nil
	} else if err != nil {
		return err
	}
	_, err = ps.addTitle(s, c, s.Namespaces.MakeTitle(p.Namespace, p.DBKey), p)
	return err
}

// addRevID adds the page of a revision and remembers the revision.
func (ps *pageSet) addRevID(s *Server, c *call, id int64) error {
	rev, err := s.Store.FindRevisionByID(c.ctx, id)
	if folio.ErrorCode(err) == folio.ENoSuchRevID || folio.ErrorCode(err) == folio.EMissingTitle {
		ps.badRevIDs = append(ps.badRevIDs, id)
		return nil
	} else if err != nil {
		return err
	}
	p, err := s.Store.FindPageByID(c.ctx, rev.PageID)
	if err != nil {
		ps.badRevIDs = append(ps.badRevIDs, id)
		return nil
	}
	e, err := ps.addTitle(s, c, s.Namespaces.MakeTitle(p.Namespace, p.DBKey), p)
	if err != nil {
		return err
	}
	e.revids = append(e.revids, id)
	return nil
}

// resolveRedirects replaces redirect pages by their targets (one level),
// recording each in the redirects list.
func (ps *pageSet) resolveRedirects(s *Server, c *call) error {
	old := ps.entries
	ps.entries, ps.seen = nil, map[string]*pageEntry{}
	for _, e := range old {
		if e.page == nil || !e.page.IsRedirect || len(e.revids) > 0 {
			ps.keep(e)
			continue
		}
		target, err := s.redirectTarget(c, e.page)
		if err != nil {
			return err
		}
		if target == nil {
			ps.keep(e)
			continue
		}
		rd := newObj().set("from", e.title.PrefixedText()).set("to", target.PrefixedText())
		if target.Fragment != "" {
			rd.set("tofragment", target.Fragment)
		}
		ps.redirects = append(ps.redirects, rd)
		if _, err := ps.addTitle(s, c, s.Namespaces.MakeTitle(target.Namespace, target.DBKey), nil); err != nil {
			return err
		}
	}
	return nil
}

func (ps *pageSet) keep(e *pageEntry) {
	if e.invalid == "" {
		if _, dup := ps.seen[e.title.PrefixedDBKey()]; dup {
			return
		}
		ps.seen[e.title.PrefixedDBKey()] = e
	}
	ps.entries = append(ps.entries, e)
}

// redirectTarget returns the target of redirect page p, or nil.
func (s *Server) redirectTarget(c *call, p *folio.Page) (*folio.Title, error) {
	rev, err := s.Store.FindRevisionByID(c.ctx, p.Latest)
	if err != nil {
		return nil, fmt.Errorf("load redirect %d: %w", p.ID, err)
	}
	text, ok := wikitext.Redirect(rev.Text)
	if !ok {
		return nil, nil
	}
	t, err := s.Namespaces.ParseTitle(text, folio.NSMain)
	if err != nil || t.DBKey == "" || t.Interwiki != "" {
		return nil, nil
	}
	return &t, nil
}

// build creates each page's result object and returns the pages list:
// missing and invalid pages first under negative keys, then existing pages
// by id, as MediaWiki orders them.
func (ps *pageSet) build() *keyedList {
	list := &keyedList{}
	neg := 0
	var good []*pageEntry
	for _, id := range ps.missingIDs {
		list.add(strconv.FormatInt(id, 10), newObj().set("pageid", id).set("missing", flag(true)))
	}
	for _, e := range ps.entries {
		switch {
		case e.invalid != "":
			neg--
			e.out = newObj().set("title", e.input).set("invalidreason", e.invalid).set("invalid", flag(true))
			list.add(strconv.Itoa(neg), e.out)
		case e.page == nil:
			neg--
			e.out = newObj().set("ns", e.title.Namespace).set("title", e.title.PrefixedText())
			if e.title.Namespace < 0 {
				e.out.set("special", flag(true))
			} else {
				e.out.set("missing", flag(true))
			}
			list.add(strconv.Itoa(neg), e.out)
		default:
			good = append(good, e)
		}
	}
	sort.SliceStable(good, func(i, j int) bool { return good[i].page.ID < good[j].page.ID })
	for _, e := range good {
		e.out = newObj().set("pageid", e.page.ID).set("ns", e.title.Namespace).set("title", e.title.PrefixedText())
		if e.genData != nil {
			for _, k := range e.genData.keys {
				e.out.set(k, e.genData.get(k))
			}
		}
		list.add(strconv.FormatInt(e.page.ID, 10), e.out)
	}
	return list
}

// existing returns the entries of pages that exist.
func (ps *pageSet) existing() []*pageEntry {
	var out []*pageEntry
	for _, e := range ps.entries {
		if e.page != nil {
			out = append(out, e)
		}
	}
	return out
}
