package api_test

import (
	"testing"

	mwclient "cgt.name/pkg/go-mwclient"
	"cgt.name/pkg/go-mwclient/params"
)

// TestGoMWClient drives the API with cgt.name/pkg/go-mwclient v1.3.0, a
// real client library: login, edit, read back and a continued query.
func TestGoMWClient(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustCreateUser("Bot User", "bot")
		for _, title := range []string{"Alpha", "Beta", "Gamma"} {
			env.MustEdit(title, "Page "+title, nil)
		}
		w, err := mwclient.New(env.URL+"/api.php", "folio-test")
		if err != nil {
			t.Fatalf("mwclient.New() error: %v", err)
		}
		if err := w.Login("Bot User", TestPassword); err != nil {
			t.Fatalf("Login() error: %v", err)
		}
		w.Assert = mwclient.AssertBot
		err = w.Edit(params.Values{"title": "Go client page", "text": "Written by go-mwclient.", "summary": "go-mwclient test", "bot": ""})
		if err != nil {
			t.Fatalf("Edit() error: %v", err)
		}
		content, ts, err := w.GetPageByName("Go client page")
		if err != nil || content != "Written by go-mwclient." || ts == "" {
			t.Fatalf("GetPageByName() = %q, %q, %v; want the saved text and a timestamp", content, ts, err)
		}
		if err := w.Edit(params.Values{"title": "Go client page", "text": "Written by go-mwclient."}); err != mwclient.ErrEditNoChange {
			t.Errorf("Edit(same text) error = %v, want ErrEditNoChange", err)
		}
		titles := allPageTitles(t, w)
		want := []string{"Alpha", "Beta", "Gamma", "Go client page"}
		if len(titles) != len(want) {
			t.Fatalf("allpages over continuation = %q, want %q", titles, want)
		}
		for i := range want {
			if titles[i] != want[i] {
				t.Errorf("allpages[%d] = %q, want %q", i, titles[i], want[i])
			}
		}
	})
}

// allPageTitles lists all pages two at a time through continuation.
func allPageTitles(t *testing.T, w *mwclient.Client) []string {
	t.Helper()
	var titles []string
	q := w.NewQuery(params.Values{"list": "allpages", "aplimit": "2"})
	for q.Next() {
		pages, err := q.Resp().GetObjectArray("query", "allpages")
		if err != nil {
			t.Fatalf("allpages response: %v", err)
		}
		for _, p := range pages {
			title, _ := p.GetString("title")
			titles = append(titles, title)
		}
	}
	if err := q.Err(); err != nil {
		t.Fatalf("query error: %v", err)
	}
	return titles
}
