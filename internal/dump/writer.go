package dump

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Writer writes a dump in schema Version. Write pages with WritePage, or
// stream long histories with StartPage, WriteRevision and EndPage; Close
// ends the document.
type Writer struct {
	w      *bufio.Writer
	inPage bool
	err    error
}

// NewWriter writes the root element and si (when not nil) to w. lang is the
// content language code; "" means "en".
func NewWriter(w io.Writer, lang string, si *SiteInfo) (*Writer, error) {
	if lang == "" {
		lang = "en"
	}
	dw := &Writer{w: bufio.NewWriterSize(w, 1<<16)}
	ns := XMLNS + Version + "/"
	dw.printf(`<mediawiki xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `+
		`xsi:schemaLocation="%s %sexport-%s.xsd" version="%s" xml:lang="%s">`+"\n",
		ns, ns, "http://www.mediawiki.org/xml/", Version, Version, escAttr(lang))
	if si != nil {
		dw.writeSiteInfo(si)
	}
	return dw, dw.err
}

func (w *Writer) printf(format string, args ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.w, format, args...)
	}
}

func (w *Writer) str(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

// elem writes <name>escaped value</name> on its own line at indent.
func (w *Writer) elem(indent, name, value string) {
	w.str(indent + "<" + name + ">" + escText(value) + "</" + name + ">\n")
}

func (w *Writer) writeSiteInfo(si *SiteInfo) {
	w.str("  <siteinfo>\n")
	w.elem("    ", "sitename", si.SiteName)
	w.elem("    ", "dbname", si.DBName)
	w.elem("    ", "base", si.Base)
	w.elem("    ", "generator", si.Generator)
	w.elem("    ", "case", caseOrDefault(si.Case))
	w.str("    <namespaces>\n")
	for _, ns := range si.Namespaces {
		open := fmt.Sprintf(`      <namespace key="%d" case="%s"`, ns.Key, escAttr(caseOrDefault(ns.Case)))
		if ns.Name == "" {
			w.str(open + " />\n")
		} else {
			w.str(open + ">" + escText(ns.Name) + "</namespace>\n")
		}
	}
	w.str("    </namespaces>\n  </siteinfo>\n")
}

func caseOrDefault(c string) string {
	if c == "" {
		return "first-letter"
	}
	return c
}

// WritePage writes a page with its revisions and uploads.
func (w *Writer) WritePage(p *Page) error {
	if err := w.StartPage(p); err != nil {
		return err
	}
	for _, r := range p.Revisions {
		if err := w.WriteRevision(r); err != nil {
			return err
		}
	}
	for _, u := range p.Uploads {
		w.writeUpload(u)
	}
	return w.EndPage()
}

// StartPage writes the start of a page; p's revisions are not written.
func (w *Writer) StartPage(p *Page) error {
	if w.inPage {
		return fmt.Errorf("dump writer: page %q started inside another page", p.Title)
	}
	w.inPage = true
	w.str("  <page>\n")
	w.elem("    ", "title", p.Title)
	w.elem("    ", "ns", strconv.Itoa(p.NS))
	w.elem("    ", "id", strconv.FormatInt(p.ID, 10))
	if p.Redirect != "" {
		w.str(`    <redirect title="` + escAttr(p.Redirect) + "\" />\n")
	}
	if p.Restrictions != "" {
		w.elem("    ", "restrictions", p.Restrictions)
	}
	return w.err
}

// WriteRevision writes one revision of the page started last.
func (w *Writer) WriteRevision(r *Revision) error {
	if !w.inPage {
		return fmt.Errorf("dump writer: revision %d outside a page", r.ID)
	}
	w.str("    <revision>\n")
	w.elem("      ", "id", strconv.FormatInt(r.ID, 10))
	if r.ParentID != 0 {
		w.elem("      ", "parentid", strconv.FormatInt(r.ParentID, 10))
	}
	w.elem("      ", "timestamp", r.Timestamp.UTC().Format(timeLayout))
	w.writeContributor("      ", r.Contributor)
	if r.Minor {
		w.str("      <minor />\n")
	}
	if r.CommentDeleted {
		w.str("      <comment deleted=\"deleted\" />\n")
	} else if r.Comment != "" {
		w.elem("      ", "comment", r.Comment)
	}
	model := r.Model
	if model == "" {
		model = "wikitext"
	}
	format := r.Format
	if format == "" {
		format = FormatForModel(model)
	}
	w.elem("      ", "model", model)
	w.elem("      ", "format", format)
	w.writeText(r)
	if r.SHA1 != "" {
		w.elem("      ", "sha1", r.SHA1)
	}
	w.str("    </revision>\n")
	return w.err
}

func (w *Writer) writeText(r *Revision) {
	size := r.TextBytes
	if size < 0 || !r.TextDeleted {
		size = len(r.Text)
	}
	if r.TextDeleted {
		w.printf("      <text bytes=\"%d\" deleted=\"deleted\" />\n", size)
		return
	}
	w.printf("      <text bytes=\"%d\" xml:space=\"preserve\">", size)
	w.str(escText(r.Text) + "</text>\n")
}

func (w *Writer) writeContributor(indent string, c Contributor) {
	switch {
	case c.Deleted:
		w.str(indent + "<contributor deleted=\"deleted\" />\n")
	case c.Username != "":
		w.str(indent + "<contributor>\n")
		w.elem(indent+"  ", "username", c.Username)
		w.elem(indent+"  ", "id", strconv.FormatInt(c.ID, 10))
		w.str(indent + "</contributor>\n")
	default:
		w.str(indent + "<contributor>\n")
		w.elem(indent+"  ", "ip", c.IP)
		w.str(indent + "</contributor>\n")
	}
}

func (w *Writer) writeUpload(u *Upload) {
	w.str("    <upload>\n")
	w.elem("      ", "timestamp", u.Timestamp.UTC().Format(timeLayout))
	w.writeContributor("      ", u.Contributor)
	w.elem("      ", "comment", u.Comment)
	w.elem("      ", "text", u.Text)
	w.elem("      ", "filename", u.Filename)
	w.elem("      ", "src", u.Src)
	w.elem("      ", "size", strconv.FormatInt(u.Size, 10))
	if u.SHA1 != "" {
		w.elem("      ", "sha1base36", u.SHA1)
	}
	if u.Contents != nil {
		w.str("      <contents encoding=\"base64\">" + base64.StdEncoding.EncodeToString(u.Contents) + "</contents>\n")
	}
	w.str("    </upload>\n")
}

// EndPage ends the page started last.
func (w *Writer) EndPage() error {
	if !w.inPage {
		return fmt.Errorf("dump writer: EndPage without StartPage")
	}
	w.inPage = false
	w.str("  </page>\n")
	return w.err
}

// Close ends the document and flushes it; it does not close the
// underlying writer.
func (w *Writer) Close() error {
	if w.inPage {
		return fmt.Errorf("dump writer: Close inside a page")
	}
	w.str("</mediawiki>\n")
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\r", "&#13;", "\n", "&#10;", "\t", "&#9;")
)

// escText escapes character data. Characters XML 1.0 forbids become
// U+FFFD, as no parser could read them back.
func escText(s string) string { return textEscaper.Replace(validXML(s)) }

// escAttr escapes an attribute value, keeping whitespace characters.
func escAttr(s string) string { return attrEscaper.Replace(validXML(s)) }

// validXML replaces characters outside XML 1.0's Char production.
func validXML(s string) string {
	for i, r := range s {
		if !isXMLChar(r) || (r == utf8.RuneError && isBadRune(s[i:])) {
			return strings.Map(func(r rune) rune {
				if !isXMLChar(r) {
					return utf8.RuneError
				}
				return r
			}, s)
		}
	}
	return s
}

func isBadRune(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	return n == 1
}

func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
