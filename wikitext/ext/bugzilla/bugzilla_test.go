package bugzilla_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/bugzilla"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// fakeClient answers every search with the same bugs and records queries.
type fakeClient struct {
	bugs    []bugzilla.Bug
	err     error
	queries []url.Values
}

func (c *fakeClient) Search(_ context.Context, q bugzilla.Query) (*bugzilla.Result, error) {
	c.queries = append(c.queries, q.Values())
	if c.err != nil {
		return nil, c.err
	}
	if q.CountOnly {
		return &bugzilla.Result{Count: len(c.bugs)}, nil
	}
	return &bugzilla.Result{Bugs: c.bugs}, nil
}

func (c *fakeClient) BugURL(id string) string {
	return "https://bugs.example.org/show_bug.cgi?id=" + url.QueryEscape(id)
}

func testBugs() []bugzilla.Bug {
	return []bugzilla.Bug{
		{"id": float64(12), "summary": "Search is slow", "status": "NEW", "resolution": "", "priority": "P2",
			"last_change_time": "2026-01-02T03:04:05Z", "keywords": []any{"perf", "search"}},
		{"id": float64(7), "summary": `<script>alert(1)</script> & "quotes" [[Link]] {{tpl}}`, "status": "ASSIGNED\"><x",
			"resolution": "", "priority": "P1", "assigned_to_detail": map[string]any{"real_name": "Ann"}},
		{"id": float64(30), "summary": "Crash on save", "status": "NEW", "priority": "P3"},
	}
}

func parse(t *testing.T, c bugzilla.Client, src string) string {
	t.Helper()
	var opts []bugzilla.Option
	if c != nil {
		opts = append(opts, bugzilla.WithClient(c))
	}
	p := wikitext.New(wikitext.WithExtensions(bugzilla.New(opts...)))
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Bugs"}, Host: wikitexttest.NewHost()})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return out.HTML
}

func TestTag(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		err      error
		want     []string
		dontWant []string
	}{
		{name: "table", src: `<bugzilla>{"product":"Wiki","status":"NEW"}</bugzilla>`,
			want: []string{`<table class="wikitable sortable mw-ext-bugzilla">`, `<th class="mw-ext-bugzilla-summary">Summary</th>`,
				`<td class="mw-ext-bugzilla-summary">Search is slow</td>`,
				`<a class="external" rel="nofollow" href="https://bugs.example.org/show_bug.cgi?id=12">12</a>`,
				`<td class="mw-ext-bugzilla-last_change_time">2026-01-02 03:04</td>`, `mw-ext-bugzilla-status-new`}},
		{name: "escaped", src: `<bugzilla>{"product":"Wiki"}</bugzilla>`,
			want:     []string{`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; [[Link]] {{tpl}}`, `mw-ext-bugzilla-status-assignedx"`},
			dontWant: []string{"<script", `<x`, `href="/wiki/Link"`}},
		{name: "list", src: `<bugzilla display="list" columns="id,summary,status">{"product":"Wiki"}</bugzilla>`,
			want: []string{`<ul class="mw-ext-bugzilla-list">`, `>12</a>: <span class="mw-ext-bugzilla-summary">Search is slow</span> – <span class="mw-ext-bugzilla-status">NEW</span></li>`}},
		{name: "count", src: `<bugzilla display="count">{"product":"Wiki"}</bugzilla>`,
			want: []string{`<span class="mw-ext-bugzilla-count">3</span>`}, dontWant: []string{"<table"}},
		{name: "type count", src: `<bugzilla type="count">{"product":"Wiki"}</bugzilla>`,
			want: []string{`<span class="mw-ext-bugzilla-count">3</span>`}},
		{name: "columns from json", src: `<bugzilla>{"product":"Wiki","include_fields":["id","priority","keywords"]}</bugzilla>`,
			want:     []string{`<th class="mw-ext-bugzilla-priority">Priority</th>`, `<td class="mw-ext-bugzilla-keywords">perf, search</td>`},
			dontWant: []string{`<th class="mw-ext-bugzilla-summary">`}},
		{name: "unreachable", src: "before\n\n<bugzilla>{\"product\":\"Wiki\"}</bugzilla>\n\nafter", err: errors.New("Bugzilla at bugs.example.org could not be reached <b>"),
			want: []string{`<div class="error mw-ext-bugzilla-error" role="alert"><strong>Bugzilla:</strong> Bugzilla at bugs.example.org could not be reached &lt;b&gt;.</div>`, "before", "after"}},
		{name: "bad json", src: `<bugzilla>{"product":</bugzilla>`,
			want: []string{`mw-ext-bugzilla-error`, "not a JSON object"}},
		{name: "nested object", src: `<bugzilla>{"product":{"a":1}}</bugzilla>`,
			want: []string{`mw-ext-bugzilla-error`, "must be a string"}},
		{name: "credentials refused", src: `<bugzilla>{"api_key":"x"}</bugzilla>`,
			want: []string{`mw-ext-bugzilla-error`, "credentials"}},
		{name: "bad display", src: `<bugzilla display="pie">{"product":"Wiki"}</bugzilla>`,
			want: []string{`mw-ext-bugzilla-error`, "display must be"}},
		{name: "bad column", src: `<bugzilla columns="id,&lt;b&gt;">{"product":"Wiki"}</bugzilla>`,
			want: []string{`mw-ext-bugzilla-error`, "is not a bug field"}, dontWant: []string{"<b>"}},
		{name: "empty", src: `<bugzilla/>`, want: []string{`mw-ext-bugzilla-error`, "needs a JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeClient{bugs: testBugs(), err: tt.err}
			got := parse(t, c, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Parse(%q) = %s\nwant it to contain %s", tt.src, got, w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("Parse(%q) = %s\nwant it not to contain %s", tt.src, got, w)
				}
			}
		})
	}
}

func TestQuery(t *testing.T) {
	c := &fakeClient{bugs: testBugs()}
	parse(t, c, `<bugzilla columns="summary,bug_status" sort="priority">{"product":"Wiki","status":["NEW","ASSIGNED"],"limit":5,"is_open":true}</bugzilla>`+
		`<bugzilla display="count">{"product":"Wiki"}</bugzilla>`)
	if len(c.queries) != 2 {
		t.Fatalf("ran %d queries, want 2", len(c.queries))
	}
	q := c.queries[0]
	if got := q.Get("include_fields"); got != "id,summary,status,priority" {
		t.Errorf("include_fields = %q, want id,summary,status,priority", got)
	}
	if got := strings.Join(q["status"], ","); got != "NEW,ASSIGNED" {
		t.Errorf("status = %q, want NEW,ASSIGNED", got)
	}
	if q.Get("limit") != "5" || q.Get("is_open") != "1" || q.Get("product") != "Wiki" {
		t.Errorf("query = %v", q)
	}
	if c.queries[1].Get("count_only") != "1" || c.queries[1].Get("include_fields") != "" {
		t.Errorf("count query = %v, want count_only=1 without include_fields", c.queries[1])
	}
}

func TestSort(t *testing.T) {
	tests := []struct{ attrs, want string }{
		{`sort="id"`, "7,12,30"},
		{`sort="-id"`, "30,12,7"},
		{`sort="priority" order="desc"`, "30,12,7"},
		{``, "12,7,30"},
	}
	for _, tt := range tests {
		got := parse(t, &fakeClient{bugs: testBugs()}, `<bugzilla display="list" columns="id" `+tt.attrs+`>{"product":"Wiki"}</bugzilla>`)
		var ids []string
		for _, part := range strings.Split(got, `show_bug.cgi?id=`)[1:] {
			ids = append(ids, part[:strings.IndexByte(part, '"')])
		}
		if strings.Join(ids, ",") != tt.want {
			t.Errorf("%s: order %v, want %s", tt.attrs, ids, tt.want)
		}
	}
}

func TestLimits(t *testing.T) {
	if got := parse(t, nil, `<bugzilla>{"product":"Wiki"}</bugzilla>`); !strings.Contains(got, "not configured") {
		t.Errorf("without a client: %s", got)
	}
	src := strings.Repeat(`<bugzilla display="count">{"product":"Wiki"}</bugzilla>`, bugzilla.DefaultMaxQueries+2)
	c := &fakeClient{bugs: testBugs()}
	got := parse(t, c, src)
	if len(c.queries) != bugzilla.DefaultMaxQueries {
		t.Errorf("ran %d queries, want %d", len(c.queries), bugzilla.DefaultMaxQueries)
	}
	if n := strings.Count(got, "mw-ext-bugzilla-error"); n != 2 {
		t.Errorf("%d error boxes, want 2", n)
	}
	p := wikitext.New(wikitext.WithExtensions(bugzilla.New(bugzilla.WithClient(&fakeClient{bugs: testBugs()}), bugzilla.WithMaxRows(2))))
	out, err := p.Parse(context.Background(), `<bugzilla>{"product":"Wiki"}</bugzilla>`, wikitext.ParseOptions{Host: wikitexttest.NewHost()})
	if err != nil || !strings.Contains(out.HTML, "1 more bugs are not shown") {
		t.Errorf("row limit: %v %s", err, out.HTML)
	}
}

func FuzzTag(f *testing.F) {
	f.Add(`{"product":"Wiki","status":["NEW"]}`, `display="list" columns="id,summary"`)
	f.Add(`{"a":{"b":1}}`, `sort="-id"`)
	f.Add(`[1,2]`, `display="count"`)
	p := wikitext.New(wikitext.WithExtensions(bugzilla.New(bugzilla.WithClient(&fakeClient{bugs: testBugs()}))))
	f.Fuzz(func(t *testing.T, body, attrs string) {
		src := "<bugzilla " + attrs + ">" + body + "</bugzilla>"
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Host: wikitexttest.NewHost()})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.HTML, "<script") {
			t.Errorf("Parse(%q) has a script: %s", src, out.HTML)
		}
	})
}
