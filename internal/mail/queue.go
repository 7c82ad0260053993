package mail

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Queue sends through Sender and keeps what fails in the spool folder Dir,
// one JSON file per message, to retry later: after 1, 2, 4… minutes, at
// most an hour apart. After MaxAttempts tries a message moves to
// Dir/failed, where it stays for administrators to see.
type Queue struct {
	Dir    string
	Sender Sender
	// MaxAttempts is how many tries a message gets; 12 when zero.
	MaxAttempts int
	Logger      *slog.Logger
	Now         func() time.Time
	// Background makes Send only spool the message and wake Run, which
	// delivers it at once: callers then answer in the same time whether or
	// not they send mail, which keeps password resets from telling which
	// accounts exist.
	Background bool

	mu       sync.Mutex // one retry pass at a time
	wakeOnce sync.Once
	wakeCh   chan struct{}
}

var _ Sender = (*Queue)(nil)

// Entry is a message waiting in the spool.
type Entry struct {
	ID        string    `json:"-"`
	Message   Message   `json:"message"`
	Created   time.Time `json:"created"`
	Attempts  int       `json:"attempts"`
	NextTry   time.Time `json:"next_try"`
	LastError string    `json:"last_error"`
	Failed    bool      `json:"-"` // given up: in Dir/failed
}

func (q *Queue) now() time.Time {
	if q.Now == nil {
		return time.Now()
	}
	return q.Now()
}

func (q *Queue) logger() *slog.Logger {
	if q.Logger == nil {
		return slog.Default()
	}
	return q.Logger
}

// Send tries m at once; when that fails, m is spooled for a retry and Send
// returns nil, since the mail will still go out. Only a failure to spool is
// an error.
func (q *Queue) Send(ctx context.Context, m *Message) error {
	if q.Background {
		now := q.now()
		e := &Entry{ID: newID(now), Message: *m, Created: now, NextTry: now}
		if err := q.write(e); err != nil {
			return err
		}
		select {
		case q.wake() <- struct{}{}:
		default: // a wake-up is already pending
		}
		return nil
	}
	err := q.Sender.Send(ctx, m)
	if err == nil {
		return nil
	}
	now := q.now()
	e := &Entry{ID: newID(now), Message: *m,
		Created: now, Attempts: 1, NextTry: now.Add(backoff(1)), LastError: err.Error()}
	q.logger().Warn("mail send failed; queued for retry", "to", m.To, "err", err)
	return q.write(e)
}

func newID(now time.Time) string {
	return now.UTC().Format("20060102T150405.000000") + "-" + rand.Text()[:8]
}

func (q *Queue) wake() chan struct{} {
	q.wakeOnce.Do(func() { q.wakeCh = make(chan struct{}, 1) })
	return q.wakeCh
}

// backoff is the wait after the given number of failed attempts.
func backoff(attempts int) time.Duration {
	d := time.Minute << min(attempts-1, 6)
	return min(d, time.Hour)
}

// Retry sends every spooled message that is due and returns how many went
// out and how many were given up.
func (q *Queue) Retry(ctx context.Context) (sent, failed int, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	entries, err := q.list(q.Dir)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		if e.NextTry.After(q.now()) || ctx.Err() != nil {
			continue
		}
		ok, gaveUp, err := q.retryOne(ctx, e)
		if err != nil {
			return sent, failed, err
		}
		if ok {
			sent++
		} else if gaveUp {
			failed++
		}
	}
	return sent, failed, ctx.Err()
}

func (q *Queue) retryOne(ctx context.Context, e *Entry) (ok, gaveUp bool, err error) {
	sendErr := q.Sender.Send(ctx, &e.Message)
	if sendErr == nil {
		q.logger().Info("queued mail sent", "to", e.Message.To, "attempts", e.Attempts+1)
		return true, false, os.Remove(q.path(q.Dir, e.ID))
	}
	e.Attempts++
	e.LastError = sendErr.Error()
	e.NextTry = q.now().Add(backoff(e.Attempts))
	limit := q.MaxAttempts
	if limit <= 0 {
		limit = 12
	}
	if e.Attempts < limit {
		return false, false, q.write(e)
	}
	q.logger().Error("mail given up", "to", e.Message.To, "attempts", e.Attempts, "err", sendErr)
	if err := q.writeIn(filepath.Join(q.Dir, "failed"), e); err != nil {
		return false, true, err
	}
	return false, true, os.Remove(q.path(q.Dir, e.ID))
}

// Run retries due messages every interval until ctx is done.
func (q *Queue) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-q.wake():
		}
		if _, _, err := q.Retry(ctx); err != nil && ctx.Err() == nil {
			q.logger().Error("mail queue retry", "err", err)
		}
	}
}

// Pending lists the spooled messages, waiting ones first and then those
// given up, each oldest first.
func (q *Queue) Pending() ([]*Entry, error) {
	waiting, err := q.list(q.Dir)
	if err != nil {
		return nil, err
	}
	failed, err := q.list(filepath.Join(q.Dir, "failed"))
	for _, e := range failed {
		e.Failed = true
	}
	return append(waiting, failed...), err
}

func (q *Queue) path(dir, id string) string { return filepath.Join(dir, id+".json") }

func (q *Queue) write(e *Entry) error { return q.writeIn(q.Dir, e) }

// writeIn stores e atomically: a temporary file renamed over the entry.
func (q *Queue) writeIn(dir string, e *Entry) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create mail spool: %w", err)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode spooled mail: %w", err)
	}
	tmp := q.path(dir, e.ID) + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("spool mail: %w", err)
	}
	if err := os.Rename(tmp, q.path(dir, e.ID)); err != nil {
		return fmt.Errorf("spool mail: %w", err)
	}
	return nil
}

func (q *Queue) list(dir string) ([]*Entry, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read mail spool: %w", err)
	}
	var out []*Entry
	for _, de := range des {
		id, ok := strings.CutSuffix(de.Name(), ".json")
		if !ok || de.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			return nil, fmt.Errorf("read spooled mail: %w", err)
		}
		e := &Entry{ID: id}
		if err := json.Unmarshal(data, e); err != nil {
			return nil, fmt.Errorf("decode spooled mail %s: %w", id, err)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, nil
}
