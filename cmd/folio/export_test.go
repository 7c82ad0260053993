package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// exportedTitles returns the page titles and revision count of a dump.
func exportedTitles(tb testing.TB, xml string) ([]string, int) {
	tb.Helper()
	var titles []string
	revs := readRevisions(tb, strings.NewReader(xml))
	for _, r := range revs {
		if len(titles) == 0 || titles[len(titles)-1] != r.Title {
			titles = append(titles, r.Title)
		}
	}
	return titles, len(revs)
}

func TestExportSelection(t *testing.T) {
	data := t.TempDir()
	mustFolio(t, data, "import", "--progress=false", genDump)
	tests := []struct {
		name   string
		args   []string
		titles []string
		revs   int
	}{
		{"current", []string{"Dump page 0001"}, []string{"Dump page 0001"}, 1},
		{"full", []string{"Dump_page_0001", "--full", "dump page 0002"}, []string{"Dump page 0001", "Dump page 0002"}, 6},
		{"templates", []string{"--templates", "Dump page 0003"}, []string{"Dump page 0003", "Template:Dump box"}, 2},
		{"missing page skipped", []string{"No such page", "Dump page 0004"}, []string{"Dump page 0004"}, 1},
		{"category", []string{"--category", "Dump category 07"},
			[]string{"Dump page 0000", "Dump page 0006", "Dump page 0009", "Dump page 0020", "Dump page 0027", "Dump page 0031"}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustFolio(t, data, append([]string{"export"}, tt.args...)...)
			titles, revs := exportedTitles(t, out)
			if !slices.Equal(titles, tt.titles) || revs != tt.revs {
				t.Errorf("export %v = %v with %d revisions, want %v with %d", tt.args, titles, revs, tt.titles, tt.revs)
			}
		})
	}
	if _, _, err := folioRun(t, data, nil, "export", "--category", "Bad|name"); err == nil {
		t.Errorf("export --category with an invalid title succeeded")
	}
}

// TestExportImportsIntoMediaWiki imports Folio's export into a fresh
// MediaWiki with importDump.php, dumps it with dumpBackup.php, and imports
// that dump into a fresh Folio: titles, texts, SHA-1s, timestamps and
// contributors must survive both ways.
func TestExportImportsIntoMediaWiki(t *testing.T) {
	mw := os.Getenv("FOLIO_TEST_MEDIAWIKI")
	if mw == "" {
		t.Skip("set FOLIO_TEST_MEDIAWIKI to a MediaWiki 1.39 directory (e.g. /usr/share/mediawiki) to run the round trip through MediaWiki")
	}
	want := readRevisions(t, mustOpenFile(t, genDump))
	first := t.TempDir()
	mustFolio(t, first, "import", "--progress=false", genDump)
	exported := filepath.Join(t.TempDir(), "folio.xml")
	mustFolio(t, first, "export", "--full", "--output", exported)
	conf := installMediaWiki(t, mw)
	runPHP(t, conf, filepath.Join(mw, "maintenance/importDump.php"), exported)
	mwDump := filepath.Join(t.TempDir(), "mediawiki.xml")
	out := runPHP(t, conf, filepath.Join(mw, "maintenance/dumpBackup.php"), "--full", "--quiet")
	if err := os.WriteFile(mwDump, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(comparable(want), comparable(readRevisions(t, strings.NewReader(out)))); diff != "" {
		t.Errorf("MediaWiki's dump differs from the original (-original +mediawiki):\n%s", diff)
	}
	second := t.TempDir()
	mustFolio(t, second, "import", "--progress=false", mwDump)
	back := mustFolio(t, second, "export", "--full")
	if diff := gocmp.Diff(comparable(want), comparable(readRevisions(t, strings.NewReader(back)))); diff != "" {
		t.Errorf("Folio's import of MediaWiki's dump differs from the original (-original +folio):\n%s", diff)
	}
}

// comparable drops what a MediaWiki import may change: revision ids, the
// "imported>" prefix of foreign users, and MediaWiki's own Main Page.
func comparable(revs []revKey) []revKey {
	var out []revKey
	for _, r := range revs {
		if r.Title == "Main Page" {
			continue
		}
		r.ID, r.Contributor = 0, strings.TrimPrefix(r.Contributor, "imported>")
		out = append(out, r)
	}
	return out
}

func mustOpenFile(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// installMediaWiki installs a fresh SQLite MediaWiki in a temporary
// directory and returns its LocalSettings.php.
func installMediaWiki(tb testing.TB, mw string) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, d := range []string{"data", "conf"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	runPHP(tb, "", filepath.Join(mw, "maintenance/install.php"), "--server", "http://127.0.0.1:1",
		"--scriptpath", "/w", "--dbtype", "sqlite", "--dbpath", filepath.Join(dir, "data"), "--dbname", "roundtrip",
		"--lang", "en", "--pass", "round-trip-admin-pass", "--confpath", filepath.Join(dir, "conf"), "RoundTrip", "Admin")
	return filepath.Join(dir, "conf", "LocalSettings.php")
}

// runPHP runs a MediaWiki maintenance script and returns its stdout.
func runPHP(tb testing.TB, conf string, script string, args ...string) string {
	tb.Helper()
	cmd := exec.CommandContext(context.Background(), "php", append([]string{script}, args...)...)
	cmd.Env = append(os.Environ(), "MW_CONFIG_FILE="+conf)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("php %s: %v\n%s", filepath.Base(script), err, stderr.String())
	}
	return string(out)
}
