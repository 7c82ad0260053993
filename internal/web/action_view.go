package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

// pageData is what templates/view.html shows.
type pageData struct {
	HTML       template.HTML
	Redirect   *link // set when the page shown is a redirect
	Categories []link
	Revision   *revisionNav  // set for old revisions (oldid=)
	Missing    *missingData  // set when the page does not exist
	Category   *categoryData // the members, on category pages
	File       template.HTML // a File page's file, history and usage (filepage.go)
}

// handleView shows a page (action=view), following a redirect once.
func (s *Server) handleView(w http.ResponseWriter, r *http.Request) {
	t := requestTitle(r)
	if r.URL.Query().Has("oldid") {
		s.handleOldRevision(w, r)
		return
	}
	p, rev, err := s.latest(r.Context(), t)
	if folio.ErrorCode(err) == folio.EMissingTitle {
		s.showMissing(w, r, t)
		return
	} else if err != nil {
		s.writeError(w, r, err)
		return
	}
	if target, ok := s.pageRedirect(rev.Text); ok && r.URL.Query().Get("redirect") != "no" {
		if s.followRedirect(w, r, t, target) {
			return
		}
	}
	v := s.pageView(r, t, p, rev)
	if err := s.fillPage(r.Context(), v, t, rev); err != nil {
		s.writeError(w, r, err)
		return
	}
	cat, err := s.categoryListing(r, t)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data.(*pageData).Category = cat
	if v.Data.(*pageData).File, err = s.fileSection(r, t); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "view", v)
}

// latest loads a page and its current revision with text.
func (s *Server) latest(ctx context.Context, t folio.Title) (*folio.Page, *folio.Revision, error) {
	p, err := s.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
	if err != nil {
		return nil, nil, err
	}
	rev, err := s.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		return nil, nil, fmt.Errorf("load latest revision of %s: %w", t.PrefixedText(), err)
	}
	return p, rev, nil
}

// pageView returns the view of page p showing revision rev.
func (s *Server) pageView(r *http.Request, t folio.Title, p *folio.Page, rev *folio.Revision) *view {
	v := s.newView(r, t.PrefixedText())
	v.Title, v.page = &t, p
	if rev.ID == p.Latest { // the footer tells when the page last changed
		v.LastModified = rev.Timestamp
		s.pageVisited(r, t)
	}
	v.Canonical = s.fullURL(titlePath(t))
	return v
}

// followRedirect shows the target of a redirect with a "Redirected from"
// note. It reports false when the target cannot be shown (it does not
// exist), and the redirect page itself should be shown instead.
func (s *Server) followRedirect(w http.ResponseWriter, r *http.Request, from, target folio.Title) bool {
	if target.Namespace == folio.NSSpecial {
		http.Redirect(w, r, titlePath(target), http.StatusFound)
		return true
	}
	if target.Namespace < folio.NSMain {
		return false
	}
	p, rev, err := s.latest(r.Context(), target)
	if err != nil {
		return false
	}
	v := s.pageView(r, target, p, rev)
	fromURL := s.actionURL(from, "", "redirect", "no")
	v.Subtitle = template.HTML(`<span class="mw-redirectedfrom">(Redirected from ` +
		link{Href: fromURL, Text: from.PrefixedText(), Title: from.PrefixedText(), Class: "mw-redirect"}.String() + `)</span>`)
	if err := s.fillPage(r.Context(), v, target, rev); err != nil {
		s.writeError(w, r, err)
		return true
	}
	s.render(w, r, http.StatusOK, "view", v)
	return true
}

// fillPage renders rev into v: a redirect box for redirects, the rendered
// text otherwise.
func (s *Server) fillPage(ctx context.Context, v *view, t folio.Title, rev *folio.Revision) error {
	d := &pageData{}
	v.Data = d
	if target, ok := s.pageRedirect(rev.Text); ok {
		l := s.titleLink(ctx, target, "")
		d.Redirect = &l
		return nil
	}
	current := v.page != nil && rev.ID == v.page.Latest
	var pr PageRenderer = s.Renderer
	if current && s.ParserCache != nil {
		pr = s.ParserCache // keyed by title: only the current revision goes there
	}
	out, err := pr.Render(ctx, t, rev.Text, render.Options{RevID: rev.ID, Revision: rev, NoEditSections: !current})
	if err != nil {
		return fmt.Errorf("render %s: %w", t.PrefixedText(), err)
	}
	if out.NoIndex {
		v.Robots = "noindex,nofollow"
	}
	v.cacheExpiry = out.CacheExpiry
	d.HTML = template.HTML(out.HTML) // the renderer sanitises its output
	if out.DisplayTitle != "" {
		v.HeadingHTML = template.HTML(out.DisplayTitle)
	}
	var cats []folio.Title
	for _, c := range out.Categories {
		cats = append(cats, s.Namespaces.MakeTitle(folio.NSCategory, c))
	}
	d.Categories = s.titleLinks(ctx, cats)
	for i := range d.Categories {
		d.Categories[i].Text = cats[i].Text()
	}
	return nil
}

// redirectRE matches MediaWiki's redirect syntax at the start of a page:
// #REDIRECT, an optional colon, and a link.
var redirectRE = regexp.MustCompile(`(?i)^\s*#REDIRECT\s*:?\s*\[\[([^\]|\n]+)(?:\|[^\]]*)?\]\]`)

// pageRedirect returns the target of a redirect page.
func (s *Server) pageRedirect(text string) (folio.Title, bool) {
	m := redirectRE.FindStringSubmatch(text)
	if m == nil {
		return folio.Title{}, false
	}
	t, err := s.Namespaces.ParseTitle(m[1], folio.NSMain)
	if err != nil || t.Interwiki != "" || (t.DBKey == "" && t.Fragment != "") {
		return folio.Title{}, false
	}
	return t, true
}

// missingData is the "no such page" notice.
type missingData struct {
	CreateURL   string // empty when the visitor may not create the page
	LogURL      string
	LinksURL    string // Special:WhatLinksHere
	DeletedURL  string // the undelete listing, for users who may see it
	DeletedRevs int
}

// showMissing answers a view of a page that does not exist with status 404.
func (s *Server) showMissing(w http.ResponseWriter, r *http.Request, t folio.Title) {
	ctx := r.Context()
	v := s.newView(r, t.PrefixedText())
	v.Title, v.Robots = &t, "noindex,nofollow"
	m := &missingData{LogURL: s.specialURL("Log", "page", t.PrefixedText()), LinksURL: s.specialURL("WhatLinksHere/" + t.PrefixedText())}
	if s.Wiki.CheckPermission(ctx, s.currentUser(r), "edit", t, nil) == nil {
		m.CreateURL = s.actionURL(t, "edit")
	}
	if s.Wiki.Allowed(s.currentUser(r), "deletedhistory") {
		if revs, err := s.Store.FindArchivedRevisions(ctx, t.Namespace, t.DBKey); err == nil && len(revs) > 0 {
			m.DeletedRevs, m.DeletedURL = len(revs), s.actionURL(t, "undelete")
		}
	}
	s.noteUnknownUser(ctx, v, t)
	cat, err := s.categoryListing(r, t)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Data = &pageData{Missing: m}
	status := http.StatusNotFound
	if cat != nil && cat.HasItems { // a category with members is shown as found
		v.Data.(*pageData).Category, status = cat, http.StatusOK
	}
	if f, err := s.fileSection(r, t); err != nil {
		s.writeError(w, r, err)
		return
	} else if f != "" {
		v.Data.(*pageData).File = f
		if _, err := s.Files.Files.FindFile(ctx, t.DBKey); err == nil {
			status = http.StatusOK // the file exists without a description page
		}
	}
	s.render(w, r, status, "view", v)
}

// noteUnknownUser warns on the user page of an account that does not
// exist, as MediaWiki does.
func (s *Server) noteUnknownUser(ctx context.Context, v *view, t folio.Title) {
	if t.Namespace != folio.NSUser && t.Namespace != folio.NSUserTalk {
		return
	}
	name, _, _ := strings.Cut(t.Text(), "/")
	if _, err := netip.ParseAddr(name); err == nil {
		return // an anonymous editor's page
	}
	if _, err := s.Store.FindUserByName(ctx, name); folio.ErrorCode(err) == folio.ENoSuchUser {
		v.Notices = append(v.Notices, notice{Class: "warning", ID: "mw-userpage-userdoesnotexist",
			Text: "There is no user account called “" + name + "”. Check the spelling before creating or editing this page."})
	}
}

// idParam reads a positive integer parameter.
func idParam(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.FormValue(name), 10, 64)
	return n, err == nil && n > 0
}
