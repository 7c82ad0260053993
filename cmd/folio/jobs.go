package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/inmem"
	"github.com/folio-wiki/folio/internal/jobs"
	"github.com/folio-wiki/folio/internal/memcached"
	"github.com/folio-wiki/folio/internal/pagecache"
	"github.com/folio-wiki/folio/internal/redis"
	"github.com/folio-wiki/folio/internal/sqlite"
)

// JobsCommand lists and runs queued jobs, like MediaWiki's showJobs.php
// and runJobs.php. `folio serve` runs jobs itself; this is for inspection
// and for draining a queue by hand.
type JobsCommand struct{ m *Main }

// Run dispatches "jobs list" and "jobs run".
func (cmd *JobsCommand) Run(ctx context.Context, args []string) error {
	usage := "Usage: folio jobs list [--type T] [--abandoned] [--limit N]\n" +
		"       folio jobs run [--max N]\n\nLists the job queue, or runs the jobs that are ready."
	if len(args) == 0 || (args[0] != "list" && args[0] != "run") {
		fmt.Fprintln(cmd.m.Stderr, usage)
		if len(args) > 0 && strings.HasPrefix(args[0], "-h") {
			return flag.ErrHelp
		}
		return &usageError{"jobs: want list or run"}
	}
	fs := flag.NewFlagSet("folio jobs "+args[0], flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	typ := fs.String("type", "", "list only jobs of this type")
	abandoned := fs.Bool("abandoned", false, "list only abandoned jobs")
	limit := fs.Int("limit", 100, "list at most this many jobs")
	maxJobs := fs.Int("max", 0, "run at most this many jobs (0: all that are ready)")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, usage); fs.PrintDefaults() }
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	c, err := load()
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, false)
	if err != nil {
		return err
	}
	defer a.Close()
	cs, err := openCacheStack(ctx, a, c.cacheSettings())
	if err != nil {
		return err
	}
	defer cs.Close()
	if args[0] == "run" {
		n, err := cs.Runner.RunAll(ctx, *maxJobs)
		fmt.Fprintf(cmd.m.Stdout, "Ran %d job(s).\n", n)
		return err
	}
	f := folio.JobFilter{Limit: *limit}
	if *typ != "" {
		f.Type = typ
	}
	if *abandoned {
		f.Abandoned = abandoned
	}
	return cmd.list(ctx, cs.Queue, f)
}

func (cmd *JobsCommand) list(ctx context.Context, q folio.JobQueue, f folio.JobFilter) error {
	js, err := q.FindJobs(ctx, f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(cmd.m.Stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tNS\tTITLE\tATTEMPTS\tSTATE\tENQUEUED\tLAST ERROR")
	for _, j := range js {
		state := "waiting"
		switch {
		case j.Abandoned:
			state = "abandoned"
		case j.RunAfter.After(time.Now()):
			state = "delayed"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%s\t%s\t%s\n", j.ID, j.Type, j.Namespace, j.DBKey,
			j.Attempts, state, j.Enqueued.UTC().Format(time.RFC3339), j.LastError)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(cmd.m.Stdout, "%d job(s).\n", len(js))
	return nil
}

// cacheSettings selects the cache, queue and CDN technologies.
type cacheSettings struct {
	RedisURL    string   // Redis for the queue, the caches and the broadcast
	RedisPrefix string   // starts every Redis key; "folio:" when empty
	Memcached   string   // memcached servers for the caches (host:port,…)
	CDNServers  []string // proxies to send PURGE to
	Server      string   // public base URL, for CDN purges
	CacheBytes  int64    // in-process cache bound; 256 MiB when zero
	Workers     int      // job runner workers
	// LocalPages keeps the page cache in process (the leanest hit) when
	// Redis is set, coherent through its broadcast; without Redis, a
	// memcached page cache stays shared.
	LocalPages bool
}

// localTTL bounds in-process page cache entries when they depend on a
// broadcast that a lost connection could miss.
const localTTL = 10 * time.Minute

func (s cacheSettings) localCache() *inmem.Cache {
	if s.CacheBytes <= 0 {
		s.CacheBytes = 256 << 20
	}
	return inmem.NewCache(s.CacheBytes)
}

// cacheStack is the page cache, parser cache, invalidator and job runner
// of one process, over the technologies cacheSettings picked.
type cacheStack struct {
	Queue       folio.JobQueue
	Pages       *pagecache.PageCache
	Parser      *pagecache.ParserCache
	Invalidator *pagecache.Invalidator
	Runner      *jobs.Runner
	// Shared is the cache the heads share (in-process memory when there
	// is no cache server); /readyz probes it.
	Shared  folio.Cache
	closers []func() error
}

// openCacheStack wires the caches: memcached, else Redis, else in-process
// memory for both caches; Redis, else the database, for the job queue;
// Redis pub/sub, when set, to keep the web heads coherent.
func openCacheStack(ctx context.Context, a *app, s cacheSettings) (*cacheStack, error) {
	cs := &cacheStack{}
	var cache folio.Cache
	var bus folio.PubSub
	if s.RedisURL != "" {
		rc, err := redis.Open(ctx, s.RedisURL, s.RedisPrefix)
		if err != nil {
			return nil, err
		}
		cs.closers = append(cs.closers, rc.Close)
		cache, bus, cs.Queue = rc.Cache(), rc.Cache(), rc.Queue()
	} else if err := cs.openDBQueue(ctx, a); err != nil {
		cs.Close()
		return nil, err
	}
	if s.Memcached != "" {
		mc, err := memcached.Open(s.Memcached, "")
		if err != nil {
			cs.Close()
			return nil, err
		}
		cs.closers = append(cs.closers, mc.Close)
		cache = mc
	}
	if cache == nil {
		cache = s.localCache()
	}
	cs.Shared = cache
	cs.wire(a, s, cache, bus)
	return cs, nil
}

// openDBQueue puts the job queue in the database. With SQLite it gets a
// second file, so that queue writes never wait for content writes.
func (cs *cacheStack) openDBQueue(ctx context.Context, a *app) error {
	if a.Config.DB != "" {
		q, ok := a.Store.(folio.JobQueue)
		if !ok {
			return errors.New("open job queue: the database has no job table")
		}
		cs.Queue = q
		return nil
	}
	db, err := sqlite.Open(filepath.Join(a.Config.Data, "jobs.db"))
	if err != nil {
		return fmt.Errorf("open job queue: %w", err)
	}
	cs.closers = append(cs.closers, db.Close)
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	cs.Queue = db
	return nil
}

func (cs *cacheStack) wire(a *app, s cacheSettings, cache folio.Cache, bus folio.PubSub) {
	cs.Pages = &pagecache.PageCache{Cache: cache, Namespaces: a.Namespaces, Logger: a.Logger}
	// Only a broadcast keeps several in-process page caches coherent.
	if _, local := cache.(*inmem.Cache); !local && s.LocalPages && bus != nil {
		cs.Pages.Cache, cs.Pages.TTL = s.localCache(), localTTL
	}
	cs.Parser = &pagecache.ParserCache{Renderer: a.Renderer, Cache: cache, Logger: a.Logger}
	cs.Invalidator = &pagecache.Invalidator{Pages: cs.Pages, Parser: cs.Parser, Links: a.Store,
		Namespaces: a.Namespaces, PubSub: bus, Logger: a.Logger}
	if len(s.CDNServers) > 0 {
		cs.Invalidator.CDN = &pagecache.CDN{Servers: s.CDNServers, Server: s.Server}
	}
	cs.Runner = &jobs.Runner{Queue: cs.Queue, Workers: s.Workers, Logger: a.Logger,
		Handlers: map[string]jobs.Handler{
			pagecache.JobHTMLCacheUpdate: cs.Invalidator,
			pagecache.JobCDNPurge:        cs.Invalidator,
			purgeJob:                     purgeHandler{inv: cs.Invalidator, ns: a.Namespaces},
		}}
	cs.Invalidator.Jobs = cs.Runner
}

// Start follows other heads' purges and starts the job workers.
func (cs *cacheStack) Start(ctx context.Context) error {
	if err := cs.Invalidator.Start(ctx); err != nil {
		return err
	}
	return cs.Runner.Start(ctx)
}

// Close stops the workers and the broadcast, then closes connections.
func (cs *cacheStack) Close() error {
	var errs []error
	if cs.Runner != nil {
		errs = append(errs, cs.Runner.Close())
	}
	if cs.Invalidator != nil {
		errs = append(errs, cs.Invalidator.Close())
	}
	for _, c := range cs.closers {
		errs = append(errs, c())
	}
	return errors.Join(errs...)
}
