package parserfunctions

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio/wikitext/preprocess"
)

// maxStringLen is $wgPFStringLengthLimit.
const maxStringLen = 1000

var stringFuncs = map[string]preprocess.Func{
	"#len": func(f *preprocess.Frame, a *preprocess.Args) string {
		return strconv.Itoa(utf8.RuneCountInString(a.Expand(0)))
	},
	"#pos":       posFunc(false),
	"#rpos":      posFunc(true),
	"#sub":       subFunc,
	"#count":     countFunc,
	"#replace":   replaceFunc,
	"#explode":   explodeFunc,
	"#urldecode": urldecodeFunc,
}

func tooLong(s string) bool { return utf8.RuneCountInString(s) > maxStringLen }

const tooLongError = `<strong class="error">String exceeds 1,000 character limit.</strong>`

func posFunc(reverse bool) preprocess.Func {
	return func(f *preprocess.Frame, a *preprocess.Args) string {
		in, needle := []rune(a.Expand(0)), a.Expand(1)
		if needle == "" {
			needle = " "
		}
		nr := []rune(needle)
		offset, _ := strconv.Atoi(a.Expand(2))
		if len(in) > maxStringLen || len(nr) > maxStringLen {
			return tooLongError
		}
		if reverse {
			for i := len(in) - len(nr); i >= 0; i-- {
				if string(in[i:i+len(nr)]) == needle {
					return strconv.Itoa(i)
				}
			}
			return "-1"
		}
		if offset < 0 {
			offset = max(len(in)+offset, 0)
		}
		for i := offset; i+len(nr) <= len(in); i++ {
			if string(in[i:i+len(nr)]) == needle {
				return strconv.Itoa(i)
			}
		}
		return ""
	}
}

func subFunc(f *preprocess.Frame, a *preprocess.Args) string {
	in := []rune(a.Expand(0))
	if len(in) > maxStringLen {
		return tooLongError
	}
	start, _ := strconv.Atoi(a.Expand(1))
	if start < 0 {
		start = max(len(in)+start, 0)
	}
	if start > len(in) {
		return ""
	}
	end := len(in)
	if l, err := strconv.Atoi(a.Expand(2)); err == nil && l != 0 {
		if l > 0 {
			end = min(start+l, len(in))
		} else {
			end = max(len(in)+l, start)
		}
	}
	return string(in[start:end])
}

func countFunc(f *preprocess.Frame, a *preprocess.Args) string {
	in, needle := a.Expand(0), a.Expand(1)
	if needle == "" {
		needle = " "
	}
	if tooLong(in) || tooLong(needle) {
		return tooLongError
	}
	return strconv.Itoa(strings.Count(in, needle))
}

func replaceFunc(f *preprocess.Frame, a *preprocess.Args) string {
	in, from, to := a.Expand(0), a.Expand(1), a.Expand(2)
	if from == "" {
		from = " "
	}
	if tooLong(in) || tooLong(from) || tooLong(to) {
		return tooLongError
	}
	limit := -1
	if l, err := strconv.Atoi(a.Expand(3)); err == nil && a.Expand(3) != "" {
		limit = l
	}
	return strings.Replace(in, from, to, limit)
}

func explodeFunc(f *preprocess.Frame, a *preprocess.Args) string {
	in, sep := a.Expand(0), a.Expand(1)
	if sep == "" {
		sep = " "
	}
	if tooLong(in) || tooLong(sep) {
		return tooLongError
	}
	pos, _ := strconv.Atoi(a.Expand(2))
	limit := -1
	if l, err := strconv.Atoi(a.Expand(3)); err == nil && l > 0 {
		limit = l
	}
	parts := strings.SplitN(in, sep, limit)
	if pos < 0 {
		pos += len(parts)
	}
	if pos < 0 || pos >= len(parts) {
		return ""
	}
	return parts[pos]
}

func urldecodeFunc(f *preprocess.Frame, a *preprocess.Args) string {
	s, err := url.QueryUnescape(a.Expand(0))
	if err != nil {
		return a.Expand(0)
	}
	return s
}
