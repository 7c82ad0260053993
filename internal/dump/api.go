package dump

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// APIReader reads pages from a running MediaWiki through its Action API
// (api.php), as Reader reads them from a dump: Next returns one page at a
// time, with its latest revision or, with History, all of them.
type APIReader struct {
	// SiteInfo and Lang describe the wiki, as a dump's <siteinfo> would.
	SiteInfo *SiteInfo
	Lang     string

	ctx     context.Context
	api     string
	client  *http.Client
	agent   string
	history bool
	files   bool
	titles  []string // pages still to list; nil with all
	all     bool
	nss     []int  // namespaces still to enumerate, with all
	cont    string // apcontinue within nss[0]
	skip    int64  // pages to pass over without fetching them
	queue   []*Page
}

// APIOptions say what an APIReader copies.
type APIOptions struct {
	// Titles are the pages to copy; empty copies every page.
	Titles []string
	// History copies every revision, not only the latest.
	History bool
	// Client defaults to http.DefaultClient.
	Client *http.Client
	// UserAgent identifies the copier to the remote wiki.
	UserAgent string
	// Files downloads the bytes of File pages into their Uploads: the
	// current version, or every version with History.
	Files bool
}

// NewAPIReader reads the site information of the wiki behind the api.php
// URL api. ctx bounds every later request.
func NewAPIReader(ctx context.Context, api string, o APIOptions) (*APIReader, error) {
	r := &APIReader{ctx: ctx, api: api, client: o.Client, agent: o.UserAgent, history: o.History,
		files: o.Files, titles: o.Titles, all: len(o.Titles) == 0}
	if r.client == nil {
		r.client = http.DefaultClient
	}
	if r.agent == "" {
		r.agent = "Folio-import"
	}
	if err := r.readSiteInfo(); err != nil {
		return nil, err
	}
	return r, nil
}

// Skip passes over the next n pages without fetching their revisions, to
// resume an interrupted copy.
func (r *APIReader) Skip(n int64) { r.skip += n }

// get calls the API with params and decodes the JSON answer into v.
func (r *APIReader) get(params url.Values, v any) error {
	params.Set("format", "json")
	params.Set("formatversion", "2")
	params.Set("errorformat", "plaintext")
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.api+"?"+params.Encode(), nil)
	if err != nil {
		return fmt.Errorf("api request: %w", err)
	}
	req.Header.Set("User-Agent", r.agent)
	resp, err := r.client.Do(req)
	if err != nil {
		return fmt.Errorf("api request: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return fmt.Errorf("api %s: %w", params.Get("action"), err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("api %s: HTTP %s", params.Get("action"), resp.Status)
	}
	var e struct {
		Errors []struct{ Code, Text string }
	}
	if err := json.Unmarshal(body, &e); err != nil {
		return fmt.Errorf("api %s: the answer is not JSON: %w", params.Get("action"), err)
	} else if len(e.Errors) > 0 {
		return fmt.Errorf("api %s: %s: %s", params.Get("action"), e.Errors[0].Code, e.Errors[0].Text)
	}
	return json.Unmarshal(body, v)
}

func (r *APIReader) readSiteInfo() error {
	var resp struct {
		Query struct {
			General struct {
				SiteName, Base, Generator, Case, Lang, WikiID string
			}
			Namespaces map[string]struct {
				ID         int
				Case, Name string
			}
		}
	}
	if err := r.get(url.Values{"action": {"query"}, "meta": {"siteinfo"},
		"siprop": {"general|namespaces"}}, &resp); err != nil {
		return err
	}
	g := resp.Query.General
	r.SiteInfo = &SiteInfo{SiteName: g.SiteName, DBName: g.WikiID, Base: g.Base, Generator: g.Generator, Case: g.Case}
	r.Lang = g.Lang
	for _, ns := range resp.Query.Namespaces {
		r.SiteInfo.Namespaces = append(r.SiteInfo.Namespaces, Namespace{Key: ns.ID, Case: ns.Case, Name: ns.Name})
		if ns.ID >= 0 {
			r.nss = append(r.nss, ns.ID)
		}
	}
	sort.Slice(r.SiteInfo.Namespaces, func(i, j int) bool { return r.SiteInfo.Namespaces[i].Key < r.SiteInfo.Namespaces[j].Key })
	sort.Ints(r.nss)
	return nil
}

// Next returns the next page, or io.EOF after the last one.
func (r *APIReader) Next() (*Page, error) {
	for len(r.queue) == 0 {
		batch, err := r.nextTitles()
		if err != nil {
			return nil, err
		} else if len(batch) == 0 {
			return nil, io.EOF
		}
		if int64(len(batch)) <= r.skip {
			r.skip -= int64(len(batch))
			continue
		}
		batch, r.skip = batch[r.skip:], 0
		if r.queue, err = r.fetch(batch); err != nil {
			return nil, err
		}
		if err := r.fetchFiles(r.queue); err != nil {
			return nil, err
		}
	}
	p := r.queue[0]
	r.queue = r.queue[1:]
	return p, nil
}

// nextTitles returns the next titles to copy, at most 50, in a stable order.
func (r *APIReader) nextTitles() ([]string, error) {
	if !r.all {
		n := min(len(r.titles), 50)
		batch := r.titles[:n]
		r.titles = r.titles[n:]
		return batch, nil
	}
	for len(r.nss) > 0 {
		var resp struct {
			Continue struct{ APContinue string }
			Query    struct{ AllPages []struct{ Title string } }
		}
		params := url.Values{"action": {"query"}, "list": {"allpages"}, "aplimit": {"50"},
			"apnamespace": {strconv.Itoa(r.nss[0])}}
		if r.cont != "" {
			params.Set("apcontinue", r.cont)
		}
		if err := r.get(params, &resp); err != nil {
			return nil, err
		}
		if r.cont = resp.Continue.APContinue; r.cont == "" {
			r.nss = r.nss[1:]
		}
		var out []string
		for _, p := range resp.Query.AllPages {
			out = append(out, p.Title)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, nil
}

// apiRevision is a revision as prop=revisions returns it.
type apiRevision struct {
	RevID, ParentID                int64
	Minor, Anon, UserHidden        bool
	CommentHidden, SHA1Hidden      bool
	User, Timestamp, Comment, SHA1 string
	UserID                         int64
	Slots                          map[string]apiSlot
}

type apiSlot struct {
	ContentModel, ContentFormat, Content string
	TextHidden                           bool
}

// apiPage is a page as prop=revisions returns it.
type apiPage struct {
	PageID    int64
	NS        int
	Title     string
	Missing   bool
	Revisions []apiRevision
}

const revProps = "ids|timestamp|user|userid|comment|content|sha1|flags|contentmodel"

// fetch reads the pages named by titles, in that order.
func (r *APIReader) fetch(titles []string) ([]*Page, error) {
	if r.history {
		var out []*Page
		for _, t := range titles {
			p, err := r.fetchHistory(t)
			if err != nil {
				return nil, err
			} else if p != nil {
				out = append(out, p)
			}
		}
		return out, nil
	}
	var resp struct{ Query struct{ Pages []apiPage } }
	if err := r.get(url.Values{"action": {"query"}, "prop": {"revisions"}, "rvprop": {revProps},
		"rvslots": {"main"}, "titles": {strings.Join(titles, "|")}}, &resp); err != nil {
		return nil, err
	}
	byTitle := map[string]*Page{}
	for _, ap := range resp.Query.Pages {
		if !ap.Missing {
			byTitle[ap.Title] = ap.page()
		}
	}
	var out []*Page
	for _, t := range titles {
		if p := byTitle[t]; p != nil {
			out = append(out, p)
			delete(byTitle, t)
		}
	}
	for _, p := range byTitle { // titles the wiki normalised
		out = append(out, p)
	}
	return out, nil
}

// fetchHistory reads every revision of one page, oldest first.
func (r *APIReader) fetchHistory(title string) (*Page, error) {
	var page *Page
	for cont := ""; ; {
		var resp struct {
			Continue struct{ RVContinue string }
			Query    struct{ Pages []apiPage }
		}
		params := url.Values{"action": {"query"}, "prop": {"revisions"}, "rvprop": {revProps},
			"rvslots": {"main"}, "rvlimit": {"max"}, "rvdir": {"newer"}, "titles": {title}}
		if cont != "" {
			params.Set("rvcontinue", cont)
		}
		if err := r.get(params, &resp); err != nil {
			return nil, err
		}
		if len(resp.Query.Pages) == 0 || resp.Query.Pages[0].Missing {
			return nil, nil
		}
		p := resp.Query.Pages[0].page()
		if page == nil {
			page = p
		} else {
			page.Revisions = append(page.Revisions, p.Revisions...)
		}
		if cont = resp.Continue.RVContinue; cont == "" {
			return page, nil
		}
	}
}

// page converts an API page into a dump page.
func (ap apiPage) page() *Page {
	p := &Page{Title: ap.Title, NS: ap.NS, ID: ap.PageID}
	for _, ar := range ap.Revisions {
		main := ar.Slots["main"]
		r := &Revision{ID: ar.RevID, ParentID: ar.ParentID, Minor: ar.Minor, Comment: ar.Comment,
			CommentDeleted: ar.CommentHidden, Model: main.ContentModel, Format: main.ContentFormat,
			Text: main.Content, TextDeleted: main.TextHidden, TextBytes: -1, SHA1: hexToBase36(ar.SHA1)}
		r.Timestamp, _ = parseTime(ar.Timestamp)
		switch {
		case ar.UserHidden:
			r.Contributor.Deleted = true
		case ar.Anon || ar.UserID == 0:
			r.Contributor.IP = ar.User
		default:
			r.Contributor.Username, r.Contributor.ID = ar.User, ar.UserID
		}
		p.Revisions = append(p.Revisions, r)
	}
	return p
}

// hexToBase36 converts the API's hexadecimal SHA-1 into the base-36 form
// of dumps; "" stays "".
func hexToBase36(h string) string {
	n, ok := new(big.Int).SetString(h, 16)
	if !ok {
		return ""
	}
	s := n.Text(36)
	return strings.Repeat("0", max(31-len(s), 0)) + s
}
