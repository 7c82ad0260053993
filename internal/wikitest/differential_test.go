package wikitest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio/internal/wikitest"
)

func TestNormalizeHTML(t *testing.T) {
	in := `<div class="mw-parser-output"><h2><span class="mw-headline" id="A">A</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="x">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>x</p>
<!-- 
NewPP limit report
-->
</div>`
	want := `<h2><span class="mw-headline" id="A">A</span></h2>
<p>x</p>`
	if got := wikitest.NormalizeHTML(in); got != want {
		t.Errorf("NormalizeHTML = %q, want %q", got, want)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, want, got string
		sim             float64
		constructs      []string
	}{
		{"identical", "<p>a <b>b</b></p>", "<p>a <b>b</b></p>", 1, nil},
		{"empty", "", "", 1, nil},
		{"changed link class", `<p><a class="new" href="x">x</a></p>`, `<p><a href="x">x</a></p>`, 0.8, []string{"a.new"}},
		{"changed text", "<p>one</p>", "<p>two</p>", 2.0 / 3, []string{"text in p"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim, diffs := wikitest.Compare(tc.want, tc.got)
			if sim < tc.sim-0.001 || sim > tc.sim+0.001 {
				t.Errorf("similarity %.3f, want %.3f", sim, tc.sim)
			}
			if len(diffs) != len(tc.constructs) {
				t.Fatalf("diffs %+v, want constructs %v", diffs, tc.constructs)
			}
			for i, d := range diffs {
				if d.Construct != tc.constructs[i] {
					t.Errorf("construct %q, want %q", d.Construct, tc.constructs[i])
				}
			}
		})
	}
}

func TestTopConstructs(t *testing.T) {
	byPage := map[string][]wikitest.Difference{
		"A": {{Construct: "a.new"}, {Construct: "a.new"}, {Construct: "table"}},
		"B": {{Construct: "table"}},
		"C": {{Construct: "table"}, {Construct: "p"}},
	}
	top := wikitest.TopConstructs(byPage, 2)
	if len(top) != 2 || top[0].Construct != "table" || top[0].Pages != 3 || top[1].Construct != "a.new" || top[1].Runs != 2 {
		t.Errorf("TopConstructs = %+v", top)
	}
}

func TestReadDump(t *testing.T) {
	const xml = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><sitename>Test</sitename><namespaces><namespace key="0" /><namespace key="10">Taiss</namespace></namespaces></siteinfo>
  <page><title>Taiss:X</title><ns>10</ns><id>1</id><revision><id>1</id><model>wikitext</model><text xml:space="preserve">a &amp; b</text></revision></page>
  <page><title>R</title><ns>0</ns><id>2</id><redirect title="X" /><revision><id>2</id><text>#REDIRECT [[X]]</text></revision></page>
</mediawiki>`
	path := filepath.Join(t.TempDir(), "dump.xml")
	if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := wikitest.ReadDump(path)
	if err != nil {
		t.Fatal(err)
	}
	if d.SiteName != "Test" || d.Namespaces[10] != "Taiss" || len(d.Pages) != 2 {
		t.Fatalf("dump = %+v", d)
	}
	if p := d.Pages[0]; p.Title != "Taiss:X" || p.Namespace != 10 || p.Text != "a & b" || p.Model != "wikitext" || p.Redirect {
		t.Errorf("page 0 = %+v", p)
	}
	if p := d.Pages[1]; !p.Redirect || p.Model != "wikitext" {
		t.Errorf("page 1 = %+v", p)
	}
	if _, err := wikitest.ReadDump(filepath.Join(t.TempDir(), "missing.xml")); err == nil {
		t.Error("ReadDump of a missing file succeeded")
	}
}
