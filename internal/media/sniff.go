package media

import (
	"bytes"
	"strings"
)

// Detect returns the MIME type of data from its first bytes, or "" when it
// matches no type in Types.
func Detect(data []byte) string {
	for _, t := range Types {
		if t.magic(data) {
			return t.MIME
		}
	}
	return ""
}

func prefix(p string) func([]byte) bool {
	return func(b []byte) bool { return bytes.HasPrefix(b, []byte(p)) }
}

func anyPrefix(ps ...string) func([]byte) bool {
	return func(b []byte) bool {
		for _, p := range ps {
			if bytes.HasPrefix(b, []byte(p)) {
				return true
			}
		}
		return false
	}
}

func isWebP(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"
}

func isWAV(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE"
}

// isMP3 accepts an ID3 tag or an MPEG audio frame sync.
func isMP3(b []byte) bool {
	return bytes.HasPrefix(b, []byte("ID3")) || len(b) >= 2 && b[0] == 0xff && b[1]&0xe0 == 0xe0 && b[1]&0x06 != 0
}

// isSVG accepts XML whose first element is <svg>, after an optional
// byte-order mark, XML declaration, comments and doctype.
func isSVG(b []byte) bool {
	s := string(bytes.TrimPrefix(b[:min(len(b), 4096)], []byte("\xef\xbb\xbf")))
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case strings.HasPrefix(s, "<?"):
			s = after(s, "?>")
		case strings.HasPrefix(s, "<!--"):
			s = after(s, "-->")
		case strings.HasPrefix(s, "<!"):
			s = after(s, ">")
		default:
			return strings.HasPrefix(s, "<svg") && len(s) > 4 && strings.ContainsRune(" \t\r\n>/", rune(s[4])) ||
				strings.HasPrefix(s, "<svg:svg")
		}
		if s == "" {
			return false
		}
	}
}

// after returns what follows the first sep in s, or "" when there is none.
func after(s, sep string) string {
	if _, rest, ok := strings.Cut(s, sep); ok {
		return rest
	}
	return ""
}
