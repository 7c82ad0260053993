package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// scenario is one request of a table test and what its answer must hold.
type scenario struct {
	name      string
	as        string // user to log in as; "" for anonymous
	post      bool
	multipart bool
	token     string // token type to add as "token"
	params    url.Values
	header    map[string]string
	// want maps JSON paths ("query.pages.0.title", array indexes as
	// numbers) to the value expected there.
	want       map[string]any
	absent     []string // JSON paths that must not exist
	wantHeader map[string]string
	wantStatus int // 200 when zero
	contains   []string
	lacks      []string
}

// runScenarios runs the table on every backend, with users created by
// setup.
func runScenarios(t *testing.T, setup func(env *Env), table []scenario) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		setup(env)
		clients := map[string]*Client{}
		for _, sc := range table {
			t.Run(sc.name, func(t *testing.T) {
				env.T = t
				c := clients[sc.as]
				if c == nil {
					c = env.NewClient()
					if sc.as != "" {
						c.MustLogin(sc.as)
					}
					clients[sc.as] = c
				}
				checkScenario(t, sc, c.Scenario(sc))
			})
		}
	})
}

// Scenario sends the request of sc.
func (c *Client) Scenario(sc scenario) *Response {
	c.env.T.Helper()
	params := url.Values{}
	for k, v := range sc.params {
		params[k] = v
	}
	if params.Get("format") == "" {
		params.Set("format", "json")
	}
	if sc.token != "" {
		params.Set("token", c.Token(sc.token))
	}
	var req *http.Request
	var err error
	switch {
	case sc.multipart:
		body, ctype := multipartBody(params)
		req, err = http.NewRequest(http.MethodPost, c.env.URL+"/api.php", body)
		if err == nil {
			req.Header.Set("Content-Type", ctype)
		}
	case sc.post:
		req, err = http.NewRequest(http.MethodPost, c.env.URL+"/api.php", strings.NewReader(params.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	default:
		req, err = http.NewRequest(http.MethodGet, c.env.URL+"/api.php?"+params.Encode(), nil)
	}
	if err != nil {
		c.env.T.Fatal(err)
	}
	for k, v := range sc.header {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

func multipartBody(params url.Values) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range params {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	_ = w.Close()
	return &b, w.FormDataContentType()
}

func checkScenario(t *testing.T, sc scenario, r *Response) {
	t.Helper()
	want := sc.wantStatus
	if want == 0 {
		want = http.StatusOK
	}
	if r.Status != want {
		t.Errorf("status = %d, want %d", r.Status, want)
	}
	for path, v := range sc.want {
		got := Path(r.JSON, splitPath(path)...)
		if fmt.Sprint(got) != fmt.Sprint(v) {
			t.Errorf("%s = %#v, want %#v", path, got, v)
		}
	}
	for _, path := range sc.absent {
		if got := Path(r.JSON, splitPath(path)...); got != nil {
			t.Errorf("%s = %#v, want it absent", path, got)
		}
	}
	for k, v := range sc.wantHeader {
		if got := r.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	for _, s := range sc.contains {
		if !strings.Contains(r.Body, s) {
			t.Errorf("body lacks %q", s)
		}
	}
	for _, s := range sc.lacks {
		if strings.Contains(r.Body, s) {
			t.Errorf("body contains %q", s)
		}
	}
	if t.Failed() {
		t.Logf("body: %s", r.Body)
	}
}

// splitPath turns "a.0.b" into Path steps; "-1" stays a key.
func splitPath(p string) []any {
	var out []any
	for _, part := range strings.Split(p, ".") {
		if n, err := strconv.Atoi(part); err == nil && n >= 0 {
			out = append(out, n)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// P builds url.Values from alternating keys and values.
func P(kv ...string) url.Values { return Params(kv...) }
