package wikitest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Files are the parserTests files the runner knows, relative to the
// corpus directory.
var Files = []string{
	"core/parserTests.txt", "core/extraParserTests.txt", "core/pfeqParserTests.txt",
	"core/legacyMediaParserTests.txt", "core/mediaParserTests.txt",
	"extensions/ParserFunctions/funcsParserTests.txt", "extensions/ParserFunctions/stringFunctionTests.txt",
	"extensions/Cite/citeParserTests.txt", "extensions/Cite/1000References.txt",
	"extensions/Cite/bookReferencing.txt", "extensions/Cite/citeSmokeTests.txt",
	"extensions/Cite/citeSmokeTests2.txt", "extensions/Cite/fragementModes.txt",
	"extensions/Cite/responsiveReferences.txt", "extensions/Poem/poemParserTests.txt",
	"extensions/ImageMap/imageMapParserTests.txt", "extensions/InputBox/inputBoxParserTests.txt",
	"extensions/SyntaxHighlight_GeSHi/syntaxHighlightParserTests.txt",
}

// CaseTimeout bounds the time of one test case.
var CaseTimeout = 10 * time.Second

// Result is the outcome of running a file.
type Result struct {
	File           string
	Passed, Failed int
	// PlainPassed and PlainTotal count the "plain" tests: no options
	// other than parsoid=…, and no config.
	PlainPassed, PlainTotal int
}

// KnownFailuresPath returns the ratchet file for a corpus file.
func KnownFailuresPath(file string) string {
	return filepath.Join("testdata", "parsertests", strings.TrimSuffix(file, ".txt")+"-knownFailures.json")
}

// RunFile runs the normal-mode legacy tests of one file as subtests and
// applies the known-failures ratchet. With update it rewrites the
// known-failures file instead of failing.
func RunFile(t *testing.T, dir, file string, update bool) Result {
	f, err := ReadFile(filepath.Join(dir, file), file)
	if err != nil {
		t.Fatal(err)
	}
	known := readKnown(t, KnownFailuresPath(file))
	h := NewHost(f)
	res := Result{File: file}
	var failures []string
	for _, tc := range f.Tests {
		if !tc.Runnable() {
			continue
		}
		want, _ := tc.Legacy()
		got, err := runCase(h, tc)
		ok := err == nil && got == want
		res.count(tc, ok)
		if !ok {
			failures = append(failures, tc.Name)
			dump(tc, got, want, err)
		}
		if update {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			checkCase(t, tc, known[tc.Name], ok, got, want, err)
		})
	}
	if update {
		writeKnown(t, KnownFailuresPath(file), failures)
	}
	return res
}

func (r *Result) count(tc *Test, ok bool) {
	plain := tc.Plain()
	if plain {
		r.PlainTotal++
	}
	if !ok {
		r.Failed++
		return
	}
	r.Passed++
	if plain {
		r.PlainPassed++
	}
}

// dump appends a failure to the file named by FOLIO_PARSERTESTS_DUMP, for
// looking at failures in bulk.
func dump(tc *Test, got, want string, err error) {
	path := os.Getenv("FOLIO_PARSERTESTS_DUMP")
	if path == "" {
		return
	}
	fh, ferr := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if ferr != nil {
		return
	}
	defer fh.Close()
	fmt.Fprintf(fh, "=== %s (line %d) err=%v\n--- wikitext\n%s\n--- want\n%s\n--- got\n%s\n\n", tc.Name, tc.Line, err, tc.Wikitext(), want, got)
}

func checkCase(t *testing.T, tc *Test, known, ok bool, got, want string, err error) {
	switch {
	case ok && known:
		t.Errorf("%s:%d now passes; remove it from the known failures (go test -update)", tc.Name, tc.Line)
	case !ok && !known && err != nil:
		t.Errorf("%s:%d: %v", tc.Name, tc.Line, err)
	case !ok && !known:
		t.Errorf("%s:%d: output mismatch (-want +got):\n%s\nwikitext:\n%s", tc.Name, tc.Line, cmp.Diff(want, got), tc.Wikitext())
	}
}

// runCase renders one case with a time limit.
func runCase(h hostType, tc *Test) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), CaseTimeout)
	defer cancel()
	type result struct {
		out string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		out, err := Render(ctx, h, tc)
		ch <- result{out, err}
	}()
	select {
	case r := <-ch:
		return r.out, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("timed out after %v", CaseTimeout)
	}
}

func readKnown(t *testing.T, path string) map[string]bool {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]bool{}
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := json.Unmarshal(data, &names); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func writeKnown(t *testing.T, path string, names []string) {
	sort.Strings(names)
	if names == nil {
		names = []string{}
	}
	data, err := json.MarshalIndent(names, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

type hostType = *host
