package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/web"
	"github.com/folio-wiki/folio/internal/wiki"
	"github.com/folio-wiki/folio/wikitext/ext/etherpad"
)

// ImportEtherpadCommand saves an Etherpad pad as a wiki page, as
// Special:ImportFromEtherpad does.
type ImportEtherpadCommand struct{ m *Main }

// Run fetches the pad named on the command line and saves it.
func (cmd *ImportEtherpadCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio import-etherpad", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	overwrite := fs.Bool("overwrite", false, "add a revision to TITLE when the page exists (default: refuse)")
	printOnly := fs.Bool("print", false, "print the converted wikitext on stdout and save nothing")
	user := fs.String("user", "", `the user the edit is attributed to (default "Maintenance script")`)
	timeout := fs.Duration("timeout", etherpad.DefaultTimeout, "how long to wait for the Etherpad server")
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, `Usage: folio import-etherpad [flags] URL TITLE
Fetches the HTML export of the Etherpad pad at URL (URL/export/html),
converts it to wikitext (headings, bold, italic, underline, strike-through,
lists, links) and saves it as the new page TITLE with the pad's address in
the edit summary.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return &usageError{"import-etherpad: give the pad URL and the page TITLE"}
	}
	pad, title := fs.Arg(0), fs.Arg(1)
	c, err := load()
	if err != nil {
		return err
	}
	text, err := (&etherpad.Fetcher{Timeout: *timeout}).Fetch(ctx, pad)
	if err != nil {
		return fmt.Errorf("import-etherpad: %w", err)
	}
	if *printOnly {
		_, err := fmt.Fprintln(cmd.m.Stdout, text)
		return err
	}
	return cmd.save(ctx, c, padSave{pad: pad, title: title, text: text, user: *user, overwrite: *overwrite})
}

// padSave is one page to save from a pad.
type padSave struct {
	pad, title, text, user string
	overwrite              bool
}

// save stores the converted pad as a page.
func (cmd *ImportEtherpadCommand) save(ctx context.Context, c Config, ps padSave) error {
	a, err := cmd.m.openApp(ctx, c, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.Namespaces.ParseTitle(ps.title, folio.NSMain)
	if err != nil || t.Interwiki != "" || t.DBKey == "" || t.Namespace < 0 {
		return &usageError{fmt.Sprintf("import-etherpad: %q is not a valid page title", ps.title)}
	}
	var base int64
	if p, err := a.Store.FindPageByTitle(ctx, t.Namespace, t.DBKey); err == nil {
		if !ps.overwrite {
			return fmt.Errorf("import-etherpad: the page %s already exists; use --overwrite to add the pad as a new revision", t.PrefixedText())
		}
		base = p.Latest
	} else if folio.ErrorCode(err) != folio.EMissingTitle {
		return err
	}
	u, err := cmd.editor(ctx, a, ps.user)
	if err != nil {
		return err
	}
	out, err := a.Wiki.Edit(ctx, wiki.EditRequest{Title: t, Text: ps.text, Summary: web.PadSummary(ps.pad), BaseRevID: base, User: u})
	if err != nil {
		return fmt.Errorf("import-etherpad: save %s: %w", t.PrefixedText(), err)
	}
	a.Logger.Info("pad imported", "page_id", out.Result.Page.ID, "rev_id", out.Result.Revision.ID)
	_, err = fmt.Fprintf(cmd.m.Stdout, "Saved %s (revision %d) from %s\n", t.PrefixedText(), out.Result.Revision.ID, ps.pad)
	return err
}

// editor returns the user named by --user, or the maintenance user.
func (cmd *ImportEtherpadCommand) editor(ctx context.Context, a *app, name string) (*folio.User, error) {
	if name == "" {
		return maintUser(ctx, a)
	}
	u, err := a.Store.FindUserByName(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("import-etherpad: --user %s: %w", name, err)
	}
	return u, nil
}
