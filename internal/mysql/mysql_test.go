package mysql_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/mysql"
	"github.com/folio-wiki/folio/internal/storetest"
)

// MustOpenTemp creates a database named folio_test_<random hex> on the
// server of rawURL, opens it and drops it in Cleanup.
func MustOpenTemp(tb testing.TB, rawURL string) folio.Store {
	tb.Helper()
	ctx := context.Background()
	u, err := url.Parse(rawURL)
	if err != nil {
		tb.Fatalf("parse %s: %v", rawURL, err)
	}
	u.Path = "/"
	admin, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("open admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatalf("random: %v", err)
	}
	name := "folio_test_" + hex.EncodeToString(b)
	if _, err := admin.Write.ExecContext(ctx, `CREATE DATABASE `+name+
		` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`); err != nil {
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Write.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	db, err := mysql.Open(u.String())
	if err != nil {
		tb.Fatalf("mysql.Open() error: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestStore runs the store conformance suite against this backend.
func TestStore(t *testing.T) {
	dsn := os.Getenv("FOLIO_TEST_MYSQL_DSN")
	if dsn == "" {
		t.Skip("set FOLIO_TEST_MYSQL_DSN (e.g. mysql://root@127.0.0.1:3306/) to run the MariaDB/MySQL store suite")
	}
	storetest.Run(t, func(t *testing.T) folio.Store { return MustOpenTemp(t, dsn) })
}

// TestParseURL checks the conversion of mysql:// URLs.
func TestParseURL(t *testing.T) {
	tests := []struct {
		in                          string
		user, pass, addr, db, param string
	}{
		{"mysql://root@127.0.0.1:3306/", "root", "", "127.0.0.1:3306", "", ""},
		{"mysql://folio:s%40cret@db.example:3307/wiki?wait_timeout=600", "folio", "s@cret", "db.example:3307", "wiki", "600"},
		{"mysql://u:p@localhost/wiki", "u", "p", "localhost:3306", "wiki", ""},
	}
	for _, tt := range tests {
		cfg, err := mysql.ParseURL(tt.in)
		if err != nil {
			t.Errorf("ParseURL(%q) error: %v", tt.in, err)
			continue
		}
		if cfg.User != tt.user || cfg.Passwd != tt.pass || cfg.Addr != tt.addr || cfg.DBName != tt.db ||
			cfg.Params["wait_timeout"] != tt.param || cfg.ParseTime || !cfg.ClientFoundRows {
			t.Errorf("ParseURL(%q) = %+v", tt.in, cfg)
		}
	}
	if _, err := mysql.ParseURL("postgres://x@y/z"); err == nil {
		t.Errorf("ParseURL(postgres://…) = nil error, want one")
	}
}
