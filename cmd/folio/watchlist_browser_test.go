package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// starState is what the probe reads from the watch star.
type starState struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Pressed string `json:"pressed"`
	Tooltip string `json:"tooltip"`
	Href    string `json:"href"`
	// Same is true while the page the probe marked is still loaded: the
	// star changed without a reload.
	Same bool `json:"same"`
}

const starProbe = `(() => {
	const li = document.querySelector("li.mw-watchlink");
	const a = li.querySelector("a");
	return {id: li.id, label: a.querySelector(".mw-watchlink-label").textContent,
		pressed: a.getAttribute("aria-pressed"), tooltip: a.title, href: a.getAttribute("href"),
		same: window.folioStarMark === true};
})()`

// TestBrowserWatchStar stars a page with the script (no reload), finds
// the page's next change on Special:Watchlist, then unstars it.
func TestBrowserWatchStar(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, nil)
	mustCreateUser(t, w, "Stargazer", "stargazer-password-1")
	// Created anonymously: the creator's watchcreations (on by default)
	// would watch it already.
	mustDo(t, ctx, "create", saveEdit(w.URL, "Star_page", "A page to watch.", "create the page"))
	mustDo(t, ctx, "log in", login(w.URL, "Stargazer", "stargazer-password-1"))

	mustDo(t, ctx, "open the page", chromedp.Navigate(w.URL+"/wiki/Star_page"), chromedp.WaitVisible(chromedp.CSS("#ca-watch > a")))
	mustRun(t, ctx, "mark the page", chromedp.Evaluate[bool](`window.folioStarMark = true`))
	mustDo(t, ctx, "click the star", chromedp.Click(chromedp.CSS("#ca-watch > a")), chromedp.WaitVisible(chromedp.CSS("#ca-unwatch > a")))
	got := mustRun(t, ctx, "read the star", chromedp.Evaluate[starState](starProbe))
	if !got.Same || got.Label != "Unwatch" || got.Pressed != "true" || !strings.Contains(got.Tooltip, "Remove") || !strings.Contains(got.Href, "action=unwatch") {
		t.Errorf("after starring: %+v; want the unwatch star on the same page", got)
	}

	mustDo(t, ctx, "edit the watched page", saveEdit(w.URL, "Star_page", "A page to watch, changed.", "change seen on the watchlist"))
	mustDo(t, ctx, "open the watchlist", chromedp.Navigate(w.URL+"/wiki/Special:Watchlist"), chromedp.WaitVisible(chromedp.CSS(".mw-changeslist")))
	list := mustRun(t, ctx, "read the watchlist", chromedp.Text(chromedp.CSS(".mw-changeslist")))
	if !strings.Contains(list, "Star page") || !strings.Contains(list, "change seen on the watchlist") {
		t.Errorf("Special:Watchlist lacks the change to Star page:\n%s", list)
	}

	mustDo(t, ctx, "back to the page", chromedp.Navigate(w.URL+"/wiki/Star_page"), chromedp.WaitVisible(chromedp.CSS("#ca-unwatch > a")))
	mustRun(t, ctx, "mark the page again", chromedp.Evaluate[bool](`window.folioStarMark = true`))
	mustDo(t, ctx, "click the star again", chromedp.Click(chromedp.CSS("#ca-unwatch > a")), chromedp.WaitVisible(chromedp.CSS("#ca-watch > a")))
	got = mustRun(t, ctx, "read the star again", chromedp.Evaluate[starState](starProbe))
	if !got.Same || got.Label != "Watch" || got.Pressed != "false" || !strings.Contains(got.Href, "action=watch") {
		t.Errorf("after unstarring: %+v; want the watch star on the same page", got)
	}

	mustDo(t, ctx, "open the watchlist editor", chromedp.Navigate(w.URL+"/wiki/Special:EditWatchlist"), chromedp.WaitVisible(chromedp.ID("mw-content-text")))
	edit := mustRun(t, ctx, "read the watchlist editor", chromedp.Text(chromedp.ID("mw-content-text")))
	if !strings.Contains(edit, "has 0 pages") {
		t.Errorf("after unstarring, Special:EditWatchlist says:\n%s", edit)
	}
	mustDo(t, ctx, "reload the page", chromedp.Navigate(w.URL+"/wiki/Star_page"), chromedp.WaitVisible(chromedp.CSS("#ca-watch > a")))
}
