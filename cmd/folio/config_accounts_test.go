package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mail"
	"github.com/folio-wiki/folio/internal/wiki"
)

func TestAccountConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		ac      AccountConfig
		wantErr bool
	}{
		{"defaults", AccountConfig{}, false},
		{"request mode", AccountConfig{Mode: "request"}, false},
		{"unknown mode", AccountConfig{Mode: "invite"}, true},
		{"smtp", AccountConfig{SMTPURL: "smtp://u:p@mail.example.org:587"}, false},
		{"bad smtp", AccountConfig{SMTPURL: "imap://mail.example.org"}, true},
		{"throttle", AccountConfig{LoginThrottle: []ThrottleRule{{Count: 3, Seconds: 60}}}, false},
		{"bad throttle", AccountConfig{LoginThrottle: []ThrottleRule{{Count: 0, Seconds: 60}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.Accounts = tt.ac
			if err := c.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestConfigureAccounts(t *testing.T) {
	c := DefaultConfig()
	c.Data = t.TempDir()
	c.Accounts.Mode = "request"
	c.GroupRights = map[string]map[string]bool{"*": {"edit": false}, "editor": {"editprotected": true}}
	w := wiki.New(nil, folio.NewNamespaces("Test"))
	q, err := configureAccounts(&c, w, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		group, right string
		want         bool
	}{
		{"*", "edit", false},
		{"*", "read", true},
		{"*", "createaccount", false},
		{"sysop", "createaccount", true},
		{"editor", "editprotected", true},
	} {
		if got := w.Rights.Allowed([]string{tt.group}, tt.right); got != tt.want {
			t.Errorf("group %q right %q = %v, want %v", tt.group, tt.right, got, tt.want)
		}
	}
	if err := q.Send(context.Background(), &mail.Message{To: "a@example.org", Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	if sent, _, err := q.Retry(context.Background()); sent != 1 || err != nil {
		t.Fatalf("Retry() = %d, %v; want the spooled mail sent", sent, err)
	}
	if files, _ := filepath.Glob(filepath.Join(c.Data, "outbox", "*.eml")); len(files) != 1 {
		entries, _ := os.ReadDir(c.Data)
		t.Errorf("without SMTP, mail goes to the outbox: found %d files (data dir: %v)", len(files), entries)
	}
}

func TestAccountConfigTOML(t *testing.T) {
	file := filepath.Join(t.TempDir(), "folio.toml")
	toml := `
[accounts]
mode = "request"
mail_from = "wiki@example.org"
min_password_length = 12
login_throttle = [{count = 3, seconds = 60}]

[group_rights."*"]
edit = false

[group_rights.editor]
editprotected = true
`
	if err := os.WriteFile(file, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	c := DefaultConfig()
	if err := c.loadFile(file); err != nil {
		t.Fatalf("loadFile: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	a := c.Accounts
	if a.Mode != "request" || a.MailFrom != "wiki@example.org" || a.MinPasswordLength != 12 ||
		len(a.LoginThrottle) != 1 || a.LoginThrottle[0] != (ThrottleRule{Count: 3, Seconds: 60}) {
		t.Errorf("accounts = %+v", a)
	}
	if c.GroupRights["*"]["edit"] || !c.GroupRights["editor"]["editprotected"] {
		t.Errorf("group_rights = %v", c.GroupRights)
	}
}
