package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOpenRegistration walks open self-registration in Chromium:
// the login form links to Special:CreateAccount, the form creates the
// account and logs in; then an administrator blocks the new user, finds
// the block on Special:BlockList and lifts it through its unblock link.
func TestBrowserOpenRegistration(t *testing.T) {
	ctx := newBrowser(t)
	w := MustRunMain(t, map[string]string{"FOLIO_ACCOUNT_MODE": "open"})
	mustCreateUser(t, w, "Admin", "admin-password-77", "sysop")

	mustDo(t, ctx, "create an account",
		chromedp.Navigate(w.URL+"/wiki/Special:UserLogin"),
		chromedp.Click(chromedp.ID("mw-createaccount-link")),
		chromedp.WaitVisible(chromedp.ID("wpName2")),
		chromedp.SetValue(chromedp.ID("wpName2"), "Nora Newcomer"),
		chromedp.SetValue(chromedp.ID("wpPassword2"), "nora-first-password"),
		chromedp.SetValue(chromedp.ID("wpRetype"), "nora-first-password"),
		chromedp.Click(chromedp.ID("wpCreateaccount")),
		chromedp.WaitVisible(chromedp.ID("pt-logout")))
	user := mustRun(t, ctx, "read user link", chromedp.Text(chromedp.ID("pt-userpage")))
	if !strings.Contains(user, "Nora Newcomer") {
		t.Errorf("after creating the account the user link = %q, want Nora Newcomer", user)
	}
	mustDo(t, ctx, "logout", logout(w.URL))

	mustDo(t, ctx, "admin login", login(w.URL, "Admin", "admin-password-77"))
	mustDo(t, ctx, "block",
		chromedp.Navigate(w.URL+"/wiki/Special:Block/Nora_Newcomer"),
		chromedp.WaitVisible(chromedp.ID("mw-block-form")),
		chromedp.SetValue(chromedp.ID("mw-input-wpExpiry"), "1 week"),
		chromedp.SetValue(chromedp.ID("mw-input-wpReason"), "testing the block list"),
		chromedp.Click(chromedp.ID("mw-block-submit")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")))
	mustDo(t, ctx, "block list", chromedp.Navigate(w.URL+"/wiki/Special:BlockList"), chromedp.WaitVisible(chromedp.ID("mw-blocklist")))
	list := mustRun(t, ctx, "read block list", chromedp.Text(chromedp.ID("mw-blocklist")))
	if !strings.Contains(list, "Nora Newcomer") || !strings.Contains(list, "testing the block list") || !strings.Contains(list, "Admin") {
		t.Errorf("Special:BlockList = %q, want Nora's block by Admin with its reason", list)
	}
	mustDo(t, ctx, "unblock from the list",
		chromedp.Click(chromedp.CSS(".mw-blocklist-unblock")),
		chromedp.WaitVisible(chromedp.ID("mw-unblock-form")),
		chromedp.Click(chromedp.ID("mw-unblock-submit")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")),
		chromedp.Navigate(w.URL+"/wiki/Special:BlockList"),
		chromedp.WaitVisible(chromedp.CSS(".mw-blocklist-empty")))
}
