package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// historyFixture saves seven edits of "Paged", alternating between Alice
// and an anonymous editor, and returns their revision ids.
func historyFixture(t *testing.T, env *Env) []int64 {
	t.Helper()
	alice := env.MustCreateUser("Alice")
	var revs []int64
	text := "line zero"
	for i := 1; i <= 7; i++ {
		text += fmt.Sprintf("\nline %d", i)
		by := alice
		if i%2 == 0 {
			by = nil
		}
		revs = append(revs, env.MustEdit("Paged", text, fmt.Sprintf("edit number %d", i), by))
	}
	env.MustEdit("Other", "other page", "", nil)
	return revs
}

func TestHistory(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		revs := historyFixture(t, env)
		url := func(f string, a ...any) string { return fmt.Sprintf(f, a...) }
		Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
			{Name: "history", As: "anon", URL: "/index.php?title=Paged&action=history", Status: http.StatusOK,
				Want: []string{`id="pagehistory"`, "edit number 7", "edit number 1", "mw-history-histlinks", `name="oldid"`, `name="diff"`,
					"bytes)", "mw-plusminus-pos", "Alice", "192.0.2.7", `id="ca-history" class="selected"`, "Compare selected revisions",
					"mw-history-undo", "action=edit&amp;undo=", `class="new mw-userlink"`, "mw-anonuserlink"},
				DontWant: []string{"rollback"}},
			{Name: "first page of three", As: "anon", URL: "/index.php?title=Paged&action=history&limit=3", Status: http.StatusOK,
				Want:     []string{"edit number 7", "edit number 5", url("offset=%d", revs[4]), "older 3"},
				DontWant: []string{"edit number 4", "edit number 8"}},
			{Name: "second page of three", As: "anon", URL: url("/index.php?title=Paged&action=history&limit=3&offset=%d", revs[4]), Status: http.StatusOK,
				Want:     []string{"edit number 4", "edit number 2", "dir=prev", "newer 3"},
				DontWant: []string{"edit number 5", "edit number 1<"}},
			{Name: "newer page", As: "anon", URL: url("/index.php?title=Paged&action=history&limit=3&offset=%d&dir=prev", revs[3]), Status: http.StatusOK,
				Want:     []string{"edit number 7", "edit number 5"},
				DontWant: []string{"edit number 4"}},
			{Name: "oldest page", As: "anon", URL: "/index.php?title=Paged&action=history&limit=3&dir=prev", Status: http.StatusOK,
				Want:     []string{"edit number 1", "edit number 3"},
				DontWant: []string{"edit number 4"}},
			{Name: "history of a missing page", As: "anon", URL: "/index.php?title=Nowhere&action=history", Status: http.StatusNotFound},
		})
	})
}

func TestDiff(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		revs := historyFixture(t, env)
		url := func(f string, a ...any) string { return fmt.Sprintf(f, a...) }
		Run(t, map[string]*Browser{"anon": env.NewBrowser()}, []Scenario{
			{Name: "diff of two revisions", As: "anon", URL: url("/index.php?title=Paged&diff=%d&oldid=%d", revs[3], revs[1]), Status: http.StatusOK,
				Want: []string{`<table class="diff`, "diff-otitle", "diff-ntitle", "diff-addedline", "line 4", "edit number 4", "edit number 2",
					"differences-prevlink", "differences-nextlink", "undo=", "Difference between revisions",
					`id="mw-diff-otitle1"`, `id="mw-diff-ntitle2"`, `id="mw-diff-ntitle4"`,
					"(1 revision by 1 user in between not shown)"}},
			{Name: "reversed ids are swapped", As: "anon", URL: url("/index.php?title=Paged&diff=%d&oldid=%d", revs[1], revs[3]), Status: http.StatusOK,
				Want: []string{"diff-addedline", "line 4"}, DontWant: []string{"diff-deletedline"}},
			{Name: "diff=prev", As: "anon", URL: url("/index.php?title=Paged&diff=prev&oldid=%d", revs[2]), Status: http.StatusOK,
				Want: []string{"line 3", "edit number 3", "edit number 2"}, DontWant: []string{"in between"}},
			{Name: "diff=next", As: "anon", URL: url("/index.php?title=Paged&diff=next&oldid=%d", revs[2]), Status: http.StatusOK,
				Want: []string{"line 4", "edit number 4", "edit number 3"}},
			{Name: "diff=cur", As: "anon", URL: url("/index.php?title=Paged&diff=cur&oldid=%d", revs[0]), Status: http.StatusOK,
				Want: []string{"Latest revision as of", "line 7"}, DontWant: []string{"differences-nextlink"}},
			{Name: "diff without title", As: "anon", URL: url("/index.php?diff=%d", revs[5]), Status: http.StatusOK,
				Want: []string{"Paged: Difference between revisions", "line 6"}},
			{Name: "diff of the first revision", As: "anon", URL: url("/index.php?diff=%d", revs[0]), Status: http.StatusOK,
				Want: []string{"line zero", "line 1"}, DontWant: []string{"differences-prevlink"}},
			{Name: "compare form", As: "anon", URL: url("/index.php?title=Paged&action=historysubmit&type=revision&oldid=%d&diff=%d", revs[0], revs[6]), Status: http.StatusOK,
				Want: []string{"line 7", "line 2", "(5 revisions by 2 users in between not shown)"}},
			{Name: "diff across pages", As: "anon", URL: url("/index.php?diff=%d&oldid=%d", revs[6]+1, revs[0]), Status: http.StatusOK,
				Want:     []string{url("title=Paged&amp;oldid=%d", revs[0]), url("title=Other&amp;oldid=%d", revs[6]+1), "other page"},
				DontWant: []string{"undo="}},
			{Name: "identical revisions", As: "anon", URL: url("/index.php?title=Paged&diff=%d&oldid=%d", revs[2], revs[2]), Status: http.StatusOK,
				Want: []string{"No difference"}},
			{Name: "diffonly hides the page", As: "anon", URL: url("/index.php?title=Paged&diff=%d&diffonly=1", revs[6]), Status: http.StatusOK,
				DontWant: []string{"diff-currentversion-title"}},
			{Name: "diff of a missing revision", As: "anon", URL: "/index.php?title=Paged&diff=99999&oldid=1", Status: http.StatusNotFound},
		})
	})
}

// TestHistorySizeChanges checks the byte counts and changes in a history.
func TestHistorySizeChanges(t *testing.T) {
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Sized", strings.Repeat("x", 10), "", nil)
	env.MustEdit("Sized", strings.Repeat("x", 1010), "", nil)
	env.MustEdit("Sized", strings.Repeat("x", 1000), "", nil)
	body := env.NewBrowser().Do(http.MethodGet, "/index.php?title=Sized&action=history&limit=2", nil).Body
	for _, want := range []string{"(1,000 bytes)", "(1,010 bytes)", `mw-plusminus-neg`, "−10", "<strong>", "+1,000"} {
		if !strings.Contains(body, want) {
			t.Errorf("history lacks %q", want)
		}
	}
}
