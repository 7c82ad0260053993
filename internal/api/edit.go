package api

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// editParams are the parameters of action=edit.
type editParams struct {
	title          folio.Title
	page           *folio.Page
	current        string // current text, "" for a missing page
	section        string
	summary        string
	baseRevID      int64
	baseTimestamp  time.Time
	startTimestamp time.Time
}

// runEdit is action=edit.
func (s *Server) runEdit(c *call) error {
	ep, err := s.editTarget(c)
	if err != nil {
		return err
	}
	if err := s.editPreconditions(c, ep); err != nil {
		return err
	}
	text, err := s.editText(c, ep)
	if err != nil {
		return err
	}
	base, err := s.editBase(c, ep)
	if err != nil {
		return err
	}
	for _, p := range []string{"tags", "watch", "unwatch", "watchlist", "watchlistexpiry", "contentformat", "contentmodel", "captchaword", "captchaid"} {
		c.str(p)
	}
	wr, err := s.watchlistParam(c, true)
	if err != nil {
		return err
	}
	out, err := s.Wiki.Edit(c.ctx, wiki.EditRequest{
		Title: ep.title, Text: text, Summary: ep.summary,
		Minor: c.boolean("minor") && !c.boolean("notminor"), Bot: c.boolean("bot") && s.Wiki.Allowed(c.user(), "bot"),
		BaseRevID: base, User: c.user(), IP: c.ip(),
	})
	if err != nil {
		return err
	}
	watched, err := s.applyWatchlist(c, wr, ep.title, out.Result.New)
	if err != nil {
		return err
	}
	res := s.editResult(ep, out.Result)
	if watched {
		res.set("watched", flag(true))
	}
	c.result.set("edit", res)
	return nil
}

// editTarget reads title or pageid and loads the page.
func (s *Server) editTarget(c *call) (*editParams, error) {
	ep := &editParams{section: c.str("section"), summary: c.str("summary")}
	title, hasID := c.str("title"), c.has("pageid")
	switch {
	case title != "" && hasID:
		return nil, usageError("invalidparammix", "The \"title\" and \"pageid\" parameters cannot be used together.")
	case hasID:
		id, err := c.integer("pageid", 0)
		if err != nil {
			return nil, err
		}
		p, err := s.Store.FindPageByID(c.ctx, id)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return nil, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		} else if err != nil {
			return nil, err
		}
		ep.title, ep.page = s.Namespaces.MakeTitle(p.Namespace, p.DBKey), p
	case title != "":
		t, err := c.title(s, title)
		if err != nil {
			return nil, err
		}
		if t.Namespace < 0 {
			return nil, usageError("invalidtitle", fmt.Sprintf("Pages in the %q namespace cannot be edited.", t.PrefixedText()))
		}
		ep.title = s.Namespaces.MakeTitle(t.Namespace, t.DBKey)
		if ep.page, err = s.findPage(c, ep.title); err != nil {
			return nil, err
		}
		if err := s.followRedirect(c, ep); err != nil {
			return nil, err
		}
	default:
		return nil, usageError("missingparam", "One of the \"title\" and \"pageid\" parameters is required.")
	}
	return ep, s.loadCurrent(c, ep)
}

// followRedirect edits the target of a redirect when redirect is given.
func (s *Server) followRedirect(c *call, ep *editParams) error {
	if !c.boolean("redirect") || ep.page == nil || !ep.page.IsRedirect {
		return nil
	}
	target, err := s.redirectTarget(c, ep.page)
	if err != nil || target == nil {
		return err
	}
	ep.title = s.Namespaces.MakeTitle(target.Namespace, target.DBKey)
	ep.page, err = s.findPage(c, ep.title)
	return err
}

func (s *Server) loadCurrent(c *call, ep *editParams) error {
	if ep.page == nil {
		return nil
	}
	rev, err := s.Store.FindRevisionByID(c.ctx, ep.page.Latest)
	if err != nil {
		return err
	}
	ep.current = rev.Text
	return nil
}

// findPage returns the page of t, nil when it does not exist.
func (s *Server) findPage(c *call, t folio.Title) (*folio.Page, error) {
	p, err := s.Store.FindPageByTitle(c.ctx, t.Namespace, t.DBKey)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		return nil, nil
	}
	return p, err
}

// editPreconditions checks createonly, nocreate and timestamps.
func (s *Server) editPreconditions(c *call, ep *editParams) error {
	if c.boolean("createonly") && ep.page != nil {
		return usageError(folio.EArticleExists, "The page exists already, and createonly was given.")
	}
	if c.boolean("nocreate") && ep.page == nil {
		return usageError(folio.EMissingTitle, "The page does not exist, and nocreate was given.")
	}
	var err error
	if ep.baseTimestamp, err = c.ts("basetimestamp"); err != nil {
		return err
	}
	if ep.startTimestamp, err = c.ts("starttimestamp"); err != nil {
		return err
	}
	if ep.baseRevID, err = c.integer("baserevid", 0); err != nil {
		return err
	}
	if ep.page == nil && !c.boolean("recreate") && !ep.startTimestamp.IsZero() {
		return s.checkDeletedSince(c, ep)
	}
	return nil
}

// checkDeletedSince refuses to re-create a page that was deleted after
// the editor started editing, unless recreate is given.
func (s *Server) checkDeletedSince(c *call, ep *editParams) error {
	ns := ep.title.Namespace
	entries, err := s.Store.FindLogEntries(c.ctx, folio.LogFilter{Type: "delete", Namespace: &ns, DBKey: ep.title.DBKey, Limit: 1})
	if err != nil {
		return err
	}
	if len(entries) > 0 && entries[0].Action == "delete" && entries[0].Timestamp.After(ep.startTimestamp) {
		return usageError("pagedeleted", "The page was deleted after you started editing it; add recreate to create it again.")
	}
	return nil
}

// editText works out the new text from text, appendtext, prependtext,
// section, undo and md5.
func (s *Server) editText(c *call, ep *editParams) (string, error) {
	text, hasText := c.str("text"), c.has("text")
	pre, app := c.str("prependtext"), c.str("appendtext")
	undo, err := c.integer("undo", 0)
	if err != nil {
		return "", err
	}
	undoAfter, err := c.integer("undoafter", 0)
	if err != nil {
		return "", err
	}
	if !hasText && !c.has("prependtext") && !c.has("appendtext") && undo == 0 {
		return "", usageError("missingparam", "One of the \"text\", \"appendtext\", \"prependtext\" and \"undo\" parameters is required.")
	}
	if sum := c.str("md5"); sum != "" {
		check := text
		if !hasText {
			check = pre + app
		}
		if h := md5.Sum([]byte(check)); hex.EncodeToString(h[:]) != sum {
			return "", usageError("badmd5", "The MD5 hash of the text does not match the md5 parameter.")
		}
	}
	if undo != 0 {
		if ep.page == nil {
			return "", usageError(folio.EMissingTitle, "There is no page to undo an edit of.")
		}
		return s.Wiki.UndoText(c.ctx, ep.page, undo, undoAfter)
	}
	return s.sectionEdit(c, ep, text, hasText, pre, app)
}

// sectionEdit applies the text to the whole page or to one section.
func (s *Server) sectionEdit(c *call, ep *editParams, text string, hasText bool, pre, app string) (string, error) {
	switch ep.section {
	case "":
		if !hasText {
			text = ep.current
		}
		return pre + text + app, nil
	case "new":
		title := c.str("sectiontitle")
		if !c.has("sectiontitle") {
			title, ep.summary = ep.summary, ""
		}
		if ep.summary == "" && title != "" {
			ep.summary = fmt.Sprintf("/* %s */ new section", title)
		}
		if !hasText {
			text = pre + app
		}
		return appendSection(ep.current, title, text), nil
	}
	n, err := strconv.Atoi(ep.section)
	cur, ok := sectionText(ep.current, n)
	if err != nil || !ok {
		return "", usageError("nosuchsection", fmt.Sprintf("There is no section %s.", ep.section))
	}
	if !hasText {
		text = cur
	}
	out, _ := replaceSection(ep.current, n, pre+text+app)
	return out, nil
}

// editBase returns the revision the edit builds on: baserevid, the
// revision current at basetimestamp, or the latest one. As in MediaWiki,
// later edits by the same user are not a conflict.
func (s *Server) editBase(c *call, ep *editParams) (int64, error) {
	if ep.page == nil {
		return 0, nil
	}
	base := ep.page.Latest
	switch {
	case ep.baseRevID != 0:
		base = ep.baseRevID
	case !ep.baseTimestamp.IsZero():
		var err error
		if base, err = s.revisionAt(c, ep.page.ID, ep.baseTimestamp); err != nil {
			return 0, err
		}
	}
	if base == ep.page.Latest {
		return base, nil
	}
	return s.skipOwnEdits(c, ep.page, base)
}

// revisionAt returns the id of the page's revision current at t, 0 when
// the page did not exist then. Timestamps have one-second resolution, so
// of several revisions saved in the second t names, the oldest is taken:
// a later one in the same second may be someone else's and must be merged.
func (s *Server) revisionAt(c *call, pageID int64, t time.Time) (int64, error) {
	f := folio.RevisionFilter{PageID: &pageID, Limit: 100}
	var found *folio.Revision
	for {
		revs, err := s.Store.FindRevisions(c.ctx, f)
		if err != nil {
			return 0, err
		}
		for _, r := range revs {
			switch {
			case found != nil && !r.Timestamp.Equal(found.Timestamp):
				return found.ID, nil
			case found != nil || !r.Timestamp.After(t):
				found = r
			}
		}
		if len(revs) < f.Limit {
			break
		}
		f.Before = revs[len(revs)-1].ID
	}
	if found == nil {
		return 0, nil
	}
	return found.ID, nil
}

// skipOwnEdits moves base to the latest revision when every revision
// after it was made by the current editor.
func (s *Server) skipOwnEdits(c *call, p *folio.Page, base int64) (int64, error) {
	me := c.ip()
	if u := c.user(); u != nil {
		me = u.Name
	}
	pid := p.ID
	revs, err := s.Store.FindRevisions(c.ctx, folio.RevisionFilter{PageID: &pid, After: base, Limit: 50})
	if err != nil {
		return 0, err
	}
	for _, r := range revs {
		if r.Actor.Name != me {
			return base, nil
		}
	}
	if len(revs) == 50 {
		return base, nil
	}
	return p.Latest, nil
}

// editResult formats the edit object.
func (s *Server) editResult(ep *editParams, res *folio.EditResult) *obj {
	o := newObj()
	if res.New {
		o.set("new", flag(true))
	}
	o.set("result", "Success").set("pageid", res.Page.ID).set("title", ep.title.PrefixedText()).
		set("contentmodel", folio.ModelWikitext)
	if res.NoChange {
		return o.set("nochange", flag(true))
	}
	return o.set("oldrevid", res.OldRevID).set("newrevid", res.Revision.ID).
		set("newtimestamp", timestamp(res.Revision.Timestamp))
}
