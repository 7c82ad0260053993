package dump_test

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio/internal/dump"
	"github.com/google/go-cmp/cmp"
)

// rewrite reads a dump and writes it again.
func rewrite(tb testing.TB, in []byte) ([]byte, []*dump.Page, error) {
	tb.Helper()
	r, err := dump.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, nil, err
	}
	var out bytes.Buffer
	w, err := dump.NewWriter(&out, r.Lang, r.SiteInfo)
	if err != nil {
		tb.Fatalf("NewWriter() error: %v", err)
	}
	var pages []*dump.Page
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		if err := w.WritePage(p); err != nil {
			tb.Fatalf("WritePage(%q) error: %v", p.Title, err)
		}
		clearLines(p)
		pages = append(pages, p)
	}
	if err := w.Close(); err != nil {
		tb.Fatalf("Close() error: %v", err)
	}
	return out.Bytes(), pages, nil
}

func TestWriterRoundTrip(t *testing.T) {
	gen, err := os.ReadFile("testdata/gendump-40x3.xml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"features", []byte(features)},
		{"gen_dump.py", gen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out1, pages1, err := rewrite(t, tt.in)
			if err != nil {
				t.Fatalf("read input: %v", err)
			}
			out2, pages2, err := rewrite(t, out1)
			if err != nil {
				t.Fatalf("read written dump: %v\n%s", err, out1)
			}
			if !bytes.Equal(out1, out2) {
				t.Errorf("writing is not idempotent:\n%s", cmp.Diff(string(out1), string(out2)))
			}
			for i, p := range pages1 {
				for j, r := range p.Revisions {
					r2 := pages2[i].Revisions[j]
					if r.Text != r2.Text || r.SHA1 != r2.SHA1 || !r.Timestamp.Equal(r2.Timestamp) ||
						r.Contributor != r2.Contributor || r.Comment != r2.Comment || r.Minor != r2.Minor {
						t.Errorf("page %q revision %d changed:\n%+v\n%+v", p.Title, r.ID, r, r2)
					}
				}
			}
		})
	}
}

func TestWriterGenDumpIdentical(t *testing.T) {
	// gen_dump.py writes the same layout as Writer, apart from the schema
	// location and the namespace list.
	gen, err := os.ReadFile("testdata/gendump-40x3.xml")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := rewrite(t, gen)
	if err != nil {
		t.Fatal(err)
	}
	pagesOf := func(b []byte) string { s := string(b); return s[strings.Index(s, "  <page>"):] }
	if diff := cmp.Diff(pagesOf(gen), pagesOf(out)); diff != "" {
		t.Errorf("pages differ from gen_dump.py's (-gen +ours):\n%s", diff)
	}
}

func TestWriterMisuse(t *testing.T) {
	w, err := dump.NewWriter(io.Discard, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRevision(&dump.Revision{ID: 1}); err == nil {
		t.Errorf("WriteRevision outside a page: no error")
	}
	if err := w.EndPage(); err == nil {
		t.Errorf("EndPage without StartPage: no error")
	}
	if err := w.StartPage(&dump.Page{Title: "A"}); err != nil {
		t.Fatal(err)
	}
	if err := w.StartPage(&dump.Page{Title: "B"}); err == nil {
		t.Errorf("nested StartPage: no error")
	}
	if err := w.Close(); err == nil {
		t.Errorf("Close inside a page: no error")
	}
}

// FuzzReader checks that reading never panics and that any dump the reader
// accepts is written back in a form that reads to the same output.
func FuzzReader(f *testing.F) {
	f.Add([]byte(features))
	f.Add([]byte(head + "</mediawiki>"))
	if gen, err := os.ReadFile("testdata/gendump-40x3.xml"); err == nil {
		f.Add(gen[:4000])
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out1, _, err := rewrite(t, in)
		if err != nil {
			return
		}
		out2, _, err := rewrite(t, out1)
		if err != nil {
			t.Fatalf("the written dump does not read: %v\n%s", err, out1)
		}
		if !bytes.Equal(out1, out2) {
			t.Fatalf("writing is not idempotent:\n%s", cmp.Diff(string(out1), string(out2)))
		}
	})
}
