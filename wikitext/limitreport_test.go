package wikitext_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func TestLimitReport(t *testing.T) {
	h := wikitexttest.NewHost()
	for title, text := range map[string]string{"Template:Box": "[{{{1}}}|{{Inner|{{{1}}}}}]", "Template:Inner": "<{{{1}}}>"} {
		if err := h.SetPage(title, text); err != nil {
			t.Fatal(err)
		}
	}
	opts := wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Page"}, Host: h}
	src := "{{Box|abcd}} {{#ifexist:Foo|a|b}} -->"

	out, err := wikitext.New(wikitext.WithExtensions(parserfunctions.New())).Parse(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	r := out.LimitReport
	switch {
	case r.VisitedNodes == 0 || r.MaxVisitedNodes != 1000000:
		t.Errorf("visited nodes %d/%d", r.VisitedNodes, r.MaxVisitedNodes)
	case r.IncludeSize != len("<abcd>")+len("[abcd|<abcd>]"):
		t.Errorf("include size %d", r.IncludeSize)
	case r.ArgumentSize != 3*len("abcd"):
		t.Errorf("argument size %d", r.ArgumentSize)
	case r.ExpansionDepth < 3 || r.MaxExpansionDepth != 100:
		t.Errorf("expansion depth %d/%d", r.ExpansionDepth, r.MaxExpansionDepth)
	case r.ExpensiveCount != 1 || r.MaxExpensiveCount != 100:
		t.Errorf("expensive count %d/%d", r.ExpensiveCount, r.MaxExpensiveCount)
	}
	if strings.Contains(out.HTML, "NewPP") {
		t.Errorf("limit report comment without WithLimitReport:\n%s", out.HTML)
	}
	if len(r.Items()) != 5 || r.Items()[0].Name != "limitreport-ppvisitednodes" {
		t.Errorf("items = %v", r.Items())
	}

	out, err = wikitext.New(wikitext.WithExtensions(parserfunctions.New()), wikitext.WithLimitReport(true)).Parse(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(out.HTML, "\n<!-- \nNewPP limit report\n")
	if i < 0 || !strings.HasSuffix(out.HTML, "-->\n</div>") {
		t.Fatalf("no limit report comment at the end:\n%s", out.HTML)
	}
	comment := out.HTML[i:]
	for _, want := range []string{"Preprocessor visited node count: ", "Post\u2010expand include size: 19/2097152 bytes",
		"Template argument size: 12/2097152 bytes", "Expensive parser function count: 1/100"} {
		if !strings.Contains(comment, want) {
			t.Errorf("comment lacks %q:\n%s", want, comment)
		}
	}
	if strings.Count(out.HTML, "-->") != 1 { // the page's own "-->" is escaped
		t.Errorf("comment can be closed early:\n%s", out.HTML)
	}
}
