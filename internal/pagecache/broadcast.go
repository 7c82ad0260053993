package pagecache

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultBroadcastWait is the Invalidator's default BroadcastWait.
const DefaultBroadcastWait = 500 * time.Millisecond

// Broadcast messages on the channel are one of
//
//	"P origin seq\n" + keys, one per line: delete these keys
//	"A origin seq": a head applied purge seq of origin
//
// where origin names the Invalidator that sent the purge.

// waiter counts the acknowledgements of one purge.
type waiter struct {
	want, got int
	done      chan struct{}
}

// broadcast tells every web head to delete keys. Once this head is
// subscribed, it waits (up to BroadcastWait) until every head that got the
// message acknowledged it: a reader sent to any head right after an edit
// then finds the page purged there.
func (inv *Invalidator) broadcast(ctx context.Context, keys []string) error {
	n := inv.seq.Add(1)
	w := &waiter{want: -1, done: make(chan struct{})}
	started := inv.started.Load()
	if started {
		inv.mu.Lock()
		inv.waiting[n] = w
		inv.mu.Unlock()
		defer inv.forget(n)
	}
	msg := "P " + inv.origin + " " + strconv.FormatUint(n, 10) + "\n" + strings.Join(keys, "\n")
	subs, err := inv.PubSub.Publish(ctx, inv.Channel, []byte(msg))
	if err != nil {
		return fmt.Errorf("broadcast purge: %w", err)
	}
	if !started {
		return nil
	}
	inv.mu.Lock()
	w.want = subs
	w.check()
	inv.mu.Unlock()
	t := time.NewTimer(inv.BroadcastWait)
	defer t.Stop()
	select {
	case <-w.done:
	case <-t.C:
		inv.Logger.Warn("purge broadcast not acknowledged in time", "heads", subs, "wait", inv.BroadcastWait)
	case <-ctx.Done():
	}
	return nil
}

// check closes done once every subscriber acknowledged; the caller holds
// inv.mu.
func (w *waiter) check() {
	if w.want >= 0 && w.got >= w.want {
		select {
		case <-w.done:
		default:
			close(w.done)
		}
	}
}

func (inv *Invalidator) forget(n uint64) {
	inv.mu.Lock()
	delete(inv.waiting, n)
	inv.mu.Unlock()
}

// Start subscribes to purges broadcast by other web heads; it returns once
// the subscription is active. Close ends it.
func (inv *Invalidator) Start(ctx context.Context) error {
	inv.init()
	if inv.PubSub == nil {
		return nil
	}
	ctx, inv.cancel = context.WithCancel(ctx)
	msgs, err := inv.PubSub.Subscribe(ctx, inv.Channel)
	if err != nil {
		inv.cancel()
		return fmt.Errorf("subscribe to purges: %w", err)
	}
	inv.started.Store(true)
	inv.wg.Go(func() {
		defer inv.started.Store(false)
		for m := range msgs {
			inv.receive(ctx, string(m))
		}
	})
	return nil
}

// receive handles one broadcast message.
func (inv *Invalidator) receive(ctx context.Context, msg string) {
	head, keys, _ := strings.Cut(msg, "\n")
	kind, rest, _ := strings.Cut(head, " ")
	origin, seq, _ := strings.Cut(rest, " ")
	n, _ := strconv.ParseUint(seq, 10, 64)
	switch {
	case origin == inv.origin:
		inv.acknowledged(n) // our purge or another head's ack of it
	case kind == "P":
		if keys != "" {
			if err := inv.purgeKeys(ctx, strings.Split(keys, "\n")); err != nil {
				inv.Logger.Warn("apply broadcast purge", "err", err)
			}
		}
		ack := "A " + origin + " " + seq
		if _, err := inv.PubSub.Publish(ctx, inv.Channel, []byte(ack)); err != nil && ctx.Err() == nil {
			inv.Logger.Warn("acknowledge broadcast purge", "err", err)
		}
	}
}

// acknowledged counts one head's acknowledgement of purge n.
func (inv *Invalidator) acknowledged(n uint64) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if w, ok := inv.waiting[n]; ok {
		w.got++
		w.check()
	}
}

// Close stops following broadcasts.
func (inv *Invalidator) Close() error {
	if inv.cancel != nil {
		inv.cancel()
	}
	inv.wg.Wait()
	return nil
}
