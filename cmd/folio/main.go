// Command folio is the Folio wiki server and its maintenance commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/folio-wiki/folio/wikitext/ext/graphviz"
)

// Version is the Folio release, set at build time with -ldflags.
var Version = "0.1.0-dev"

func main() {
	if os.Getenv(graphviz.WorkerEnv) == "1" {
		// A GraphViz layout worker started by the renderer (extensions.go).
		os.Exit(graphviz.RunWorker(os.Stdin, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(m.Stderr, "folio:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var u *usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// Main is the program: its streams and environment are fields so that tests
// can run it in-process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Ready, when set, receives the base URL once serve listens (tests).
	Ready chan<- string
	// Executable is this program's path, for helper processes such as
	// GraphViz layout workers; empty (as in tests) keeps that work
	// in-process.
	Executable string
}

// NewMain returns a Main wired to the process.
func NewMain() *Main {
	exe, _ := os.Executable()
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Executable: exe}
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// command is one subcommand.
type command interface {
	Run(ctx context.Context, args []string) error
}

// Run runs the subcommand named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage()
		return &usageError{"no command given"}
	}
	cmds := map[string]command{
		"serve":   &ServeCommand{m: m},
		"migrate": &MigrateCommand{m: m},
		"user":    &UserCommand{m: m},
		"version": &VersionCommand{m: m},
		"parse":   &ParseCommand{m: m},
		"import":  &ImportCommand{m: m},
		"export":  &ExportCommand{m: m},
		"backup":  &BackupCommand{m: m},
		"restore": &RestoreCommand{m: m},
	}
	for name, cmd := range opsCommands(m) {
		cmds[name] = cmd
	}
	cmds["import-images"] = &ImportImagesCommand{m: m}
	cmds["jobs"] = &JobsCommand{m: m}
	cmds["import-etherpad"] = &ImportEtherpadCommand{m: m}
	cmds["compat"] = &CompatCommand{m: m}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		m.usage()
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		m.usage()
		return &usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	return cmd.Run(ctx, args[1:])
}

func (m *Main) usage() {
	fmt.Fprint(m.Stderr, `Folio is a MediaWiki-compatible wiki server.

Usage:
	folio <command> [arguments]

Commands:
	serve      run the wiki server
	migrate    apply pending database migrations
	user       manage user accounts (user create NAME --password-file F)
	parse      render wikitext from stdin to HTML on stdout
	import     import a MediaWiki XML dump (import FILE)
	export     export pages as a MediaWiki XML dump
	import-images  upload the files of a folder or MediaWiki images/ tree
	import-etherpad  save an Etherpad pad as a page (import-etherpad URL TITLE)
	backup     back up the database (backup --to DIR; backup verify DIR)
	restore    restore a backup into an empty database (restore --from DIR)
	readonly   switch read-only mode for every web head (readonly on --reason R | off | status)
	drill      restore the newest backup into a scratch database and check it (drill --from DIR)
	maint      maintenance tasks: rebuild-links, recount, password, groups, delete
	jobs       list or run queued jobs (cache purges, link updates)
	compat     import browser-compatibility data (compat import DIR)
	version    print the version

Run "folio <command> -h" for a command's flags.
`)
}
