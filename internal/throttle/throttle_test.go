package throttle_test

import (
	"sync"
	"testing"
	"time"

	"github.com/folio-wiki/folio/internal/throttle"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newLimiter(c *clock, rules ...throttle.Rule) *throttle.Limiter {
	l := throttle.New(rules...)
	l.Now = c.now
	return l
}

func TestLimiter(t *testing.T) {
	type step struct {
		advance  time.Duration
		key      string
		hit      bool
		wantOK   bool
		wantWait time.Duration
	}
	tests := []struct {
		name  string
		rules []throttle.Rule
		steps []step
	}{
		{"five per 300 s", throttle.LoginRules, []step{
			{0, "a", true, true, 0}, {time.Second, "a", true, true, 0}, {time.Second, "a", true, true, 0},
			{time.Second, "a", true, true, 0}, {time.Second, "a", true, true, 0},
			{time.Second, "a", false, false, 295 * time.Second},
			{0, "b", false, true, 0},
			{295 * time.Second, "a", false, true, 0},
		}},
		{"no rules allow all", nil, []step{
			{0, "a", true, true, 0}, {0, "a", true, true, 0}, {0, "a", false, true, 0},
		}},
		{"longest rule wins", []throttle.Rule{{1, time.Minute}, {2, time.Hour}}, []step{
			{0, "a", true, true, 0},
			{2 * time.Minute, "a", true, true, 0},
			{2 * time.Minute, "a", false, false, 56 * time.Minute},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			l := newLimiter(c, tt.rules...)
			for i, s := range tt.steps {
				c.advance(s.advance)
				ok, wait := l.Allow(s.key)
				if ok != s.wantOK || wait != s.wantWait {
					t.Fatalf("step %d: Allow(%q) = %v, %v; want %v, %v", i, s.key, ok, wait, s.wantOK, s.wantWait)
				}
				if s.hit {
					l.Hit(s.key)
				}
			}
		})
	}
}

func TestLimiterReset(t *testing.T) {
	c := &clock{time.Now()}
	l := newLimiter(c, throttle.Rule{Count: 1, Window: time.Hour})
	l.Hit("k")
	if ok, _ := l.Allow("k"); ok {
		t.Fatal("Allow after one hit of a 1-per-hour rule = true, want false")
	}
	l.Reset("k")
	if ok, _ := l.Allow("k"); !ok {
		t.Error("Allow after Reset = false, want true")
	}
}

func TestLimiterNilAndConcurrent(t *testing.T) {
	var nilLimiter *throttle.Limiter
	if ok, _ := nilLimiter.Allow("x"); !ok {
		t.Error("nil Limiter refused an event")
	}
	nilLimiter.Hit("x")
	l := throttle.New(throttle.Rule{Count: 800, Window: time.Hour})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				l.Hit("k")
				l.Allow("k")
			}
		})
	}
	wg.Wait()
	if ok, _ := l.Allow("k"); ok {
		t.Error("Allow after 800 concurrent hits of an 800-per-hour rule = true, want false")
	}
}
