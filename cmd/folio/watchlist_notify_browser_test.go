package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// unseenProbe reads how Special:Watchlist shows unseen changes: how many
// lines are marked and the weight of the first marked title.
const unseenProbe = `(() => {
	const lines = document.querySelectorAll(".mw-changeslist-line-watched");
	const title = document.querySelector(".mw-changeslist-line-watched .mw-changeslist-title");
	return {count: lines.length, weight: title ? getComputedStyle(title).fontWeight : ""};
})()`

type unseenState struct {
	Count  int    `json:"count"`
	Weight string `json:"weight"`
}

// TestBrowserWatchlistUnseen: a page the watcher created is watched (the
// default watchcreations); another user's change is shown in bold on
// Special:Watchlist until "Mark all pages visited" is pressed.
func TestBrowserWatchlistUnseen(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, nil)
	mustCreateUser(t, w, "Watcher", "watcher-password-1")
	mustCreateUser(t, w, "Changer", "changer-password-1")
	mustDo(t, ctx, "log in as the watcher", login(w.URL, "Watcher", "watcher-password-1"))
	mustDo(t, ctx, "create", saveEdit(w.URL, "Notice_page", "A page to keep an eye on.", "create"))
	mustDo(t, ctx, "log out", logout(w.URL))
	mustDo(t, ctx, "log in as the changer", login(w.URL, "Changer", "changer-password-1"))
	mustDo(t, ctx, "change", saveEdit(w.URL, "Notice_page", "A page to keep an eye on, changed.", "a change to notice"))
	mustDo(t, ctx, "log out again", logout(w.URL))
	mustDo(t, ctx, "log in as the watcher again", login(w.URL, "Watcher", "watcher-password-1"))

	mustDo(t, ctx, "open the watchlist", chromedp.Navigate(w.URL+"/wiki/Special:Watchlist"), chromedp.WaitVisible(chromedp.CSS(".mw-changeslist")))
	got := mustRun(t, ctx, "read the marks", chromedp.Evaluate[unseenState](unseenProbe))
	if got.Count != 1 || (got.Weight != "700" && got.Weight != "bold") {
		t.Errorf("before marking visited: %+v; want one unseen line with a bold title", got)
	}
	// The POST redirects back to the watchlist, where the mark is gone
	// (the wait fails the test by its time limit otherwise).
	mustDo(t, ctx, "mark all visited", chromedp.Click(chromedp.ID("mw-watchlist-reset-submit")),
		chromedp.WaitNotPresent(chromedp.CSS(".mw-changeslist-line-watched")), chromedp.WaitVisible(chromedp.CSS(".mw-changeslist")))
	got = mustRun(t, ctx, "read the marks again", chromedp.Evaluate[unseenState](unseenProbe))
	if got.Count != 0 {
		t.Errorf("after marking visited: %+v; want no unseen line", got)
	}
}
