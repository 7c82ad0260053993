package dump

import (
	"encoding/base64"
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// readSiteInfo reads the <siteinfo> element whose start was just read.
func (d *Reader) readSiteInfo() (*SiteInfo, error) {
	si := &SiteInfo{}
	for {
		se, err := d.childStart()
		if err != nil || se == nil {
			return si, err
		}
		var field *string
		switch se.Name.Local {
		case "sitename":
			field = &si.SiteName
		case "dbname":
			field = &si.DBName
		case "base":
			field = &si.Base
		case "generator":
			field = &si.Generator
		case "case":
			field = &si.Case
		case "namespaces":
			if si.Namespaces, err = d.readNamespaces(); err != nil {
				return nil, err
			}
			continue
		default:
			if err := d.skip(); err != nil {
				return nil, err
			}
			continue
		}
		if *field, err = d.trimmed(); err != nil {
			return nil, err
		}
	}
}

func (d *Reader) readNamespaces() ([]Namespace, error) {
	var out []Namespace
	for {
		se, err := d.childStart()
		if err != nil || se == nil {
			return out, err
		}
		if se.Name.Local != "namespace" {
			if err := d.skip(); err != nil {
				return nil, err
			}
			continue
		}
		key, _ := attr(*se, "key")
		k, err := strconv.Atoi(key)
		if err != nil {
			return nil, d.errorf("invalid namespace key %q", key)
		}
		c, _ := attr(*se, "case")
		name, err := d.trimmed()
		if err != nil {
			return nil, err
		}
		out = append(out, Namespace{Key: k, Case: c, Name: name})
	}
}

// childStart returns the next child element, or nil when the current
// element ends.
func (d *Reader) childStart() (*xml.StartElement, error) {
	for {
		tok, err := d.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return &t, nil
		case xml.EndElement:
			return nil, nil
		}
	}
}

// readPage reads the <page> element whose start was just read.
func (d *Reader) readPage() (*Page, error) {
	p := &Page{Line: d.line()}
	d.title = ""
	hasNS := false
	for {
		se, err := d.childStart()
		if err != nil {
			return nil, err
		} else if se == nil {
			break
		}
		switch se.Name.Local {
		case "ns":
			var ns int64
			ns, err = d.integer("namespace number")
			p.NS, hasNS = int(ns), true
		default:
			err = d.pageField(p, *se)
		}
		if err != nil {
			return nil, err
		}
	}
	if p.Title == "" {
		return nil, d.errorf("a page has no <title>")
	} else if !hasNS {
		return nil, d.errorf("the page has no <ns>")
	}
	d.title = ""
	return p, nil
}

// pageField reads one child of <page> other than <ns>.
func (d *Reader) pageField(p *Page, se xml.StartElement) error {
	var err error
	switch se.Name.Local {
	case "title":
		p.Title, err = d.trimmed()
		d.title = p.Title
	case "id":
		p.ID, err = d.integer("page id")
	case "redirect":
		p.Redirect, _ = attr(se, "title")
		err = d.skip()
	case "restrictions":
		p.Restrictions, err = d.trimmed()
	case "revision":
		var r *Revision
		if r, err = d.readRevision(); err == nil {
			p.Revisions = append(p.Revisions, r)
		}
	case "upload":
		var u *Upload
		if u, err = d.readUpload(); err == nil {
			p.Uploads = append(p.Uploads, u)
		}
	default:
		err = d.skip()
	}
	return err
}

// readRevision reads the <revision> element whose start was just read.
func (d *Reader) readRevision() (*Revision, error) {
	r := &Revision{Line: d.line(), TextBytes: -1}
	hasTime := false
	for {
		se, err := d.childStart()
		if err != nil {
			return nil, err
		} else if se == nil {
			break
		}
		if se.Name.Local == "timestamp" {
			hasTime = true
		}
		if err := d.revisionField(r, *se); err != nil {
			return nil, err
		}
	}
	if !hasTime {
		return nil, d.errorf("revision %d has no <timestamp>", r.ID)
	}
	return r, nil
}

// revisionField reads one child of <revision>.
func (d *Reader) revisionField(r *Revision, se xml.StartElement) error {
	var err error
	switch se.Name.Local {
	case "id":
		r.ID, err = d.integer("revision id")
	case "parentid":
		r.ParentID, err = d.integer("parent revision id")
	case "timestamp":
		r.Timestamp, err = d.timestamp()
	case "contributor":
		r.Contributor, err = d.readContributor(se)
	case "minor":
		r.Minor = true
		err = d.skip()
	case "comment":
		_, r.CommentDeleted = attr(se, "deleted")
		r.Comment, err = d.text()
	case "model":
		r.Model, err = d.trimmed()
	case "format":
		r.Format, err = d.trimmed()
	case "text":
		_, r.TextDeleted = attr(se, "deleted")
		if b, ok := attr(se, "bytes"); ok {
			if r.TextBytes, err = strconv.Atoi(b); err != nil {
				return d.errorf("invalid text size %q", b)
			}
		}
		r.Text, err = d.text()
	case "sha1":
		r.SHA1, err = d.trimmed()
	default:
		err = d.skip()
	}
	return err
}

func (d *Reader) timestamp() (time.Time, error) {
	s, err := d.trimmed()
	if err != nil {
		return time.Time{}, err
	}
	t, err := parseTime(s)
	if err != nil {
		return time.Time{}, d.errorf("%v", err)
	}
	return t, nil
}

// readContributor reads a <contributor> element.
func (d *Reader) readContributor(se xml.StartElement) (Contributor, error) {
	var c Contributor
	_, c.Deleted = attr(se, "deleted")
	for {
		ch, err := d.childStart()
		if err != nil || ch == nil {
			return c, err
		}
		switch ch.Name.Local {
		case "username":
			c.Username, err = d.trimmed()
		case "id":
			c.ID, err = d.integer("user id")
		case "ip":
			c.IP, err = d.trimmed()
		default:
			err = d.skip()
		}
		if err != nil {
			return c, err
		}
	}
}

// readUpload reads an <upload> element.
func (d *Reader) readUpload() (*Upload, error) {
	u := &Upload{}
	for {
		se, err := d.childStart()
		if err != nil {
			return nil, err
		} else if se == nil {
			return u, nil
		}
		if err := d.uploadField(u, *se); err != nil {
			return nil, err
		}
	}
}

func (d *Reader) uploadField(u *Upload, se xml.StartElement) error {
	var err error
	switch se.Name.Local {
	case "timestamp":
		u.Timestamp, err = d.timestamp()
	case "contributor":
		u.Contributor, err = d.readContributor(se)
	case "comment":
		u.Comment, err = d.text()
	case "text":
		u.Text, err = d.text()
	case "filename":
		u.Filename, err = d.trimmed()
	case "src":
		u.Src, err = d.trimmed()
	case "size":
		u.Size, err = d.integer("file size")
	case "sha1base36":
		u.SHA1, err = d.trimmed()
	case "contents":
		var s string
		if s, err = d.text(); err == nil {
			u.Contents, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
			if err != nil {
				return d.errorf("invalid base64 file contents in upload %q", u.Filename)
			}
		}
	default:
		err = d.skip()
	}
	return err
}
