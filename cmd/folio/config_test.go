package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadWith(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	load := configFlags(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return load()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigPrecedence(t *testing.T) {
	file := writeFile(t, "folio.toml", "listen = \"127.0.0.1:9001\"\nsitename = \"FileWiki\"\ndata = \"/tmp/filedata\"\n")
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		listen   string
		sitename string
		data     string
	}{
		{"defaults", nil, nil, "127.0.0.1:8080", "Folio", "./folio-data"},
		{"file", map[string]string{"FOLIO_CONFIG": file}, nil, "127.0.0.1:9001", "FileWiki", "/tmp/filedata"},
		{"env over file", map[string]string{"FOLIO_CONFIG": file, "FOLIO_LISTEN": "127.0.0.1:9002"}, nil, "127.0.0.1:9002", "FileWiki", "/tmp/filedata"},
		{"flag over env", map[string]string{"FOLIO_CONFIG": file, "FOLIO_LISTEN": "127.0.0.1:9002"}, []string{"--listen", "127.0.0.1:9003", "--sitename", "FlagWiki"}, "127.0.0.1:9003", "FlagWiki", "/tmp/filedata"},
		{"--config flag", nil, []string{"--config", file}, "127.0.0.1:9001", "FileWiki", "/tmp/filedata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadWith(t, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if c.Listen != tt.listen || c.SiteName != tt.sitename || c.Data != tt.data {
				t.Errorf("got listen=%q sitename=%q data=%q, want %q %q %q", c.Listen, c.SiteName, c.Data, tt.listen, tt.sitename, tt.data)
			}
		})
	}
}

func TestConfigErrorsNameTheKey(t *testing.T) {
	unknown := writeFile(t, "bad.toml", "listne = \"x\"\n")
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"listen", map[string]string{"FOLIO_LISTEN": "nonsense"}, "listen (FOLIO_LISTEN)"},
		{"db", map[string]string{"FOLIO_DB": "oracle://x"}, "db (FOLIO_DB)"},
		{"server", map[string]string{"FOLIO_SERVER": "wiki.example.org"}, "server (FOLIO_SERVER)"},
		{"sitename", map[string]string{"FOLIO_SITENAME": "  "}, "sitename (FOLIO_SITENAME)"},
		{"log format", map[string]string{"FOLIO_LOG_FORMAT": "xml"}, "log_format"},
		{"unknown file key", map[string]string{"FOLIO_CONFIG": unknown}, "listne"},
		{"missing secrets", map[string]string{"FOLIO_SECRETS_FILE": "/nonexistent/secrets"}, "secrets_file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadWith(t, tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one naming %q", err, tt.want)
			}
		})
	}
}

func TestSecretsNeverLogged(t *testing.T) {
	secrets := writeFile(t, "secrets.toml", "db_password = \"hunter2-secret\"\nsecret_key = \"k3y-secret\"\n")
	c, err := loadWith(t, map[string]string{"FOLIO_SECRETS_FILE": secrets, "FOLIO_DB": "postgres://wiki@db.example/wiki"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.DatabaseURL(); !strings.Contains(got, "hunter2-secret") {
		t.Errorf("DatabaseURL() = %q, want the password filled in", got)
	}
	var sb strings.Builder
	c.Logger(&sb).Info("serving", "config", c)
	c.DB = c.DatabaseURL()
	c.Logger(&sb).Info("serving", "config", c)
	if strings.Contains(sb.String(), "hunter2") || strings.Contains(sb.String(), "k3y") {
		t.Errorf("log contains a secret: %s", sb.String())
	}
}

func TestSecretsFileErrorHidesContent(t *testing.T) {
	secrets := writeFile(t, "secrets.toml", "this is = not [toml hunter2\n")
	_, err := loadWith(t, map[string]string{"FOLIO_SECRETS_FILE": secrets})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error = %v, want an error that does not quote the file", err)
	}
}
