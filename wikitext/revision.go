package wikitext

import (
	"strconv"
	"strings"

	"github.com/folio-wiki/folio/wikitext/env"
	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// Revision describes the revision being rendered; see env.Revision.
type Revision = env.Revision

// SiteStats are the NUMBEROF* statistics; see env.SiteStats.
type SiteStats = env.SiteStats

// revisionKey is the expander data key holding the ParseOptions.Revision.
const revisionKey = "wikitext.revision"

// registerRevisionWords adds the REVISION* and NUMBEROF* magic words.
func (p *Parser) registerRevisionWords() {
	rev := map[string]func(r env.Revision) string{
		"REVISIONID":        func(r env.Revision) string { return idOrEmpty(r.ID) },
		"REVISIONUSER":      func(r env.Revision) string { return r.User },
		"REVISIONSIZE":      func(r env.Revision) string { return strconv.Itoa(r.Size) },
		"REVISIONTIMESTAMP": func(r env.Revision) string { return revTime(r, "20060102150405") },
		"REVISIONDAY":       func(r env.Revision) string { return revTime(r, "2") },
		"REVISIONDAY2":      func(r env.Revision) string { return revTime(r, "02") },
		"REVISIONMONTH":     func(r env.Revision) string { return revTime(r, "01") },
		"REVISIONMONTH1":    func(r env.Revision) string { return revTime(r, "1") },
		"REVISIONYEAR":      func(r env.Revision) string { return revTime(r, "2006") },
	}
	for name, fn := range rev {
		must(p.reg.AddVariable(name, func(f *preprocess.Frame) string {
			r, _ := f.Expander().Data[revisionKey].(env.Revision)
			return fn(r)
		}))
	}
	stats := map[string]func(s env.SiteStats) int64{
		"NUMBEROFARTICLES":    func(s env.SiteStats) int64 { return s.Articles },
		"NUMBEROFPAGES":       func(s env.SiteStats) int64 { return s.Pages },
		"NUMBEROFFILES":       func(s env.SiteStats) int64 { return s.Files },
		"NUMBEROFEDITS":       func(s env.SiteStats) int64 { return s.Edits },
		"NUMBEROFUSERS":       func(s env.SiteStats) int64 { return s.Users },
		"NUMBEROFACTIVEUSERS": func(s env.SiteStats) int64 { return s.ActiveUsers },
		"NUMBEROFADMINS":      func(s env.SiteStats) int64 { return s.Admins },
	}
	for name, fn := range stats {
		get := func(f *preprocess.Frame) int64 {
			e := f.Expander()
			if sh, ok := e.Host.(env.StatsHost); ok {
				if st, err := sh.SiteStats(e.Ctx); err == nil {
					return fn(st)
				}
			}
			return 0
		}
		must(p.reg.AddVariable(name, func(f *preprocess.Frame) string {
			return formatNum(strconv.FormatInt(get(f), 10), "")
		}))
		must(p.reg.AddCaseFunction(name, func(f *preprocess.Frame, a *preprocess.Args) string {
			return formatNum(strconv.FormatInt(get(f), 10), strings.ToUpper(a.Expand(0)))
		}))
	}
}

func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func revTime(r env.Revision, layout string) string {
	if r.Timestamp.IsZero() {
		return ""
	}
	return r.Timestamp.UTC().Format(layout)
}
