package html

import (
	"regexp"
	"strings"
)

// URLProtocols lists the URL schemes wikitext recognises in links, as
// MediaWiki's default $wgUrlProtocols. "//" is protocol-relative.
var URLProtocols = []string{
	"bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://",
	"https://", "irc://", "ircs://", "magnet:", "mailto:", "matrix:", "mms://",
	"news:", "nntp://", "redis://", "sftp://", "sip:", "sips:", "sms:", "ssh://",
	"svn://", "tel:", "telnet://", "urn:", "worldwind://", "xmpp:", "//",
}

// URLProtocolsPattern is a regexp alternation of URLProtocols.
var URLProtocolsPattern = protocolsPattern(URLProtocols)

// URLProtocolsNoRelPattern is URLProtocolsPattern without "//".
var URLProtocolsNoRelPattern = protocolsPattern(URLProtocols[:len(URLProtocols)-1])

func protocolsPattern(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(q, "|")
}

var protoPrefix = regexp.MustCompile(`^(?i:` + URLProtocolsPattern + `)`)

// HasURLProtocol reports whether s starts with a known URL scheme.
func HasURLProtocol(s string) bool {
	for _, p := range URLProtocols {
		if hasPrefixFoldLower(s, p) {
			return true
		}
	}
	// The regexp also folds the long s and the Kelvin sign to s and k.
	return strings.ContainsAny(s, "\u017f\u212a") && protoPrefix.MatchString(s)
}

// CleanURL percent-encodes characters that may not appear raw in a URL
// attribute (spaces and a few others) and removes invisible characters.
func CleanURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ' ':
			b.WriteString("%20")
		case c == '"':
			b.WriteString("%22")
		case c == '<':
			b.WriteString("%3C")
		case c == '>':
			b.WriteString("%3E")
		case c == '[':
			b.WriteString("%5B")
		case c == ']':
			b.WriteString("%5D")
		case c == '|':
			b.WriteString("%7C")
		case c < 0x20 || c == 0x7f:
			b.WriteString("%")
			b.WriteString(strings.ToUpper(hex2(c)))
		default:
			b.WriteByte(c)
		}
	}
	return removeSoftHyphens(b.String())
}

func hex2(c byte) string {
	const h = "0123456789abcdef"
	return string([]byte{h[c>>4], h[c&15]})
}

func removeSoftHyphens(s string) string {
	for _, r := range []string{"\u00ad", "\u034f", "\u180b", "\u180c", "\u180d", "\u200b", "\u2060", "\ufeff"} {
		s = strings.ReplaceAll(s, r, "")
	}
	return s
}
