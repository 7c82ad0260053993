package api

import (
	"github.com/folio-wiki/folio"
)

var infoProps = []string{"protection", "talkid", "watched", "watchers", "visitingwatchers",
	"notificationtimestamp", "subjectid", "associatedpage", "url", "preload", "displaytitle",
	"varianttitles", "linkclasses"}

// propInfo is prop=info.
func (s *Server) propInfo(c *call, q *query) error {
	props := c.set("inprop", nil, infoProps...)
	actions := c.multi("intestactions")
	c.str("intestactionsdetail")
	c.str("incontinue")
	for _, e := range q.pages.entries {
		if e.invalid != "" || e.title.Namespace < 0 {
			continue
		}
		s.pageInfo(c, e, props)
		if len(actions) > 0 {
			s.testActions(c, e, actions)
		}
	}
	return nil
}

// testActions adds intestactions: whether the user may do each action on
// the page, by the checks the actions themselves make.
func (s *Server) testActions(c *call, e *pageEntry, actions []string) {
	o := newObj()
	for _, a := range actions {
		o.set(a, flag(s.Wiki.CheckPermission(c.ctx, c.user(), a, e.title, e.page) == nil))
	}
	e.out.set("actions", o)
}

func (s *Server) pageInfo(c *call, e *pageEntry, props map[string]bool) {
	o, p := e.out, e.page
	model := folio.ModelWikitext
	if p != nil && p.ContentModel != "" {
		model = p.ContentModel
	}
	o.set("contentmodel", model).set("pagelanguage", "en").
		set("pagelanguagehtmlcode", "en").set("pagelanguagedir", "ltr")
	if p != nil {
		o.set("touched", timestamp(p.Touched)).set("lastrevid", p.Latest).set("length", p.Len)
		if p.IsRedirect {
			o.set("redirect", flag(true))
		}
		if p.IsNew {
			o.set("new", flag(true))
		}
	}
	if props["protection"] {
		s.infoProtection(o, p)
	}
	if props["talkid"] || props["subjectid"] || props["associatedpage"] {
		s.infoAssociated(c, o, e.title, props)
	}
	if props["url"] {
		o.set("fullurl", s.Site.Server+e.title.LocalURL("")).
			set("editurl", s.Site.Server+e.title.LocalURL("action=edit")).
			set("canonicalurl", s.Site.Server+e.title.LocalURL(""))
	}
	if props["displaytitle"] {
		o.set("displaytitle", e.title.PrefixedText())
	}
	if props["watched"] {
		s.infoWatched(c, o, e.title)
	}
	if props["notificationtimestamp"] {
		s.infoNotificationTimestamp(c, o, e.title)
	}
}

func (s *Server) infoProtection(o *obj, p *folio.Page) {
	prot := []any{}
	types := []any{"create"}
	if p != nil {
		types = []any{"edit", "move"}
		for _, pr := range p.Protections {
			expiry := "infinity"
			if !pr.Expiry.IsZero() {
				expiry = timestamp(pr.Expiry)
			}
			prot = append(prot, newObj().set("type", pr.Type).set("level", pr.Level).set("expiry", expiry))
		}
	}
	o.set("protection", prot).set("restrictiontypes", types)
}

// infoAssociated adds talkid/subjectid and associatedpage.
func (s *Server) infoAssociated(c *call, o *obj, t folio.Title, props map[string]bool) {
	var other folio.Title
	if s.Namespaces.IsTalk(t.Namespace) {
		other = s.Namespaces.SubjectPage(t)
	} else if talk, ok := s.Namespaces.TalkPage(t); ok {
		other = talk
	} else {
		return
	}
	if props["associatedpage"] {
		o.set("associatedpage", other.PrefixedText())
	}
	if !props["talkid"] && !props["subjectid"] {
		return
	}
	// The id of the associated page is only known when it exists; the
	// caller looked the page itself up, the other one is looked up here.
	if p, err := s.Store.FindPageByTitle(c.ctx, other.Namespace, other.DBKey); err == nil {
		if s.Namespaces.IsTalk(t.Namespace) && props["subjectid"] {
			o.set("subjectid", p.ID)
		} else if !s.Namespaces.IsTalk(t.Namespace) && props["talkid"] {
			o.set("talkid", p.ID)
		}
	}
}
