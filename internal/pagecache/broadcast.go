package pagecache

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultBroadcastWait is the Invalidator's default BroadcastWait.
const DefaultBroadcastWait = 250 * time.Millisecond

// A broadcast message is "origin seq\n" followed by the cache keys to
// delete, one per line.

// broadcast tells the other web heads to delete keys. Once subscribed, it
// waits (up to BroadcastWait) until the message comes back to this head:
// then the broker has sent it to every head, so a reader sent to another
// head right after an edit finds the page purged there too.
func (inv *Invalidator) broadcast(ctx context.Context, keys []string) error {
	n := inv.seq.Add(1)
	var done chan struct{}
	if inv.started.Load() {
		done = make(chan struct{})
		inv.mu.Lock()
		inv.waiting[n] = done
		inv.mu.Unlock()
		defer func() {
			inv.mu.Lock()
			delete(inv.waiting, n)
			inv.mu.Unlock()
		}()
	}
	msg := inv.origin + " " + strconv.FormatUint(n, 10) + "\n" + strings.Join(keys, "\n")
	if err := inv.PubSub.Publish(ctx, inv.Channel, []byte(msg)); err != nil {
		return fmt.Errorf("broadcast purge: %w", err)
	}
	if done == nil {
		return nil
	}
	t := time.NewTimer(inv.BroadcastWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		inv.Logger.Warn("purge broadcast did not come back in time", "wait", inv.BroadcastWait)
	case <-ctx.Done():
	}
	return nil
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

// receive applies a purge broadcast by another head, or notes that one of
// this head's own broadcasts came back.
func (inv *Invalidator) receive(ctx context.Context, msg string) {
	head, keys, _ := strings.Cut(msg, "\n")
	origin, seq, _ := strings.Cut(head, " ")
	if origin == inv.origin {
		n, _ := strconv.ParseUint(seq, 10, 64)
		inv.mu.Lock()
		if done, ok := inv.waiting[n]; ok {
			close(done)
			delete(inv.waiting, n)
		}
		inv.mu.Unlock()
		return
	}
	if keys == "" {
		return
	}
	if err := inv.purgeKeys(ctx, strings.Split(keys, "\n")); err != nil {
		inv.Logger.Warn("apply broadcast purge", "err", err)
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
