package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

func testRecentChanges(t *testing.T, f *specialFixture) {
	const rc = "/wiki/Special:RecentChanges"
	f.run(t, []scenario{
		{name: "defaults", url: rc,
			want: []string{`<div class="mw-changeslist">`, `<h4>`, `<ul class="special">`,
				"(first version)", "(typo fix)", "(anonymous start)", "(talk start)", "(spam cleanup)",
				`<abbr class="newpage"`, `<abbr class="minoredit"`, `mw-plusminus-pos`, `mw-plusminus-neg`,
				`>(+22)</span>`, `<span class="mw-changeslist-date">`,
				`class="mw-userlink"`, `class="mw-usertoollinks-talk"`, `class="mw-usertoollinks-contribs"`,
				`mw-anonuserlink`, `diff=4&amp;oldid=2`, `action=history`, `class="mw-changeslist-title"`,
				`<strong>50</strong>`, `<strong>7</strong>`, `limit=500`, `days=30`, `hidebots=0">Show bots`,
				`Hide minor edits`, `Show only changes made after`, `&amp;from=`, `name="namespace"`, `name="invert"`, `name="associated"`},
			notWant: []string{"(robot tidy)", "(old times)", "(doomed page)"}},
		{name: "show bots", url: rc + "?hidebots=0", want: []string{"(robot tidy)", `<abbr class="botedit"`, "Hide bots"}},
		{name: "hide minor", url: rc + "?hideminor=1", want: []string{"(first version)", "Show minor edits"},
			notWant: []string{"(typo fix)"}},
		{name: "hide anons", url: rc + "?hideanons=1", want: []string{"(first version)"},
			notWant: []string{"(anonymous start)"}},
		{name: "hide registered", url: rc + "?hideliu=1", want: []string{"(anonymous start)"},
			notWant: []string{"(first version)", "(spam cleanup)"}},
		{name: "hide mine as anonymous", url: rc + "?hidemyself=1", want: []string{"(first version)"},
			notWant: []string{"(anonymous start)"}},
		{name: "hide mine as Alice", as: "Alice", url: rc + "?hidemyself=1",
			want: []string{"(anonymous start)", "(spam cleanup)"}, notWant: []string{"(first version)", "(talk start)"}},
		{name: "hide logs", url: rc + "?hidelog=1", want: []string{"(first version)"},
			notWant: []string{"(spam cleanup)", "(edit war)"}},
		{name: "limit", url: rc + "?limit=1", want: []string{"(edit war)"}, notWant: []string{"(spam cleanup)"}},
		{name: "days", url: rc + "?days=14", want: []string{"(old times)", "<strong>14</strong>"}},
		{name: "short period", url: rc + "?days=0.01", want: []string{"No changes match"},
			notWant: []string{"(first version)"}},
		{name: "from recent time", url: rc + "?from=" + time.Now().UTC().Add(-time.Hour).Format("20060102150405"),
			want: []string{"No changes match"}, notWant: []string{"(first version)"}},
		{name: "from earlier time", url: rc + "?from=" + time.Now().UTC().Add(-4*time.Hour).Format("20060102150405"),
			want: []string{"(first version)", "(edit war)"}},
		{name: "subpage options", url: rc + "/hidebots=0,limit=100", want: []string{"(robot tidy)", "<strong>100</strong>"}},
		{name: "index.php", url: "/index.php?title=Special:RecentChanges&hideminor=1", want: []string{"(first version)"},
			notWant: []string{"(typo fix)"}},
		{name: "lower-case alias", url: "/wiki/Special:Recentchanges?days=3", wantStatus: 301,
			location: "/index.php?title=Special:RecentChanges&days=3"},
	})
}

func testRecentChangesNamespaces(t *testing.T, f *specialFixture) {
	const rc = "/wiki/Special:RecentChanges"
	f.run(t, []scenario{
		{name: "namespace", url: rc + "?namespace=1", want: []string{"(talk start)", `<option value="1" selected>`},
			notWant: []string{"(first version)", "(a template)"}},
		{name: "namespace inverted", url: rc + "?namespace=1&invert=1", want: []string{"(first version)", "(a template)"},
			notWant: []string{"(talk start)"}},
		{name: "namespace associated", url: rc + "?namespace=1&associated=1",
			want: []string{"(talk start)", "(first version)"}, notWant: []string{"(a template)"}},
		{name: "namespace inverted associated", url: rc + "?namespace=0&associated=1&invert=1",
			want: []string{"(a template)"}, notWant: []string{"(talk start)", "(first version)"}},
	})
}

// testRecentChangesDays checks that changes are grouped under the day they
// were made.
func testRecentChangesDays(t *testing.T, f *specialFixture) {
	revs, err := f.env.Store.FindRevisions(context.Background(), folio.RevisionFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	body := f.get("", "/wiki/Special:RecentChanges?days=30").Body
	newest, oldest := revs[0].Timestamp.UTC(), revs[len(revs)-1].Timestamp.UTC()
	for _, day := range []string{newest.Format("2 January 2006"), oldest.Format("2 January 2006")} {
		if !strings.Contains(body, "<h4>"+day+"</h4>") {
			t.Errorf("RecentChanges lacks the day heading %q", day)
		}
	}
	if n := strings.Count(body, "<h4>"); n != 2 {
		t.Errorf("RecentChanges has %d day headings, want 2", n)
	}
}
