// Package folio is the domain of Folio, a MediaWiki-compatible wiki server.
//
// It holds MediaWiki's nouns (Title, Namespace, Page, Revision, Actor, User,
// RecentChange, LogEntry) and the store interfaces the rest of the program
// depends on. It imports no other package of this module. The layout around
// it is:
//
//	cmd/folio          the binary: configuration, wiring, one file per subcommand
//	wikitext/          standalone wikitext parser library
//	internal/sqldb     database/sql engine implementing Store, with a Dialect per backend
//	internal/sqlite    embedded default backend (pure Go)
//	internal/postgres  PostgreSQL backend
//	internal/mysql     MariaDB / MySQL backend
//	internal/storetest conformance suite every Store must pass
//	internal/wiki      use cases shared by the web UI and the API (edit, undo, delete…)
//	internal/render    wikitext.Host over the stores
//	internal/diff      line and word diffs, three-way merge
//	internal/web       HTML user interface: /wiki/, index.php actions, Special pages
package folio
