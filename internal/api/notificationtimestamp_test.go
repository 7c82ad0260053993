package api_test

import "testing"

func setupNotify(env *Env) {
	env.MustCreateUser("Alice")
	env.MustCreateUser("Bob")
	env.MustEdit("Notify page", "one", nil)
	env.MustEdit("Quiet page", "quiet", nil)
}

func setNTParams(kv ...string) []string {
	return append([]string{"action", "setnotificationtimestamp", "formatversion", "2"}, kv...)
}

// TestNotificationTimestamp covers the watchlist's notification
// timestamps in the API: set by another user's edit, read by prop=info and
// list=watchlist (wlprop=notificationtimestamp, wlshow=unread|!unread) and
// changed by action=setnotificationtimestamp.
func TestNotificationTimestamp(t *testing.T) {
	runScenarios(t, setupNotify, notifyScenarios)
}

var notifyScenarios = []scenario{
	{name: "watch", as: "Alice", post: true, token: "watch", params: P(watchParams("titles", "Notify page|Quiet page")...),
		want: map[string]any{"watch.0.watched": true, "watch.1.watched": true}},
	{name: "nothing unseen yet", as: "Alice", params: P(queryParams("list", "watchlist", "wlshow", "unread")...),
		want: map[string]any{"query.watchlist": []any{}}},
	{name: "Bob edits", as: "Bob", post: true, token: "csrf", params: P("action", "edit", "formatversion", "2", "title", "Notify page", "text", "by Bob"),
		want: map[string]any{"edit.result": "Success"}},
	{name: "unread", as: "Alice", params: P(queryParams("list", "watchlist", "wlshow", "unread", "wlprop", "title")...),
		want: map[string]any{"query.watchlist.0.title": "Notify page"}, absent: []string{"query.watchlist.1"}},
	{name: "read", as: "Alice", params: P(queryParams("list", "watchlist", "wlshow", "!unread", "wlprop", "title|notificationtimestamp")...),
		want: map[string]any{"query.watchlist.0.title": "Quiet page", "query.watchlist.0.notificationtimestamp": ""}, absent: []string{"query.watchlist.1"}},
	{name: "unread and read together", as: "Alice", params: P(queryParams("list", "watchlist", "wlshow", "unread|!unread")...),
		want: map[string]any{"error.code": "show"}},
	{name: "set needs a POST", as: "Alice", params: P(setNTParams("titles", "Notify page")...),
		want: map[string]any{"error.code": "mustbeposted"}},
	{name: "anonymous set refused", post: true, token: "csrf", params: P(setNTParams("entirewatchlist", "1")...),
		want: map[string]any{"error.code": "notloggedin"}},
	{name: "entirewatchlist with titles", as: "Alice", post: true, token: "csrf", params: P(setNTParams("entirewatchlist", "1", "titles", "Notify page")...),
		want: map[string]any{"error.code": "multisource"}},
	{name: "timestamp with torevid", as: "Alice", post: true, token: "csrf", params: P(setNTParams("titles", "Notify page", "timestamp", "2030-01-01T00:00:00Z", "torevid", "1")...),
		want: map[string]any{"error.code": "invalidparammix"}},
	{name: "torevid of two pages", as: "Alice", post: true, token: "csrf", params: P(setNTParams("titles", "Notify page|Quiet page", "torevid", "1")...),
		want: map[string]any{"error.code": "multpages"}},
	{name: "set a timestamp", as: "Alice", post: true, token: "csrf",
		params: P(setNTParams("titles", "Notify page|Unwatched page|Special:Version", "timestamp", "2030-01-02T03:04:05Z")...),
		want: map[string]any{"batchcomplete": true, "setnotificationtimestamp.0.special": true, "setnotificationtimestamp.0.notwatched": true,
			"setnotificationtimestamp.1.title": "Notify page", "setnotificationtimestamp.1.notificationtimestamp": "2030-01-02T03:04:05Z",
			"setnotificationtimestamp.2.title": "Unwatched page", "setnotificationtimestamp.2.missing": true, "setnotificationtimestamp.2.notwatched": true}},
	{name: "info shows it", as: "Alice", params: P(queryParams("prop", "info", "inprop", "notificationtimestamp", "titles", "Notify page")...),
		want: map[string]any{"query.pages.0.notificationtimestamp": "2030-01-02T03:04:05Z"}},
	{name: "info of a seen page", as: "Alice", params: P(queryParams("prop", "info", "inprop", "notificationtimestamp", "titles", "Quiet page")...),
		want: map[string]any{"query.pages.0.notificationtimestamp": ""}},
	{name: "Bob's info is apart", as: "Bob", params: P(queryParams("prop", "info", "inprop", "notificationtimestamp", "titles", "Notify page")...),
		want: map[string]any{"query.pages.0.notificationtimestamp": ""}},
	{name: "watchlist shows it", as: "Alice", params: P(queryParams("list", "watchlist", "wlprop", "title|notificationtimestamp", "wlshow", "!unread")...),
		want: map[string]any{"query.watchlist.0.title": "Notify page", "query.watchlist.0.notificationtimestamp": "2030-01-02T03:04:05Z"}},
	{name: "torevid", as: "Alice", post: true, token: "csrf", params: P(setNTParams("titles", "Notify page", "torevid", "1")...),
		want: map[string]any{"setnotificationtimestamp.0.title": "Notify page"}, absent: []string{"error", "setnotificationtimestamp.0.notwatched"},
		lacks: []string{`"notificationtimestamp":""`, "2030-01-02"}},
	{name: "torevid of another page", as: "Alice", post: true, token: "csrf", params: P(setNTParams("titles", "Quiet page", "torevid", "1")...),
		want: map[string]any{"error.code": "nosuchrevid"}},
	{name: "mark all visited", as: "Alice", post: true, token: "csrf", params: P(setNTParams("entirewatchlist", "1")...),
		want: map[string]any{"batchcomplete": true, "setnotificationtimestamp.notificationtimestamp": ""}},
	{name: "nothing unseen after", as: "Alice", params: P(queryParams("list", "watchlist", "wlshow", "unread")...),
		want: map[string]any{"query.watchlist": []any{}}},
}

// TestSignatureOptions: action=options sets the signature nickname and
// fancysig, refuses a fancy signature containing one, and userinfo shows
// them.
func TestSignatureOptions(t *testing.T) {
	runScenarios(t, setupNotify, []scenario{
		{name: "set nickname", as: "Alice", post: true, token: "csrf", params: P("action", "options", "change", "nickname='''Al''' [[User:Alice]]|fancysig=1"),
			want: map[string]any{"options": "success"}},
		{name: "userinfo", as: "Alice", params: P(queryParams("meta", "userinfo", "uiprop", "options")...),
			want: map[string]any{"query.userinfo.options.nickname": "'''Al''' [[User:Alice]]", "query.userinfo.options.fancysig": "1"}},
		{name: "nested signature", as: "Alice", post: true, token: "csrf", params: P("action", "options", "optionname", "nickname", "optionvalue", "Al ~~~~"),
			want: map[string]any{"error.code": "invalidparameter"}},
		{name: "reset", as: "Alice", post: true, token: "csrf", params: P("action", "options", "reset", "1"),
			want: map[string]any{"options": "success"}},
		{name: "reset took effect", as: "Alice", params: P(queryParams("meta", "userinfo", "uiprop", "options")...),
			want: map[string]any{"query.userinfo.options.nickname": "", "query.userinfo.options.fancysig": "0", "query.userinfo.options.watchdefault": "1"}},
	})
}
