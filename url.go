package folio

import "strings"

// Local paths of a Folio wiki, as in a MediaWiki installation with short URLs
// ($wgArticlePath = "/wiki/$1", $wgScript = "/index.php").
const (
	ArticlePath = "/wiki/"
	ScriptPath  = "/index.php"
)

// URLEncode encodes s as MediaWiki's wfUrlencode does: like a form value,
// except that the characters ; @ $ ! * ( ) , / ~ : stay readable.
func URLEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			sb.WriteByte('+')
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-_.;@$!*(),/~:", c) >= 0:
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
		}
	}
	return sb.String()
}

// LocalURL returns the path of t without its fragment: /wiki/Prefixed:Key
// when query is empty, /index.php?title=Prefixed:Key&query otherwise, as
// MediaWiki's Title::getLocalURL.
func (t Title) LocalURL(query string) string {
	key := URLEncode(t.PrefixedDBKey())
	if query == "" {
		return ArticlePath + key
	}
	return ScriptPath + "?title=" + key + "&" + query
}
