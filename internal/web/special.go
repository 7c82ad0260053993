package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// specialPages is the table of Special pages, keyed by canonical English
// name. Lookup ignores case, so MediaWiki's aliases that differ only in case
// (Recentchanges, Allpages, Whatlinkshere…) need no entry; aliases with
// other spellings redirect to the canonical name.
func (s *Server) specialPages() map[string]specialPage {
	pages := map[string]specialPage{
		"RecentChanges":       {Handler: s.handleRecentChanges, Listed: true, Group: "changes"},
		"NewPages":            {Handler: s.handleNewPages, Listed: true, Group: "changes"},
		"RecentChangesLinked": {Handler: s.handleRecentChangesLinked, Listed: true, Group: "changes"},
		"Log":                 {Handler: s.handleLog, Listed: true, Group: "changes"},
		"AllPages":            {Handler: s.handleAllPages, Listed: true, Group: "pages"},
		"PrefixIndex":         {Handler: s.handlePrefixIndex, Listed: true, Group: "pages"},
		"ProtectedPages":      {Handler: s.handleProtectedPages, Listed: true, Group: "maintenance"},
		"ListUsers":           {Handler: s.handleListUsers, Listed: true, Group: "users"},
		"ActiveUsers":         {Handler: s.handleActiveUsers, Listed: true, Group: "users"},
		"Statistics":          {Handler: s.handleStatistics, Listed: true, Group: "wiki"},
		"Random":              {Handler: s.handleRandom, Listed: true, Group: "redirects"},
		"MyPage":              {Handler: s.handleMyPage, Listed: true, Group: "redirects"},
		"MyTalk":              {Handler: s.handleMyTalk, Listed: true, Group: "redirects"},
		"MyContributions":     {Handler: s.handleMyContributions, Listed: true, Group: "redirects"},
		"Redirect":            {Handler: s.handleRedirect, Listed: true, Group: "redirects"},
		"PermanentLink":       {Handler: s.handlePermanentLink, Group: "redirects"},
		"Diff":                {Handler: s.handleDiffLink, Group: "redirects"},
		"WhatLinksHere":       {Handler: s.handleWhatLinksHere, Listed: true, Group: "pagetools"},
		"Contributions":       {Handler: s.handleContributions, Listed: true, Group: "users"},
		"ListGroupRights":     {Handler: s.handleListGroupRights, Listed: true, Group: "users"},
		"UserLogin":           {Handler: s.handleUserLogin, Listed: true, Group: "login"},
		"UserLogout":          {Handler: s.handleUserLogout, Group: "login"},
		"ChangePassword":      {Handler: s.handleChangePassword, Group: "login"},
		"PasswordReset":       {Handler: s.handlePasswordReset, Listed: true, Group: "login"},
		"RequestAccount":      {Handler: s.handleRequestAccount, Listed: true, Group: "login"},
		"ConfirmAccounts":     {Handler: s.handleConfirmAccounts, Listed: true, Group: "users", Right: "confirmaccount"},
		"Block":               {Handler: s.handleBlock, Listed: true, Group: "users", Right: "block"},
		"Unblock":             {Handler: s.handleUnblock, Listed: true, Group: "users", Right: "block"},
		"BlockList":           {Handler: s.handleBlockList, Listed: true, Group: "users"},
		"CreateAccount":       {Handler: s.handleCreateAccount, Listed: true, Group: "login"},
		"UserRights":          {Handler: s.handleUserRights, Listed: true, Group: "users", Right: "userrights"},
		"ChangeEmail":         {Handler: s.handleChangeEmail, Group: "login"},
		"ConfirmEmail":        {Handler: s.handleConfirmEmail, Group: "login"},
		"Preferences":         {Handler: s.handlePreferences, Listed: true, Group: "login"},
		"Watchlist":           {Handler: s.handleWatchlist, Listed: true, Group: "changes"},
		"EditWatchlist":       {Handler: s.handleEditWatchlist, Listed: true, Group: "changes"},
		"SpecialPages":        {Handler: s.handleSpecialPages, Listed: true, Group: "other"},
		"Version":             {Handler: s.handleVersion, Listed: true, Group: "wiki"},
		"Status":              {Handler: s.handleStatus, Listed: true, Group: "wiki", Right: "viewstatus"},
		"Upload":              {Handler: s.handleUpload, Listed: true, Group: "media"},
		"ListFiles":           {Handler: s.handleListFiles, Listed: true, Group: "media"},
		"NewFiles":            {Handler: s.handleNewFiles, Listed: true, Group: "changes"},
		"FilePath":            {Handler: s.handleFilePath, Listed: true, Group: "redirects"},
		"Undelete":            {Handler: s.handleSpecialUndelete, Listed: true, Group: "pagetools", Right: "undelete"},
		"Export":              {Handler: s.handleExport, Listed: true, Group: "pagetools"},
		"Import":              {Handler: s.handleImport, Listed: true, Group: "pagetools", Right: "importupload"},
		"ImportFromEtherpad":  {Handler: s.handleImportFromEtherpad, Listed: true, Group: "pagetools", Right: "import"},
		"Compatables":         {Handler: s.handleCompatables, Listed: true, Group: "wiki"},
		"MovePage":            {Handler: s.handleMovePage, Group: "pagetools"},
		"BotPasswords":        {Handler: s.handleBotPasswords, Listed: true, Group: "login"},
		"Search":              {Handler: s.handleSearch, Listed: true, Group: "pages"},
	}
	for alias, canon := range specialAliases {
		pages[alias] = specialPage{Handler: s.aliasOf(canon, pages[canon].Handler)}
	}
	return pages
}

// specialAliases are MediaWiki's English alternative names of the pages
// above that differ by more than case.
var specialAliases = map[string]string{
	"RandomPage":      "Random",
	"Contribs":        "Contributions",
	"Logs":            "Log",
	"Login":           "UserLogin",
	"Logout":          "UserLogout",
	"UserGroupRights": "ListGroupRights",
	"UserList":        "ListUsers",
	"RelatedChanges":  "RecentChangesLinked",
	"PermaLink":       "PermanentLink",
	"ImageList":       "ListFiles",
	"FileList":        "ListFiles",
	"ListImages":      "ListFiles",
	"NewImages":       "NewFiles",
	"IPBlockList":     "BlockList",
	"ListBlocks":      "BlockList",
}

// specialHeadings are the headings of the special pages and their names on
// Special:SpecialPages.
var specialHeadings = map[string]string{
	"RecentChanges":       "Recent changes",
	"Watchlist":           "Watchlist",
	"EditWatchlist":       "Edit watchlist",
	"Undelete":            "Restore deleted pages",
	"NewPages":            "Newest pages",
	"RecentChangesLinked": "Related changes",
	"Log":                 "Logs",
	"AllPages":            "All pages",
	"PrefixIndex":         "Pages by title prefix",
	"ProtectedPages":      "Protected pages",
	"ListUsers":           "User accounts",
	"ActiveUsers":         "Active users",
	"Statistics":          "Statistics",
	"Random":              "Random page",
	"MyPage":              "My user page",
	"MyTalk":              "My talk page",
	"MyContributions":     "My contributions",
	"Redirect":            "Redirect by id",
	"PermanentLink":       "Permanent link",
	"Diff":                "Difference between revisions",
	"WhatLinksHere":       "Pages that link here",
	"Contributions":       "User contributions",
	"ListGroupRights":     "Rights of user groups",
	"UserLogin":           "Log in",
	"UserLogout":          "Log out",
	"ChangePassword":      "Change password",
	"PasswordReset":       "Reset password",
	"RequestAccount":      "Request account",
	"ConfirmAccounts":     "Confirm account requests",
	"Block":               "Block user",
	"Unblock":             "Unblock user",
	"BlockList":           "Blocked users",
	"CreateAccount":       "Create account",
	"UserRights":          "User group management",
	"ChangeEmail":         "Change or remove email address",
	"ConfirmEmail":        "Confirm email address",
	"Preferences":         "Preferences",
	"SpecialPages":        "Special pages",
	"Version":             "Software version",
	"Status":              "Server status",
	"Upload":              "Upload file",
	"ListFiles":           "File list",
	"NewFiles":            "Gallery of new files",
	"FilePath":            "File path",
	"Export":              "Export pages",
	"Import":              "Import pages",
	"ImportFromEtherpad":  "Import from Etherpad",
	"Compatables":         "Browser compatibility",
	"MovePage":            "Move page",
	"BotPasswords":        "Bot passwords",
	"Search":              "Search",
}

// specialGroups orders the sections of Special:SpecialPages and names them.
var specialGroups = []struct{ ID, Label string }{
	{"changes", "Changes and logs"},
	{"pages", "Page lists"},
	{"maintenance", "Maintenance reports"},
	{"pagetools", "Page tools"},
	{"media", "Media reports and uploads"},
	{"users", "Users and rights"},
	{"login", "Logging in and out"},
	{"redirects", "Redirecting pages"},
	{"wiki", "About this wiki"},
	{"other", "Other pages"},
}

// specialGroupOf returns the group id a page is listed under: its own when
// specialGroups knows it, "other" otherwise.
func specialGroupOf(group string) string {
	for _, g := range specialGroups {
		if g.ID == group {
			return group
		}
	}
	return "other"
}

// aliasOf returns a handler that sends GET requests for an alias to the
// canonical name, keeping subpage and query, and serves other methods
// directly so that form posts keep their body.
func (s *Server) aliasOf(canon string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h(w, r)
			return
		}
		target := canon
		if sub := specialSubpage(r); sub != "" {
			target += "/" + sub
		}
		q := r.URL.Query()
		q.Del("title")
		http.Redirect(w, r, s.titleURL(s.specialTitle(target), q), http.StatusMovedPermanently)
	}
}

// specialView returns a view for the special page name, with its heading.
func (s *Server) specialView(r *http.Request, name string) *view {
	v := s.newView(r, specialHeadings[name])
	t := s.specialTitle(name)
	v.Title = &t
	v.Robots = "noindex,nofollow"
	return v
}

// specialEntry is a link on Special:SpecialPages.
type specialEntry struct {
	Link       link
	Restricted bool // needs a right the visitor has
}

// specialSection is one group of Special:SpecialPages.
type specialSection struct {
	ID      string
	Label   string
	Entries []specialEntry
}

// handleSpecialPages lists the listed special pages by group; pages that
// need a right are shown only to users who have it, in bold.
func (s *Server) handleSpecialPages(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	v := s.specialView(r, "SpecialPages")
	v.Data = s.specialSections(func(right string) bool { return s.Wiki.Allowed(u, right) })
	s.render(w, r, http.StatusOK, "special_specialpages", v)
}

// specialSections groups the listed special pages the visitor may use, in
// the order of specialGroups, each sorted by heading.
func (s *Server) specialSections(allowed func(right string) bool) []specialSection {
	byGroup := map[string][]specialEntry{}
	for _, name := range s.specials.names() {
		p := s.specials.pages[name]
		if !p.Listed || (p.Right != "" && !allowed(p.Right)) {
			continue
		}
		heading := specialHeadings[name]
		if heading == "" {
			heading = name
		}
		l := link{Href: titlePath(s.specialTitle(name)), Text: heading, Title: "Special:" + name}
		g := specialGroupOf(p.Group)
		byGroup[g] = append(byGroup[g], specialEntry{Link: l, Restricted: p.Right != ""})
	}
	var sections []specialSection
	for _, g := range specialGroups {
		if entries := byGroup[g.ID]; len(entries) > 0 {
			slices.SortFunc(entries, func(a, b specialEntry) int { return strings.Compare(a.Link.Text, b.Link.Text) })
			sections = append(sections, specialSection{ID: g.ID, Label: g.Label, Entries: entries})
		}
	}
	return sections
}

// specialNow returns the current time of the wiki (the service clock in tests).
func (s *Server) specialNow() time.Time {
	if s.Wiki != nil && s.Wiki.Now != nil {
		return s.Wiki.Now()
	}
	return time.Now()
}

// namespaceSelect renders MediaWiki's namespace <select> (id "namespace"):
// the non-negative namespaces, "(Main)" for the main one, with an "all"
// option first when allLabel is set.
func (s *Server) namespaceSelect(name string, selected *int, allLabel string) template.HTML {
	var sb strings.Builder
	sb.WriteString(`<select id="namespace" name="` + template.HTMLEscapeString(name) + `" class="namespaceselector">`)
	if allLabel != "" {
		sel := ""
		if selected == nil {
			sel = ` selected`
		}
		sb.WriteString(`<option value="all"` + sel + `>` + template.HTMLEscapeString(allLabel) + `</option>`)
	}
	for _, ns := range s.Namespaces.All() {
		if ns.ID < 0 {
			continue
		}
		label := ns.Name
		if ns.ID == folio.NSMain {
			label = "(Main)"
		}
		sel := ""
		if selected != nil && *selected == ns.ID {
			sel = ` selected`
		}
		sb.WriteString(`<option value="` + strconv.Itoa(ns.ID) + `"` + sel + `>` +
			template.HTMLEscapeString(label) + `</option>`)
	}
	sb.WriteString(`</select>`)
	return template.HTML(sb.String())
}

// hiddenFields renders hidden inputs for q, so that a form keeps the
// options it does not show.
func hiddenFields(q url.Values, skip ...string) template.HTML {
	var sb strings.Builder
	for _, k := range sortedKeys(q) {
		if slices.Contains(skip, k) {
			continue
		}
		for _, v := range q[k] {
			sb.WriteString(`<input type="hidden" name="` + template.HTMLEscapeString(k) +
				`" value="` + template.HTMLEscapeString(v) + `">`)
		}
	}
	return template.HTML(sb.String())
}
