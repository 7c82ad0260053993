package pagecache_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/pagecache"
)

// freePort returns a TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

var backendPort = regexp.MustCompile(`\.port = "\d+";`)

// startVarnish runs varnishd with deploy/varnish/folio.vcl pointed at the
// backend on port, and returns its base URL.
func startVarnish(t *testing.T, varnishd string, backend int) string {
	vcl, err := os.ReadFile("../../deploy/varnish/folio.vcl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	vclPath := filepath.Join(dir, "folio.vcl")
	vcl = backendPort.ReplaceAll(vcl, []byte(`.port = "`+strconv.Itoa(backend)+`";`))
	if err := os.WriteFile(vclPath, vcl, 0o644); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	cmd := exec.Command(varnishd, "-F", "-j", "none", "-n", filepath.Join(dir, "work"), "-a", addr,
		"-f", vclPath, "-s", "malloc,32m", "-p", "default_grace=0")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start varnishd: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	base := "http://" + addr
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/static/none"); err == nil {
			resp.Body.Close()
			return base
		} else if time.Now().After(deadline) {
			t.Fatalf("varnishd did not answer: %v", err)
		}
	}
}

func getVia(t *testing.T, url string) (string, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Header.Get("X-Cache"), string(b)
}

// TestVarnish puts deploy/varnish/folio.vcl in front of Folio: a page is
// a HIT on the second read, and shows new text right after an edit or a
// template edit.
func TestVarnish(t *testing.T) {
	varnishd := os.Getenv("FOLIO_TEST_VARNISHD")
	if varnishd == "" {
		t.Skip("set FOLIO_TEST_VARNISHD (e.g. /usr/sbin/varnishd) to run the Varnish test")
	}
	e := MustOpenEnv(t)
	folioSrv := httptest.NewServer(e.handler)
	defer folioSrv.Close()
	port := folioSrv.Listener.Addr().(*net.TCPAddr).Port
	base := startVarnish(t, varnishd, port)
	e.inv.CDN = &pagecache.CDN{Servers: []string{base}, Server: base, ReboundDelay: -1}
	e.edit("Template:Note", "note-1")
	e.edit("Cached via Varnish", "body-1 {{Note}}")
	e.runJobs()
	steps := []struct {
		edit, tpl, want, wantCache string
	}{
		{"", "", "body-1", "MISS"},
		{"", "", "body-1", "HIT"},
		{"body-2 {{Note}}", "", "body-2", "MISS"},
		{"", "", "body-2", "HIT"},
		{"", "note-2", "note-2", "MISS"},
		{"", "", "note-2", "HIT"},
	}
	for i, s := range steps {
		if s.edit != "" {
			e.edit("Cached via Varnish", s.edit)
		}
		if s.tpl != "" {
			e.edit("Template:Note", s.tpl)
			e.runJobs()
		}
		xc, body := getVia(t, base+"/wiki/Cached_via_Varnish")
		if xc != s.wantCache || !strings.Contains(body, s.want) {
			t.Errorf("step %d: Varnish X-Cache %s, has %q: %v; want %s with it", i, xc, s.want, strings.Contains(body, s.want), s.wantCache)
		}
	}
	// A reader with a session passes through Varnish.
	req, _ := http.NewRequestWithContext(context.Background(), "GET", base+"/wiki/Cached_via_Varnish", nil)
	req.Header.Set("Cookie", "folio_session=abc")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if xc := resp.Header.Get("X-Cache"); xc != "MISS" {
		t.Errorf("with a session cookie: X-Cache %s, want MISS", xc)
	}
}
