package api

// module is an action= module.
type module struct {
	run   func(c *call) error
	post  bool   // must be a POST request
	token string // token type the "token" parameter must carry
	write bool   // refused while the wiki is read-only
	right string // right needed to use the module at all
	read  bool   // reads wiki content: needs the "read" right
	desc  string // one line for help and paraminfo
}

// actionModules is the table of action= values.
func (s *Server) actionModules() map[string]*module {
	return map[string]*module{
		"query":           {run: s.runQuery, read: true, desc: "Fetch data from and about the wiki."},
		"login":           {run: s.runLogin, post: true, desc: "Log in and get session cookies."},
		"clientlogin":     {run: s.runClientLogin, post: true, desc: "Log in with the interactive flow."},
		"createaccount":   {run: s.runCreateAccount, post: true, write: true, desc: "Create a new user account."},
		"resetpassword":   {run: s.runResetPassword, post: true, token: "csrf", write: true, desc: "Send a password reset email to a user."},
		"logout":          {run: s.runLogout, post: true, token: "csrf", desc: "Log out and clear session data."},
		"edit":            {run: s.runEdit, post: true, token: "csrf", write: true, desc: "Create and edit pages."},
		"delete":          {run: s.runDelete, post: true, token: "csrf", write: true, desc: "Delete a page."},
		"undelete":        {run: s.runUndelete, post: true, token: "csrf", write: true, desc: "Undelete revisions of a deleted page."},
		"protect":         {run: s.runProtect, post: true, token: "csrf", write: true, desc: "Change the protection level of a page."},
		"rollback":        {run: s.runRollback, post: true, token: "rollback", write: true, desc: "Undo the last edits of the last user who edited a page."},
		"upload":          {run: s.runUpload, post: true, token: "csrf", write: true, desc: "Upload a file, or get the status of pending uploads."},
		"watch":           {run: s.runWatch, post: true, token: "watch", write: true, desc: "Add or remove pages from the current user's watchlist."},
		"purge":           {run: s.runPurge, post: true, read: true, desc: "Purge the cache for the given titles."},
		"parse":           {run: s.runParse, read: true, desc: "Parse content and return parser output."},
		"compare":         {run: s.runCompare, read: true, desc: "Get the difference between two pages or revisions."},
		"move":            {run: s.runMove, post: true, token: "csrf", write: true, read: true, desc: "Move a page."},
		"options":         {run: s.runOptions, post: true, token: "csrf", write: true, desc: "Change preferences of the current user."},
		"patrol":          {run: s.runPatrol, post: true, token: "patrol", write: true, right: "patrol", desc: "Patrol a page or revision."},
		"expandtemplates": {run: s.runExpandTemplates, read: true, desc: "Expands all templates within wikitext."},
		"paraminfo":       {run: s.runParamInfo, desc: "Obtain information about API modules."},
		"help":            {run: s.runHelp, desc: "Display help for the specified modules."},
		"opensearch":      {run: s.runOpenSearch, read: true, desc: "Suggest titles that start with the given text, in the OpenSearch format."},

		// Watchlist notification timestamps (watchlist_notify in internal/wiki).
		"setnotificationtimestamp": {run: s.runSetNotificationTimestamp, post: true, token: "csrf", write: true, desc: "Update the notification timestamp for watched pages."},
	}
}

// propModules is the table of prop= values.
func (s *Server) propModules() map[string]*queryModule {
	return map[string]*queryModule{
		"info":          {prefix: "in", run: s.propInfo, desc: "Get basic page information."},
		"revisions":     {prefix: "rv", run: s.propRevisions, desc: "Get revision information."},
		"links":         {prefix: "pl", run: s.linkProp("links", "pl"), desc: "Return all links from the given pages."},
		"templates":     {prefix: "tl", run: s.linkProp("templates", "tl"), desc: "Return all pages transcluded on the given pages."},
		"categories":    {prefix: "cl", run: s.propCategories, desc: "List all categories the pages belong to."},
		"extlinks":      {prefix: "el", run: s.propExtLinks, desc: "Return all external URLs from the given pages."},
		"images":        {prefix: "im", run: s.propImages, desc: "Return all files contained on the given pages."},
		"imageinfo":     {prefix: "ii", run: s.propImageInfo, desc: "Return file information and upload history."},
		"linkshere":     {prefix: "lh", run: s.backlinkProp("linkshere", "lh", "link"), desc: "Find all pages that link to the given pages."},
		"transcludedin": {prefix: "ti", run: s.backlinkProp("transcludedin", "ti", "template"), desc: "Find all pages that transclude the given pages."},
		"redirects":     {prefix: "rd", run: s.backlinkProp("redirects", "rd", "redirect"), desc: "Return all redirects to the given pages."},
		"pageprops":     {prefix: "pp", run: s.propPageProps, desc: "Get various page properties."},
	}
}

// listModules is the table of list= values.
func (s *Server) listModules() map[string]*queryModule {
	return map[string]*queryModule{
		"recentchanges":   {prefix: "rc", run: s.listRecentChanges, generator: true, desc: "Enumerate recent changes."},
		"allpages":        {prefix: "ap", run: s.listAllPages, generator: true, desc: "Enumerate all pages sequentially in a given namespace."},
		"usercontribs":    {prefix: "uc", run: s.listUserContribs, desc: "Get all edits by a user."},
		"logevents":       {prefix: "le", run: s.listLogEvents, desc: "Get events from logs."},
		"backlinks":       {prefix: "bl", run: s.backlinkList("backlinks", "bl", "link"), generator: true, desc: "Find all pages that link to the given page."},
		"embeddedin":      {prefix: "ei", run: s.backlinkList("embeddedin", "ei", "template"), generator: true, desc: "Find all pages that embed (transclude) the given title."},
		"allusers":        {prefix: "au", run: s.listAllUsers, desc: "Enumerate all registered users."},
		"allimages":       {prefix: "ai", run: s.listAllImages, generator: true, desc: "Enumerate all images sequentially."},
		"imageusage":      {prefix: "iu", run: s.listImageUsage, generator: true, desc: "Find all pages that use the given image title."},
		"categorymembers": {prefix: "cm", run: s.listCategoryMembers, generator: true, desc: "List all pages in a given category."},
		"watchlist":       {prefix: "wl", run: s.listWatchlist, generator: true, desc: "Get recent changes to pages in the current user's watchlist."},
		"watchlistraw":    {prefix: "wr", run: s.listWatchlistRaw, generator: true, desc: "Get all pages on the current user's watchlist."},
		"random":          {prefix: "rn", run: s.listRandom, generator: true, desc: "Get a set of random pages."},
		"search":          {prefix: "sr", run: s.listSearch, generator: true, desc: "Find pages by the words of their text or title."},
	}
}

// metaModules is the table of meta= values.
func (s *Server) metaModules() map[string]*queryModule {
	return map[string]*queryModule{
		"siteinfo": {prefix: "si", run: s.metaSiteInfo, desc: "Return general information about the site."},
		"userinfo": {prefix: "ui", run: s.metaUserInfo, desc: "Get information about the current user."},
		"tokens":   {prefix: "", run: s.metaTokens, desc: "Get tokens for data-modifying actions."},
	}
}
