package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
	"github.com/folio-wiki/folio/internal/wiki"
)

func wikiEditMainPage(a *app) wiki.EditRequest {
	t := a.Namespaces.MakeTitle(folio.NSMain, "Main_Page")
	return wiki.EditRequest{Title: t, Text: mainPageText, Summary: "Created the Main Page", IP: "Folio default"}
}

// MigrateCommand applies pending migrations, like MediaWiki's update.php.
type MigrateCommand struct{ m *Main }

// Run applies the migrations and reports how many ran.
func (cmd *MigrateCommand) Run(ctx context.Context, args []string) error {
	c, err := cmd.m.loadCommandConfig("migrate", "Usage: folio migrate [flags]\n\nApplies pending database schema migrations.", args)
	if err != nil {
		return err
	}
	store, err := openStore(&c)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer store.Close()
	n, err := store.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintf(cmd.m.Stdout, "Applied %d migration(s); the schema is up to date.\n", n)
	return nil
}

// VersionCommand prints the version.
type VersionCommand struct{ m *Main }

// Run prints Folio's and Go's versions.
func (cmd *VersionCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio version", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, "Usage: folio version\n\nPrints the Folio and Go versions.") }
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintf(cmd.m.Stdout, "folio %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// UserCommand manages accounts: "user create NAME --password-file F [--group G]".
type UserCommand struct{ m *Main }

// groupList collects repeated --group flags.
type groupList []string

func (g *groupList) String() string     { return strings.Join(*g, ",") }
func (g *groupList) Set(v string) error { *g = append(*g, v); return nil }

// Run creates a user.
func (cmd *UserCommand) Run(ctx context.Context, args []string) error {
	usage := "Usage: folio user create NAME --password-file FILE [--group GROUP ...]\n\nCreates an account. The password is read from FILE (\"-\" for stdin), never from the command line."
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(cmd.m.Stderr, usage)
			return flag.ErrHelp
		}
		fmt.Fprintln(cmd.m.Stderr, usage)
		return &usageError{"user: expected the subcommand create"}
	}
	fs := flag.NewFlagSet("folio user create", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	pwFile := fs.String("password-file", "", "file holding the password (\"-\" for stdin)")
	var groups groupList
	fs.Var(&groups, "group", "add the user to a group such as sysop or bureaucrat (repeatable)")
	fs.Usage = func() { fmt.Fprintln(cmd.m.Stderr, usage); fs.PrintDefaults() }
	name, rest := splitName(args[1:])
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" || *pwFile == "" {
		fs.Usage()
		return &usageError{"user create: NAME and --password-file are required"}
	}
	pw, err := cmd.readPassword(*pwFile)
	if err != nil {
		return err
	}
	c, err := load()
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Wiki.CreateUser(ctx, name, pw, groups)
	if err != nil {
		return fmt.Errorf("%s", folio.ErrorMessage(err))
	}
	fmt.Fprintf(cmd.m.Stdout, "Created user %s (id %d) in groups: %s\n", u.Name, u.ID, strings.Join(folio.EffectiveGroups(u), ", "))
	return nil
}

// splitName takes the positional NAME that comes before the flags.
func splitName(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func (cmd *UserCommand) readPassword(path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(cmd.m.Stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read password file: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// ParseCommand renders wikitext from stdin, like MediaWiki's parse.php.
type ParseCommand struct{ m *Main }

// Run reads wikitext from stdin and writes HTML to stdout.
func (cmd *ParseCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio parse", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	title := fs.String("title", "API", "title of the page the text is rendered as")
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, "Usage: folio parse [--title T] < input.wiki > output.html\n\nRenders wikitext from stdin to HTML on stdout, against the configured wiki's pages.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := load()
	if err != nil {
		return err
	}
	src, err := io.ReadAll(cmd.m.Stdin)
	if err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.Namespaces.ParseTitle(*title, folio.NSMain)
	if err != nil {
		return fmt.Errorf("--title: %s", folio.ErrorMessage(err))
	}
	out, err := a.Renderer.Render(ctx, t, string(src), render.Options{})
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	fmt.Fprintln(cmd.m.Stdout, out.HTML)
	return nil
}
