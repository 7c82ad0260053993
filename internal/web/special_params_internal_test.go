package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

func intp(n int) *int { return &n }

func mustQuery(t *testing.T, s string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}

func TestParseRCOptions(t *testing.T) {
	def := defaultRCOptions()
	with := func(f func(o *rcOptions)) rcOptions { o := def; f(&o); return o }
	tests := []struct {
		name, query, sub string
		want             rcOptions
	}{
		{"defaults", "", "", def},
		{"namespace", "namespace=4", "", with(func(o *rcOptions) { o.Namespace = intp(4) })},
		{"namespace all", "namespace=all", "", def},
		{"namespace main", "namespace=0&invert=1&associated=1", "",
			with(func(o *rcOptions) { o.Namespace, o.Invert, o.Associated = intp(0), true, true })},
		{"show bots", "hidebots=0", "", with(func(o *rcOptions) { o.HideBots = false })},
		{"hidebots empty is false", "hidebots=", "", with(func(o *rcOptions) { o.HideBots = false })},
		{"hides", "hideminor=1&hideanons=1&hideliu=true&hidemyself=yes&hidelog=1", "",
			with(func(o *rcOptions) {
				o.HideMinor, o.HideAnons, o.HideLiu, o.HideMyself, o.HideLogs = true, true, true, true, true
			})},
		{"hideminor 0", "hideminor=0", "", def},
		{"limit", "limit=250", "", with(func(o *rcOptions) { o.Limit = 250 })},
		{"limit capped", "limit=100000", "", with(func(o *rcOptions) { o.Limit = maxListLimit })},
		{"limit bad", "limit=-3", "", def},
		{"limit junk", "limit=abc", "", def},
		{"days", "days=30", "", with(func(o *rcOptions) { o.Days = 30 })},
		{"days fraction", "days=0.5", "", with(func(o *rcOptions) { o.Days = 0.5 })},
		{"days capped", "days=1000", "", with(func(o *rcOptions) { o.Days = rcMaxDays })},
		{"days zero", "days=0", "", def},
		{"days NaN", "days=NaN", "", def},
		{"subpage", "", "hidebots=0,limit=100,days=3", with(func(o *rcOptions) {
			o.HideBots, o.Limit, o.Days = false, 100, 3
		})},
		{"subpage bare number", "", "250", with(func(o *rcOptions) { o.Limit = 250 })},
		{"subpage bare name", "", "hideminor", with(func(o *rcOptions) { o.HideMinor = true })},
		{"subpage wins", "limit=50", "limit=500", with(func(o *rcOptions) { o.Limit = 500 })},
		{"from", "from=20261122093000", "", with(func(o *rcOptions) {
			o.From = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
		})},
		{"from invalid", "from=yesterday", "", def},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseRCOptions(mustQuery(t, tt.query), tt.sub)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseRCOptions(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.sub, diff)
			}
		})
	}
}

func TestRCOptionsFilter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, query string
		want        folio.RecentChangeFilter
	}{
		{"defaults", "", folio.RecentChangeFilter{Since: now.AddDate(0, 0, -7), HideBots: true, Limit: 50}},
		{"namespace", "namespace=2&hidebots=0&days=1",
			folio.RecentChangeFilter{Namespace: intp(2), Since: now.AddDate(0, 0, -1), Limit: 50}},
		{"invert leaves namespace to rows", "namespace=2&invert=1",
			folio.RecentChangeFilter{Since: now.AddDate(0, 0, -7), HideBots: true, Limit: 50}},
		{"hidemyself", "hidemyself=1&hideminor=1&hidelog=1&hideanons=1&hideliu=1&limit=100",
			folio.RecentChangeFilter{Since: now.AddDate(0, 0, -7), HideBots: true, HideMinor: true,
				HideLogs: true, HideAnons: true, HideLiu: true, HideActor: "Alice", Limit: 100}},
		{"half a day", "days=0.5",
			folio.RecentChangeFilter{Since: now.Add(-12 * time.Hour), HideBots: true, Limit: 50}},
		{"from later than days", "from=20261123100000",
			folio.RecentChangeFilter{Since: now.Add(-2 * time.Hour), HideBots: true, Limit: 50}},
		{"from earlier than days", "from=20261101000000",
			folio.RecentChangeFilter{Since: now.AddDate(0, 0, -7), HideBots: true, Limit: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseRCOptions(mustQuery(t, tt.query), "").filter(now, "Alice")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("filter for %q mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestRCOptionsMatches(t *testing.T) {
	ns := folio.NewNamespaces("Test")
	tests := []struct {
		query string
		ns    int
		want  bool
	}{
		{"", 5, true},
		{"namespace=2", 2, true},
		{"namespace=2", 3, false},
		{"namespace=2&associated=1", 3, true},
		{"namespace=3&associated=1", 2, true},
		{"namespace=3&associated=1", 0, false},
		{"namespace=2&invert=1", 2, false},
		{"namespace=2&invert=1", 0, true},
		{"namespace=2&invert=1&associated=1", 3, false},
		{"namespace=2&invert=1&associated=1", 4, true},
		{"namespace=0&associated=1", 1, true},
	}
	for _, tt := range tests {
		o := parseRCOptions(mustQuery(t, tt.query), "")
		if got := o.matches(tt.ns, ns); got != tt.want {
			t.Errorf("matches(%q, ns %d) = %v, want %v", tt.query, tt.ns, got, tt.want)
		}
	}
}

func TestRCOptionsQueryRoundTrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"hidebots=1&limit=50&days=7", ""},
		{"hidebots=0", "hidebots=0"},
		{"namespace=4&invert=1&hideminor=1&limit=100&days=0.5",
			"days=0.5&hideminor=1&invert=1&limit=100&namespace=4"},
		{"invert=1", ""},
		{"from=20261122093000&days=30", "days=30&from=20261122093000"},
	}
	for _, tt := range tests {
		o := parseRCOptions(mustQuery(t, tt.in), "")
		if got := o.query().Encode(); got != tt.want {
			t.Errorf("query(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := parseRCOptions(o.query(), ""); !cmp.Equal(back, o) {
			t.Errorf("round trip of %q gives %+v, want %+v", tt.in, back, o)
		}
	}
}

func TestParseLogOptions(t *testing.T) {
	types := []string{"create", "delete", "protect", "newusers"}
	tests := []struct {
		name, query, sub string
		want             logOptions
	}{
		{"defaults", "", "", logOptions{Limit: 50}},
		{"query", "type=delete&user=Some_user&page=Foo&limit=20&offset=99", "",
			logOptions{Type: "delete", User: "Some user", Page: "Foo", Limit: 20, Offset: 99}},
		{"all", "type=all", "", logOptions{Limit: 50}},
		{"unknown type", "type=bogus", "", logOptions{Limit: 50}},
		{"subpage type", "", "protect", logOptions{Type: "protect", Limit: 50}},
		{"subpage type case", "", "Delete", logOptions{Type: "delete", Limit: 50}},
		{"subpage type and user", "", "delete/Bob", logOptions{Type: "delete", User: "Bob", Limit: 50}},
		{"subpage user", "type=create", "Bob_Smith", logOptions{Type: "create", User: "Bob Smith", Limit: 50}},
		{"bad offset", "offset=-5", "", logOptions{Limit: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseLogOptions(mustQuery(t, tt.query), tt.sub, types)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseLogOptions(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.sub, diff)
			}
		})
	}
}

func TestParseContribsOptions(t *testing.T) {
	tests := []struct {
		name, query, sub string
		want             contribsOptions
		wantQuery        string
		rowFilter        bool
	}{
		{"empty", "", "", contribsOptions{}, "", false},
		{"subpage", "target=Ignored", "Jane_Doe", contribsOptions{Target: "Jane Doe"}, "", false},
		{"target", "target=127.0.0.1&namespace=0&limit=10&offset=7", "",
			contribsOptions{Target: "127.0.0.1", Namespace: intp(0)}, "namespace=0", false},
		{"namespace choices", "namespace=1&nsInvert=1&associated=1", "",
			contribsOptions{Namespace: intp(1), Invert: true, Associated: true},
			"associated=1&namespace=1&nsInvert=1", true},
		{"invert needs a namespace", "nsInvert=1", "", contribsOptions{}, "", false},
		{"edit kinds", "topOnly=1&newOnly=1&hideMinor=1", "",
			contribsOptions{TopOnly: true, NewOnly: true, HideMinor: true}, "hideMinor=1&newOnly=1&topOnly=1", true},
		{"period", "start=2026-11-01&end=2026-11-20", "",
			contribsOptions{Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)},
			"end=2026-11-20&start=2026-11-01", true},
		{"bad dates", "start=yesterday&end=2026-13-01", "", contribsOptions{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseContribsOptions(mustQuery(t, tt.query), tt.sub)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseContribsOptions(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.sub, diff)
			}
			if q := got.query().Encode(); q != tt.wantQuery {
				t.Errorf("query() = %q, want %q", q, tt.wantQuery)
			}
			if rf := got.needsRowFilter(); rf != tt.rowFilter {
				t.Errorf("needsRowFilter() = %v, want %v", rf, tt.rowFilter)
			}
		})
	}
}

func TestParseWLHOptions(t *testing.T) {
	tests := []struct {
		name, query, sub string
		want             wlhOptions
	}{
		{"empty", "", "", wlhOptions{Limit: 50}},
		{"subpage", "", "Main Page", wlhOptions{Target: "Main Page", Limit: 50}},
		{"all", "target=Foo&namespace=10&hidelinks=1&hideredirs=1&hidetrans=1&limit=5&from=12&back=3", "",
			wlhOptions{Target: "Foo", Namespace: intp(10), HideLinks: true, HideRedirs: true,
				HideTrans: true, Limit: 5, From: 12, Back: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseWLHOptions(mustQuery(t, tt.query), tt.sub)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseWLHOptions(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.sub, diff)
			}
		})
	}
}

func TestParseNewPagesOptions(t *testing.T) {
	tests := []struct {
		name, query string
		want        newPagesOptions
	}{
		{"defaults to main", "", newPagesOptions{Namespace: intp(0), HideRedirs: true, Limit: 50}},
		{"all namespaces", "namespace=all", newPagesOptions{HideRedirs: true, Limit: 50}},
		{"filters", "namespace=2&username=Some_one&hidebots=1&hideliu=1&hideredirs=0&limit=20&offset=40",
			newPagesOptions{Namespace: intp(2), Username: "Some one", HideBots: true, HideLiu: true,
				Limit: 20, Offset: 40}},
		{"checked box after hidden field", "hideredirs=0&hideredirs=1",
			newPagesOptions{Namespace: intp(0), HideRedirs: true, Limit: 50}},
		{"unchecked box", "hideredirs=0", newPagesOptions{Namespace: intp(0), Limit: 50}},
		{"newer", "dir=prev&offset=9", newPagesOptions{Namespace: intp(0), HideRedirs: true, Limit: 50, Offset: 9, Dir: "prev"}},
		{"bad dir", "dir=up", newPagesOptions{Namespace: intp(0), HideRedirs: true, Limit: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseNewPagesOptions(mustQuery(t, tt.query))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseNewPagesOptions(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
	f := newPagesOptions{Namespace: intp(0), Username: "X", Limit: 20, Offset: 40}.filter()
	want := folio.RecentChangeFilter{Namespace: intp(0), OnlyActor: "X", NewOnly: true, Before: 40, Limit: 21}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("newpages filter mismatch (-want +got):\n%s", diff)
	}
}

func TestParseAllPagesOptions(t *testing.T) {
	tests := []struct {
		name, query, sub string
		want             allPagesOptions
	}{
		{"empty", "", "", allPagesOptions{}},
		{"from to", "from=B&to=D&namespace=10&hideredirects=1", "",
			allPagesOptions{From: "B", To: "D", Namespace: 10, HideRedirects: true}},
		{"subpage is from", "from=X", "Cat", allPagesOptions{From: "Cat"}},
		{"negative namespace ignored", "namespace=-1", "", allPagesOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseAllPagesOptions(mustQuery(t, tt.query), tt.sub)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseAllPagesOptions(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.sub, diff)
			}
		})
	}
}

func TestContribsInPeriod(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	o := contribsOptions{Start: day("2026-11-01T00:00:00Z"), End: day("2026-11-20T00:00:00Z")}
	tests := []struct {
		at   string
		want bool
	}{
		{"2026-10-31T23:59:59Z", false},
		{"2026-11-01T00:00:00Z", true},
		{"2026-11-20T23:59:59Z", true},
		{"2026-11-21T00:00:00Z", false},
	}
	for _, tt := range tests {
		if got := o.inPeriod(day(tt.at)); got != tt.want {
			t.Errorf("inPeriod(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if !(contribsOptions{}).inPeriod(day("1999-01-01T00:00:00Z")) {
		t.Error("inPeriod without bounds = false, want true")
	}
}
