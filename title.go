package folio

import (
	"html"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Title is a normalised page title, as MediaWiki's Title class.
type Title struct {
	// Namespace is the namespace ID.
	Namespace int
	// DBKey is the title without namespace prefix, with underscores for spaces.
	DBKey string
	// Fragment is the part after "#", with spaces for underscores.
	Fragment string
	// Interwiki is the lower-case interwiki prefix of an external title.
	Interwiki string
	// Prefix is the local name of the namespace with spaces; it is "" for
	// the main namespace and for interwiki titles, whose namespace is not
	// shown.
	Prefix string
}

// Limits on the byte length of a title's DBKey, as in MediaWiki.
const (
	maxTitleBytes        = 255
	maxSpecialTitleBytes = 512
)

// ParseTitle normalises user-supplied text into a Title the way MediaWiki's
// Title::newFromText does, using defaultNS when the text has no namespace
// prefix. An invalid title yields an *Error with code EInvalidTitle.
//
// The steps are: reject invalid UTF-8; decode HTML character references
// (the HTML 4 named entities and numeric references); drop the
// bidirectional marks U+200E, U+200F and U+202A–U+202E; normalise to NFC;
// collapse runs of underscores and Unicode spaces into one underscore and
// trim them; honour a leading colon (main namespace); split off one
// namespace or interwiki prefix ("Talk:" followed by another namespace or
// interwiki prefix is invalid); split off the fragment after "#"; reject
// characters outside MediaWiki's legal title characters, "%XX" sequences,
// undecoded character references, relative paths, "~~~" and titles longer
// than 255 bytes (512 for Special); upper-case the first letter unless the
// namespace is case-sensitive; reject an empty title outside the main
// namespace; canonicalise IP addresses in the User and User talk
// namespaces; reject a remaining leading colon.
//
// Percent-decoding is not done here: as in MediaWiki, the caller decodes
// URL paths such as /wiki/Foo%20bar before parsing. Text is always put in
// NFC because MediaWiki normalises all request input before it gets here.
// Unlike MediaWiki, NFC is applied after dropping bidi marks (not before)
// and again after upper-casing, so that the DBKey is always in NFC and
// parsing PrefixedText gives the same title.
func (n *Namespaces) ParseTitle(text string, defaultNS int) (Title, error) {
	if !utf8.ValidString(text) {
		return Title{}, invalidTitle("The title contains invalid UTF-8.")
	}
	s := collapseSpace(norm.NFC.String(stripBidi(decodeCharRefs(text))))
	if strings.ContainsRune(s, utf8.RuneError) {
		return Title{}, invalidTitle("The title contains an invalid character.")
	}
	t := Title{Namespace: defaultNS}
	if strings.HasPrefix(s, ":") {
		t.Namespace = NSMain
		s = strings.Trim(s[1:], "_")
	}
	if s == "" {
		return Title{}, invalidTitle("The title is empty.")
	}
	s, err := n.splitPrefix(&t, s)
	if err != nil {
		return Title{}, err
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		t.Fragment = strings.ReplaceAll(s[i+1:], "_", " ")
		s = strings.TrimRight(s[:i], "_")
	}
	if err := checkDBKey(s, t.Namespace); err != nil {
		return Title{}, err
	}
	if t.Interwiki == "" && n.isCapitalized(t.Namespace) {
		s = ucfirst(s)
	}
	if s == "" && t.Interwiki == "" && t.Namespace != NSMain {
		return Title{}, invalidTitle("The title has a namespace but no page name.")
	}
	if t.Namespace == NSUser || t.Namespace == NSUserTalk {
		s = sanitizeIP(s)
	}
	if strings.HasPrefix(s, ":") {
		return Title{}, invalidTitle("The title starts with a colon.")
	}
	t.DBKey = s
	if t.Interwiki == "" {
		t.Prefix = n.prefix(t.Namespace)
	}
	return t, nil
}

// invalidTitle returns an EInvalidTitle error with the given message.
func invalidTitle(msg string) error {
	return Errorf(EInvalidTitle, "%s", msg)
}

// splitPrefix removes a namespace or interwiki prefix from s, recording it
// in t, and returns the rest.
func (n *Namespaces) splitPrefix(t *Title, s string) (string, error) {
	p, rest, ok := cutPrefix(s)
	if !ok {
		return s, nil
	}
	if id, ok := n.byName[nameKey(p)]; ok {
		t.Namespace = id
		if id == NSTalk {
			if p2, _, ok := cutPrefix(rest); ok && (n.byName[nameKey(p2)] != NSMain || n.isInterwiki(p2)) {
				return "", invalidTitle("A talk page title cannot contain a second namespace or interwiki prefix.")
			}
		}
		return rest, nil
	}
	if !n.isInterwiki(p) {
		return s, nil // the colon is part of the title
	}
	t.Interwiki = strings.ToLower(p)
	if strings.HasPrefix(rest, ":") {
		t.Namespace = NSMain
		rest = strings.Trim(rest[1:], "_")
	}
	return rest, nil
}

// isInterwiki asks the interwiki hook, if any, about prefix p.
func (n *Namespaces) isInterwiki(p string) bool {
	return n.interwiki != nil && n.interwiki(strings.ToLower(p))
}

// cutPrefix splits s at its first colon into a candidate prefix and the
// rest, trimming underscores around the colon. It mirrors MediaWiki's
// pattern /^(.+?)_*:_*(.*)$/, in which "." does not match a newline: there
// is no split when a newline comes before the colon or inside the rest,
// except that a single newline ending s is dropped (with the underscores
// before it, which MediaWiki keeps, so that the DBKey stays trimmed).
func cutPrefix(s string) (prefix, rest string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i < 1 || strings.Contains(s[:i], "\n") {
		return "", "", false
	}
	prefix = strings.TrimRight(s[:i], "_")
	rest = strings.TrimLeft(s[i+1:], "_")
	if prefix == "" {
		return "", "", false
	}
	if r, ok := strings.CutSuffix(rest, "\n"); ok {
		rest = strings.TrimRight(r, "_") // MediaWiki would keep these
	}
	if strings.Contains(rest, "\n") {
		return "", "", false
	}
	return prefix, rest, true
}

// checkDBKey applies MediaWiki's checks on the page-name part of a title.
func checkDBKey(s string, ns int) error {
	if bad := illegalTitleSequence(s); bad != "" {
		return Errorf(EInvalidTitle, "The title contains the invalid character sequence %q.", bad)
	}
	if isRelativePath(s) {
		return invalidTitle("The title is a relative path (contains \".\" or \"..\" segments).")
	}
	if strings.Contains(s, "~~~") {
		return invalidTitle("The title contains three or more tildes.")
	}
	limit := maxTitleBytes
	if ns == NSSpecial {
		limit = maxSpecialTitleBytes
	}
	if len(s) > limit {
		return Errorf(EInvalidTitle, "The title is longer than %d bytes.", limit)
	}
	return nil
}

// illegalTitleSequence returns the first character or sequence of s that
// MediaWiki forbids in titles, or "". Legal are printable ASCII except
// "#<>[]{|}", and every non-ASCII character; "%XX" escapes and character
// references such as "&amp;" are forbidden as they would not round-trip.
func illegalTitleSequence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 || c == 0x7f || strings.IndexByte("#<>[]{|}", c) >= 0:
			return s[i : i+1]
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			return s[i : i+3]
		case c == '&':
			if _, end := scanCharRef(s[i:]); end > 0 {
				return s[i : i+end]
			}
		}
	}
	return ""
}

// isRelativePath reports whether s would be taken as a relative URL path.
func isRelativePath(s string) bool {
	return s == "." || s == ".." ||
		strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		strings.Contains(s, "/./") || strings.Contains(s, "/../") ||
		strings.HasSuffix(s, "/.") || strings.HasSuffix(s, "/..")
}

// stripBidi removes the bidirectional marks and embeddings that MediaWiki
// strips from titles: U+200E, U+200F and U+202A to U+202E.
func stripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) {
			return -1
		}
		return r
	}, s)
}

// isTitleSpace reports whether r is one of the characters MediaWiki turns
// into an underscore in titles.
func isTitleSpace(r rune) bool {
	switch r {
	case ' ', '_', 0xA0, 0x1680, 0x180E, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// collapseSpace replaces each run of title spaces by one underscore and
// trims underscores from both ends.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if isTitleSpace(r) {
			pending = true
			continue
		}
		if pending && b.Len() > 0 {
			b.WriteByte('_')
		}
		pending = false
		b.WriteRune(r)
	}
	return b.String()
}

// ucfirst upper-cases the first character of s like MediaWiki's
// Language::ucfirst (full Unicode mapping, as PHP's mb_strtoupper) in the
// default configuration, in which
// $wgOverrideUcfirstCharacters is empty: "ß" becomes "SS" and Georgian
// letters become Mtavruli. Unlike MediaWiki, a changed result is put back
// in NFC, since the new letter may compose with a following combining mark
// ("i" + U+0307 becomes "İ").
func ucfirst(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c < 0x80 {
		if c >= 'a' && c <= 'z' {
			return norm.NFC.String(string(c-'a'+'A') + s[1:])
		}
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return norm.NFC.String(cases.Upper(language.Und).String(string(r)) + s[size:])
}

// sanitizeIP canonicalises an IP address or CIDR range as MediaWiki's
// IPUtils::sanitizeIP: leading zeros are dropped from IPv4 octets, and IPv6
// addresses are written in upper case with "::" expanded and no leading
// zeros. Anything else is returned unchanged.
func sanitizeIP(s string) string {
	addr, cidr, _ := strings.Cut(s, "/")
	hasCIDR := strings.Contains(s, "/")
	if octets, ok := parseIPv4(addr); ok && (!hasCIDR || validPrefix(cidr, 32)) {
		out := strings.Join(octets, ".")
		if hasCIDR {
			out += "/" + cidr
		}
		return out
	}
	if strings.ContainsAny(addr, ".%") || (hasCIDR && !validPrefix(cidr, 128)) {
		return s
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil || !ip.Is6() {
		return s
	}
	b := ip.As16()
	words := make([]string, 8)
	for i := range words {
		words[i] = strings.ToUpper(strconv.FormatUint(uint64(b[2*i])<<8|uint64(b[2*i+1]), 16))
	}
	out := strings.Join(words, ":")
	if hasCIDR {
		out += "/" + cidr
	}
	return out
}

// parseIPv4 parses four dot-separated octets of one to three digits, each at
// most 255, and returns them without leading zeros.
func parseIPv4(s string) ([]string, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil, false
	}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 3 || !isDigits(p) || v > 255 {
			return nil, false
		}
		parts[i] = strconv.Itoa(v)
	}
	return parts, true
}

// validPrefix reports whether p is a CIDR prefix length from 0 to max,
// written without leading zeros.
func validPrefix(p string, max int) bool {
	v, err := strconv.Atoi(p)
	return err == nil && isDigits(p) && v <= max && (p == "0" || p[0] != '0')
}

// isDigits reports whether s is a non-empty string of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isHex reports whether c is an ASCII hexadecimal digit.
func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// html4Entities lists the named character references MediaWiki decodes in
// titles: those of HTML 4.01. HTML5-only names are left undecoded.
var html4Entities = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, name := range strings.Fields(`nbsp iexcl cent pound curren yen brvbar sect uml
	copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil
	sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig
	Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc
	Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc
	atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth
	ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute
	thorn yuml fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi
	Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta
	eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi
	omega thetasym upsih piv bull hellip prime Prime oline frasl weierp image real trade
	alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty
	nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4
	sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil
	lfloor rfloor lang rang loz spades clubs hearts diams quot amp lt gt OElig oelig Scaron
	scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo
	ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro`) {
		set[name] = true
	}
	return set
})

// entityAliases are the localised spellings of "rlm" that MediaWiki accepts.
var entityAliases = map[string]string{"רלמ": "rlm", "رلم": "rlm"}

// decodeEntity returns the text for the named reference "&name;", or the
// reference itself when the name is unknown.
func decodeEntity(name string) string {
	if alias, ok := entityAliases[name]; ok {
		name = alias
	}
	switch {
	case !html4Entities()[name]:
		return "&" + name + ";"
	case name == "lang": // HTML 4 and HTML5 disagree on these two
		return "\u2329"
	case name == "rang":
		return "\u232A"
	}
	return html.UnescapeString("&" + name + ";")
}

// scanCharRef recognises a character reference at the start of s: "&name;"
// with a name of ASCII letters, digits or non-ASCII bytes, "&#123;" or
// "&#x1F;" (x or X). It returns the decoded text and the reference's length,
// or 0 when s does not start with a reference.
func scanCharRef(s string) (string, int) {
	if len(s) < 3 || s[0] != '&' {
		return "", 0
	}
	if s[1] != '#' {
		end := 1
		for end < len(s) && (isAlnum(s[end]) || s[end] >= 0x80) {
			end++
		}
		if end == 1 || end == len(s) || s[end] != ';' {
			return "", 0
		}
		return decodeEntity(s[1:end]), end + 1
	}
	base, start := 10, 2
	if s[2] == 'x' || s[2] == 'X' {
		base, start = 16, 3
	}
	end := start
	for end < len(s) && (base == 16 && isHex(s[end]) || base == 10 && s[end] >= '0' && s[end] <= '9') {
		end++
	}
	if end == start || end == len(s) || s[end] != ';' {
		return "", 0
	}
	cp, err := strconv.ParseUint(s[start:end], base, 32)
	if err != nil || !validCodepoint(cp) {
		return "\uFFFD", end + 1
	}
	return string(rune(cp)), end + 1
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// validCodepoint reports whether a numeric reference may be decoded; other
// code points become U+FFFD, which makes the title invalid.
func validCodepoint(cp uint64) bool {
	return cp == 0x09 || cp == 0x0A || cp == 0x0D ||
		(cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
		(cp >= 0x10000 && cp <= 0x10FFFF)
}

// decodeCharRefs decodes every character reference in s.
func decodeCharRefs(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if text, n := scanCharRef(s[i:]); n > 0 {
			b.WriteString(text)
			s = s[i+n:]
		} else {
			b.WriteByte('&')
			s = s[i+1:]
		}
	}
}

// MakeTitle builds a Title from a trusted namespace and DBKey, such as a
// row of the page table, without normalising or validating them. Prefix is
// filled from the namespace table; for an unknown namespace it is
// "Special:Badtitle/NS<id>", as MediaWiki shows such titles.
func (n *Namespaces) MakeTitle(ns int, dbkey string) Title {
	return Title{Namespace: ns, DBKey: dbkey, Prefix: n.prefix(ns)}
}

// TalkPage returns the talk page of t, without fragment. It reports false
// for titles that cannot have one: external titles, titles in virtual
// namespaces and empty titles.
func (n *Namespaces) TalkPage(t Title) (Title, bool) {
	if t.Namespace < NSMain || t.IsExternal() || t.DBKey == "" {
		return Title{}, false
	}
	if n.IsTalk(t.Namespace) {
		return n.MakeTitle(t.Namespace, t.DBKey), true
	}
	return n.MakeTitle(n.Talk(t.Namespace), t.DBKey), true
}

// SubjectPage returns the subject page of t. A title that is already a
// subject page is returned unchanged, fragment included; otherwise the
// result has no fragment.
func (n *Namespaces) SubjectPage(t Title) Title {
	if !n.IsTalk(t.Namespace) {
		return t
	}
	return n.MakeTitle(n.Subject(t.Namespace), t.DBKey)
}

// Text returns the title without prefixes, with spaces for underscores.
func (t Title) Text() string {
	return strings.ReplaceAll(t.DBKey, "_", " ")
}

// prefixed adds the interwiki and namespace prefixes to name.
func (t Title) prefixed(name string, sep string) string {
	p := ""
	if t.Interwiki != "" {
		p = t.Interwiki + ":"
	}
	if t.Namespace != NSMain && t.Prefix != "" {
		p += strings.ReplaceAll(t.Prefix, " ", sep) + ":"
	}
	return p + name
}

// PrefixedText returns the title with its interwiki and namespace prefixes
// and spaces, such as "User talk:Some user".
func (t Title) PrefixedText() string {
	return t.prefixed(t.Text(), " ")
}

// PrefixedDBKey returns the title with its interwiki and namespace prefixes
// and underscores, such as "User_talk:Some_user".
func (t Title) PrefixedDBKey() string {
	return t.prefixed(t.DBKey, "_")
}

// FullText returns PrefixedText followed by "#" and the fragment, if any.
func (t Title) FullText() string {
	if t.Fragment == "" {
		return t.PrefixedText()
	}
	return t.PrefixedText() + "#" + t.Fragment
}

// String returns FullText, so that titles print readably.
func (t Title) String() string {
	return t.FullText()
}

// Key returns a string that identifies the page t names, for use as a map
// key: the interwiki prefix, namespace ID and DBKey. The fragment is not
// part of it.
func (t Title) Key() string {
	return t.Interwiki + ":" + strconv.Itoa(t.Namespace) + ":" + t.DBKey
}

// Equal reports whether t and u name the same page: same interwiki prefix,
// namespace and DBKey. Fragments are ignored, as in MediaWiki.
func (t Title) Equal(u Title) bool {
	return t.Interwiki == u.Interwiki && t.Namespace == u.Namespace && t.DBKey == u.DBKey
}

// IsSpecial reports whether t is in the Special namespace.
func (t Title) IsSpecial() bool {
	return t.Namespace == NSSpecial
}

// IsExternal reports whether t has an interwiki prefix.
func (t Title) IsExternal() bool {
	return t.Interwiki != ""
}
