package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runningWiki is a Folio server started in-process by MustRunMain.
type runningWiki struct {
	URL    string
	Data   string
	Stdout *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// MustRunMain starts "folio serve" on a free port with a fresh data
// directory and stops it when the test ends.
func MustRunMain(tb testing.TB, env map[string]string) *runningWiki {
	tb.Helper()
	data := filepath.Join(tb.TempDir(), "data")
	vars := map[string]string{"FOLIO_DATA": data, "FOLIO_LISTEN": "127.0.0.1:0", "FOLIO_LOG_LEVEL": "warn"}
	for k, v := range env {
		vars[k] = v
	}
	ready := make(chan string, 1)
	stdout := &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: io.Discard, Getenv: func(k string) string { return vars[k] }, Ready: ready}
	ctx, cancel := context.WithCancel(context.Background())
	w := &runningWiki{Data: data, Stdout: stdout, cancel: cancel, done: make(chan error, 1)}
	go func() { w.done <- m.Run(ctx, []string{"serve"}) }()
	select {
	case w.URL = <-ready:
	case err := <-w.done:
		cancel()
		tb.Fatalf("serve exited early: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		tb.Fatal("serve did not start within 60s")
	}
	tb.Cleanup(func() { _ = w.Stop() })
	return w
}

// Stop cancels the server as SIGTERM does and waits for it to exit.
func (w *runningWiki) Stop() error {
	w.cancel()
	select {
	case err := <-w.done:
		w.done <- err
		return err
	case <-time.After(40 * time.Second):
		return context.DeadlineExceeded
	}
}

func TestServeFirstStart(t *testing.T) {
	w := MustRunMain(t, nil)
	if !strings.Contains(w.Stdout.String(), "Folio is running at "+w.URL+"/") {
		t.Errorf("stdout = %q, want it to print the URL", w.Stdout.String())
	}
	if _, err := os.Stat(filepath.Join(w.Data, "folio.db")); err != nil {
		t.Errorf("data directory has no database: %v", err)
	}
	resp, err := http.Get(w.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Welcome to your new wiki") {
		t.Errorf("GET / = %d, want 200 with the Main Page; body starts %.300s", resp.StatusCode, body)
	}
	if resp.Request.URL.Path != "/wiki/Main_Page" {
		t.Errorf("GET / ended at %s, want /wiki/Main_Page", resp.Request.URL.Path)
	}
}

func TestServeDrainsOnShutdown(t *testing.T) {
	w := MustRunMain(t, nil)
	// Keep a connection busy while shutdown starts: the request must still
	// complete, and Run must return without error.
	errc := make(chan error, 1)
	go func() {
		resp, err := http.Get(w.URL + "/wiki/Special:RecentChanges")
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	if err := w.Stop(); err != nil {
		t.Errorf("serve returned %v after shutdown, want nil", err)
	}
	if err := <-errc; err != nil {
		t.Errorf("in-flight request failed during shutdown: %v", err)
	}
}

func TestSubcommandHelp(t *testing.T) {
	for _, cmd := range [][]string{{"serve", "-h"}, {"migrate", "-h"}, {"user", "-h"}, {"version", "-h"}, {"parse", "-h"}} {
		var stderr bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
		err := m.Run(context.Background(), cmd)
		if exitCode(err) != 0 || !strings.Contains(stderr.String(), "Usage: folio "+cmd[0]) {
			t.Errorf("folio %s: exit %d, stderr %q", strings.Join(cmd, " "), exitCode(err), stderr.String())
		}
	}
}

func TestUserCreateAndVersion(t *testing.T) {
	data := t.TempDir()
	pw := writeFile(t, "pw", "a long enough password\n")
	env := func(k string) string { return map[string]string{"FOLIO_DATA": data}[k] }
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard, Getenv: env}
	if err := m.Run(context.Background(), []string{"user", "create", "Alice", "--password-file", pw, "--group", "sysop"}); err != nil {
		t.Fatalf("user create: %v", err)
	}
	if !strings.Contains(out.String(), "Created user Alice") || !strings.Contains(out.String(), "sysop") {
		t.Errorf("user create printed %q", out.String())
	}
	if err := m.Run(context.Background(), []string{"user", "create", "Alice", "--password-file", pw}); err == nil {
		t.Error("creating Alice twice succeeded, want an error")
	}
	if err := m.Run(context.Background(), []string{"user", "create", "Bob", "--password-file", pw, "--group", "nonsense"}); err == nil {
		t.Error("unknown group accepted")
	}
	out.Reset()
	if err := m.Run(context.Background(), []string{"version"}); err != nil || !strings.Contains(out.String(), "folio "+Version) {
		t.Errorf("version: %v, %q", err, out.String())
	}
}

func TestParseCommand(t *testing.T) {
	data := t.TempDir()
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader("'''bold''' [[Missing page]]"), Stdout: &out, Stderr: io.Discard,
		Getenv: func(k string) string { return map[string]string{"FOLIO_DATA": data}[k] }}
	if err := m.Run(context.Background(), []string{"parse", "--title", "Sandbox"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<b>bold</b>", `class="new"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("parse output %q lacks %q", out.String(), want)
		}
	}
}
