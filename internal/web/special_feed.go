package web

import (
	"encoding/xml"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/folio-wiki/folio"
)

// feedLimit caps the entries of a change feed: MediaWiki's $wgFeedLimit.
const feedLimit = 50

// feedEntry is one change of a feed, format-neutral.
type feedEntry struct {
	ID      string // a stable URL naming the change
	Title   string
	Link    string
	Updated time.Time
	Author  string
	Summary string // HTML
	Talk    string // URL of the page's talk page, "" if none
}

// atomFeed and rssFeed are the XML documents of ?feed=atom and ?feed=rss.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Links     []atomLink  `xml:"link"`
	Updated   string      `xml:"updated"`
	Subtitle  string      `xml:"subtitle"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"summary"`
	Author string `xml:"author>name"`
}

type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	DC      string   `xml:"xmlns:dc,attr"`
	Channel struct {
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		Generator     string    `xml:"generator"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	PubDate     string `xml:"pubDate"`
	Creator     string `xml:"dc:creator"`
	Comments    string `xml:"comments,omitempty"`
}

// feedEntries turns recent changes into feed entries with absolute URLs.
func (s *Server) feedEntries(rcs []*folio.RecentChange) []feedEntry {
	out := make([]feedEntry, len(rcs))
	for i, rc := range rcs {
		t := s.Namespaces.MakeTitle(rc.Namespace, rc.DBKey)
		href := s.fullURL(titlePath(t))
		switch {
		case rc.Type == folio.RCLog:
			href = s.fullURL(titlePath(s.specialTitle("Log/" + rc.LogType)))
		case !rc.New && rc.Type != folio.RCNew:
			href = s.fullURL(s.titleURL(t, url.Values{"diff": {strconv.FormatInt(rc.ThisOldID, 10)},
				"oldid": {strconv.FormatInt(rc.LastOldID, 10)}}))
		}
		summary := template.HTMLEscapeString(rc.Comment)
		if rc.Type == folio.RCLog {
			target := link{Href: s.fullURL(titlePath(t)), Text: t.PrefixedText()}
			summary = template.HTMLEscapeString(rc.Actor.Name) + " " + string(logDescription(rc.LogType, rc.LogAction, target, nil)) +
				parenthesised(summary)
		}
		e := feedEntry{ID: s.fullURL(s.titleURL(t, url.Values{"rcid": {strconv.FormatInt(rc.ID, 10)}})),
			Title: t.PrefixedText(), Link: href, Updated: rc.Timestamp, Author: rc.Actor.Name,
			Summary: "<p>" + summary + "</p>"}
		if talk, ok := s.Namespaces.TalkPage(t); ok {
			e.Talk = s.fullURL(titlePath(talk))
		}
		out[i] = e
	}
	return out
}

// parenthesised returns " (s)", or "" for an empty s.
func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// writeFeed writes entries as an Atom or RSS document; self is the
// feed's own URL and page the HTML page it follows.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, format, title, self, page string, entries []feedEntry) {
	var doc any
	contentType := "application/atom+xml; charset=utf-8"
	switch format {
	case "atom":
		doc = atomDocument(title, self, page, entries)
	case "rss":
		doc = rssDocument(title, page, entries)
		contentType = "application/rss+xml; charset=utf-8"
	default:
		s.writeError(w, r, folio.Errorf(folio.EInvalidParameter, "There is no feed of type %q: use atom or rss.", format))
		return
	}
	body, err := xml.MarshalIndent(doc, "", "\t")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "private, max-age=0")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(body)
}

func atomDocument(title, self, page string, entries []feedEntry) *atomFeed {
	f := &atomFeed{Lang: "en", ID: self, Title: title, Subtitle: title, Generator: "Folio",
		Updated: feedUpdated(entries).Format(time.RFC3339),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: page}}}
	for _, e := range entries {
		ae := atomEntry{ID: e.ID, Title: e.Title, Updated: e.Updated.UTC().Format(time.RFC3339), Author: e.Author,
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.Link}}
		ae.Summary.Type, ae.Summary.Text = "html", e.Summary
		f.Entries = append(f.Entries, ae)
	}
	return f
}

func rssDocument(title, page string, entries []feedEntry) *rssFeed {
	f := &rssFeed{Version: "2.0", DC: "http://purl.org/dc/elements/1.1/"}
	c := &f.Channel
	c.Title, c.Link, c.Description, c.Language, c.Generator = title, page, title, "en", "Folio"
	c.LastBuildDate = feedUpdated(entries).Format(time.RFC1123Z)
	for _, e := range entries {
		c.Items = append(c.Items, rssItem{Title: e.Title, Link: e.Link, GUID: e.ID, Description: e.Summary,
			PubDate: e.Updated.UTC().Format(time.RFC1123Z), Creator: e.Author, Comments: e.Talk})
	}
	return f
}

// feedUpdated is the time of the newest entry, or now for an empty feed.
func feedUpdated(entries []feedEntry) time.Time {
	if len(entries) == 0 {
		return time.Now().UTC()
	}
	return entries[0].Updated.UTC()
}
