package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMovePage moves a page with its talk page through the Move
// tab and the form of Special:MovePage, then creates a bot password on
// Special:BotPasswords and reads the password it shows once.
func TestBrowserMovePage(t *testing.T) {
	ctx := newChromium(t)
	env := MustStart(t, MustOpenSQLite(t))
	env.MustCreateUser("Mover")
	env.MustEdit("Old name", "The text of the page.", "", nil)
	env.MustEdit("Talk:Old name", "Talk.", "", nil)
	err := chromedp.Do(ctx,
		chromedp.Navigate(env.URL+"/wiki/Special:UserLogin"),
		chromedp.WaitVisible(chromedp.ID("wpName1")),
		chromedp.SetValue(chromedp.ID("wpName1"), "Mover"),
		chromedp.SetValue(chromedp.ID("wpPassword1"), TestPassword),
		chromedp.Submit(chromedp.ID("wpPassword1")),
		chromedp.WaitVisible(chromedp.ID("pt-logout")),
		chromedp.Navigate(env.URL+"/wiki/Old_name"),
		chromedp.Click(chromedp.CSS("#ca-move a")),
		chromedp.WaitVisible(chromedp.ID("wpNewTitle")),
		chromedp.SetValue(chromedp.ID("wpNewTitle"), "New name"),
		chromedp.SetValue(chromedp.ID("wpReason"), "browser test"),
		chromedp.Click(chromedp.ID("wpMove")),
		chromedp.WaitVisible(chromedp.ID("mw-action-result")),
	)
	if err != nil {
		t.Fatalf("move through the form: %v", err)
	}
	result, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("mw-action-result")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(result, `"Old name" has been moved to "New name"`) || !strings.Contains(result, `"Talk:Old name" has been moved`) {
		t.Errorf("move result = %q, want the page and its talk page moved", result)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(env.URL+"/wiki/Old_name"),
		chromedp.WaitVisible(chromedp.ID("mw-content-text")),
	); err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("mw-content-text")))
	if err != nil || !strings.Contains(body, "The text of the page.") {
		t.Errorf("following the redirect at the old name shows %q, %v; want the moved page", body, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(env.URL+"/wiki/Special:BotPasswords"),
		chromedp.WaitVisible(chromedp.ID("wpAppId")),
		chromedp.SetValue(chromedp.ID("wpAppId"), "mover-bot"),
		chromedp.Click(chromedp.CSS(`input[value="createeditmovepage"]`)),
		chromedp.Click(chromedp.ID("wpCreate")),
		chromedp.WaitVisible(chromedp.ID("mw-botpasswords-password")),
	); err != nil {
		t.Fatalf("create a bot password: %v", err)
	}
	login, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("mw-botpasswords-login")))
	if err != nil || login != "Mover@mover-bot" {
		t.Errorf("bot login name = %q, %v; want Mover@mover-bot", login, err)
	}
	pw, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("mw-botpasswords-password")))
	if err != nil || len(pw) < 32 {
		t.Errorf("bot password = %q, %v; want a long password", pw, err)
	}
}
