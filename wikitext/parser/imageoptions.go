package parser

import (
	"regexp"
	"strconv"
	"strings"
)

// imageOptions are the parsed |options of a [[File:…]] link.
type imageOptions struct {
	format        string // "", "thumb", "frame", "frameless"
	manualThumb   string
	align         string // left, right, center, none
	valign        string
	border        bool
	width, height int
	upright       float64
	link          *string
	alt           *string
	class         string
	caption       string
	rawCaption    string // the caption part untrimmed (galleries parse it as a block)
	hasCaption    bool
}

var sizeRegex = regexp.MustCompile(`^([0-9]*)(?:x([0-9]+))?\s*(?:px)+$`)

var valigns = map[string]bool{"baseline": true, "sub": true, "super": true, "top": true,
	"text-top": true, "middle": true, "bottom": true, "text-bottom": true}

// parseImageOptions splits the text after the file name at top-level
// pipes and classifies each part. The first format option wins; the last
// unrecognised part is the caption.
func parseImageOptions(text string) imageOptions {
	var o imageOptions
	for _, part := range splitOutsideLinks(text) {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		name, value, hasEq := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		switch {
		case p == "thumb" || p == "thumbnail":
			o.setFormat("thumb")
		case hasEq && (name == "thumb" || name == "thumbnail"):
			if o.setFormat("thumb") {
				o.manualThumb = strings.TrimSpace(value)
			}
		case p == "frame" || p == "framed" || p == "enframed":
			o.setFormat("frame")
		case p == "frameless":
			o.setFormat("frameless")
		case p == "border":
			o.border = true
		case p == "left" || p == "right" || p == "center" || p == "centre" || p == "none":
			if o.align == "" {
				o.align = strings.Replace(p, "centre", "center", 1)
			}
		case valigns[p]:
			if o.valign == "" {
				o.valign = p
			}
		case p == "upright":
			o.upright = 0.75
		case hasEq && name == "upright":
			if f, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil && f > 0 {
				o.upright = f
			}
		case sizeRegex.MatchString(p) && p != "px":
			m := sizeRegex.FindStringSubmatch(p)
			o.width, _ = strconv.Atoi(m[1])
			o.height, _ = strconv.Atoi(m[2])
		case hasEq && name == "link":
			v := strings.TrimSpace(value)
			o.link = &v
		case hasEq && name == "alt":
			v := strings.TrimSpace(value)
			o.alt = &v
		case hasEq && name == "class":
			o.class = strings.TrimSpace(value)
		case hasEq && (name == "page" || name == "lang"):
		default:
			o.caption, o.hasCaption = strings.ReplaceAll(p, "\n", " "), true
			o.rawCaption = part
		}
	}
	return o
}

func (o *imageOptions) setFormat(f string) bool {
	if o.format != "" {
		return false
	}
	o.format = f
	return true
}

// splitOutsideLinks splits at '|' outside [[…]].
func splitOutsideLinks(s string) []string {
	var out []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "[["):
			depth++
			i++
		case strings.HasPrefix(s[i:], "]]") && depth > 0:
			depth--
			i++
		case s[i] == '|' && depth == 0:
			out = append(out, s[last:i])
			last = i + 1
		}
	}
	return append(out, s[last:])
}
