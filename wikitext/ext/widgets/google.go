package widgets

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Google hosts the widgets embed; iframes point nowhere else.
const (
	calendarBase = "https://calendar.google.com/calendar/embed"
	docsBase     = "https://docs.google.com/"
)

var (
	calendarID = regexp.MustCompile(`^[A-Za-z0-9._%+#@-]{1,254}$`)
	docID      = regexp.MustCompile(`^[A-Za-z0-9_-]{10,200}$`)
	timeZone   = regexp.MustCompile(`^[A-Za-z]+(?:/[A-Za-z0-9_+-]+){0,2}$`)
	hexColor   = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	langCode   = regexp.MustCompile(`^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$`)
)

// builtins are the widgets Folio ships.
var builtins = []*widget{
	{name: "Google Calendar", tag: "googlecalendar", class: "google-calendar", width: "800", height: "600",
		params: map[string]check{
			"mode": oneOf("WEEK", "MONTH", "AGENDA"), "ctz": match(timeZone, 64), "wkst": intRange(1, 7),
			"bgcolor": match(hexColor, 7), "color": match(hexColor, 7), "hl": match(langCode, 10),
			"showtitle": flag01, "shownav": flag01, "showdate": flag01, "showprint": flag01,
			"showtabs": flag01, "showcalendars": flag01, "showtz": flag01,
		}, src: calendarSrc},
	{name: "Google Document", tag: "googledocument", class: "google-document", width: "800", height: "600",
		src: docsSrc("document", "preview", "pub?embedded=true")},
	{name: "Google Spreadsheet", tag: "googlespreadsheet", class: "google-spreadsheet", width: "800", height: "600",
		params: map[string]check{"gid": intRange(0, 1<<31-1)},
		src:    docsSrc("spreadsheets", "preview", "pubhtml?widget=true&headers=false")},
	{name: "Google Presentation", tag: "googlepresentation", class: "google-presentation", width: "960", height: "569",
		fullscreen: true,
		params: map[string]check{
			"start": oneOf("true", "false"), "loop": oneOf("true", "false"), "delayms": intRange(1000, 600000),
		},
		src: docsSrc("presentation", "embed", "embed")},
}

// calendarSrc builds the Google Calendar embed URL.
func calendarSrc(id string, p map[string]string) (string, error) {
	if !calendarID.MatchString(id) {
		return "", badID(id, "a calendar ID such as name@group.calendar.google.com")
	}
	q := url.Values{"src": {id}}
	for k, v := range p {
		switch k {
		case "width", "height", "id":
		case "title":
			q.Set("title", v)
		case "mode":
			q.Set(k, strings.ToUpper(v))
		default:
			q.Set(k, v)
		}
	}
	return calendarBase + "?" + q.Encode(), nil
}

// docsSrc returns the URL builder for one kind of Google Docs file.
// Published files (IDs starting with 2PACX-) use the /d/e/ form.
func docsSrc(kind, view, published string) func(string, map[string]string) (string, error) {
	return func(id string, p map[string]string) (string, error) {
		if !docID.MatchString(id) {
			return "", badID(id, "the long ID from the file's address (letters, digits, - and _)")
		}
		u := docsBase + kind + "/d/" + id + "/" + view
		if strings.HasPrefix(id, "2PACX-") {
			u = docsBase + kind + "/d/e/" + id + "/" + published
		}
		q := url.Values{}
		for _, k := range []string{"gid", "start", "loop", "delayms"} {
			if v, ok := p[k]; ok {
				q.Set(k, strings.ToLower(v))
			}
		}
		if len(q) > 0 {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + q.Encode()
		}
		return u, nil
	}
}

// badID explains what an ID should look like; URLs get their own message.
func badID(id, want string) error {
	if strings.Contains(id, "://") || strings.Contains(id, "/") || strings.HasPrefix(strings.ToLower(id), "http") && strings.Contains(id, ":") {
		return fmt.Errorf("the id must be an ID, not a URL: give %s", want)
	}
	return fmt.Errorf("the id \"%s\" is not valid: give %s", clip(id), want)
}

// check validates one parameter value.
type check func(string) error

func oneOf(vals ...string) check {
	return func(v string) error {
		for _, x := range vals {
			if strings.EqualFold(v, x) {
				return nil
			}
		}
		return fmt.Errorf("must be one of %s", strings.Join(vals, ", "))
	}
}

func match(re *regexp.Regexp, max int) check {
	return func(v string) error {
		if len(v) > max || !re.MatchString(v) {
			return fmt.Errorf("has an invalid value")
		}
		return nil
	}
}

func intRange(lo, hi int) check {
	return func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi || strconv.Itoa(n) != v {
			return fmt.Errorf("must be a whole number from %d to %d", lo, hi)
		}
		return nil
	}
}

func flag01(v string) error {
	if v != "0" && v != "1" {
		return fmt.Errorf("must be 0 or 1")
	}
	return nil
}
