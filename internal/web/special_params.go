package web

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
)

// Defaults and limits of the listing special pages, as in MediaWiki.
const (
	rcDefaultLimit   = 50
	rcDefaultDays    = 7
	rcMaxDays        = 90 // $wgRCMaxAge
	maxListLimit     = 500
	allPagesPerPage  = 345
	listDefaultLimit = 50
)

// Choices offered by the options panel of Special:RecentChanges.
var (
	rcLimitChoices = []int{50, 100, 250, 500}
	rcDaysChoices  = []float64{1, 3, 7, 14, 30}
)

// queryBool reads a MediaWiki boolean parameter: absent means def; present, it
// is false for "", "0" and "false" and true otherwise. The last value counts,
// so that a form can send a hidden "0" before a checkbox's "1" for options
// that default to true.
func queryBool(q url.Values, name string, def bool) bool {
	vals := q[name]
	if len(vals) == 0 {
		return def
	}
	switch strings.ToLower(strings.TrimSpace(vals[len(vals)-1])) {
	case "", "0", "false":
		return false
	}
	return true
}

// queryLimit reads a row limit: positive, at most max, def when absent or
// invalid.
func queryLimit(q url.Values, name string, def, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(q.Get(name)))
	if err != nil || n <= 0 {
		return def
	}
	return min(n, max)
}

// queryNamespace reads a namespace number; "", "all" and garbage mean every
// namespace (nil).
func queryNamespace(q url.Values, name string) *int {
	v := strings.TrimSpace(q.Get(name))
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return &n
}

// queryID reads a positive row id used for paging, 0 when absent.
func queryID(q url.Values, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(q.Get(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// cleanText makes free text from a request safe to send to a database:
// valid UTF-8 without control characters (NUL breaks PostgreSQL).
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// rcOptions are the parameters of Special:RecentChanges.
type rcOptions struct {
	Namespace  *int
	Invert     bool // every namespace except the chosen one(s)
	Associated bool // also the talk or subject namespace of the chosen one
	HideMinor  bool
	HideBots   bool
	HideAnons  bool
	HideLiu    bool
	HideMyself bool
	HideLogs   bool
	Limit      int
	Days       float64
	From       time.Time // only changes from this time on; zero for none
}

// mwTimestampLayout is MediaWiki's 14-digit timestamp, as in from=.
const mwTimestampLayout = "20060102150405"

// defaultRCOptions returns the options of a bare Special:RecentChanges.
func defaultRCOptions() rcOptions {
	return rcOptions{HideBots: true, Limit: rcDefaultLimit, Days: rcDefaultDays}
}

// parseRCOptions reads the query string and the subpage of
// Special:RecentChanges. The subpage holds comma-separated settings such as
// "hidebots=0,limit=100" or "250"; as in MediaWiki, they win over the query.
func parseRCOptions(q url.Values, subpage string) rcOptions {
	q = mergeSubpageParams(q, subpage)
	d := defaultRCOptions()
	o := rcOptions{
		Namespace:  queryNamespace(q, "namespace"),
		Invert:     queryBool(q, "invert", false),
		Associated: queryBool(q, "associated", false),
		HideMinor:  queryBool(q, "hideminor", d.HideMinor),
		HideBots:   queryBool(q, "hidebots", d.HideBots),
		HideAnons:  queryBool(q, "hideanons", d.HideAnons),
		HideLiu:    queryBool(q, "hideliu", d.HideLiu),
		HideMyself: queryBool(q, "hidemyself", d.HideMyself),
		HideLogs:   queryBool(q, "hidelog", d.HideLogs),
		Limit:      queryLimit(q, "limit", d.Limit, maxListLimit),
		Days:       queryDays(q.Get("days")),
		From:       queryTimestamp(q, "from"),
	}
	if o.Namespace == nil { // invert and associated need a namespace
		o.Invert, o.Associated = false, false
	}
	return o
}

// queryDays reads a period in days, which may be fractional as in
// MediaWiki; it falls back to the default and is capped at rcMaxDays.
func queryDays(v string) float64 {
	d, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || d <= 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return rcDefaultDays
	}
	return math.Min(d, rcMaxDays)
}

// queryTimestamp reads a 14-digit MediaWiki timestamp in UTC; anything else
// is the zero time.
func queryTimestamp(q url.Values, name string) time.Time {
	t, err := time.Parse(mwTimestampLayout, strings.TrimSpace(q.Get(name)))
	if err != nil {
		return time.Time{}
	}
	return t
}

// mergeSubpageParams returns q with the settings of a RecentChanges-style
// subpage added: "name=value" sets a value, a bare number sets the limit and
// a bare name sets a boolean to 1.
func mergeSubpageParams(q url.Values, subpage string) url.Values {
	if strings.TrimSpace(subpage) == "" {
		return q
	}
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	for part := range strings.SplitSeq(subpage, ",") {
		part = strings.TrimSpace(part)
		name, value, hasValue := strings.Cut(part, "=")
		switch {
		case part == "":
		case hasValue:
			out.Set(strings.ToLower(name), value)
		case isInteger(part):
			out.Set("limit", part)
		default:
			out.Set(strings.ToLower(part), "1")
		}
	}
	return out
}

func isInteger(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// filter turns the options into a store filter. me is the name of the
// visitor (user name or IP) for hidemyself. Invert and Associated cannot be
// expressed in the filter; the namespace is then left unset and matches
// decides row by row.
func (o rcOptions) filter(now time.Time, me string) folio.RecentChangeFilter {
	f := folio.RecentChangeFilter{
		Since:     now.Add(-time.Duration(o.Days * float64(24*time.Hour))),
		HideMinor: o.HideMinor,
		HideBots:  o.HideBots,
		HideAnons: o.HideAnons,
		HideLiu:   o.HideLiu,
		HideLogs:  o.HideLogs,
		Limit:     o.Limit,
	}
	if o.From.After(f.Since) {
		f.Since = o.From
	}
	if o.HideMyself {
		f.HideActor = me
	}
	if o.Namespace != nil && !o.Invert && !o.Associated {
		ns := *o.Namespace
		f.Namespace = &ns
	}
	return f
}

// needsRowFilter reports whether matches must be applied to store rows.
func (o rcOptions) needsRowFilter() bool {
	return o.Namespace != nil && (o.Invert || o.Associated)
}

// matches applies the namespace choice, with invert and associated, to a
// change in namespace ns.
func (o rcOptions) matches(ns int, namespaces *folio.Namespaces) bool {
	if o.Namespace == nil {
		return true
	}
	want := *o.Namespace
	in := ns == want
	if o.Associated && want >= 0 {
		in = in || namespaces.Subject(ns) == namespaces.Subject(want)
	}
	return in != o.Invert
}

// query returns the options that differ from the defaults, for links that
// keep the visitor's choices.
func (o rcOptions) query() url.Values {
	d := defaultRCOptions()
	q := url.Values{}
	if o.Namespace != nil {
		q.Set("namespace", strconv.Itoa(*o.Namespace))
		setBool(q, "invert", o.Invert, false)
		setBool(q, "associated", o.Associated, false)
	}
	setBool(q, "hideminor", o.HideMinor, d.HideMinor)
	setBool(q, "hidebots", o.HideBots, d.HideBots)
	setBool(q, "hideanons", o.HideAnons, d.HideAnons)
	setBool(q, "hideliu", o.HideLiu, d.HideLiu)
	setBool(q, "hidemyself", o.HideMyself, d.HideMyself)
	setBool(q, "hidelog", o.HideLogs, d.HideLogs)
	if o.Limit != d.Limit {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Days != d.Days {
		q.Set("days", formatDays(o.Days))
	}
	if !o.From.IsZero() {
		q.Set("from", o.From.UTC().Format(mwTimestampLayout))
	}
	return q
}

// setBool sets name to 1 or 0 when v differs from def.
func setBool(q url.Values, name string, v, def bool) {
	if v == def {
		return
	}
	if v {
		q.Set(name, "1")
	} else {
		q.Set(name, "0")
	}
}

func formatDays(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

// logOptions are the parameters of Special:Log.
type logOptions struct {
	Type   string
	User   string
	Page   string
	Limit  int
	Offset int64 // show entries with a smaller id
}

// parseLogOptions reads Special:Log's query. The subpage is a log type when
// it names one (Special:Log/delete) and a user name otherwise, as in
// MediaWiki. A type not in types means every type.
func parseLogOptions(q url.Values, subpage string, types []string) logOptions {
	o := logOptions{
		Type:   strings.TrimSpace(q.Get("type")),
		User:   strings.TrimSpace(q.Get("user")),
		Page:   strings.TrimSpace(q.Get("page")),
		Limit:  queryLimit(q, "limit", listDefaultLimit, maxListLimit),
		Offset: queryID(q, "offset"),
	}
	if sub := strings.TrimSpace(subpage); sub != "" {
		typ, rest, _ := strings.Cut(sub, "/")
		if slices.Contains(types, strings.ToLower(typ)) {
			o.Type = strings.ToLower(typ)
			if rest != "" {
				o.User = rest
			}
		} else {
			o.User = sub
		}
	}
	if !slices.Contains(types, o.Type) { // "all" and unknown types list everything
		o.Type = ""
	}
	o.User = strings.ReplaceAll(o.User, "_", " ")
	return o
}

// targetParam returns the target of a per-user or per-page special page:
// the subpage (Special:Contributions/Name) or else the target parameter.
func targetParam(q url.Values, subpage string) string {
	if t := strings.TrimSpace(subpage); t != "" {
		return t
	}
	return strings.TrimSpace(q.Get("target"))
}

// contribsOptions are the parameters of Special:Contributions besides
// paging, which parsePager reads. The camel-case names are MediaWiki's.
type contribsOptions struct {
	Target     string // user name or IP, with spaces
	Namespace  *int
	Invert     bool      // nsInvert: every namespace but the chosen one
	Associated bool      // associated: with the chosen one's talk or subject namespace
	TopOnly    bool      // topOnly: only edits that are the current revision
	NewOnly    bool      // newOnly: only page creations
	HideMinor  bool      // hideMinor: leave out minor edits
	Start      time.Time // start: the first day shown (YYYY-MM-DD); zero for none
	End        time.Time // end: the last day shown, whole; zero for none
}

// parseContribsOptions reads Special:Contributions's query and subpage.
func parseContribsOptions(q url.Values, subpage string) contribsOptions {
	o := contribsOptions{
		Target:     strings.ReplaceAll(targetParam(q, subpage), "_", " "),
		Namespace:  queryNamespace(q, "namespace"),
		Invert:     queryBool(q, "nsInvert", false),
		Associated: queryBool(q, "associated", false),
		TopOnly:    queryBool(q, "topOnly", false),
		NewOnly:    queryBool(q, "newOnly", false),
		HideMinor:  queryBool(q, "hideMinor", false),
		Start:      queryDate(q, "start"),
		End:        queryDate(q, "end"),
	}
	if o.Namespace == nil {
		o.Invert, o.Associated = false, false
	}
	return o
}

// queryDate reads a day as YYYY-MM-DD in UTC; anything else is zero.
func queryDate(q url.Values, name string) time.Time {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(q.Get(name)))
	if err != nil {
		return time.Time{}
	}
	return t
}

// inPeriod reports whether t falls between the start and end days.
func (o contribsOptions) inPeriod(t time.Time) bool {
	if !o.Start.IsZero() && t.Before(o.Start) {
		return false
	}
	return o.End.IsZero() || t.Before(o.End.AddDate(0, 0, 1))
}

// query returns the options other than the target, for links that keep
// them.
func (o contribsOptions) query() url.Values {
	q := url.Values{}
	if o.Namespace != nil {
		q.Set("namespace", strconv.Itoa(*o.Namespace))
		setBool(q, "nsInvert", o.Invert, false)
		setBool(q, "associated", o.Associated, false)
	}
	setBool(q, "topOnly", o.TopOnly, false)
	setBool(q, "newOnly", o.NewOnly, false)
	setBool(q, "hideMinor", o.HideMinor, false)
	for name, day := range map[string]time.Time{"start": o.Start, "end": o.End} {
		if !day.IsZero() {
			q.Set(name, day.Format(time.DateOnly))
		}
	}
	return q
}

// needsRowFilter reports whether some options must be checked row by row
// because a store filter cannot express them.
func (o contribsOptions) needsRowFilter() bool {
	return o.Invert || o.Associated || o.TopOnly || o.NewOnly || o.HideMinor ||
		!o.Start.IsZero() || !o.End.IsZero()
}

// matchesNamespace applies the namespace choice to a revision in ns.
func (o contribsOptions) matchesNamespace(ns int, namespaces *folio.Namespaces) bool {
	rc := rcOptions{Namespace: o.Namespace, Invert: o.Invert, Associated: o.Associated}
	return rc.matches(ns, namespaces)
}

// wlhOptions are the parameters of Special:WhatLinksHere.
type wlhOptions struct {
	Target     string
	Namespace  *int
	HideLinks  bool
	HideRedirs bool
	HideTrans  bool
	Limit      int
	From       int64 // first page id to show
	Back       int64 // where the previous screen started (0: the start)
}

// parseWLHOptions reads Special:WhatLinksHere's query and subpage.
func parseWLHOptions(q url.Values, subpage string) wlhOptions {
	return wlhOptions{
		Target:     targetParam(q, subpage),
		Namespace:  queryNamespace(q, "namespace"),
		HideLinks:  queryBool(q, "hidelinks", false),
		HideRedirs: queryBool(q, "hideredirs", false),
		HideTrans:  queryBool(q, "hidetrans", false),
		Limit:      queryLimit(q, "limit", listDefaultLimit, maxListLimit),
		From:       queryID(q, "from"),
		Back:       queryID(q, "back"),
	}
}

// newPagesOptions are the parameters of Special:NewPages.
type newPagesOptions struct {
	Namespace  *int
	Username   string
	HideBots   bool
	HideLiu    bool
	HideRedirs bool // on by default, as in MediaWiki
	Limit      int
	Offset     int64  // rc id paging
	Dir        string // "prev": the rows newer than Offset
}

// parseNewPagesOptions reads Special:NewPages's query. As in MediaWiki, the
// main namespace is the default and "all" lists every namespace.
func parseNewPagesOptions(q url.Values) newPagesOptions {
	o := newPagesOptions{
		Namespace:  queryNamespace(q, "namespace"),
		Username:   strings.ReplaceAll(strings.TrimSpace(q.Get("username")), "_", " "),
		HideBots:   queryBool(q, "hidebots", false),
		HideLiu:    queryBool(q, "hideliu", false),
		HideRedirs: queryBool(q, "hideredirs", true),
		Limit:      queryLimit(q, "limit", listDefaultLimit, maxListLimit),
		Offset:     queryID(q, "offset"),
	}
	if q.Get("dir") == "prev" {
		o.Dir = "prev"
	}
	if o.Namespace == nil && strings.TrimSpace(q.Get("namespace")) != "all" {
		main := folio.NSMain
		o.Namespace = &main
	}
	return o
}

// Newer reports whether the rows newer than the offset are asked for.
func (o newPagesOptions) Newer() bool { return o.Dir == "prev" }

// pager returns the paging state for the navigation links.
func (o newPagesOptions) pager() pager { return pager{Limit: o.Limit, Offset: o.Offset, Dir: o.Dir} }

// filter turns the options into a store filter, asking for one row more
// than shown to know whether a next page exists.
func (o newPagesOptions) filter() folio.RecentChangeFilter {
	return folio.RecentChangeFilter{Namespace: o.Namespace, OnlyActor: o.Username,
		HideBots: o.HideBots, HideLiu: o.HideLiu, NewOnly: true,
		Before: o.Offset, Limit: o.Limit + 1}
}

// allPagesOptions are the parameters of Special:AllPages.
type allPagesOptions struct {
	From          string
	To            string
	Namespace     int
	HideRedirects bool
}

// parseAllPagesOptions reads Special:AllPages's query; the subpage is the
// same as from=.
func parseAllPagesOptions(q url.Values, subpage string) allPagesOptions {
	o := allPagesOptions{
		From:          strings.TrimSpace(q.Get("from")),
		To:            strings.TrimSpace(q.Get("to")),
		HideRedirects: queryBool(q, "hideredirects", false),
	}
	if s := strings.TrimSpace(subpage); s != "" {
		o.From = s
	}
	if ns := queryNamespace(q, "namespace"); ns != nil && *ns >= 0 {
		o.Namespace = *ns
	}
	return o
}
