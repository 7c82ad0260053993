package dump

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Error is a problem in a dump: Line is the input line, Title the page
// being read ("" outside pages).
type Error struct {
	Line  int
	Title string
	Msg   string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Title != "" {
		return fmt.Sprintf("line %d: page %q: %s", e.Line, e.Title, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Reader reads a dump one page at a time.
type Reader struct {
	// Version is the schema version of the dump, e.g. "0.11".
	Version string
	// Lang is the xml:lang of the dump's root element.
	Lang string
	// SiteInfo is the dump's <siteinfo>, or nil when it has none.
	SiteInfo *SiteInfo

	dec     *xml.Decoder
	started bool              // the root element was read
	peeked  *xml.StartElement // a <page> read while looking for <siteinfo>
	title   string            // the page being read, for errors
	done    bool
}

// NewReader reads the root element and the <siteinfo> of a dump. It fails
// when the input is not a MediaWiki dump of a supported schema version.
func NewReader(r io.Reader) (*Reader, error) {
	d := &Reader{dec: xml.NewDecoder(r)}
	root, err := d.nextStart()
	if err == io.EOF { // an end tag before any start tag
		return nil, d.errorf("the input has no root element")
	} else if err != nil {
		return nil, err
	}
	d.started = true
	if err := d.checkRoot(root); err != nil {
		return nil, err
	}
	next, err := d.nextStart()
	if err == io.EOF {
		d.done = true
		return d, nil
	} else if err != nil {
		return nil, err
	}
	if next.Name.Local == "siteinfo" {
		if d.SiteInfo, err = d.readSiteInfo(); err != nil {
			return nil, err
		}
	} else {
		d.peeked = &next
	}
	return d, nil
}

// checkRoot validates the <mediawiki> element and records its version.
func (d *Reader) checkRoot(root xml.StartElement) error {
	if root.Name.Local != "mediawiki" || !strings.HasPrefix(root.Name.Space, XMLNS) {
		return d.errorf("not a MediaWiki XML dump: the root element is <%s> in namespace %q",
			root.Name.Local, root.Name.Space)
	}
	d.Version = strings.TrimSuffix(strings.TrimPrefix(root.Name.Space, XMLNS), "/")
	for _, a := range root.Attr {
		switch {
		case a.Name.Local == "version" && a.Value != d.Version:
			return d.errorf("the version attribute %q does not match the schema namespace %q", a.Value, root.Name.Space)
		case a.Name.Local == "lang":
			d.Lang = a.Value
		}
	}
	if !slices.Contains(SupportedVersions, d.Version) {
		return d.errorf("unsupported export schema version %q (supported: %s)",
			d.Version, strings.Join(SupportedVersions, ", "))
	}
	return nil
}

// Next returns the next page, or io.EOF after the last one.
func (d *Reader) Next() (*Page, error) {
	if d.done {
		return nil, io.EOF
	}
	start := d.peeked
	d.peeked = nil
	for start == nil {
		se, err := d.nextStart()
		if err == io.EOF {
			d.done = true
			return nil, io.EOF
		} else if err != nil {
			return nil, err
		}
		if se.Name.Local == "page" {
			start = &se
		} else if err := d.skip(); err != nil {
			return nil, err
		}
	}
	p, err := d.readPage()
	if err != nil {
		d.done = true
	}
	return p, err
}

// nextStart returns the next start element at the current level; io.EOF
// means the enclosing element (the root) ended.
func (d *Reader) nextStart() (xml.StartElement, error) {
	for {
		tok, err := d.token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, io.EOF
		case xml.CharData:
			if len(strings.TrimSpace(string(t))) > 0 {
				return xml.StartElement{}, d.errorf("unexpected text %q", abbrev(string(t)))
			}
		}
	}
}

// token reads the next token, turning decoder failures into *Error.
func (d *Reader) token() (xml.Token, error) {
	tok, err := d.dec.Token()
	if err == nil {
		return tok, nil
	}
	var se *xml.SyntaxError
	switch {
	case err == io.EOF && !d.started:
		return nil, d.errorf("the input is empty")
	case err == io.EOF || (errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF")):
		return nil, d.errorf("unexpected end of input: the dump is truncated")
	case errors.As(err, &se):
		return nil, &Error{Line: se.Line, Title: d.title, Msg: "malformed XML: " + se.Msg}
	}
	return nil, &Error{Line: d.line(), Title: d.title, Msg: err.Error()}
}

// skip skips the rest of the element whose start was just read.
func (d *Reader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := d.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// text returns the character data of the element whose start was just
// read, skipping any child elements.
func (d *Reader) text() (string, error) {
	var b strings.Builder
	for {
		tok, err := d.token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := d.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// trimmed returns the whitespace-trimmed text of the current element.
func (d *Reader) trimmed() (string, error) {
	s, err := d.text()
	return strings.TrimSpace(s), err
}

// integer reads the current element as an integer.
func (d *Reader) integer(what string) (int64, error) {
	s, err := d.trimmed()
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, d.errorf("invalid %s %q", what, abbrev(s))
	}
	return n, nil
}

func (d *Reader) line() int {
	line, _ := d.dec.InputPos()
	return line
}

// errorf returns an *Error at the current line and page.
func (d *Reader) errorf(format string, args ...any) error {
	return &Error{Line: d.line(), Title: d.title, Msg: fmt.Sprintf(format, args...)}
}

// attr returns the value of the attribute named local, or "".
func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// abbrev shortens s for error messages.
func abbrev(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
