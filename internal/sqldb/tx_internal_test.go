package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	_ "modernc.org/sqlite"
)

var errTransient = errors.New("transient")

// fakeDialect classifies errTransient as retryable and nothing else.
type fakeDialect struct{}

func (fakeDialect) Name() string                    { return "fake" }
func (fakeDialect) Rebind(q string) string          { return q }
func (fakeDialect) InsertIgnore(t, c string) string { return "" }
func (fakeDialect) VersionQuery() string            { return "SELECT '1'" }
func (fakeDialect) InsertID(ctx context.Context, tx *sql.Tx, q, col string, args ...any) (int64, error) {
	return 0, errors.ErrUnsupported
}
func (fakeDialect) Classify(err error) ErrorKind {
	if errors.Is(err, errTransient) {
		return ErrRetry
	}
	return ErrOther
}

func mustFakeDB(t *testing.T) *DB {
	t.Helper()
	h, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "tx.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { h.Close() })
	db := New(h, h, fakeDialect{}, nil)
	db.MaxAttempts = 4
	return db
}

func TestWriteRetries(t *testing.T) {
	tests := []struct {
		name        string
		failures    int   // how many attempts fail with errTransient
		other       error // returned after the failures, if set
		wantCalls   int
		wantCode    string
		wantRetries int64
	}{
		{"no failure", 0, nil, 1, "", 0},
		{"recovers", 2, nil, 3, "", 2},
		{"gives up", 10, nil, 4, folio.EBusy, 3},
		{"other errors are not retried", 0, errors.New("boom"), 1, folio.EInternal, 0},
		{"domain errors pass through", 1, folio.Errorf(folio.EEditConflict, "x"), 2, folio.EEditConflict, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustFakeDB(t)
			calls := 0
			var stamps []time.Time
			err := db.write(context.Background(), func(tx *Tx) error {
				calls++
				stamps = append(stamps, tx.Now)
				if calls <= tt.failures {
					return errTransient
				}
				return tt.other
			})
			if calls != tt.wantCalls || folio.ErrorCode(err) != tt.wantCode || db.Retries() != tt.wantRetries {
				t.Errorf("write() ran %d times, error %v (code %q), %d retries; want %d, %q, %d",
					calls, err, folio.ErrorCode(err), db.Retries(), tt.wantCalls, tt.wantCode, tt.wantRetries)
			}
			for _, s := range stamps {
				if s.Location() != time.UTC || s.Nanosecond() != 0 {
					t.Errorf("Tx.Now = %v, want UTC whole seconds", s)
				}
			}
		})
	}
}

func TestWriteRetryStopsOnCancel(t *testing.T) {
	db := mustFakeDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := db.write(ctx, func(tx *Tx) error {
		cancel()
		return errTransient
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("write() after cancel = %v, want context.Canceled", err)
	}
}
