package parserfunctions

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// timeFunc implements {{#time:format|date}} and #timel; the wiki's local
// time zone is UTC.
func timeFunc(local bool) preprocess.Func {
	return func(f *preprocess.Frame, a *preprocess.Args) string {
		now := f.Expander().Host.Now().UTC()
		t, ok := parseDate(a.Expand(1), now)
		if !ok {
			return `<strong class="error">Error: Invalid time.</strong>`
		}
		if t.Year() < 0 || t.Year() > 9999 {
			return `<strong class="error">Error: Invalid time.</strong>`
		}
		return formatDate(a.Expand(0), t)
	}
}

var tzSuffix = regexp.MustCompile(`^(.*?)\s+([A-Za-z_]+(?:/[A-Za-z_]+)*|[+-]\d{2}:?\d{2})$`)

// parseDate understands the common absolute date forms of PHP's
// strtotime. An empty string is the current time.
func parseDate(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "now") {
		return now, true
	}
	if strings.HasPrefix(s, "@") {
		if n, err := strconv.ParseInt(s[1:], 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), true
		}
	}
	loc := time.UTC
	if m := tzSuffix.FindStringSubmatch(s); m != nil {
		if l, ok := zone(m[2]); ok {
			s, loc = m[1], l
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func zone(name string) (*time.Location, bool) {
	switch strings.ToUpper(name) {
	case "UTC", "GMT", "Z":
		return time.UTC, true
	}
	if strings.HasPrefix(name, "+") || strings.HasPrefix(name, "-") {
		d := strings.ReplaceAll(name[1:], ":", "")
		h, _ := strconv.Atoi(d[:2])
		m, _ := strconv.Atoi(d[2:])
		off := h*3600 + m*60
		if name[0] == '-' {
			off = -off
		}
		return time.FixedZone(name, off), true
	}
	if !strings.Contains(name, "/") {
		return nil, false
	}
	l, err := time.LoadLocation(name)
	return l, err == nil
}

var dateLayouts = []string{
	"2006-01-02", "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05", "20060102150405", "2 January 2006", "2 Jan 2006", "January 2, 2006",
	"January 2 2006", "Jan 2, 2006", "2 January 2006 15:04", "2 January 2006 15:04:05",
	"15:04, 2 January 2006", "15:04, 2 Jan 2006", "January 2006", "2006", "2006/01/02",
	"01/02/2006", "Mon, 02 Jan 2006 15:04:05 -0700", "15:04", "15:04:05",
}

// formatDate formats t with PHP date() format characters, plus
// backslash escapes and "quoted" literals.
func formatDate(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '\\' && i+1 < len(format):
			i++
			b.WriteByte(format[i])
		case c == '"':
			j := strings.IndexByte(format[i+1:], '"')
			if j < 0 {
				b.WriteByte('"')
				continue
			}
			b.WriteString(format[i+1 : i+1+j])
			i += j + 1
		case c == 'x' && i+1 < len(format):
			i++
			b.WriteString(formatExtended(format[i], t))
		default:
			if s, ok := formatChar(c, t); ok {
				b.WriteString(s)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

func formatExtended(c byte, t time.Time) string {
	switch c {
	case 'g':
		return t.Month().String()
	case 'r':
		return roman(t.Year())
	}
	return ""
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// formatChar formats one PHP date() character.
func formatChar(c byte, t time.Time) (string, bool) {
	switch c {
	case 'd':
		return pad2(t.Day()), true
	case 'D':
		return t.Weekday().String()[:3], true
	case 'j':
		return strconv.Itoa(t.Day()), true
	case 'l':
		return t.Weekday().String(), true
	case 'N':
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1), true
	case 'w':
		return strconv.Itoa(int(t.Weekday())), true
	case 'z':
		return strconv.Itoa(t.YearDay() - 1), true
	case 'W':
		_, w := t.ISOWeek()
		return pad2(w), true
	case 'F':
		return t.Month().String(), true
	case 'm':
		return pad2(int(t.Month())), true
	case 'M':
		return t.Month().String()[:3], true
	case 'n':
		return strconv.Itoa(int(t.Month())), true
	case 't':
		return strconv.Itoa(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()), true
	}
	return formatTimeChar(c, t)
}

func formatTimeChar(c byte, t time.Time) (string, bool) {
	switch c {
	case 'L':
		y := t.Year()
		return strconv.Itoa(int(boolNum(y%4 == 0 && (y%100 != 0 || y%400 == 0)))), true
	case 'o':
		y, _ := t.ISOWeek()
		return strconv.Itoa(y), true
	case 'Y':
		return strconv.Itoa(t.Year()), true
	case 'y':
		return pad2(t.Year() % 100), true
	case 'a':
		return strings.ToLower(t.Format("PM")), true
	case 'A':
		return t.Format("PM"), true
	case 'g':
		return t.Format("3"), true
	case 'G':
		return strconv.Itoa(t.Hour()), true
	case 'h':
		return t.Format("03"), true
	case 'H':
		return pad2(t.Hour()), true
	case 'i':
		return pad2(t.Minute()), true
	case 's':
		return pad2(t.Second()), true
	case 'U':
		return strconv.FormatInt(t.Unix(), 10), true
	case 'c':
		return t.Format("2006-01-02T15:04:05-07:00"), true
	case 'r':
		return t.Format("Mon, 02 Jan 2006 15:04:05 -0700"), true
	case 'e', 'T':
		return "UTC", true
	case 'O':
		return "+0000", true
	case 'P':
		return "+00:00", true
	case 'Z', 'I':
		return "0", true
	}
	return "", false
}

func roman(n int) string {
	if n <= 0 || n > 10000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
