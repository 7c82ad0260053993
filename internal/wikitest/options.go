package wikitest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Option is the value of a test option: nil for a bare flag, otherwise one
// or more values (strings; JSON objects stay raw JSON).
type Option []string

// First returns the first value or "".
func (o Option) First() string {
	if len(o) == 0 {
		return ""
	}
	return o[0]
}

// ParseOptions parses an "!! options" body: whitespace-separated name or
// name=value items, values being plain tokens, JSON strings, [[titles]] or
// {JSON objects}, comma-separated for lists. Names are lower-cased.
func ParseOptions(s string) (map[string]Option, error) {
	p := &optParser{s: s}
	out := map[string]Option{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return out, nil
		}
		name := p.token()
		if name == "" {
			p.i++ // junk character: skip it
			continue
		}
		name = strings.ToLower(name)
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			p.skipSpace()
			vals, err := p.values()
			if err != nil {
				return nil, fmt.Errorf("option %s: %w", name, err)
			}
			out[name] = vals
			continue
		}
		out[name] = nil
	}
}

type optParser struct {
	s string
	i int
}

func (p *optParser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *optParser) token() string {
	j := p.i
	for j < len(p.s) && strings.IndexByte(" \t\n\"'[]=,!{", p.s[j]) < 0 {
		j++
	}
	t := p.s[p.i:j]
	p.i = j
	return t
}

func (p *optParser) values() (Option, error) {
	var out Option
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			p.skipSpace()
			continue
		}
		return out, nil
	}
}

func (p *optParser) value() (string, error) {
	if p.i >= len(p.s) {
		return "", nil
	}
	switch {
	case p.s[p.i] == '"':
		return p.jsonString()
	case strings.HasPrefix(p.s[p.i:], "[["):
		j := strings.Index(p.s[p.i:], "]]")
		if j < 0 {
			return "", fmt.Errorf("unterminated [[")
		}
		v := p.s[p.i+2 : p.i+j]
		p.i += j + 2
		return v, nil
	case p.s[p.i] == '{':
		return p.jsonObject()
	}
	return p.token(), nil
}

func (p *optParser) jsonString() (string, error) {
	dec := json.NewDecoder(strings.NewReader(p.s[p.i:]))
	var v string
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	p.i += int(dec.InputOffset())
	return v, nil
}

func (p *optParser) jsonObject() (string, error) {
	dec := json.NewDecoder(strings.NewReader(p.s[p.i:]))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	p.i += int(dec.InputOffset())
	return string(v), nil
}
