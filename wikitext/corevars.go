package wikitext

import (
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// registerVariables adds the core magic variables: the PAGENAME and
// NAMESPACE families, site variables and the clock.
func (p *Parser) registerVariables() {
	titleVars := map[string]func(h titleHost, t Title) string{
		"PAGENAME":        func(h titleHost, t Title) string { return escapeWiki(t.Text()) },
		"PAGENAMEE":       func(h titleHost, t Title) string { return escapeWiki(urlencodeTitle(t.DBKey)) },
		"FULLPAGENAME":    func(h titleHost, t Title) string { return escapeWiki(h.PrefixedText(t)) },
		"FULLPAGENAMEE":   func(h titleHost, t Title) string { return escapeWiki(urlencodeTitle(prefixedDBKey(h, t))) },
		"NAMESPACE":       func(h titleHost, t Title) string { return nsText(h, t.Namespace) },
		"NAMESPACEE":      func(h titleHost, t Title) string { return escapeWiki(urlencodeTitle(nsKey(h, t.Namespace))) },
		"NAMESPACENUMBER": func(h titleHost, t Title) string { return strconv.Itoa(t.Namespace) },
		"TALKSPACE":       func(h titleHost, t Title) string { return nsText(h, talkNS(t.Namespace)) },
		"TALKSPACEE":      func(h titleHost, t Title) string { return escapeWiki(urlencodeTitle(nsKey(h, talkNS(t.Namespace)))) },
		"SUBJECTSPACE":    func(h titleHost, t Title) string { return nsText(h, subjectNS(t.Namespace)) },
		"ARTICLESPACE":    func(h titleHost, t Title) string { return nsText(h, subjectNS(t.Namespace)) },
		"SUBJECTSPACEE":   func(h titleHost, t Title) string { return escapeWiki(urlencodeTitle(nsKey(h, subjectNS(t.Namespace)))) },
		"TALKPAGENAME":    func(h titleHost, t Title) string { return escapeWiki(h.PrefixedText(withNS(t, talkNS(t.Namespace)))) },
		"SUBJECTPAGENAME": func(h titleHost, t Title) string {
			return escapeWiki(h.PrefixedText(withNS(t, subjectNS(t.Namespace))))
		},
		"ARTICLEPAGENAME": func(h titleHost, t Title) string {
			return escapeWiki(h.PrefixedText(withNS(t, subjectNS(t.Namespace))))
		},
		"BASEPAGENAME": func(h titleHost, t Title) string { return escapeWiki(basePage(h, t)) },
		"ROOTPAGENAME": func(h titleHost, t Title) string { return escapeWiki(rootPage(h, t)) },
		"SUBPAGENAME":  func(h titleHost, t Title) string { return escapeWiki(subPage(h, t)) },
		"TALKPAGENAMEE": func(h titleHost, t Title) string {
			return escapeWiki(urlencodeTitle(prefixedDBKey(h, withNS(t, talkNS(t.Namespace)))))
		},
		"SUBJECTPAGENAMEE": func(h titleHost, t Title) string {
			return urlencodeTitle(prefixedDBKey(h, withNS(t, subjectNS(t.Namespace))))
		},
		"BASEPAGENAMEE": func(h titleHost, t Title) string {
			return escapeWiki(urlencodeTitle(strings.ReplaceAll(basePage(h, t), " ", "_")))
		},
		"ROOTPAGENAMEE": func(h titleHost, t Title) string {
			return escapeWiki(urlencodeTitle(strings.ReplaceAll(rootPage(h, t), " ", "_")))
		},
		"SUBPAGENAMEE": func(h titleHost, t Title) string {
			return escapeWiki(urlencodeTitle(strings.ReplaceAll(subPage(h, t), " ", "_")))
		},
	}
	for name, fn := range titleVars {
		fn := fn
		must(p.reg.AddVariable(name, func(f *preprocess.Frame) string {
			e := f.Expander()
			return fn(newTitleHost(e), e.Title)
		}))
		must(p.reg.AddCaseFunction(name, func(f *preprocess.Frame, a *preprocess.Args) string {
			e := f.Expander()
			t, err := e.Host.ParseTitle(a.Expand(0), env.NSMain)
			if err != nil {
				return ""
			}
			return fn(newTitleHost(e), t)
		}))
	}
	p.registerSiteVariables()
	p.registerTimeVariables()
}

func (p *Parser) registerSiteVariables() {
	site := map[string]func(s SiteInfo) string{
		"SITENAME":        func(s SiteInfo) string { return s.Name },
		"SERVER":          func(s SiteInfo) string { return s.Server },
		"SERVERNAME":      func(s SiteInfo) string { return serverName(s.Server) },
		"SCRIPTPATH":      func(s SiteInfo) string { return strings.TrimSuffix(s.Script, "/index.php") },
		"STYLEPATH":       func(s SiteInfo) string { return strings.TrimSuffix(s.Script, "/index.php") + "/skins" },
		"CONTENTLANGUAGE": func(s SiteInfo) string { return s.Language },
		"CONTENTLANG":     func(s SiteInfo) string { return s.Language },
		"DIRMARK":         func(SiteInfo) string { return "&lrm;" },
		"DIRECTIONMARK":   func(SiteInfo) string { return "&lrm;" },
		"!":               func(SiteInfo) string { return "|" },
		"=":               func(SiteInfo) string { return "=" },
	}
	for name, fn := range site {
		fn := fn
		must(p.reg.AddVariable(name, func(f *preprocess.Frame) string {
			return fn(f.Expander().Host.SiteInfo())
		}))
	}
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func (p *Parser) registerTimeVariables() {
	clock := map[string]func(t time.Time) string{
		"YEAR":         func(t time.Time) string { return strconv.Itoa(t.Year()) },
		"MONTH":        func(t time.Time) string { return t.Format("01") },
		"MONTH1":       func(t time.Time) string { return strconv.Itoa(int(t.Month())) },
		"MONTHNAME":    func(t time.Time) string { return monthNames[t.Month()-1] },
		"MONTHNAMEGEN": func(t time.Time) string { return monthNames[t.Month()-1] },
		"MONTHABBREV":  func(t time.Time) string { return monthNames[t.Month()-1][:3] },
		"DAY":          func(t time.Time) string { return strconv.Itoa(t.Day()) },
		"DAY2":         func(t time.Time) string { return t.Format("02") },
		"DOW":          func(t time.Time) string { return strconv.Itoa(int(t.Weekday())) },
		"DAYNAME":      func(t time.Time) string { return t.Weekday().String() },
		"TIME":         func(t time.Time) string { return t.Format("15:04") },
		"HOUR":         func(t time.Time) string { return t.Format("15") },
		"WEEK":         func(t time.Time) string { _, w := t.ISOWeek(); return strconv.Itoa(w) },
		"TIMESTAMP":    func(t time.Time) string { return t.Format("20060102150405") },
	}
	for name, fn := range clock {
		fn := fn
		get := func(f *preprocess.Frame) string { return fn(f.Expander().Host.Now().UTC()) }
		must(p.reg.AddVariable("CURRENT"+name, get))
		must(p.reg.AddVariable("LOCAL"+name, get))
	}
}

func serverName(server string) string {
	s := server
	if i := strings.Index(s, "//"); i >= 0 {
		s = s[i+2:]
	}
	if i := strings.IndexAny(s, "/:"); i >= 0 {
		s = s[:i]
	}
	return s
}

func withNS(t Title, ns int) Title {
	t.Namespace = ns
	return t
}

func talkNS(ns int) int {
	if ns < 0 {
		return ns
	}
	return ns | 1
}

func subjectNS(ns int) int {
	if ns < 0 {
		return ns
	}
	return ns &^ 1
}

func nsKey(h titleHost, ns int) string { return h.SiteInfo().Namespaces[ns] }

func nsText(h titleHost, ns int) string { return strings.ReplaceAll(nsKey(h, ns), "_", " ") }

func prefixedDBKey(h titleHost, t Title) string {
	return strings.ReplaceAll(h.PrefixedText(t), " ", "_")
}

// titleHost is the host plus the per-parse subpage setting.
type titleHost struct {
	Host
	allSubpages bool
}

// subpagesKey is the expander data key that enables subpages in every
// namespace.
const subpagesKey = "wikitext.subpages"

func newTitleHost(e *preprocess.Expander) titleHost {
	on, _ := e.Data[subpagesKey].(bool)
	return titleHost{Host: e.Host, allSubpages: on}
}

// hasSubpages reports whether slashes in the namespace make subpages.
func (h titleHost) hasSubpages(ns int) bool {
	return h.allSubpages || (ns != env.NSMain && ns != env.NSFile && ns != env.NSMediaWiki && ns != env.NSCategory)
}

func basePage(h titleHost, t Title) string {
	text := t.Text()
	if !h.hasSubpages(t.Namespace) {
		return text
	}
	if i := strings.LastIndexByte(text, '/'); i > 0 {
		return text[:i]
	}
	return text
}

func rootPage(h titleHost, t Title) string {
	text := t.Text()
	if !h.hasSubpages(t.Namespace) {
		return text
	}
	if i := strings.IndexByte(text, '/'); i > 0 {
		return text[:i]
	}
	return text
}

func subPage(h titleHost, t Title) string {
	text := t.Text()
	if !h.hasSubpages(t.Namespace) {
		return text
	}
	if i := strings.LastIndexByte(text, '/'); i >= 0 {
		return text[i+1:]
	}
	return text
}
