package wikitest

import (
	"compress/bzip2"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

// DumpPage is one page of a MediaWiki XML export, with its latest text.
type DumpPage struct {
	Title     string // full title with its namespace prefix
	Namespace int
	Redirect  bool
	Model     string
	Text      string
}

// Dump is a MediaWiki XML export (Special:Export, dumpBackup.php).
type Dump struct {
	SiteName   string
	Namespaces map[int]string // local names, by number
	Pages      []DumpPage
}

// ReadDump reads an XML export; a name ending in .bz2 is decompressed.
func ReadDump(path string) (*Dump, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(path, ".bz2") {
		r = bzip2.NewReader(fh)
	}
	var doc struct {
		SiteInfo struct {
			SiteName   string `xml:"sitename"`
			Namespaces []struct {
				Key  int    `xml:"key,attr"`
				Name string `xml:",chardata"`
			} `xml:"namespaces>namespace"`
		} `xml:"siteinfo"`
		Pages []struct {
			Title    string    `xml:"title"`
			NS       int       `xml:"ns"`
			Redirect *struct{} `xml:"redirect"`
			Revision []struct {
				Model string `xml:"model"`
				Text  string `xml:"text"`
			} `xml:"revision"`
		} `xml:"page"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read dump %s: %w", path, err)
	}
	d := &Dump{SiteName: doc.SiteInfo.SiteName, Namespaces: map[int]string{}}
	for _, ns := range doc.SiteInfo.Namespaces {
		d.Namespaces[ns.Key] = ns.Name
	}
	for _, p := range doc.Pages {
		if len(p.Revision) == 0 {
			continue
		}
		rev := p.Revision[len(p.Revision)-1]
		model := rev.Model
		if model == "" {
			model = "wikitext"
		}
		d.Pages = append(d.Pages, DumpPage{Title: p.Title, Namespace: p.NS, Redirect: p.Redirect != nil,
			Model: model, Text: rev.Text})
	}
	return d, nil
}
