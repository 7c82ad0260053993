package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/folio-wiki/folio"
)

// progressPrinter shows a progress line on a terminal, or a log line
// every few seconds otherwise.
type progressPrinter struct {
	w       io.Writer
	on, tty bool
	what    string
	total   int64 // bytes or items; 0 when unknown
	start   time.Time
	last    time.Time
	mu      sync.Mutex
	printed bool
}

func newProgressPrinter(w io.Writer, on bool, what string, total int64) *progressPrinter {
	p := &progressPrinter{w: w, on: on, what: what, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		fi, err := f.Stat()
		p.tty = err == nil && fi.Mode()&os.ModeCharDevice != 0
	}
	return p
}

// update reports n items done and pos of total (bytes or items).
func (p *progressPrinter) update(n int, pos int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	every := 10 * time.Second
	if p.tty {
		every = 200 * time.Millisecond
	}
	if !p.on || time.Since(p.last) < every {
		return
	}
	p.last = time.Now()
	elapsed := time.Since(p.start).Seconds()
	line := fmt.Sprintf("%s: %d pages, %.1f pages/s", p.what, n, float64(n)/max(elapsed, 1e-3))
	if p.total > 0 && pos > 0 {
		frac := float64(pos) / float64(p.total)
		eta := time.Duration(elapsed*(1-frac)/max(frac, 1e-9)) * time.Second
		line += fmt.Sprintf(", %3.0f%%, ETA %s", 100*frac, eta.Round(time.Second))
	}
	p.print(line)
}

func (p *progressPrinter) print(line string) {
	p.printed = true
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// finish ends the progress display with a summary line ("" for none).
func (p *progressPrinter) finish(summary string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.printed {
		fmt.Fprintln(p.w)
	}
	p.printed = false
	if summary != "" {
		elapsed := time.Since(p.start)
		fmt.Fprintf(p.w, "%s: %s in %s\n", p.what, summary, elapsed.Round(10*time.Millisecond))
	}
}

// rebuild refreshes link tables and recent changes after an import.
func (run *importRun) rebuild(ctx context.Context, o importOptions) error {
	ids := run.im.Touched
	if run.fresh || run.resumed {
		ids = nil // every page: an earlier run may have stopped before its rebuild
	}
	n, err := rebuildLinks(ctx, run.a, run.store, ids, newProgressPrinter(run.m.Stderr, o.progress, "rebuild links", 0))
	if err != nil {
		return fmt.Errorf("rebuild links (after %d pages): %w", n, err)
	}
	since := time.Now().AddDate(0, 0, -o.rcDays)
	rc, err := run.store.RebuildRecentChanges(ctx, since)
	if err != nil {
		return err
	}
	fmt.Fprintf(run.m.Stderr, "rebuild recent changes: %d added (revisions since %s)\n", rc, since.UTC().Format(time.DateOnly))
	return nil
}

// rebuildLinks renders the latest revision of the pages (all when ids is
// nil) and stores their links, categories and redirects, on as many
// workers as there are CPUs. It returns how many pages it rebuilt.
func rebuildLinks(ctx context.Context, a *app, is folio.ImportStore, ids []int64, bar *progressPrinter) (int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan *folio.Page)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				if err := rebuildPage(ctx, a, is, p); err != nil {
					cancel(err)
					return
				}
				mu.Lock()
				done++
				bar.update(done, 0)
				mu.Unlock()
			}
		})
	}
	err := feedPages(ctx, a, is, ids, work)
	close(work)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		err = cause
	}
	bar.finish(fmt.Sprintf("%d pages", done))
	return done, err
}

// feedPages sends the pages to rebuild: those of ids, or every page when
// ids is nil.
func feedPages(ctx context.Context, a *app, is folio.ImportStore, ids []int64, work chan<- *folio.Page) error {
	send := func(p *folio.Page) error {
		select {
		case work <- p:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	if ids != nil {
		for _, id := range ids {
			p, err := a.Store.FindPageByID(ctx, id)
			if err != nil {
				return err
			}
			if err := send(p); err != nil {
				return err
			}
		}
		return nil
	}
	for after := int64(0); ; {
		ps, err := is.FindPagesAfter(ctx, after, 500)
		if err != nil || len(ps) == 0 {
			return err
		}
		for _, p := range ps {
			if err := send(p); err != nil {
				return err
			}
			after = p.ID
		}
	}
}

// rebuildPage renders one page's latest revision and stores its links.
// A page that fails to render keeps empty link tables and is logged.
func rebuildPage(ctx context.Context, a *app, is folio.ImportStore, p *folio.Page) error {
	rev, err := a.Store.FindRevisionByID(ctx, p.Latest)
	if err != nil {
		return err
	}
	var links *folio.LinkSet
	var redirect *folio.LinkTarget
	t := a.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	if rev.Model == folio.ModelWikitext {
		links, redirect, err = a.Renderer.Links(ctx, t, rev.Text)
		if err != nil {
			a.Logger.Warn("render for links", "page_id", p.ID, "title", t.PrefixedText(), slog.Any("error", err))
			links, redirect = nil, nil
		}
	}
	return is.SetPageLinks(ctx, p.ID, links, redirect)
}
