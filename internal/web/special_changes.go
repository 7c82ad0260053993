package web

import (
	"context"
	"html/template"
	"net/url"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

// dayGroup is the lines of one day of a change list under its heading.
type dayGroup[T any] struct {
	Day   string
	Lines []T
}

// groupByDay splits lines, newest first, into days as formatDay shows them
// ("23 November 2026", in UTC like every date of the interface).
func groupByDay[T any](lines []T, when func(T) time.Time) []dayGroup[T] {
	var groups []dayGroup[T]
	for _, l := range lines {
		day := formatDay(when(l))
		if n := len(groups); n == 0 || groups[n-1].Day != day {
			groups = append(groups, dayGroup[T]{Day: day})
		}
		g := &groups[len(groups)-1]
		g.Lines = append(g.Lines, l)
	}
	return groups
}

// sizeChange renders a byte-size change as MediaWiki's change lists do: a
// span of class mw-plusminus-pos, -neg or -null around "(+12)", in bold
// from rcBigChange bytes on; newLen, when known (>= 0), goes in the
// tooltip.
func sizeChange(diff, newLen int) template.HTML {
	class, text := "mw-plusminus-null", "0"
	switch {
	case diff > 0:
		class, text = "mw-plusminus-pos", "+"+formatNumber(diff)
	case diff < 0:
		class, text = "mw-plusminus-neg", "\u2212"+formatNumber(-diff)
	}
	title := formatBytes(abs(diff)) + " changed"
	if newLen >= 0 {
		title = formatBytes(newLen) + " after the change"
	}
	out := `<span dir="ltr" class="` + class + ` mw-diff-bytes" title="` + title + `">(` + text + `)</span>`
	if abs(diff) >= rcBigChange {
		out = "<strong>" + out + "</strong>"
	}
	return template.HTML(out)
}

// rcBigChange is the size change from which the count is bold:
// MediaWiki's $wgRCChangedSizeThreshold.
const rcBigChange = 500

// changeLine is one line of a change list (RecentChanges, NewPages) in
// MediaWiki's classic layout:
// (diff | hist) . . N m Title; 12:34 . . (+12) . . User (talk | contribs) (summary).
type changeLine struct {
	When    time.Time
	Time    string
	Class   string
	Title   link
	Diff    link // Href is empty for a page creation: "diff" is plain text
	Hist    link
	New     bool
	Minor   bool
	Bot     bool
	Size    template.HTML // the size change, see sizeChange
	User    template.HTML
	Comment template.HTML

	// Log lines: a link to the log and what was done.
	Log     bool
	LogLink link
	LogText template.HTML
}

func (l changeLine) when() time.Time { return l.When }

// changeLines turns recent changes into lines, with one existence query for
// all titles.
func (s *Server) changeLines(ctx context.Context, rcs []*folio.RecentChange) []changeLine {
	titles := make([]folio.Title, len(rcs))
	for i, rc := range rcs {
		titles[i] = s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
	}
	links := s.titleLinks(ctx, titles)
	out := make([]changeLine, len(rcs))
	for i, rc := range rcs {
		links[i].Class = joinClass(links[i].Class, "mw-changeslist-title")
		out[i] = s.changeLine(rc, titles[i], links[i])
	}
	return out
}

// changeLine builds the line of one recent change.
func (s *Server) changeLine(rc *folio.RecentChange, t folio.Title, title link) changeLine {
	l := changeLine{
		When: rc.Timestamp, Time: formatTime(rc.Timestamp), Title: title,
		User: s.userLinks(rc.Actor), Comment: s.formatComment(rc.Comment),
		Class: "mw-changeslist-line mw-changeslist-ns" + strconv.Itoa(rc.Namespace),
	}
	if rc.Type == folio.RCLog {
		l.Log = true
		l.Class += " mw-changeslist-log mw-changeslist-log-" + rc.LogType
		l.LogLink = link{Href: titlePath(s.specialTitle("Log/" + rc.LogType)), Text: logTypeName(rc.LogType)}
		l.LogText = logDescription(rc.LogType, rc.LogAction, title, nil)
		return l
	}
	l.New, l.Minor, l.Bot = rc.New || rc.Type == folio.RCNew, rc.Minor, rc.Bot
	l.Size = sizeChange(rc.NewLen-rc.OldLen, rc.NewLen)
	curid := strconv.FormatInt(rc.PageID, 10)
	l.Hist = link{Text: "hist", Title: title.Title,
		Href: s.titleURL(t, url.Values{"curid": {curid}, "action": {"history"}})}
	l.Diff = link{Text: "diff", Title: title.Title}
	if !l.New {
		l.Diff.Href = s.titleURL(t, url.Values{"curid": {curid},
			"diff": {strconv.FormatInt(rc.ThisOldID, 10)}, "oldid": {strconv.FormatInt(rc.LastOldID, 10)}})
	}
	switch {
	case l.New:
		l.Class += " mw-changeslist-src-mw-new"
	default:
		l.Class += " mw-changeslist-src-mw-edit"
	}
	if l.Minor {
		l.Class += " mw-changeslist-minor"
	}
	return l
}

// joinClass joins two class lists.
func joinClass(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}
