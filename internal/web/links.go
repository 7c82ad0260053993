package web

import (
	"context"
	"html/template"
	"strings"

	"github.com/folio-wiki/folio"
)

// existence reports which titles exist as pages, in one store query.
// Special pages exist when the special page table knows them.
func (s *Server) existence(ctx context.Context, ts []folio.Title) map[folio.LinkTarget]bool {
	var targets []folio.LinkTarget
	out := map[folio.LinkTarget]bool{}
	for _, t := range ts {
		lt := folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}
		switch {
		case t.Namespace == folio.NSSpecial:
			name, _, _ := strings.Cut(t.DBKey, "/")
			_, _, out[lt] = s.specials.lookup(name)
		case t.Namespace >= folio.NSMain && t.Interwiki == "":
			targets = append(targets, lt)
		default:
			out[lt] = true
		}
	}
	if len(targets) == 0 {
		return out
	}
	found, err := s.Store.PagesExist(ctx, targets)
	if err != nil {
		s.Logger.Warn("check page existence", "err", err)
		for _, lt := range targets {
			out[lt] = true // show blue links rather than fail the page
		}
		return out
	}
	for _, lt := range targets {
		out[lt] = found[lt]
	}
	return out
}

// linkTo returns the link to t given whether the page exists: a red link
// to the edit form when it does not.
func (s *Server) linkTo(t folio.Title, text string, exists bool) link {
	if text == "" {
		text = t.PrefixedText()
	}
	if exists {
		return link{Href: titlePath(t), Text: text, Title: t.PrefixedText()}
	}
	return link{
		Href:  s.actionURL(t, "edit", "redlink", "1"),
		Text:  text,
		Title: t.PrefixedText() + " (page does not exist yet)",
		Class: "new",
	}
}

// titleLink returns a link to t, red when the page is missing. text "" uses
// the prefixed title.
func (s *Server) titleLink(ctx context.Context, t folio.Title, text string) link {
	ex := s.existence(ctx, []folio.Title{t})
	return s.linkTo(t, text, ex[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}])
}

// titleLinks returns links to ts with one existence query.
func (s *Server) titleLinks(ctx context.Context, ts []folio.Title) []link {
	ex := s.existence(ctx, ts)
	out := make([]link, len(ts))
	for i, t := range ts {
		out[i] = s.linkTo(t, "", ex[folio.LinkTarget{Namespace: t.Namespace, DBKey: t.DBKey}])
	}
	return out
}

// userTitle returns the user page of name.
func (s *Server) userTitle(ns int, name string) folio.Title {
	return s.Namespaces.MakeTitle(ns, strings.ReplaceAll(name, " ", "_"))
}

// userLinks renders an actor as MediaWiki does in histories and lists: the
// user page (contributions for anonymous editors) followed by
// (talk | contribs). It does not look up whether the user page exists; use
// actorLinks for red links to missing user pages.
func (s *Server) userLinks(a folio.Actor) template.HTML {
	return s.userLinksWith(a, true)
}

// actorLinks renders userLinks for many actors, with red links to missing
// user pages found in one existence query, keyed by actor name.
func (s *Server) actorLinks(ctx context.Context, actors ...folio.Actor) map[string]template.HTML {
	var pages []folio.Title
	for _, a := range actors {
		if !a.IsAnon() {
			pages = append(pages, s.userTitle(folio.NSUser, a.Name))
		}
	}
	ex := s.existence(ctx, pages)
	out := make(map[string]template.HTML, len(actors))
	for _, a := range actors {
		page := s.userTitle(folio.NSUser, a.Name)
		out[a.Name] = s.userLinksWith(a, a.IsAnon() || ex[folio.LinkTarget{Namespace: page.Namespace, DBKey: page.DBKey}])
	}
	return out
}

// userLinksWith is userLinks with the existence of the user page known.
func (s *Server) userLinksWith(a folio.Actor, pageExists bool) template.HTML {
	name := a.Name
	contribs := s.specialURL("Contributions/" + name)
	talk := s.userTitle(folio.NSUserTalk, name)
	main := link{Href: titlePath(s.userTitle(folio.NSUser, name)), Text: name, Title: "User:" + name, Class: "mw-userlink"}
	if !pageExists {
		main = s.linkTo(s.userTitle(folio.NSUser, name), name, false)
		main.Class = "new mw-userlink"
	}
	if a.IsAnon() {
		main = link{Href: contribs, Text: name, Title: "Special:Contributions/" + name, Class: "mw-userlink mw-anonuserlink"}
	}
	tools := `<span class="mw-usertoollinks">(` +
		link{Href: titlePath(talk), Text: "talk", Title: talk.PrefixedText(), Class: "mw-usertoollinks-talk"}.String()
	if !a.IsAnon() {
		tools += " | " + link{Href: contribs, Text: "contribs", Title: "Special:Contributions/" + name, Class: "mw-usertoollinks-contribs"}.String()
	}
	tools += ")</span>"
	return template.HTML(`<bdi>` + main.String() + `</bdi> ` + tools)
}

// formatComment renders an edit summary: "/* section */" prefixes become
// section links as in MediaWiki; the rest is escaped text.
func (s *Server) formatComment(comment string) template.HTML {
	if comment == "" {
		return ""
	}
	out := template.HTMLEscapeString(comment)
	if rest, ok := strings.CutPrefix(comment, "/* "); ok {
		if sec, after, ok := strings.Cut(rest, " */"); ok {
			out = `<span class="autocomment">→` + template.HTMLEscapeString(sec)
			if after = strings.TrimSpace(after); after != "" {
				out += ":</span> " + template.HTMLEscapeString(after)
			} else {
				out += "</span>"
			}
		}
	}
	return template.HTML(`<span class="comment">(` + out + `)</span>`)
}
