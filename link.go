package folio

// LinkTarget is a (namespace, DBKey) pair a page links to.
type LinkTarget struct {
	Namespace int
	DBKey     string
	Fragment  string
}

// LinkSet holds what a rendered page points at: MediaWiki's pagelinks,
// templatelinks, categorylinks, imagelinks and externallinks rows.
type LinkSet struct {
	Links      []LinkTarget
	Templates  []LinkTarget
	Images     []string // File DBKeys
	Categories []CategoryLink
	External   []string
}

// CategoryLink places a page in a category with a sort key.
type CategoryLink struct {
	Category string // DBKey in the Category namespace
	SortKey  string
}

// BacklinkFilter selects pages that link to a target (Special:WhatLinksHere).
type BacklinkFilter struct {
	Target     LinkTarget
	Kind       string // "link", "template", "redirect"; "" for links and redirects
	Namespace  *int
	FromPageID int64 // paging: only pages with a larger id
	Limit      int
}
