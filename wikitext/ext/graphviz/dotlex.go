package graphviz

import "strings"

// dotLexer splits DOT source into tokens, skipping white space, comments
// and '#' lines.
type dotLexer struct {
	src  string
	pos  int
	line int
}

func (l *dotLexer) errorf(msg string) error { return &SyntaxError{Line: l.line, Msg: msg} }

func (l *dotLexer) next() (token, error) {
	if err := l.skip(); err != nil {
		return token{}, err
	}
	if l.pos >= len(l.src) {
		return token{kind: tEOF, line: l.line}, nil
	}
	c := l.src[l.pos]
	start, line := l.pos, l.line
	switch {
	case strings.IndexByte("{}[]=;,:+", c) >= 0:
		l.pos++
		return token{kind: tPunct, text: string(c), line: line}, nil
	case c == '-' && l.pos+1 < len(l.src) && (l.src[l.pos+1] == '>' || l.src[l.pos+1] == '-'):
		l.pos += 2
		return token{kind: tEdge, text: l.src[start:l.pos], line: line}, nil
	case c == '-' || c == '.' || isDigit(c):
		return l.number()
	case isNameStart(c):
		for l.pos < len(l.src) && (isNameStart(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
		return token{kind: tID, text: l.src[start:l.pos], name: true, line: line}, nil
	case c == '"':
		return l.quoted()
	case c == '<':
		return l.html()
	}
	return token{}, l.errorf("unexpected character " + quoteByte(c))
}

// skip passes white space and comments.
func (l *dotLexer) skip() error {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.line++
			l.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '#' && l.atLineStart():
			l.toEOL()
		case strings.HasPrefix(l.src[l.pos:], "//"):
			l.toEOL()
		case strings.HasPrefix(l.src[l.pos:], "/*"):
			end := strings.Index(l.src[l.pos+2:], "*/")
			if end < 0 {
				return l.errorf("a /* comment is not closed")
			}
			l.line += strings.Count(l.src[l.pos:l.pos+2+end], "\n")
			l.pos += end + 4
		default:
			return nil
		}
	}
	return nil
}

func (l *dotLexer) atLineStart() bool {
	i := strings.LastIndexByte(l.src[:l.pos], '\n')
	return strings.TrimLeft(l.src[i+1:l.pos], " \t") == ""
}

func (l *dotLexer) toEOL() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
}

// number: [-] ( . digits | digits [. digits] )
func (l *dotLexer) number() (token, error) {
	start, line := l.pos, l.line
	if l.src[l.pos] == '-' {
		l.pos++
	}
	digits := 0
	for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
		l.pos++
		digits++
	}
	if l.pos < len(l.src) && l.src[l.pos] == '.' {
		l.pos++
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
			digits++
		}
	}
	if digits == 0 {
		return token{}, l.errorf("unexpected " + quoteByte(l.src[start]))
	}
	return token{kind: tID, text: l.src[start:l.pos], line: line}, nil
}

// quoted: "…" with backslash escapes.
func (l *dotLexer) quoted() (token, error) {
	start, line := l.pos, l.line
	l.pos++
	for l.pos < len(l.src) {
		switch l.src[l.pos] {
		case '\\':
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
				l.line++
			}
			l.pos += 2
			continue
		case '\n':
			l.line++
		case '"':
			l.pos++
			return token{kind: tID, text: l.src[start:l.pos], quoted: true, line: line}, nil
		}
		l.pos++
	}
	return token{}, &SyntaxError{Line: line, Msg: "a quoted string is not closed"}
}

// html: <…> with balanced angle brackets.
func (l *dotLexer) html() (token, error) {
	start, line := l.pos, l.line
	depth := 0
	for l.pos < len(l.src) {
		switch l.src[l.pos] {
		case '<':
			depth++
		case '>':
			depth--
		case '\n':
			l.line++
		}
		l.pos++
		if depth == 0 {
			text := l.src[start:l.pos]
			if strings.Contains(strings.ToLower(text), "<img") {
				return token{}, &SyntaxError{Line: line, Msg: "images (<IMG>) are not allowed in HTML labels"}
			}
			return token{kind: tID, text: text, line: line}, nil
		}
	}
	return token{}, &SyntaxError{Line: line, Msg: "an HTML label <…> is not closed"}
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isNameStart(c byte) bool { return c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') }

func quoteByte(c byte) string {
	if c < ' ' || c >= 0x7f {
		return "(byte " + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15]) + ")"
	}
	return "'" + string(c) + "'"
}
