package wikitest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Peer is a reference MediaWiki reached through its api.php.
type Peer struct {
	API    string // URL of api.php
	Client *http.Client
	// CacheDir, when set, keeps rendered pages between runs, keyed by
	// title and text.
	CacheDir string
}

// PeerSite is what the differential needs to know of the peer's
// configuration to configure Folio the same way.
type PeerSite struct {
	Name, Server, Script, ArticlePath, Language string
	Namespaces                                  map[int]string
	Extensions                                  map[string]bool
	Interwiki                                   map[string]string
	LocalInterwiki, Interlanguage               map[string]bool
	Pages                                       []string // titles of the pages that exist on the peer
}

// NewPeer finds api.php under base ("http://127.0.0.1:8081"), trying
// base/w/api.php and base/api.php.
func NewPeer(ctx context.Context, base string) (*Peer, error) {
	base = strings.TrimRight(base, "/")
	if strings.HasSuffix(base, "api.php") {
		return &Peer{API: base, Client: &http.Client{Timeout: 2 * time.Minute}}, nil
	}
	var lastErr error
	for _, api := range []string{base + "/w/api.php", base + "/api.php"} {
		p := &Peer{API: api, Client: &http.Client{Timeout: 2 * time.Minute}}
		var out json.RawMessage
		if lastErr = p.call(ctx, url.Values{"action": {"query"}, "meta": {"siteinfo"}}, &out); lastErr == nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("no MediaWiki api.php under %s: %w", base, lastErr)
}

func (p *Peer) call(ctx context.Context, params url.Values, out any) error {
	params.Set("format", "json")
	params.Set("formatversion", "2")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.API, strings.NewReader(params.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %s", p.API, resp.Status)
	}
	var e struct {
		Error *struct{ Code, Info string } `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && e.Error != nil {
		return fmt.Errorf("%s: %s: %s", p.API, e.Error.Code, e.Error.Info)
	}
	return json.Unmarshal(body, out)
}

// Site reads the peer's site settings, extensions, interwiki table and
// page list.
func (p *Peer) Site(ctx context.Context) (*PeerSite, error) {
	var r struct {
		Query struct {
			General struct {
				SiteName    string `json:"sitename"`
				Server      string `json:"server"`
				Script      string `json:"script"`
				ArticlePath string `json:"articlepath"`
				Lang        string `json:"lang"`
			} `json:"general"`
			Namespaces map[string]struct {
				ID   int    `json:"id"`
				Name string `json:"name"`
			} `json:"namespaces"`
			Extensions []struct {
				Name string `json:"name"`
			} `json:"extensions"`
			Interwiki []struct {
				Prefix   string `json:"prefix"`
				URL      string `json:"url"`
				Local    bool   `json:"local"`
				Language string `json:"language"`
			} `json:"interwikimap"`
			AllPages []struct {
				Title string `json:"title"`
			} `json:"allpages"`
		} `json:"query"`
	}
	err := p.call(ctx, url.Values{"action": {"query"}, "meta": {"siteinfo"},
		"siprop": {"general|namespaces|extensions|interwikimap"}, "list": {"allpages"}, "aplimit": {"500"}}, &r)
	if err != nil {
		return nil, err
	}
	g := r.Query.General
	s := &PeerSite{Name: g.SiteName, Server: g.Server, Script: g.Script, ArticlePath: g.ArticlePath, Language: g.Lang,
		Namespaces: map[int]string{}, Extensions: map[string]bool{}, Interwiki: map[string]string{},
		LocalInterwiki: map[string]bool{}, Interlanguage: map[string]bool{}}
	for _, ns := range r.Query.Namespaces {
		s.Namespaces[ns.ID] = ns.Name
	}
	for _, e := range r.Query.Extensions {
		s.Extensions[e.Name] = true
	}
	for _, iw := range r.Query.Interwiki {
		s.Interwiki[iw.Prefix] = iw.URL
		s.LocalInterwiki[iw.Prefix] = iw.Local
		if iw.Language != "" {
			s.Interlanguage[iw.Prefix] = true
		}
	}
	for _, pg := range r.Query.AllPages {
		s.Pages = append(s.Pages, pg.Title)
	}
	return s, nil
}

// Parse renders wikitext as page title with action=parse, without the
// limit report and section edit links.
func (p *Peer) Parse(ctx context.Context, title, text string) (string, error) {
	key := sha256.Sum256([]byte(p.API + "\x00" + title + "\x00" + text))
	cache := ""
	if p.CacheDir != "" {
		cache = filepath.Join(p.CacheDir, hex.EncodeToString(key[:16])+".html")
		if b, err := os.ReadFile(cache); err == nil {
			return string(b), nil
		}
	}
	var r struct {
		Parse struct {
			Text string `json:"text"`
		} `json:"parse"`
	}
	err := p.call(ctx, url.Values{"action": {"parse"}, "title": {title}, "text": {text}, "contentmodel": {"wikitext"},
		"prop": {"text"}, "disablelimitreport": {"1"}, "disableeditsection": {"1"}}, &r)
	if err != nil {
		return "", err
	}
	if cache != "" {
		if err := os.MkdirAll(p.CacheDir, 0o755); err == nil {
			_ = os.WriteFile(cache, []byte(r.Parse.Text), 0o644)
		}
	}
	return r.Parse.Text, nil
}
