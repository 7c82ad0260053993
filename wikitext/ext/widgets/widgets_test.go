package widgets_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/widgets"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func parse(t *testing.T, src string) string {
	t.Helper()
	p := wikitext.New(wikitext.WithExtensions(widgets.New()))
	h := wikitexttest.NewHost()
	_ = h.SetPage("Template:Cal", "{{#widget:Google Calendar|id={{{1}}}}}")
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{
		Title: wikitext.Title{DBKey: "Test"}, Host: h})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return out.HTML
}

const sandbox = `sandbox="allow-scripts allow-same-origin allow-popups"`

var iframeSrc = regexp.MustCompile(`<iframe [^>]*src="([^"]*)"`)

func TestWidgets(t *testing.T) {
	tests := []struct {
		name, src string
		src0      string   // want the first iframe's src to be this
		want      []string // substrings of the HTML
	}{
		{"calendar", "{{#widget:Google Calendar|id=abc123@group.calendar.google.com}}",
			"https://calendar.google.com/calendar/embed?src=abc123%40group.calendar.google.com",
			[]string{sandbox, `referrerpolicy="strict-origin-when-cross-origin"`, `loading="lazy"`, `width="800" height="600"`, `title="Google Calendar"`}},
		{"calendar options", "{{#widget:google_calendar|id=en.usa#holiday@group.v.calendar.google.com|width=100%|height=400|title=Team & <co>|mode=agenda|ctz=Europe/Berlin|showtitle=0|bgcolor=#ffFFff}}",
			"https://calendar.google.com/calendar/embed?bgcolor=%23ffFFff&amp;ctz=Europe%2FBerlin&amp;mode=AGENDA&amp;showtitle=0&amp;src=en.usa%23holiday%40group.v.calendar.google.com&amp;title=Team+%26+%3Cco%3E",
			[]string{`width="100%" height="400"`, `title="Team &amp; &lt;co&gt;"`}},
		{"document", "{{#widget:Google Document|id=1AbCdEfGhIjKlMnOpQrStUvWxYz_-0123456789}}",
			"https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz_-0123456789/preview", []string{sandbox}},
		{"published document", "{{#widget:Google Document|id=2PACX-1vAbCdEfGhIjKlMn}}",
			"https://docs.google.com/document/d/e/2PACX-1vAbCdEfGhIjKlMn/pub?embedded=true", nil},
		{"spreadsheet", "{{#widget:Google Spreadsheet|id=1AbCdEfGhIjKlMnOp|gid=42}}",
			"https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp/preview?gid=42", nil},
		{"published spreadsheet", "{{#widget:Google Spreadsheet|id=2PACX-1vAbCdEfGhIj}}",
			"https://docs.google.com/spreadsheets/d/e/2PACX-1vAbCdEfGhIj/pubhtml?widget=true&amp;headers=false", nil},
		{"presentation", "{{#widget:Google Presentation|id=1AbCdEfGhIjKlMnOp|start=TRUE|delayms=5000}}",
			"https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOp/embed?delayms=5000&amp;start=true",
			[]string{`allowfullscreen=""`, `width="960" height="569"`}},
		{"calendar tag", `<googlecalendar id="team@example.com" height="300" />`,
			"https://calendar.google.com/calendar/embed?src=team%40example.com", []string{`height="300"`}},
		{"tag with content", `<googledocument>1AbCdEfGhIjKlMnOp</googledocument>`,
			"https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/preview", nil},
		{"spreadsheet tag", `<googlespreadsheet id="1AbCdEfGhIjKlMnOp"/>`, "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp/preview", nil},
		{"presentation tag", `<googlepresentation id="1AbCdEfGhIjKlMnOp" loop="false"/>`,
			"https://docs.google.com/presentation/d/1AbCdEfGhIjKlMnOp/embed?loop=false", nil},
		{"through a template", "{{Cal|me@example.org}}", "https://calendar.google.com/calendar/embed?src=me%40example.org", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src)
			m := iframeSrc.FindAllStringSubmatch(got, -1)
			if len(m) != 1 || m[0][1] != tt.src0 {
				t.Fatalf("Parse(%q) = %q, want one iframe with src %q", tt.src, got, tt.src0)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Parse(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
			if strings.Contains(got, "error") {
				t.Errorf("Parse(%q) = %q, want no error", tt.src, got)
			}
		})
	}
}

func TestWidgetErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown widget", "{{#widget:Evil|url=https://evil.example/}}", "there is no widget called &quot;Evil&quot;"},
		{"no name", "{{#widget:}}", "no widget name given"},
		{"missing id", "{{#widget:Google Calendar}}", "the id parameter is required"},
		{"URL as id", "{{#widget:Google Calendar|id=https://evil.example/x}}", "must be an ID, not a URL"},
		{"foreign URL param", "{{#widget:Google Calendar|id=a@b.c|src=https://evil.example/}}", "unknown parameter &quot;src&quot;"},
		{"url param", "{{#widget:Google Document|id=1AbCdEfGhIjKlMnOp|url=https://evil.example/}}", "unknown parameter &quot;url&quot;"},
		{"quote in id", `{{#widget:Google Calendar|id=a" onload="alert(1)}}`, "is not valid"},
		{"script in id", "{{#widget:Google Document|id=<script>alert(1)</script>}}", "not a URL"},
		{"path in doc id", "{{#widget:Google Document|id=../../evil}}", "not a URL"},
		{"short doc id", "{{#widget:Google Document|id=abc}}", "is not valid"},
		{"width text", "{{#widget:Google Calendar|id=a@b.c|width=100;position:fixed}}", "the width must be"},
		{"width too big", "{{#widget:Google Calendar|id=a@b.c|width=99999}}", "the width must be"},
		{"height percent", "{{#widget:Google Calendar|id=a@b.c|height=50%}}", "the height must be"},
		{"bad mode", "{{#widget:Google Calendar|id=a@b.c|mode=javascript}}", "the parameter mode must be one of"},
		{"bad color", "{{#widget:Google Calendar|id=a@b.c|bgcolor=red\"}}", "the parameter bgcolor has an invalid value"},
		{"bad gid", "{{#widget:Google Spreadsheet|id=1AbCdEfGhIjKlMnOp|gid=-1}}", "the parameter gid must be"},
		{"positional", "{{#widget:Google Calendar|a@b.c}}", "parameter 1 has no name"},
		{"long title", "{{#widget:Google Calendar|id=a@b.c|title=" + strings.Repeat("x", 201) + "}}", "longer than 200"},
		{"tag both ids", `<googlecalendar id="a@b.c">d@e.f</googlecalendar>`, "either as an attribute or as the content"},
		{"tag foreign src", `<googlecalendar id="a@b.c" src="https://evil.example/" />`, "unknown parameter &quot;src&quot;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src)
			if !strings.Contains(got, `<strong class="error mw-widget-error">Widget error: `) || !strings.Contains(got, tt.want) {
				t.Errorf("Parse(%q) = %q, want an error containing %q", tt.src, got, tt.want)
			}
			for _, bad := range []string{"<iframe", "<script", "evil.example/\"", "onload=\""} {
				if strings.Contains(got, bad) {
					t.Errorf("Parse(%q) = %q, must not contain %q", tt.src, got, bad)
				}
			}
		})
	}
}

func TestNames(t *testing.T) {
	got := strings.Join(widgets.Names(), ", ")
	want := "Google Calendar, Google Document, Google Presentation, Google Spreadsheet"
	if got != want {
		t.Errorf("Names() = %q, want %q", got, want)
	}
}

// FuzzWidget checks that any parameters give either one iframe to a
// Google host or an error, and never raw markup from the input.
func FuzzWidget(f *testing.F) {
	f.Add("Google Calendar", "id", "a@b.c", "width", "100")
	f.Add("Google Document", "id", "1AbCdEfGhIjKlMnOp", "title", `"><script>`)
	f.Add("Google Presentation", "id", "2PACX-abcdefghij", "delayms", "3000")
	p := wikitext.New(wikitext.WithExtensions(widgets.New()))
	h := wikitexttest.NewHost()
	f.Fuzz(func(t *testing.T, name, k1, v1, k2, v2 string) {
		for _, s := range []string{name, k1, v1, k2, v2} {
			if strings.ContainsAny(s, "{}|[]<>&\x7f") {
				return
			}
		}
		src := "{{#widget:" + name + "|" + k1 + "=" + v1 + "|" + k2 + "=" + v2 + "}}"
		out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "F"}, Host: h})
		if err != nil {
			t.Fatal(err)
		}
		got := out.HTML
		n := strings.Count(got, "<iframe")
		if n > 1 || strings.Contains(got, "<script") {
			t.Fatalf("Parse(%q) = %q", src, got)
		}
		if n == 1 {
			m := iframeSrc.FindStringSubmatch(got)
			if m == nil || !(strings.HasPrefix(m[1], "https://calendar.google.com/calendar/embed?") ||
				strings.HasPrefix(m[1], "https://docs.google.com/")) {
				t.Fatalf("Parse(%q) = %q: iframe to a foreign host", src, got)
			}
			if !strings.Contains(got, sandbox) {
				t.Fatalf("Parse(%q) = %q: no sandbox", src, got)
			}
		}
	})
}
