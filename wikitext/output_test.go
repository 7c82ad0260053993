package wikitext_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/cite"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func TestOutputMetadata(t *testing.T) {
	h := wikitexttest.NewHost()
	if err := h.SetPage("Template:Box", "[[Boxed]] {{{1}}}"); err != nil {
		t.Fatal(err)
	}
	src := "== One ==\n[[Alpha]] [[alpha|again]] [[Help:Beta#x]] [http://example.org/ x]\n" +
		"{{Box|y}} [[File:Foobar.jpg]] [[Category:Things|key]] [[fr:Chose]]\n=== Two ==="
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"links", out.Links, []wikitext.Title{{DBKey: "Alpha"}, {Namespace: 12, DBKey: "Beta"}, {DBKey: "Boxed"}}},
		{"templates", out.Templates, []wikitext.Title{{Namespace: 10, DBKey: "Box"}}},
		{"categories", out.Categories, []wikitext.Category{{Name: "Things", SortKey: "key"}}},
		{"external", out.ExternalLinks, []string{"http://example.org/"}},
		{"images", out.Images, []string{"Foobar.jpg"}},
		{"language links", out.LanguageLinks, []string{"fr:Chose"}},
		{"sections", out.Sections, []wikitext.Section{
			{Level: 2, Line: "One", Number: "1", Index: "1", Anchor: "One"},
			{Level: 3, Line: "Two", Number: "1.1", Index: "2", Anchor: "Two"},
		}},
		{"display title", out.DisplayTitle, `<span class="mw-page-title-main">Page</span>`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("Parse(%q) %s mismatch (-want +got):\n%s", src, tt.name, diff)
		}
	}
}

// TestConcurrentParse runs one Parser from many goroutines; run it with
// -race.
func TestConcurrentParse(t *testing.T) {
	h := wikitexttest.NewHost()
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New(), cite.New()))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := "== H ==\n''x''<ref>r</ref> {{#expr:1+1}} [[A]]"
			out, err := p.Parse(context.Background(), src, wikitext.ParseOptions{Title: wikitext.Title{DBKey: "P"}, Host: h})
			if err != nil || out.HTML == "" {
				t.Errorf("Parse #%d: %v", i, err)
			}
		}()
	}
	wg.Wait()
}

// failingHost fails existence checks and template loads.
type failingHost struct{ *wikitexttest.Host }

var errDown = errors.New("store down")

func (failingHost) PagesExist(ctx context.Context, ts []wikitext.Title) (map[wikitext.Title]bool, error) {
	return nil, errDown
}

func (failingHost) TemplateSource(ctx context.Context, t wikitext.Title) (string, bool, error) {
	return "", false, errDown
}

func TestParseHostError(t *testing.T) {
	tests := []struct{ name, src string }{
		{"existence", "[[A]]"},
		{"template", "{{T}}"},
	}
	p := wikitext.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := p.Parse(context.Background(), tt.src, wikitext.ParseOptions{
				Title: wikitext.Title{DBKey: "P"}, Host: failingHost{wikitexttest.NewHost()},
			})
			if !errors.Is(err, errDown) {
				t.Errorf("Parse(%q) error = %v, want %v", tt.src, err, errDown)
			}
			if out == nil || out.HTML == "" {
				t.Errorf("Parse(%q) returned no output with the error", tt.src)
			}
		})
	}
}
