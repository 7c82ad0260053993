package web_test

import (
	"encoding/xml"
	"strings"
	"testing"
)

func testRecentChangesFeeds(t *testing.T, f *specialFixture) {
	const rc = "/wiki/Special:RecentChanges"
	f.run(t, []scenario{
		{name: "links in the page head", url: rc, want: []string{
			`<link rel="alternate" type="application/atom+xml" title="Recent changes (Atom)" href="/index.php?title=Special:RecentChanges&amp;feed=atom">`,
			`<link rel="alternate" type="application/rss+xml"`}},
		{name: "atom", url: rc + "?feed=atom", want: []string{`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
			"<title>Alpha</title>", "first version", "<name>Alice</name>",
			`href="http://wiki.test/index.php?title=Alpha&amp;diff=4&amp;oldid=2"`,
			"Sysop deleted the page &lt;a href=&#34;http://wiki.test/wiki/Zeta&#34;"},
			notWant: []string{"robot tidy"}},
		{name: "rss with options", url: rc + "?feed=rss&hidebots=0&hidelog=1", want: []string{`<rss version="2.0"`,
			"<dc:creator>Botty</dc:creator>", "robot tidy", "<comments>http://wiki.test/wiki/Talk:Beta</comments>"},
			notWant: []string{"spam cleanup"}},
		{name: "unknown format", url: rc + "?feed=json", wantStatus: 400},
	})
	tests := []struct {
		url         string
		contentType string
		entries     int
	}{
		{rc + "?feed=atom&limit=3", "application/atom+xml", 3},
		{rc + "?feed=rss&limit=2", "application/rss+xml", 2},
	}
	for _, tt := range tests {
		resp := f.get("", tt.url)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
			t.Errorf("GET %s: Content-Type %q, want %s", tt.url, ct, tt.contentType)
		}
		var doc struct {
			Entries []struct{ Title string } `xml:"entry"`
			Items   []struct{ Title string } `xml:"channel>item"`
		}
		if err := xml.Unmarshal([]byte(resp.Body), &doc); err != nil {
			t.Fatalf("GET %s: not XML: %v", tt.url, err)
		}
		if n := len(doc.Entries) + len(doc.Items); n != tt.entries {
			t.Errorf("GET %s: %d entries, want %d", tt.url, n, tt.entries)
		}
	}
}

func testNewPagesFeed(t *testing.T, f *specialFixture) {
	const n = "/wiki/Special:NewPages"
	f.run(t, []scenario{
		{name: "link in the head", url: n + "?namespace=all", want: []string{
			`<link rel="alternate" type="application/atom+xml" title="Newest pages (Atom)" href="/index.php?title=Special:NewPages&amp;feed=atom&amp;namespace=all">`}},
		{name: "atom", url: n + "?feed=atom", want: []string{"<title>Alpha</title>",
			`href="http://wiki.test/wiki/Alpha"`, "first version", "<name>Alice</name>"},
			notWant: []string{"<title>Talk:Alpha</title>", "typo fix"}},
		{name: "rss", url: n + "?feed=rss&namespace=1", want: []string{"<title>Talk:Alpha</title>"},
			notWant: []string{"<title>Alpha</title>"}},
	})
}
