package main

import (
	"context"
	"fmt"
	"os"

	"github.com/folio-wiki/folio"
)

// maintActor is the actor maintenance tasks act as, as in MediaWiki.
var maintActor = folio.Actor{Name: "Maintenance script"}

// runDeleteBatch deletes the pages listed one title a line. Each page is
// deleted and logged in its own transaction; the summary counts what was
// done, so an interrupted run can simply be started again.
func runDeleteBatch(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "delete", "delete --reason R FILE|- [flags]")
	reason := f.fs.String("reason", "", "deletion reason written to the log (required)")
	if err := f.fs.Parse(args); err != nil {
		return err
	}
	if f.fs.NArg() != 1 || *reason == "" {
		f.fs.Usage()
		return &usageError{"maint delete: --reason and one FILE (or - for stdin) are required"}
	}
	in := m.Stdin
	if f.fs.Arg(0) != "-" {
		file, err := os.Open(f.fs.Arg(0))
		if err != nil {
			return err
		}
		defer file.Close()
		in = file
	}
	titles, err := readLines(in)
	if err != nil {
		return err
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	return deleteTitles(ctx, m, a, titles, *reason)
}

func deleteTitles(ctx context.Context, m *Main, a *app, titles []string, reason string) error {
	p := &progress{w: m.Stderr, every: 100}
	var deleted, missing int
	for _, text := range titles {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted after %d deletions: %w", deleted, err)
		}
		t, err := a.Namespaces.ParseTitle(text, folio.NSMain)
		if err != nil {
			fmt.Fprintf(m.Stderr, "skipped %q: %v\n", text, err)
			continue
		}
		pg, err := a.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			missing++
			continue
		} else if err != nil {
			return err
		}
		_, err = a.Store.DeletePage(ctx, folio.DeleteRequest{PageID: pg.ID, Actor: maintActor, Comment: reason})
		if err != nil {
			return fmt.Errorf("delete %s: %w", t.PrefixedText(), err)
		}
		deleted++
		p.step(t.PrefixedText())
	}
	fmt.Fprintf(m.Stdout, "Deleted %d pages; %d were already missing.\n", deleted, missing)
	return nil
}
