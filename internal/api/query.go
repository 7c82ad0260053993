package api

import (
	"fmt"
	"sort"
	"strings"

	"github.com/folio-wiki/folio"
)

// queryModule is a prop=, list= or meta= submodule of action=query.
type queryModule struct {
	prefix string
	// run fills the result: list and meta modules write into q.out, prop
	// modules into the objects of q.pages.
	run func(c *call, q *query) error
	// generator, set for list and prop modules usable as generator=, runs
	// the module with the "g" prefix and adds its pages to the page set.
	generator bool
	desc      string
}

// query is the state of one action=query request.
type query struct {
	out   *obj
	pages *pageSet
	gen   *listRun // the generator's run, when generating
}

// listRun is one run of a list module: it reads prefixed parameters and
// emits items, either into a list or, as a generator, into the page set.
type listRun struct {
	prefix    string // "ap", or "gap" as a generator
	name      string
	generator bool
	items     []any
	titles    []folio.Title
}

// p returns the full name of the module parameter name.
func (l *listRun) p(name string) string { return l.prefix + name }

// emit adds an item about page t.
func (l *listRun) emit(item *obj, t folio.Title) {
	if l.generator {
		l.titles = append(l.titles, t)
		return
	}
	l.items = append(l.items, item)
}

// moreResults records the continuation value of a list module.
func (c *call) moreResults(l *listRun, value string) { c.moreResultsIn(l, "continue", value) }

// moreResultsIn records a continuation value under the module's parameter
// param, for modules that continue through another parameter (aufrom).
func (c *call) moreResultsIn(l *listRun, param, value string) {
	if c.cont == nil {
		c.cont = newObj()
		c.rawcont = newObj()
	}
	c.cont.set(l.p(param), value)
	c.rawcont.child(l.name).set(l.p(param), value)
	if l.generator {
		c.cont.set("continue", l.p(param)+"||")
	} else if c.cont.get("continue") == nil {
		c.cont.set("continue", "-||")
	}
}

// tokenOrUserQuery reports whether a query asks only for meta=tokens or
// meta=userinfo, which MediaWiki answers without the read right so that
// users of a private wiki can log in.
func tokenOrUserQuery(c *call) bool {
	allowed := map[string]bool{"meta": true, "rawcontinue": true, "indexpageids": true, "continue": true}
	for k := range c.form {
		if !allowed[k] && !contains(mainParams, k) && !strings.HasPrefix(k, "ui") && k != "type" {
			return false
		}
	}
	metas := splitMulti(c.form.Get("meta"))
	for _, m := range metas {
		if m != "tokens" && m != "userinfo" {
			return false
		}
	}
	return len(metas) > 0
}

// runQuery is action=query.
func (s *Server) runQuery(c *call) error {
	q := &query{out: newObj(), pages: newPageSet()}
	props := c.set("prop", nil, sortedKeys(s.props)...)
	lists := c.set("list", nil, sortedKeys(s.lists)...)
	metas := c.set("meta", nil, sortedKeys(s.metas)...)
	c.boolean("continue")
	c.boolean("converttitles") // English has no title variants

	if err := s.fillPageSet(c, q); err != nil {
		return err
	}
	if c.boolean("redirects") {
		if err := q.pages.resolveRedirects(s, c); err != nil {
			return err
		}
	}
	s.outputPageSet(c, q)
	if err := s.runSubmodules(c, q, s.props, props); err != nil {
		return err
	}
	if err := s.runSubmodules(c, q, s.lists, lists); err != nil {
		return err
	}
	if err := s.runSubmodules(c, q, s.metas, metas); err != nil {
		return err
	}
	s.finishQuery(c, q)
	return nil
}

func (s *Server) runSubmodules(c *call, q *query, table map[string]*queryModule, names map[string]bool) error {
	for _, name := range sortedSet(names) {
		c.module = "query+" + name
		if err := table[name].run(c, q); err != nil {
			return err
		}
	}
	c.module = "query"
	return nil
}

// fillPageSet reads titles, pageids, revids or generator.
func (s *Server) fillPageSet(c *call, q *query) error {
	if gen := c.str("generator"); gen != "" {
		return s.runGenerator(c, q, gen)
	}
	titles, err := c.multiLimited("titles")
	if err != nil {
		return err
	}
	pageids, err := c.multiLimited("pageids")
	if err != nil {
		return err
	}
	revids, err := c.multiLimited("revids")
	if err != nil {
		return err
	}
	for _, t := range titles {
		if err := q.pages.addTitleText(s, c, t); err != nil {
			return err
		}
	}
	for _, v := range pageids {
		id, err := parseID("pageids", v)
		if err != nil {
			return err
		}
		if err := q.pages.addPageID(s, c, id); err != nil {
			return err
		}
	}
	for _, v := range revids {
		id, err := parseID("revids", v)
		if err != nil {
			return err
		}
		if err := q.pages.addRevID(s, c, id); err != nil {
			return err
		}
	}
	return nil
}

// runGenerator runs a list module as generator and adds its pages.
func (s *Server) runGenerator(c *call, q *query, name string) error {
	m, ok := s.lists[name]
	if !ok || !m.generator {
		return usageError("badvalue", fmt.Sprintf("%q is not a known value for the \"generator\" parameter.", name))
	}
	q.gen = &listRun{prefix: "g" + m.prefix, name: name, generator: true}
	c.module = "query+" + name
	if err := m.run(c, q); err != nil {
		return err
	}
	c.module = "query"
	for _, t := range q.gen.titles {
		if _, err := q.pages.addTitle(s, c, t, nil); err != nil {
			return err
		}
	}
	q.gen = nil
	return nil
}

// listFor returns the run of list module name: the generator's run when
// generating, a fresh run otherwise.
func (q *query) listFor(name, prefix string) *listRun {
	if q.gen != nil && q.gen.name == name {
		return q.gen
	}
	return &listRun{prefix: prefix, name: name}
}

// outputPageSet writes normalized, redirects, badrevids and pages.
func (s *Server) outputPageSet(c *call, q *query) {
	ps := q.pages
	if len(ps.normalized) > 0 {
		q.out.set("normalized", ps.normalized)
	}
	if len(ps.redirects) > 0 {
		q.out.set("redirects", ps.redirects)
	}
	if len(ps.badRevIDs) > 0 {
		bad := &keyedList{}
		for _, id := range ps.badRevIDs {
			bad.add(fmt.Sprint(id), newObj().set("revid", id).set("missing", flag(true)))
		}
		q.out.set("badrevids", bad)
	}
	list := ps.build()
	if len(list.items) > 0 && c.boolean("indexpageids") {
		q.out.set("pageids", list.keys)
	}
	if len(list.items) > 0 {
		q.out.set("pages", list)
	}
}

// finishQuery adds batchcomplete, continue and the query object.
func (s *Server) finishQuery(c *call, q *query) {
	if c.cont == nil {
		c.result.set("batchcomplete", flag(true))
	} else if c.boolean("rawcontinue") {
		c.result.set("query-continue", c.rawcont)
	} else {
		if !strings.HasPrefix(c.cont.get("continue").(string), "g") || len(q.pages.entries) > 0 {
			c.result.set("batchcomplete", flag(true))
		}
		c.result.set("continue", c.cont)
	}
	if len(q.out.keys) > 0 {
		c.result.set("query", q.out)
	}
}

// parseID reads one page or revision id.
func parseID(param, v string) (int64, error) {
	var id int64
	if _, err := fmt.Sscan(strings.TrimSpace(v), &id); err != nil || id <= 0 {
		return 0, usageError("badinteger", fmt.Sprintf("%q is not a valid id for the %q parameter.", v, param))
	}
	return id, nil
}

func sortedKeys(m map[string]*queryModule) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// nsFilter reads a namespace parameter (multi-valued when multi is set).
func (c *call) namespaces(name string) ([]int, error) {
	var out []int
	for _, v := range c.multi(name) {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil {
			return nil, usageError("badvalue", fmt.Sprintf("%q is not a namespace number for the %q parameter.", v, name))
		}
		out = append(out, n)
	}
	return out, nil
}
