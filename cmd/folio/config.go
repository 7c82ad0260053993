package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// Config is Folio's configuration. Values come, in increasing precedence,
// from defaults, the TOML file, FOLIO_* environment variables and flags.
type Config struct {
	Listen      string `toml:"listen"`
	Data        string `toml:"data"`
	DB          string `toml:"db"`
	Server      string `toml:"server"`
	SiteName    string `toml:"sitename"`
	SecretsFile string `toml:"secrets_file"`
	ReadOnly    string `toml:"read_only"`
	// MetricsListen serves Prometheus metrics on a separate address; empty
	// turns them off.
	MetricsListen string `toml:"metrics_listen"`
	// BackupDir is the snapshot root whose age and drills are exported.
	BackupDir string `toml:"backup_dir"`
	// ReplicaDir, with the embedded database, receives the continuous
	// WAL replica; empty turns it off.
	ReplicaDir string `toml:"replica_dir"`
	// DrainDelay is how long /readyz reports draining before shutdown, so
	// that load balancers stop sending requests first.
	DrainDelay string `toml:"drain_delay"`
	// Redis (redis://host:6379/0) holds caches, the job queue, the purge
	// broadcast that keeps several web heads coherent, and the sessions and
	// throttle counts of accounts (accounts_state.go).
	Redis string `toml:"redis"`
	// RedisPrefix starts every Redis key ("folio:" when empty), so that
	// several wikis can share one server.
	RedisPrefix string `toml:"redis_prefix"`
	// TrustedProxies (addresses or CIDR prefixes, comma-separated) are the
	// reverse proxies whose X-Forwarded-For header names the client for
	// anonymous edits and the login and account throttles.
	TrustedProxies string `toml:"trusted_proxies"`
	// Memcached (host:port,…) holds the page and parser caches.
	Memcached string `toml:"memcached"`
	// CDNServers (host:port,…) receive HTTP PURGE for every invalidated URL.
	CDNServers string `toml:"cdn_servers"`
	// S3URL stores uploads in S3-compatible storage
	// (s3://KEY:SECRET@host/bucket?region=R&path_style=true); empty keeps
	// them in the data directory.
	S3URL string `toml:"s3_url"`
	// BugzillaURL is the Bugzilla that <bugzilla> tags query (bugzilla.go).
	BugzillaURL string `toml:"bugzilla_url"`
	// BugzillaCacheTTL is how long Bugzilla answers are kept (default 5m).
	BugzillaCacheTTL string `toml:"bugzilla_cache_ttl"`
	LogFormat        string `toml:"log_format"`
	LogLevel         string `toml:"log_level"`
	// AccessLog ("on" or "off", the default) logs one line per request.
	AccessLog string `toml:"access_log"`
	// Accounts configures account flows and mail (config_accounts.go).
	Accounts AccountConfig `toml:"accounts"`
	// GroupRights changes the default rights of groups:
	// [group_rights."*"] edit = false.
	GroupRights map[string]map[string]bool `toml:"group_rights"`
	// WidgetIframeHosts are the hosts iframes of Widget: pages may show
	// ("player.example.org", "*.example.org"; widgets.go).
	WidgetIframeHosts []string `toml:"widget_iframe_hosts"`
	// Extensions turns optional wikitext extensions off by key:
	// [extensions] graphviz = false (extensions.go). All are on by default.
	Extensions map[string]bool `toml:"extensions"`

	// Secrets are read from SecretsFile and never logged.
	Secrets Secrets `toml:"-"`
}

// Secrets are values kept out of the main configuration file.
type Secrets struct {
	// DBPassword is added to the database URL when it has none.
	DBPassword string `toml:"db_password"`
	// SecretKey signs links sent by email (later issues).
	SecretKey string `toml:"secret_key"`
	// BugzillaAPIKey is sent to bugzilla_url with every search.
	BugzillaAPIKey string `toml:"bugzilla_api_key"`
}

// DefaultConfig returns the built-in defaults.
func DefaultConfig() Config {
	return Config{
		Listen:     "127.0.0.1:8080",
		Data:       "./folio-data",
		SiteName:   "Folio",
		LogFormat:  "text",
		LogLevel:   "info",
		DrainDelay: "0s",
	}
}

// envKeys maps each FOLIO_* variable to its field.
func (c *Config) envKeys() map[string]*string {
	return map[string]*string{
		"FOLIO_LISTEN":             &c.Listen,
		"FOLIO_DATA":               &c.Data,
		"FOLIO_DB":                 &c.DB,
		"FOLIO_SERVER":             &c.Server,
		"FOLIO_SITENAME":           &c.SiteName,
		"FOLIO_SECRETS_FILE":       &c.SecretsFile,
		"FOLIO_READ_ONLY":          &c.ReadOnly,
		"FOLIO_METRICS_LISTEN":     &c.MetricsListen,
		"FOLIO_BACKUP_DIR":         &c.BackupDir,
		"FOLIO_REPLICA_DIR":        &c.ReplicaDir,
		"FOLIO_DRAIN_DELAY":        &c.DrainDelay,
		"FOLIO_REDIS_URL":          &c.Redis,
		"FOLIO_REDIS_PREFIX":       &c.RedisPrefix,
		"FOLIO_TRUSTED_PROXIES":    &c.TrustedProxies,
		"FOLIO_MEMCACHED":          &c.Memcached,
		"FOLIO_CDN_SERVERS":        &c.CDNServers,
		"FOLIO_S3_URL":             &c.S3URL,
		"FOLIO_LOG_FORMAT":         &c.LogFormat,
		"FOLIO_BUGZILLA_URL":       &c.BugzillaURL,
		"FOLIO_BUGZILLA_CACHE_TTL": &c.BugzillaCacheTTL,
		"FOLIO_LOG_LEVEL":          &c.LogLevel,
		"FOLIO_ACCESS_LOG":         &c.AccessLog,
		"FOLIO_SMTP_URL":           &c.Accounts.SMTPURL,
		"FOLIO_MAIL_FROM":          &c.Accounts.MailFrom,
		"FOLIO_ACCOUNT_MODE":       &c.Accounts.Mode,
	}
}

// configFlags registers the configuration flags on fs. The returned function
// loads the configuration once fs has been parsed.
func configFlags(fs *flag.FlagSet, getenv func(string) string) func() (Config, error) {
	path := fs.String("config", "", "TOML configuration file (env FOLIO_CONFIG)")
	flags := map[string]*string{}
	for _, f := range []struct{ name, usage string }{
		{"listen", "address to listen on (env FOLIO_LISTEN, default 127.0.0.1:8080)"},
		{"data", "data directory (env FOLIO_DATA, default ./folio-data)"},
		{"db", "database URL: empty for SQLite in the data directory, postgres://… or mysql://… (env FOLIO_DB)"},
		{"server", "public base URL, e.g. https://wiki.example.org (env FOLIO_SERVER)"},
		{"sitename", "site name (env FOLIO_SITENAME, default Folio)"},
		{"secrets-file", "TOML file with secrets (env FOLIO_SECRETS_FILE)"},
	} {
		flags[f.name] = fs.String(f.name, "", f.usage)
	}
	return func() (Config, error) {
		if *path == "" {
			*path = getenv("FOLIO_CONFIG")
		}
		c := DefaultConfig()
		if err := c.loadFile(*path); err != nil {
			return c, err
		}
		for k, p := range c.envKeys() {
			if v := getenv(k); v != "" {
				*p = v
			}
		}
		fs.Visit(func(f *flag.Flag) {
			if p, ok := flags[f.Name]; ok {
				*c.flagField(f.Name) = *p
			}
		})
		if err := c.loadSecrets(); err != nil {
			return c, err
		}
		return c, c.Validate()
	}
}

func (c *Config) flagField(name string) *string {
	return map[string]*string{
		"listen": &c.Listen, "data": &c.Data, "db": &c.DB, "server": &c.Server,
		"sitename": &c.SiteName, "secrets-file": &c.SecretsFile,
	}[name]
}

func (c *Config) loadFile(path string) error {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config file: %w", err)
	}
	dec := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		var sm *toml.StrictMissingError
		if errors.As(err, &sm) {
			return fmt.Errorf("config file %s: unknown key: %s", path, strings.TrimSpace(sm.String()))
		}
		return fmt.Errorf("config file %s: %w", path, err)
	}
	return nil
}

func (c *Config) loadSecrets() error {
	if c.SecretsFile == "" {
		return nil
	}
	b, err := os.ReadFile(c.SecretsFile)
	if err != nil {
		return fmt.Errorf("secrets_file: %w", err)
	}
	dec := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields()
	if err := dec.Decode(&c.Secrets); err != nil {
		// Never echo the file's content: it holds secrets.
		return fmt.Errorf("secrets_file %s: not valid TOML with the keys db_password and secret_key", c.SecretsFile)
	}
	return nil
}

// Validate checks every value and names the key that is wrong.
func (c *Config) Validate() error {
	if _, port, err := net.SplitHostPort(c.Listen); err != nil || port == "" {
		return fmt.Errorf("invalid configuration: listen (FOLIO_LISTEN) %q is not host:port", c.Listen)
	}
	if c.MetricsListen != "" {
		if _, _, err := net.SplitHostPort(c.MetricsListen); err != nil {
			return fmt.Errorf("invalid configuration: metrics_listen (FOLIO_METRICS_LISTEN) %q is not host:port", c.MetricsListen)
		}
	}
	if d, err := time.ParseDuration(c.DrainDelay); err != nil || d < 0 {
		return fmt.Errorf("invalid configuration: drain_delay (FOLIO_DRAIN_DELAY) %q is not a duration such as 5s", c.DrainDelay)
	}
	if c.Redis != "" {
		if u, err := url.Parse(c.Redis); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
			return fmt.Errorf("invalid configuration: redis (FOLIO_REDIS_URL) %q is not a redis:// URL", c.Redis)
		}
	}
	if _, err := parseTrustedProxies(c.TrustedProxies); err != nil {
		return err
	}
	if c.ReplicaDir != "" && c.DB != "" {
		return errors.New("invalid configuration: replica_dir (FOLIO_REPLICA_DIR) needs the embedded SQLite database; use the server's WAL archiving or binlogs instead")
	}
	if c.Data == "" {
		return errors.New("invalid configuration: data (FOLIO_DATA) must not be empty")
	}
	if c.DB != "" {
		u, err := url.Parse(c.DB)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql" && u.Scheme != "mysql") {
			return errors.New("invalid configuration: db (FOLIO_DB) must be empty (SQLite), a postgres:// URL or a mysql:// URL")
		}
	}
	if c.Server != "" {
		u, err := url.Parse(c.Server)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("invalid configuration: server (FOLIO_SERVER) %q is not an http(s) URL", c.Server)
		}
	}
	if strings.TrimSpace(c.SiteName) == "" {
		return errors.New("invalid configuration: sitename (FOLIO_SITENAME) must not be empty")
	}
	switch c.AccessLog {
	case "", "on", "off", "true", "false":
	default:
		return fmt.Errorf("invalid configuration: access_log (FOLIO_ACCESS_LOG) %q must be on or off", c.AccessLog)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("invalid configuration: log_format (FOLIO_LOG_FORMAT) %q must be text or json", c.LogFormat)
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return fmt.Errorf("invalid configuration: log_level (FOLIO_LOG_LEVEL) %q must be debug, info, warn or error", c.LogLevel)
	}
	if err := validateExtensions(c.Extensions); err != nil {
		return err
	}
	return c.Accounts.validate()
}

// DatabaseURL returns the database URL with the secret password filled in.
func (c *Config) DatabaseURL() string {
	if c.DB == "" || c.Secrets.DBPassword == "" {
		return c.DB
	}
	u, err := url.Parse(c.DB)
	if err != nil || u.User == nil {
		return c.DB
	}
	if _, has := u.User.Password(); has {
		return c.DB
	}
	u.User = url.UserPassword(u.User.Username(), c.Secrets.DBPassword)
	return u.String()
}

// SQLitePath is the embedded database file inside the data directory.
func (c *Config) SQLitePath() string { return filepath.Join(c.Data, "folio.db") }

// LogValue keeps secrets and database passwords out of logs.
func (c Config) LogValue() slog.Value {
	db := c.DB
	if u, err := url.Parse(c.DB); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "REDACTED")
			db = u.String()
		}
	}
	return slog.GroupValue(
		slog.String("listen", c.Listen), slog.String("data", c.Data), slog.String("db", db),
		slog.String("server", c.Server), slog.String("sitename", c.SiteName),
		slog.Bool("read_only", c.ReadOnly != ""),
	)
}

// Logger builds the process logger.
func (c *Config) Logger(w interface{ Write([]byte) (int, error) }) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// cdnServers splits the configured CDN server list.
func (c *Config) cdnServers() []string {
	var out []string
	for _, s := range strings.Split(c.CDNServers, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cacheSettings selects the cache, queue and broadcast technologies.
func (c *Config) cacheSettings() cacheSettings {
	return cacheSettings{RedisURL: c.Redis, RedisPrefix: c.RedisPrefix, Memcached: c.Memcached, CDNServers: c.cdnServers(), Server: c.Server}
}

// loadCommandConfig parses the flags of a command that takes only the
// configuration flags, and loads the configuration.
func (m *Main) loadCommandConfig(name, usage string, args []string) (Config, error) {
	fs := flag.NewFlagSet("folio "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	load := configFlags(fs, m.Getenv)
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	return load()
}

// accessLog reports whether every request is logged.
func (c *Config) accessLog() bool { return c.AccessLog == "on" || c.AccessLog == "true" }
