package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
)

// skin holds the menus around the content, built per request.
type skin struct {
	Namespaces  []tab // p-namespaces: Page / Discussion
	Views       []tab // p-views: Read / Edit / View history
	Actions     []tab // p-cactions: Delete, Protect…
	Personal    []tab // p-personal, without the logout button
	Navigation  []tab // p-navigation in the sidebar
	Tools       []tab // p-tb in the sidebar
	LogoutURL   string
	LogoutToken string // set when a user is logged in
	MainPageURL string
	LogoURL     string
	BodyClass   string

	// Watch is the watch star in p-views; nil for visitors without a
	// watchlist.
	Watch *watchStar
}

// tab is a menu item; New marks a missing page (a red link).
type tab struct {
	ID       string
	Href     string
	Text     string
	Title    string
	Selected bool
	New      bool
}

// Class returns the classes of the item's <li>.
func (t tab) Class() string {
	switch {
	case t.Selected && t.New:
		return "selected new"
	case t.Selected:
		return "selected"
	case t.New:
		return "new"
	}
	return ""
}

// nstabIDs are MediaWiki's ids and our labels of the subject tab.
var nstabIDs = map[int][2]string{
	folio.NSMain:      {"main", "Page"},
	folio.NSUser:      {"user", "User page"},
	folio.NSProject:   {"project", "Project page"},
	folio.NSFile:      {"image", "File"},
	folio.NSMediaWiki: {"mediawiki", "Message"},
	folio.NSTemplate:  {"template", "Template"},
	folio.NSHelp:      {"help", "Help page"},
	folio.NSCategory:  {"category", "Category"},
	folio.NSSpecial:   {"special", "Special page"},
}

// prepareSkin fills the parts of v that every page shares.
func (s *Server) prepareSkin(r *http.Request, v *view) {
	v.Site, v.User = s.Site, s.currentUser(r)
	v.MainPage = s.mainPage().PrefixedText()
	sk := &v.Skin
	sk.MainPageURL = titlePath(s.mainPage())
	sk.LogoURL = s.Site.Logo
	if sk.LogoURL == "" {
		sk.LogoURL = s.assetURL("logo.svg")
	}
	sk.BodyClass = "action-" + v.Action
	s.personalTools(r, v)
	s.sidebar(v)
	if v.Title != nil {
		t := *v.Title
		sk.BodyClass += " ns-" + strconv.Itoa(t.Namespace) + " page-" + t.PrefixedDBKey()
		s.pageTabs(r, v, t)
	}
}

func (s *Server) personalTools(r *http.Request, v *view) {
	sk := &v.Skin
	if u := v.User; u != nil {
		sk.Personal = []tab{
			{ID: "pt-userpage", Href: titlePath(s.userTitle(folio.NSUser, u.Name)), Text: u.Name},
			{ID: "pt-mytalk", Href: titlePath(s.userTitle(folio.NSUserTalk, u.Name)), Text: "Talk"},
			{ID: "pt-preferences", Href: s.specialURL("Preferences"), Text: "Preferences"},
			{ID: "pt-watchlist", Href: s.specialURL("Watchlist"), Text: "Watchlist"},
			{ID: "pt-mycontris", Href: s.specialURL("Contributions/" + u.Name), Text: "Contributions"},
		}
		sk.LogoutURL = s.specialURL("UserLogout")
		if sess := state(r).session(); sess != nil {
			sk.LogoutToken = sess.Data[session.CSRFKey]
		}
		return
	}
	loginURL := s.specialURL("UserLogin")
	if v.Title != nil && v.Title.Namespace != folio.NSSpecial {
		q := r.URL.Query()
		q.Del("title")
		loginURL = s.specialURL("UserLogin", "returnto", v.Title.PrefixedText())
		if r.Method == http.MethodGet && len(q) > 0 {
			loginURL = s.specialURL("UserLogin", "returnto", v.Title.PrefixedText(), "returntoquery", q.Encode())
		}
	}
	sk.Personal = []tab{
		{ID: "pt-anonuserpage", Text: "Not logged in"},
		{ID: "pt-anontalk", Href: s.specialURL("MyTalk"), Text: "Talk"},
		{ID: "pt-anoncontribs", Href: s.specialURL("MyContributions"), Text: "Contributions"},
		s.createAccountTab(),
		{ID: "pt-login", Href: loginURL, Text: "Log in"},
	}
}

// createAccountTab links visitors to Special:CreateAccount, or in account
// request mode (no createaccount right) to Special:RequestAccount, as
// MediaWiki with ConfirmAccount does.
func (s *Server) createAccountTab() tab {
	if !s.Wiki.Allowed(nil, "createaccount") {
		return tab{ID: "pt-createaccount", Href: s.specialURL("RequestAccount"), Text: "Request account"}
	}
	return tab{ID: "pt-createaccount", Href: s.specialURL("CreateAccount"), Text: "Create account"}
}

func (s *Server) sidebar(v *view) {
	sk := &v.Skin
	help, _ := s.Namespaces.ParseTitle("Help:Contents", folio.NSMain)
	sk.Navigation = []tab{
		{ID: "n-mainpage-description", Href: sk.MainPageURL, Text: "Main page"},
		{ID: "n-recentchanges", Href: s.specialURL("RecentChanges"), Text: "Recent changes"},
		{ID: "n-randompage", Href: s.specialURL("Random"), Text: "Random page"},
		{ID: "n-help", Href: titlePath(help), Text: "Help"},
	}
	var tools []tab
	if t := v.Title; t != nil && t.Namespace >= folio.NSMain {
		tools = append(tools, tab{ID: "t-whatlinkshere", Href: s.specialURL("WhatLinksHere/" + t.PrefixedText()), Text: "What links here"})
		if t.Namespace == folio.NSUser || t.Namespace == folio.NSUserTalk {
			name, _, _ := strings.Cut(t.Text(), "/")
			tools = append(tools, tab{ID: "t-contributions", Href: s.specialURL("Contributions/" + name), Text: "User contributions"})
		}
		if v.page != nil {
			rev := v.page.Latest
			if v.revID != 0 {
				rev = v.revID
			}
			tools = append(tools,
				tab{ID: "t-permalink", Href: s.actionURL(*t, "", "oldid", strconv.FormatInt(rev, 10)), Text: "Permanent link"},
				tab{ID: "t-info", Href: s.actionURL(*t, "info"), Text: "Page information"})
		}
	}
	sk.Tools = append(tools, tab{ID: "t-specialpages", Href: s.specialURL("SpecialPages"), Text: "Special pages"})
}

// pageTabs builds the Page/Discussion, Read/Edit/History and action tabs.
func (s *Server) pageTabs(r *http.Request, v *view, t folio.Title) {
	sk := &v.Skin
	if t.Namespace == folio.NSSpecial {
		sk.Namespaces = []tab{{ID: "ca-nstab-special", Href: titlePath(t), Text: "Special page", Selected: true}}
		return
	}
	subj := s.Namespaces.MakeTitle(s.Namespaces.Subject(t.Namespace), t.DBKey)
	talk := s.Namespaces.MakeTitle(s.Namespaces.Talk(t.Namespace), t.DBKey)
	ex := s.existence(r.Context(), []folio.Title{subj, talk})
	subjExists := ex[folio.LinkTarget{Namespace: subj.Namespace, DBKey: subj.DBKey}]
	talkExists := ex[folio.LinkTarget{Namespace: talk.Namespace, DBKey: talk.DBKey}]
	id, label := "main", "Page"
	if l, ok := nstabIDs[subj.Namespace]; ok {
		id, label = l[0], l[1]
	}
	onTalk := s.Namespaces.IsTalk(t.Namespace)
	sk.Namespaces = []tab{
		{ID: "ca-nstab-" + id, Href: s.linkTo(subj, "", subjExists).Href, Text: label, Selected: !onTalk, New: !subjExists},
		{ID: "ca-talk", Href: s.linkTo(talk, "", talkExists).Href, Text: "Discussion", Selected: onTalk, New: !talkExists},
	}
	exists := (onTalk && talkExists) || (!onTalk && subjExists)
	s.viewTabs(r, v, t, exists)
	sk.Watch = s.watchStarFor(r, t)
}

func (s *Server) viewTabs(r *http.Request, v *view, t folio.Title, exists bool) {
	sk := &v.Skin
	u := s.currentUser(r)
	edit := tab{ID: "ca-edit", Href: s.actionURL(t, "edit"), Text: "Edit", Selected: v.Action == "edit"}
	if !exists {
		edit.Text = "Create"
	}
	if err := s.Wiki.CheckPermission(r.Context(), u, "edit", t, v.page); err != nil {
		edit.ID, edit.Text = "ca-viewsource", "View source"
	}
	sk.Views = []tab{{ID: "ca-view", Href: titlePath(t), Text: "Read", Selected: v.Action == "view"}, edit}
	if !exists {
		return
	}
	if s.Namespaces.IsTalk(t.Namespace) && edit.ID == "ca-edit" {
		sk.Views = append(sk.Views, tab{ID: "ca-addsection", Href: s.actionURL(t, "edit", "section", "new"), Text: "Add topic"})
	}
	sk.Views = append(sk.Views, tab{ID: "ca-history", Href: s.actionURL(t, "history"), Text: "View history", Selected: v.Action == "history"})
	if s.Wiki.Allowed(u, "delete") {
		sk.Actions = append(sk.Actions, tab{ID: "ca-delete", Href: s.actionURL(t, "delete"), Text: "Delete", Selected: v.Action == "delete"})
	}
	if s.Wiki.Allowed(u, "move") && t.Namespace != folio.NSFile {
		sk.Actions = append(sk.Actions, tab{ID: "ca-move", Href: s.titleURL(s.specialTitle("MovePage/"+t.PrefixedText()), nil), Text: "Move"})
	}
	if s.Wiki.Allowed(u, "protect") {
		p := tab{ID: "ca-protect", Href: s.actionURL(t, "protect"), Text: "Protect", Selected: v.Action == "protect"}
		if v.page != nil && len(v.page.Protections) > 0 {
			p.ID, p.Href, p.Text = "ca-unprotect", s.actionURL(t, "unprotect"), "Change protection"
		}
		sk.Actions = append(sk.Actions, p)
	}
}
