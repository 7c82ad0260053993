package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch uses the search box of the skin: a word leads to
// Special:Search listing the page with the word highlighted, and an exact
// title leads straight to the page.
func TestBrowserSearch(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, nil)
	mustDo(t, ctx, "create", saveEdit(w.URL, "Egg_layers", "The platypus lays eggs, as the echidna does.", "create"))
	mustDo(t, ctx, "create another", saveEdit(w.URL, "Other_page", "Nothing about that animal.", "create"))

	mustDo(t, ctx, "search for a word",
		chromedp.Navigate(w.URL+"/wiki/Other_page"),
		chromedp.WaitVisible(chromedp.ID("searchInput")),
		chromedp.SendKeys(chromedp.ID("searchInput"), "Platypus"),
		chromedp.Click(chromedp.ID("searchButton")),
		chromedp.WaitVisible(chromedp.CSS("ul.mw-search-results")))
	results := mustRun(t, ctx, "read results", chromedp.OuterHTML(chromedp.CSS("ul.mw-search-results")))
	loc := mustRun(t, ctx, "results location", chromedp.Location())
	match := mustRun(t, ctx, "read match", chromedp.Text(chromedp.CSS("ul.mw-search-results .searchresult span.searchmatch")))
	if u, err := url.Parse(loc); err != nil || u.Query().Get("title") != "Special:Search" || u.Query().Get("search") != "Platypus" {
		t.Errorf("search went to %s", loc)
	}
	if !strings.Contains(results, `href="/wiki/Egg_layers"`) || strings.Contains(results, "Other_page") {
		t.Errorf("results = %s", results)
	}
	if match != "platypus" {
		t.Errorf("highlighted word = %q, want platypus", match)
	}

	mustDo(t, ctx, "go to a title",
		chromedp.Navigate(w.URL+"/wiki/Other_page"),
		chromedp.WaitVisible(chromedp.ID("searchInput")),
		chromedp.SendKeys(chromedp.ID("searchInput"), "egg layers\r"),
		chromedp.WaitVisible(chromedp.CSS(`#ca-history a[href*="title=Egg_layers"]`)))
	loc = mustRun(t, ctx, "page location", chromedp.Location())
	heading := mustRun(t, ctx, "read heading", chromedp.Text(chromedp.ID("firstHeading")))
	if !strings.HasSuffix(loc, "/wiki/Egg_layers") || heading != "Egg layers" {
		t.Errorf("exact title went to %s (heading %q), want /wiki/Egg_layers", loc, heading)
	}
}
