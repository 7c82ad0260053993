package ops_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/ops"
)

type fakeSwitch struct {
	ro  folio.ReadOnly
	err error
	n   int
}

func (f *fakeSwitch) FindReadOnly(context.Context) (folio.ReadOnly, error) { f.n++; return f.ro, f.err }

func TestReadOnlyCache(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	sw := &fakeSwitch{}
	c := &ops.ReadOnlyCache{Store: sw, TTL: time.Second, Now: func() time.Time { return now }}
	steps := []struct {
		name    string
		advance time.Duration
		set     *folio.ReadOnly
		err     error
		want    string
		reads   int
	}{
		{"writable", 0, nil, nil, "", 1},
		{"cached", 500 * time.Millisecond, &folio.ReadOnly{On: true, Reason: "upgrade"}, nil, "", 1},
		{"seen after the TTL", 600 * time.Millisecond, nil, nil, "upgrade", 2},
		{"database down keeps the last answer", 2 * time.Second, nil, errors.New("down"), "upgrade", 3},
		{"switched off", 2 * time.Second, &folio.ReadOnly{}, nil, "", 4},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		if s.set != nil {
			sw.ro = *s.set
		}
		sw.err = s.err
		if got := c.Reason(context.Background()); got != s.want || sw.n != s.reads {
			t.Errorf("%s: Reason() = %q after %d reads, want %q after %d", s.name, got, sw.n, s.want, s.reads)
		}
	}
	static := &ops.ReadOnlyCache{Store: sw, Static: "config says so"}
	if got := static.Reason(context.Background()); got != "config says so" {
		t.Errorf("static Reason() = %q", got)
	}
}
