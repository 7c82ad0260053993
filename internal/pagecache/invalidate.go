package pagecache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-wiki/folio"
)

// Job types the Invalidator queues and runs (MediaWiki's names).
const (
	JobHTMLCacheUpdate = "htmlCacheUpdate"
	JobCDNPurge        = "cdnPurge"
)

// Defaults for the Invalidator's zero fields.
const (
	DefaultDepth     = 2
	DefaultBatchSize = 300
	DefaultChannel   = "purge"
)

// Change says what happened to a page, which decides what else to purge.
type Change int

// Changes passed to PageChanged.
const (
	// Edited: new text. Pages redirecting to it or transcluding it change.
	Edited Change = iota
	// Created (or undeleted): links to it turn blue, transclusions appear.
	Created
	// Deleted: links to it turn red, transclusions disappear.
	Deleted
	// Protected: only the page's own view (its tabs) changes.
	Protected
	// Purged: action=purge asks to render the page again.
	Purged
	// FileUploaded: pages showing the file change.
	FileUploaded
)

// JobPusher queues jobs; folio.JobQueue and *jobs.Runner are ones.
type JobPusher interface {
	PushJobs(ctx context.Context, jobs ...*folio.Job) error
}

// Backlinks lists the pages that point at a target; folio.LinkStore is one.
type Backlinks interface {
	FindBacklinks(ctx context.Context, f folio.BacklinkFilter) ([]*folio.Page, error)
}

// Invalidator purges everything a change makes stale. Set the fields
// (Pages, Parser, PubSub, CDN and Jobs are optional), call Start to follow
// purges of other web heads, and Close when done.
type Invalidator struct {
	Pages      *PageCache
	Parser     *ParserCache
	Links      Backlinks
	Namespaces *folio.Namespaces
	// Jobs queues fan-out work; when nil it runs inline.
	Jobs JobPusher
	// PubSub carries purges to other web heads on Channel.
	PubSub  folio.PubSub
	Channel string
	CDN     *CDN
	// Depth is how many levels of templatelinks a template edit follows.
	Depth     int
	BatchSize int
	Logger    *slog.Logger

	// BroadcastWait bounds how long a purge waits for every subscribed
	// head to acknowledge its broadcast.
	BroadcastWait time.Duration

	once    sync.Once
	origin  string
	seq     atomic.Uint64
	mu      sync.Mutex
	waiting map[uint64]*waiter
	started atomic.Bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

func (inv *Invalidator) init() {
	inv.once.Do(func() {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		inv.origin = hex.EncodeToString(b)
		if inv.Depth <= 0 {
			inv.Depth = DefaultDepth
		}
		if inv.BatchSize <= 0 {
			inv.BatchSize = DefaultBatchSize
		}
		if inv.Channel == "" {
			inv.Channel = DefaultChannel
		}
		if inv.Logger == nil {
			inv.Logger = slog.Default()
		}
		if inv.BroadcastWait <= 0 {
			inv.BroadcastWait = DefaultBroadcastWait
		}
		inv.waiting = map[uint64]*waiter{}
	})
}

// PageChanged purges t at once and queues the purge of the pages the
// change affects through links, redirects and transclusions.
func (inv *Invalidator) PageChanged(ctx context.Context, t folio.Title, c Change) error {
	inv.init()
	// A failed purge (a broadcast, say) must not lose the fan-out.
	err := inv.PurgeTitles(ctx, t)
	var tables []string
	switch c {
	case Edited:
		tables = []string{"redirect", "template"}
	case Created, Deleted:
		tables = []string{"redirect", "template", "link"}
	case FileUploaded:
		tables = []string{"redirect", "image"}
	}
	var jobs []*folio.Job
	for _, table := range tables {
		jobs = append(jobs, inv.fanOut(t, table, inv.Depth, 0))
	}
	return errors.Join(err, inv.push(ctx, jobs...))
}

// fanOut returns the job that purges the pages pointing at t through table.
func (inv *Invalidator) fanOut(t folio.Title, table string, depth int, from int64) *folio.Job {
	return &folio.Job{Type: JobHTMLCacheUpdate, Namespace: t.Namespace, DBKey: t.DBKey,
		Params: map[string]string{"table": table, "depth": strconv.Itoa(depth),
			"from": strconv.FormatInt(from, 10)}}
}

// PurgeTitles purges titles from the local caches, tells the other web
// heads, and purges their URLs from the CDN now and again after a delay.
func (inv *Invalidator) PurgeTitles(ctx context.Context, titles ...folio.Title) error {
	inv.init()
	if len(titles) == 0 {
		return nil
	}
	var keys []string
	for _, t := range titles {
		keys = append(append(keys, pageKeys(t)...), parserKeys(t)...)
	}
	err := inv.purgeKeys(ctx, keys)
	if inv.PubSub != nil {
		err = errors.Join(err, inv.broadcast(ctx, keys))
	}
	if inv.CDN != nil {
		urls := inv.CDN.URLs(titles...)
		if cerr := inv.CDN.Purge(ctx, urls); cerr != nil {
			inv.Logger.Warn("cdn purge", "err", cerr)
		}
		if j := inv.CDN.reboundJob(urls); j != nil {
			err = errors.Join(err, inv.push(ctx, j))
		}
	}
	return err
}

// purgeKeys deletes keys from the local page and parser caches.
func (inv *Invalidator) purgeKeys(ctx context.Context, keys []string) error {
	var err error
	if inv.Pages != nil {
		err = inv.Pages.purgeKeys(ctx, keys)
	}
	if inv.Parser != nil && (inv.Pages == nil || inv.Parser.Cache != inv.Pages.Cache) {
		err = errors.Join(err, inv.Parser.purgeKeys(ctx, keys))
	} else if inv.Parser != nil {
		inv.Parser.gen.Add(1)
	}
	return err
}

// push queues jobs, or runs them at once when there is no queue.
func (inv *Invalidator) push(ctx context.Context, jobs ...*folio.Job) error {
	if len(jobs) == 0 {
		return nil
	}
	if inv.Jobs != nil {
		return inv.Jobs.PushJobs(ctx, jobs...)
	}
	var err error
	for _, j := range jobs {
		if j.Type == JobCDNPurge && !j.RunAfter.IsZero() {
			continue // no queue to delay it: the first purge stands alone
		}
		err = errors.Join(err, inv.RunJob(ctx, j))
	}
	return err
}

// RunJob runs the Invalidator's jobs; register it with the job runner for
// JobHTMLCacheUpdate and JobCDNPurge.
func (inv *Invalidator) RunJob(ctx context.Context, j *folio.Job) error {
	inv.init()
	switch j.Type {
	case JobHTMLCacheUpdate:
		return inv.runHTMLCacheUpdate(ctx, j)
	case JobCDNPurge:
		if inv.CDN == nil {
			return nil
		}
		return inv.CDN.Purge(ctx, strings.Split(j.Params["urls"], "\n"))
	}
	return fmt.Errorf("pagecache: unknown job type %q", j.Type)
}

// runHTMLCacheUpdate purges one batch of the pages pointing at the job's
// title, queues the next batch, and for transclusions the next level.
func (inv *Invalidator) runHTMLCacheUpdate(ctx context.Context, j *folio.Job) error {
	table := j.Params["table"]
	depth, _ := strconv.Atoi(j.Params["depth"])
	from, _ := strconv.ParseInt(j.Params["from"], 10, 64)
	target := folio.LinkTarget{Namespace: j.Namespace, DBKey: j.DBKey}
	pages, err := inv.Links.FindBacklinks(ctx, folio.BacklinkFilter{Target: target, Kind: table,
		FromPageID: from, Limit: inv.BatchSize})
	if folio.ErrorCode(err) == folio.EInvalidParameter {
		inv.Logger.Warn("backlinks unsupported", "table", table, "err", err)
		return nil
	} else if err != nil {
		return fmt.Errorf("find %s backlinks of %s: %w", table, j.DBKey, err)
	}
	titles := make([]folio.Title, len(pages))
	for i, p := range pages {
		titles[i] = inv.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	}
	if err := inv.PurgeTitles(ctx, titles...); err != nil {
		return err
	}
	var next []*folio.Job
	if len(pages) == inv.BatchSize {
		self := inv.Namespaces.MakeTitle(j.Namespace, j.DBKey)
		next = append(next, inv.fanOut(self, table, depth, pages[len(pages)-1].ID))
	}
	if table == "template" && depth > 1 {
		for _, t := range titles {
			next = append(next, inv.fanOut(t, "template", depth-1, 0))
		}
	}
	return inv.push(ctx, next...)
}
