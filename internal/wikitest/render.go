package wikitest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/html"
	"github.com/folio-wiki/folio/wikitext/preprocess"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

// Mode returns the runner mode of a test: "" for a normal parse, else
// pst, msg, section, replace, comment or preload.
func (t *Test) Mode() string {
	for _, m := range []string{"pst", "msg", "section", "replace", "comment", "preload"} {
		if _, ok := t.Options[m]; ok {
			return m
		}
	}
	return ""
}

// Runnable reports whether the runner runs the test: legacy tests in
// normal or pst mode.
func (t *Test) Runnable() bool {
	_, legacy := t.Legacy()
	mode := t.Mode()
	return legacy && !t.Disabled() && (mode == "" || mode == "pst")
}

// NewHost returns the test host holding the file's articles.
func NewHost(f *File) *host {
	fake := wikitexttest.NewHost()
	h := &host{Host: fake, ns: newTitleRules(fake.Interwiki)}
	for _, a := range f.Articles {
		if t, err := h.ParseTitle(a.Title, 0); err == nil {
			fake.SetPageTitle(t, a.Text)
		}
	}
	return h
}

// Render runs one test through the parser and returns the output that the
// legacy runner compares with the expectation.
func Render(ctx context.Context, h *host, t *Test) (string, error) {
	title := "Parser test"
	if v, ok := t.Options["title"]; ok && v.First() != "" {
		title = v.First()
	}
	tt, err := h.ParseTitle(title, 0)
	if err != nil {
		return "", fmt.Errorf("title %q: %w", title, err)
	}
	p := wikitext.New(parserOptions(t)...)
	if t.Mode() == "pst" {
		return renderPST(ctx, p, h, t, tt)
	}
	po := wikitext.ParseOptions{Title: tt, Host: h}
	if _, ok := t.Options["lastsavedrevision"]; ok {
		po.Revision = wikitext.Revision{ID: 1337, Timestamp: h.Clock, User: "127.0.0.1", Size: len(t.Wikitext())}
	}
	out, err := p.Parse(ctx, t.Wikitext(), po)
	if err != nil {
		return "", err
	}
	return formatOutput(h, t, out, title), nil
}

func parserOptions(t *Test) []wikitext.Option {
	opts := []wikitext.Option{wikitext.WithExtensions(Extensions()...)}
	if v, ok := t.Config["wgFragmentMode"]; ok {
		var modes []string
		if json.Unmarshal([]byte(v), &modes) == nil && len(modes) > 0 && modes[0] == "html5" {
			opts = append(opts, wikitext.WithFragmentMode(html.FragmentHTML5, len(modes) > 1 && modes[1] == "legacy"))
		}
	}
	if v, ok := t.Options["thumbsize"]; ok {
		if n, err := strconv.Atoi(v.First()); err == nil {
			opts = append(opts, wikitext.WithThumbSize(n))
		}
	}
	if n, err := strconv.Atoi(t.Options["wgmaxtoclevel"].First()); err == nil {
		opts = append(opts, wikitext.WithMaxTOCLevel(n))
	}
	if _, ok := t.Options["subpage"]; ok {
		opts = append(opts, wikitext.WithSubpages(true))
	}
	limits := preprocess.DefaultLimits
	if n, err := strconv.Atoi(t.Options["maxtemplatedepth"].First()); err == nil {
		limits.MaxDepth = n
	}
	if n, err := strconv.Atoi(t.Options["maxincludesize"].First()); err == nil {
		limits.MaxIncludeSize = n
	}
	opts = append(opts, wikitext.WithLimits(limits))
	if v, ok := t.Options["wgenablemagiclinks"]; ok {
		m := map[string]bool{"ISBN": true, "PMID": true, "RFC": true}
		_ = json.Unmarshal([]byte(v.First()), &m)
		opts = append(opts, wikitext.WithMagicLinks(m["ISBN"], m["PMID"], m["RFC"]))
	}
	if v, ok := t.Config["wgParserEnableLegacyMediaDOM"]; ok && v == "false" {
		opts = append(opts, wikitext.WithLegacyMediaDOM(false))
	}
	noFollow, exceptions := true, []string{"no-nofollow.org"}
	if v, ok := t.Config["wgNoFollowLinks"]; ok && v == "false" {
		noFollow = false
	}
	if v, ok := t.Config["wgNoFollowDomainExceptions"]; ok {
		_ = json.Unmarshal([]byte(v), &exceptions)
	}
	opts = append(opts, wikitext.WithNoFollow(noFollow, exceptions...))
	if v, ok := t.Config["wgExternalLinkTarget"]; ok {
		var target string
		if json.Unmarshal([]byte(v), &target) == nil {
			opts = append(opts, wikitext.WithExternalLinkTarget(target))
		}
	}
	return opts
}

func formatOutput(h *host, t *Test, out *wikitext.Output, title string) string {
	if _, ok := t.Options["cat"]; ok {
		var lines []string
		for _, c := range out.Categories {
			lines = append(lines, "cat="+c.Name+" sort="+c.SortKey)
		}
		return strings.Join(lines, "\n")
	}
	if _, ok := t.Options["ill"]; ok {
		return strings.Join(out.LanguageLinks, " ")
	}
	s := out.HTML
	if _, ok := t.Options["wrap"]; !ok {
		s = strings.TrimPrefix(s, `<div class="mw-parser-output">`)
		s = strings.TrimSuffix(s, "</div>")
	}
	if _, ok := t.Options["showtitle"]; ok {
		dt := out.DisplayTitle
		if dt == "" {
			dt = title
		}
		s = dt + "\n" + s
	}
	if _, ok := t.Options["showindicators"]; ok {
		var names []string
		for n := range out.Indicators {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		for _, n := range names {
			b.WriteString(n + "=" + out.Indicators[n] + "\n")
		}
		s = b.String() + s
	}
	if _, ok := t.Options["showflags"]; ok {
		var flags []string
		for f := range out.Flags {
			flags = append(flags, f)
		}
		sort.Strings(flags)
		s += "\nflags=" + strings.Join(flags, ",")
	}
	return strings.TrimRight(s, " \t\n\r\x00\x0b")
}

// renderPST runs a pst-mode test: the output is the transformed wikitext,
// followed by the flags with showflags. The author is the anonymous
// editor 127.0.0.1 and the clock is the test clock, as in MediaWiki's
// runner.
func renderPST(ctx context.Context, p *wikitext.Parser, h *host, t *Test, title wikitext.Title) (string, error) {
	res, err := p.PreSave(ctx, t.Wikitext(), wikitext.PSTOptions{Title: title, Host: h, User: "127.0.0.1"})
	if err != nil {
		return "", err
	}
	out := res.Text
	if _, ok := t.Options["showflags"]; ok {
		flags := ""
		if res.Signature {
			flags = "user-signature"
		}
		out += "\nflags=" + flags
	}
	return out, nil
}
