package api

import (
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

var revisionProps = []string{"ids", "flags", "timestamp", "user", "userid", "size", "slotsize",
	"sha1", "slotsha1", "contentmodel", "comment", "parsedcomment", "content", "tags", "roles"}

// revOptions are the parsed rv* parameters.
type revOptions struct {
	props      map[string]bool
	slots      bool // rvslots given: the slot format
	section    string
	limit      int
	newer      bool
	start, end time.Time
	startID    int64
	endID      int64
	user       string
	excludeU   string
}

func (s *Server) revOptions(c *call) (*revOptions, error) {
	o := &revOptions{props: c.set("rvprop", []string{"ids", "timestamp", "flags", "comment", "user"}, revisionProps...)}
	o.slots = c.has("rvslots")
	c.str("rvslots")
	o.section = c.str("rvsection")
	max, highMax := 500, 5000
	if o.props["content"] {
		max, highMax = 50, 500
	}
	var err error
	if o.limit, err = c.limit("rvlimit", 10, max, highMax); err != nil {
		return nil, err
	}
	dir, err := c.enum("rvdir", "older", "older", "newer")
	if err != nil {
		return nil, err
	}
	o.newer = dir == "newer"
	if o.start, err = c.ts("rvstart"); err != nil {
		return nil, err
	}
	if o.end, err = c.ts("rvend"); err != nil {
		return nil, err
	}
	if o.startID, err = c.integer("rvstartid", 0); err != nil {
		return nil, err
	}
	if o.endID, err = c.integer("rvendid", 0); err != nil {
		return nil, err
	}
	o.user, o.excludeU = c.str("rvuser"), c.str("rvexcludeuser")
	return o, nil
}

// propRevisions is prop=revisions: the latest revision of each page, the
// revisions asked for with revids, or a list of one page's revisions when
// a limit or range is given.
func (s *Server) propRevisions(c *call, q *query) error {
	opt, err := s.revOptions(c)
	if err != nil {
		return err
	}
	enum := false
	for _, p := range []string{"rvlimit", "rvstart", "rvend", "rvstartid", "rvendid", "rvdir", "rvuser", "rvexcludeuser", "rvcontinue"} {
		enum = enum || c.has(p)
	}
	if opt.props["content"] && !opt.slots {
		c.warn("deprecation", "Without rvslots the legacy revision format is used; add rvslots=main.")
	}
	pages := q.pages.existing()
	if enum {
		if len(pages) > 1 {
			return usageError("multpages", "A revision range or limit can only be used with a single page.")
		}
		if len(pages) == 1 {
			return s.revisionRange(c, pages[0], opt)
		}
		return nil
	}
	for _, e := range pages {
		ids := e.revids
		if len(ids) == 0 {
			ids = []int64{e.page.Latest}
		}
		var revs []any
		for _, id := range ids {
			rev, err := s.Store.FindRevisionByID(c.ctx, id)
			if err != nil {
				return err
			}
			revs = append(revs, s.revisionObj(c, rev, opt))
		}
		e.out.set("revisions", revs)
	}
	return nil
}

// revisionRange lists revisions of one page, pages of 100 at a time.
func (s *Server) revisionRange(c *call, e *pageEntry, opt *revOptions) error {
	pid := e.page.ID
	f := folio.RevisionFilter{PageID: &pid, Reverse: opt.newer, Limit: 100}
	if cont, err := c.integer("rvcontinue", 0); err != nil {
		return err
	} else if cont > 0 {
		opt.startID = cont
	}
	setBound(&f, opt.startID, opt.newer, true)
	var revs []any
	for {
		batch, err := s.Store.FindRevisions(c.ctx, f)
		if err != nil {
			return err
		}
		for _, r := range batch {
			if stop := opt.pastEnd(r); stop {
				e.out.set("revisions", orEmpty(revs))
				return nil
			}
			if !opt.wanted(r) {
				continue
			}
			if len(revs) == opt.limit {
				c.moreResults(&listRun{prefix: "rv", name: "revisions"}, strconv.FormatInt(r.ID, 10))
				e.out.set("revisions", revs)
				return nil
			}
			full, err := s.Store.FindRevisionByID(c.ctx, r.ID)
			if err != nil {
				return err
			}
			revs = append(revs, s.revisionObj(c, full, opt))
		}
		if len(batch) < f.Limit {
			break
		}
		setBound(&f, batch[len(batch)-1].ID, opt.newer, false)
	}
	e.out.set("revisions", orEmpty(revs))
	return nil
}

// setBound sets the paging bound of f at id (inclusive when incl is set).
func setBound(f *folio.RevisionFilter, id int64, newer, incl bool) {
	if id == 0 {
		return
	}
	if incl {
		if newer {
			id--
		} else {
			id++
		}
	}
	if newer {
		f.After = id
	} else {
		f.Before = id
	}
}

func (o *revOptions) pastEnd(r *folio.Revision) bool {
	if o.endID != 0 && ((o.newer && r.ID > o.endID) || (!o.newer && r.ID < o.endID)) {
		return true
	}
	if !o.end.IsZero() && ((o.newer && r.Timestamp.After(o.end)) || (!o.newer && r.Timestamp.Before(o.end))) {
		return true
	}
	return false
}

func (o *revOptions) wanted(r *folio.Revision) bool {
	if !o.start.IsZero() && ((o.newer && r.Timestamp.Before(o.start)) || (!o.newer && r.Timestamp.After(o.start))) {
		return false
	}
	if o.user != "" && r.Actor.Name != o.user {
		return false
	}
	return o.excludeU == "" || r.Actor.Name != o.excludeU
}

// revisionObj formats one revision as rvprop asks.
func (s *Server) revisionObj(c *call, r *folio.Revision, opt *revOptions) *obj {
	o := newObj()
	p := opt.props
	if p["ids"] {
		o.set("revid", r.ID).set("parentid", r.ParentID)
	}
	if p["flags"] {
		o.set("minor", flag(r.Minor))
	}
	if p["user"] {
		o.set("user", r.Actor.Name)
		if r.Actor.IsAnon() {
			o.set("anon", flag(true))
		}
	}
	if p["userid"] {
		o.set("userid", r.Actor.UserID)
	}
	if p["timestamp"] {
		o.set("timestamp", timestamp(r.Timestamp))
	}
	if p["size"] {
		o.set("size", r.Len)
	}
	if p["sha1"] {
		o.set("sha1", sha1Hex(r.SHA1))
	}
	if p["content"] || p["contentmodel"] || opt.slots {
		s.revisionContent(c, o, r, opt)
	}
	if p["comment"] {
		o.set("comment", r.Comment)
	}
	if p["parsedcomment"] {
		o.set("parsedcomment", htmlEscape(r.Comment))
	}
	if p["tags"] {
		o.set("tags", []any{})
	}
	return o
}

// revisionContent adds the content, in the slot format when rvslots is
// given and in the legacy format otherwise.
func (s *Server) revisionContent(c *call, o *obj, r *folio.Revision, opt *revOptions) {
	model := r.Model
	if model == "" {
		model = folio.ModelWikitext
	}
	target := o
	if opt.slots {
		main := newObj()
		if opt.props["size"] {
			main.set("size", r.Len)
		}
		if opt.props["sha1"] {
			main.set("sha1", sha1Hex(r.SHA1))
		}
		o.set("slots", newObj().set("main", main))
		target = main
	}
	if opt.props["contentmodel"] || opt.props["content"] {
		target.set("contentmodel", model)
	}
	if !opt.props["content"] {
		return
	}
	text := r.Text
	if opt.section != "" {
		n, err := strconv.Atoi(opt.section)
		sec, ok := sectionText(text, n)
		if err != nil || !ok {
			c.warn("nosuchsection", fmt.Sprintf("There is no section %s in revision %d.", opt.section, r.ID))
			return
		}
		text = sec
	}
	target.set("contentformat", contentFormat(model)).set(contentKey, text)
}

func contentFormat(model string) string {
	switch model {
	case folio.ModelCSS:
		return "text/css"
	case folio.ModelJavaScript:
		return "text/javascript"
	case folio.ModelJSON:
		return "application/json"
	case folio.ModelText:
		return "text/plain"
	}
	return "text/x-wiki"
}

// sha1Hex converts MediaWiki's stored base-36 SHA-1 into the hex form the
// API reports.
func sha1Hex(base36 string) string {
	n, ok := new(big.Int).SetString(base36, 36)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%040x", n)
}
