package etherpad

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of Fetcher.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultMaxBytes = 4 << 20
)

// ExportURL returns the HTML export address of a pad, <pad URL>/export/html.
// Only http and https pad URLs are accepted; a URL that already ends in
// /export/html is kept.
func ExportURL(pad string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(pad))
	if err != nil {
		return "", errors.New("the pad address is not a valid URL")
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return "", errors.New("the pad address must start with http:// or https://")
	}
	if u.Host == "" || u.User != nil {
		return "", errors.New("the pad address needs a host name and no user name or password")
	}
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if !strings.HasSuffix(u.Path, "/export/html") {
		if u.Path == "" {
			return "", errors.New("the pad address names no pad (such as https://pad.example.org/p/notes)")
		}
		u.Path += "/export/html"
	}
	return u.String(), nil
}

// Fetcher downloads pad exports and converts them. Set the fields before
// use; the zero value uses the defaults.
type Fetcher struct {
	Client   *http.Client  // nil: a client that follows up to 3 redirects within http(s)
	Timeout  time.Duration // DefaultTimeout when zero
	MaxBytes int64         // DefaultMaxBytes when zero
}

// Fetch downloads the HTML export of the pad at padURL and returns its
// wikitext. Its errors are written for the user who asked.
func (f *Fetcher) Fetch(ctx context.Context, padURL string) (string, error) {
	export, err := ExportURL(padURL)
	if err != nil {
		return "", err
	}
	timeout, max := f.Timeout, f.MaxBytes
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if max <= 0 {
		max = DefaultMaxBytes
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, export, nil)
	if err != nil {
		return "", errors.New("the pad address is not a valid URL")
	}
	req.Header.Set("Accept", "text/html")
	resp, err := f.client().Do(req)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "", fmt.Errorf("the Etherpad server did not answer within %s", timeout)
	case err != nil:
		return "", errors.New("the Etherpad server could not be reached")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("the Etherpad server answered with HTTP status %d for %s", resp.StatusCode, export)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return "", errors.New("the pad export was cut off")
	}
	if int64(len(body)) > max {
		return "", fmt.Errorf("the pad export is larger than %d KiB", max>>10)
	}
	return Convert(bytes.NewReader(body))
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return defaultClient
}

// defaultClient follows a few redirects, only to http and https.
var defaultClient = &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
	if len(via) >= 3 {
		return errors.New("too many redirects")
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return errors.New("redirect to a scheme other than http or https")
	}
	return nil
}}
