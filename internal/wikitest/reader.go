// Package wikitest holds test helpers for the wikitext engine, above all
// a reader and runner for MediaWiki's parserTests files.
//
// The parserTests files are GPL and are never copied into this
// repository; tests read them from the directory named by
// FOLIO_PARSERTESTS_DIR (default ../shared/conformance/mediawiki relative
// to the repository root) and skip when it is absent.
package wikitest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// File is one parsed parserTests file.
type File struct {
	Name          string
	Version       string
	Options       map[string]Option // file-level !! options
	Tests         []*Test
	Articles      []Article
	Hooks         []string // required tag hooks
	FunctionHooks []string // required parser functions
}

// Article is a page the file's tests need.
type Article struct {
	Title, Text string
}

// Test is one test case.
type Test struct {
	Name     string
	Comment  string
	Sections map[string]string // section name → body; later sections win
	Options  map[string]Option
	Config   map[string]string // wgName → raw JSON
	Line     int
}

// legacyOrder lists the sections holding the legacy parser's expectation,
// best first.
var legacyOrder = []string{"html/php", "html/*", "html", "result", "html/php+tidy", "html/*+tidy", "html+tidy"}

// Legacy returns the expected legacy HTML and whether there is one.
func (t *Test) Legacy() (string, bool) {
	for _, s := range legacyOrder {
		if v, ok := t.Sections[s]; ok {
			return v, true
		}
	}
	return "", false
}

// HasParsoid reports whether the test has an expectation for Parsoid.
func (t *Test) HasParsoid() bool {
	for _, s := range []string{"html/parsoid", "html/*", "html"} {
		if _, ok := t.Sections[s]; ok {
			return true
		}
	}
	return false
}

// Disabled reports whether the test carries the disabled option.
func (t *Test) Disabled() bool {
	_, ok := t.Options["disabled"]
	return ok
}

// Wikitext returns the input.
func (t *Test) Wikitext() string {
	if w, ok := t.Sections["wikitext"]; ok {
		return w
	}
	return t.Sections["input"]
}

// ReadFile reads and parses a parserTests file.
func ReadFile(path, name string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read parser tests: %w", err)
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	f.Name = name
	return f, nil
}

// item is a raw "!! name" block: its header line and following sections.
type section struct {
	name string
	body []string
	line int
}

// Parse parses the bytes of a parserTests file.
func Parse(data []byte) (*File, error) {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	lines := strings.Split(string(bytes.TrimSuffix(data, []byte("\n"))), "\n")
	f := &File{Options: map[string]Option{}}
	r := &fileReader{f: f, lines: lines}
	return f, r.read()
}

type fileReader struct {
	f       *File
	lines   []string
	i       int
	comment []string
}

func (r *fileReader) read() error {
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		name, _, ok := header(l)
		if !ok {
			r.topLevelLine(l)
			r.i++
			continue
		}
		if err := r.item(name); err != nil {
			return err
		}
		r.comment = nil
	}
	return nil
}

func (r *fileReader) topLevelLine(l string) {
	if strings.HasPrefix(l, "#") {
		r.comment = append(r.comment, l)
	} else if strings.TrimSpace(l) == "" {
		r.comment = nil
	}
}

// header recognises a "!! name rest" line.
func header(l string) (name, rest string, ok bool) {
	if !strings.HasPrefix(l, "!!") {
		return "", "", false
	}
	s := strings.TrimLeft(l[2:], " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, "", true
	}
	return s[:i], strings.TrimSpace(s[i:]), true
}

// sections reads "!! x" sections until one named in stops; it returns the
// sections and leaves r.i after the stopping line.
func (r *fileReader) sections(first string, stops ...string) []section {
	var out []section
	cur := section{name: first, line: r.i + 1}
	r.i++
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		if name, _, ok := header(l); ok {
			out = append(out, cur)
			r.i++
			for _, s := range stops {
				if strings.EqualFold(name, s) {
					return out
				}
			}
			cur = section{name: name, line: r.i}
			continue
		}
		cur.body = append(cur.body, l)
		r.i++
	}
	return append(out, cur)
}

func (r *fileReader) item(name string) error {
	switch strings.ToLower(name) {
	case "version":
		_, rest, _ := header(r.lines[r.i])
		r.f.Version = rest
		r.i++
	case "options":
		secs := r.sections("options", "end")
		opts, err := ParseOptions(strings.Join(secs[0].body, "\n"))
		if err != nil {
			return err
		}
		for k, v := range opts {
			r.f.Options[k] = v
		}
	case "article":
		r.article()
	case "hooks":
		r.f.Hooks = append(r.f.Hooks, r.list("endhooks")...)
	case "functionhooks":
		r.f.FunctionHooks = append(r.f.FunctionHooks, r.list("endfunctionhooks")...)
	case "test":
		return r.test()
	default:
		r.i++
	}
	return nil
}

func (r *fileReader) list(end string) []string {
	secs := r.sections("list", end, "end")
	var out []string
	for _, l := range secs[0].body {
		if s := strings.TrimSpace(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r *fileReader) article() {
	secs := r.sections("article", "endarticle", "end")
	var a Article
	for _, s := range secs {
		switch strings.ToLower(s.name) {
		case "article":
			a.Title = strings.TrimSpace(strings.Join(s.body, "\n"))
		case "text":
			a.Text = strings.Join(s.body, "\n")
		}
	}
	r.f.Articles = append(r.f.Articles, a)
}

func (r *fileReader) test() error {
	t := &Test{Sections: map[string]string{}, Line: r.i + 1, Comment: strings.Join(r.comment, "\n")}
	for _, s := range r.sections("test", "end") {
		body := strings.Join(s.body, "\n")
		switch strings.ToLower(s.name) {
		case "test":
			t.Name = strings.TrimSpace(body)
		case "options":
			opts, err := ParseOptions(body)
			if err != nil {
				return fmt.Errorf("test %q: %w", t.Name, err)
			}
			t.Options = opts
		case "config":
			t.Config = parseConfig(body)
		default:
			t.Sections[s.name] = body
		}
	}
	if t.Options == nil {
		t.Options = map[string]Option{}
	}
	r.f.Tests = append(r.f.Tests, t)
	return nil
}

func parseConfig(body string) map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(body, "\n") {
		k, v, ok := strings.Cut(l, "=")
		if ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}
