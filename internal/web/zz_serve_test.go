package web_test

import (
	"os"
	"testing"
	"time"
)

func TestZZServe(t *testing.T) {
	if os.Getenv("ZZ_SERVE") == "" {
		t.Skip()
	}
	env := MustStart(t, MustOpenSQLite(t))
	env.MustEdit("Main Page", "Welcome to the wiki.\n\n== Section ==\nSome text with a long line that should wrap nicely in the content area of the skin.", "create", nil)
	env.MustEdit("Main Page", "Welcome to the wiki!\n\n== Section ==\nSome text with a long line that should wrap nicely in the content area of the skin.\nAnother line.", "/* Section */ more", nil)
	os.WriteFile("/tmp/ov/url", []byte(env.URL), 0o644)
	time.Sleep(90 * time.Second)
}
