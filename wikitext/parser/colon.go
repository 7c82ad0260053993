package parser

// findColonNoLinks finds the first ':' in a definition-list line that is
// not inside an HTML tag, and splits the line there. It is one state
// machine over the bytes, hence its length.
func findColonNoLinks(s string) (before, after string, ok bool) {
	const (
		text = iota
		tag
		tagStart
		closeTag
		tagSlash
		comment
		commentDash
		commentDashDash
	)
	state, level := text, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch state {
		case text:
			if c == '<' {
				state = tagStart
			} else if c == ':' && level == 0 {
				return s[:i], s[i+1:], true
			}
		case tag:
			if c == '>' {
				level++
				state = text
			} else if c == '/' {
				state = tagSlash
			}
		case tagStart:
			switch c {
			case '/':
				state = closeTag
			case '!':
				state = comment
			case '>':
				state = text
			default:
				state = tag
			}
		case closeTag:
			if c == '>' {
				if level > 0 {
					level--
				}
				state = text
			}
		case tagSlash:
			if c == '>' {
				state = text
			} else {
				state = tag
			}
		case comment:
			if c == '-' {
				state = commentDash
			}
		case commentDash:
			state = comment
			if c == '-' {
				state = commentDashDash
			}
		case commentDashDash:
			state = comment
			if c == '>' {
				state = text
			}
		}
	}
	return "", "", false
}
