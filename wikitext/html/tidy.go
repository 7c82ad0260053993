package html

import "strings"

// Tidy cleans the final HTML the way MediaWiki's HTML5 tidying does: it
// fixes French spacing in text (not in tags, scripts or styles). Tag
// balancing is done by Balance.
func Tidy(s string) string {
	if !strings.ContainsAny(s, "?:;!%»«‹›") {
		return s
	}
	var b strings.Builder
	raw := ""
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		if raw == "" {
			b.WriteString(frenchSpaces(s[:i]))
		} else {
			b.WriteString(s[:i])
		}
		s = s[i:]
		if s == "" {
			break
		}
		j := strings.IndexByte(s, '>')
		if j < 0 {
			b.WriteString(s)
			break
		}
		tag := s[:j+1]
		raw = rawTextState(raw, tag)
		b.WriteString(tag)
		s = s[j+1:]
	}
	return b.String()
}

// rawTextState tracks whether we are inside <script> or <style>.
func rawTextState(raw, tag string) string {
	lower := strings.ToLower(tag)
	if raw != "" {
		if strings.HasPrefix(lower, "</"+raw) {
			return ""
		}
		return raw
	}
	for _, n := range []string{"script", "style"} {
		if strings.HasPrefix(lower, "<"+n) && len(lower) > len(n)+1 && strings.ContainsRune(" >/\t\n", rune(lower[len(n)+1])) {
			return n
		}
	}
	return ""
}

// frenchSpaces turns a space before ? : ; ! % » › or after « ‹ into a
// non-breaking space.
func frenchSpaces(t string) string {
	if !strings.Contains(t, " ") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' && (spaceBefore(t[i+1:]) || spaceAfter(t[:i])) {
			b.WriteString("&#160;")
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func spaceBefore(rest string) bool {
	if rest == "" {
		return false
	}
	return strings.IndexByte("?:;!%", rest[0]) >= 0 ||
		strings.HasPrefix(rest, "»") || strings.HasPrefix(rest, "›")
}

func spaceAfter(before string) bool {
	return strings.HasSuffix(before, "«") || strings.HasSuffix(before, "‹")
}
