package inmem

import (
	"context"
	"sync"

	"github.com/folio-wiki/folio"
)

var _ folio.PubSub = (*PubSub)(nil)

// subscriberBuffer is how many messages a slow subscriber may lag behind
// before Publish blocks.
const subscriberBuffer = 256

// PubSub is an in-process folio.PubSub: every subscriber of a channel
// gets every message published after it subscribed. Its zero value is
// ready to use.
type PubSub struct {
	mu   sync.Mutex
	subs map[string]map[*subscriber]struct{}
}

type subscriber struct {
	ch   chan []byte
	done <-chan struct{}
}

// Publish delivers a copy of msg to the channel's subscribers and returns
// their number. It waits for a full subscriber unless ctx ends first.
func (p *PubSub) Publish(ctx context.Context, channel string, msg []byte) (int, error) {
	p.mu.Lock()
	subs := make([]*subscriber, 0, len(p.subs[channel]))
	for s := range p.subs[channel] {
		subs = append(subs, s)
	}
	p.mu.Unlock()
	for _, s := range subs {
		select {
		case s.ch <- append([]byte(nil), msg...):
		case <-s.done:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return len(subs), nil
}

// Subscribe registers a subscriber until ctx ends; then the returned
// channel is closed.
func (p *PubSub) Subscribe(ctx context.Context, channel string) (<-chan []byte, error) {
	s := &subscriber{ch: make(chan []byte, subscriberBuffer), done: ctx.Done()}
	out := make(chan []byte)
	p.mu.Lock()
	if p.subs == nil {
		p.subs = map[string]map[*subscriber]struct{}{}
	}
	if p.subs[channel] == nil {
		p.subs[channel] = map[*subscriber]struct{}{}
	}
	p.subs[channel][s] = struct{}{}
	p.mu.Unlock()
	go func() {
		defer close(out)
		defer p.unsubscribe(channel, s)
		for {
			select {
			case <-ctx.Done():
				return
			case m := <-s.ch:
				select {
				case out <- m:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

func (p *PubSub) unsubscribe(channel string, s *subscriber) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.subs[channel], s)
	if len(p.subs[channel]) == 0 {
		delete(p.subs, channel)
	}
}
