// Package folio is the domain of Folio, a MediaWiki-compatible wiki server.
//
// It holds MediaWiki's nouns (Title, Namespace, Page, Revision, Actor, User,
// RecentChange, LogEntry) and the store interfaces the rest of the program
// depends on. It imports no other package of this module. The layout around
// it is:
//
//	cmd/folio          the binary: configuration, wiring, one file per subcommand
//	wikitext/          standalone wikitext parser library
//	wikitext/ext/      its extensions: parserfunctions, cite, poem, syntaxhighlight,
//	                   graphviz, widgets, bugzilla, compat, and the etherpad converter
//	internal/sqldb     database/sql engine implementing Store, with a Dialect per backend
//	internal/sqlite    embedded default backend (pure Go)
//	internal/postgres  PostgreSQL backend
//	internal/mysql     MariaDB / MySQL backend
//	internal/storetest conformance suite every Store must pass
//	internal/wiki      use cases shared by the web UI and the API (edit, undo, delete…)
//	internal/render    wikitext.Host over the stores
//	internal/diff      line and word diffs, three-way merge
//	internal/web       HTML user interface: /wiki/, index.php actions, Special pages
//	internal/api       the Action API (api.php), one module per file
//	internal/session   server-side sessions shared by web and api (database or Redis)
//	internal/dump      MediaWiki XML dump reader, writer, importer and exporter
//	internal/filerepo  uploads, file versions and thumbnails over a BlobStore
//	internal/media     file verification (magic bytes, SVG safety) and scaling
//	internal/localfs   BlobStore on local disk; internal/s3 on S3-compatible storage
//	internal/pagecache page and parser caches, invalidation, CDN purge
//	internal/inmem     in-process Cache and PubSub; internal/redis and internal/memcached
//	internal/jobs      job runner over a JobQueue
//	internal/backup    backup, verify, restore and drills; internal/ops health and metrics
//	internal/account, internal/mail, internal/throttle  account requests, mail, rate limits
//	internal/clientip  the client address behind trusted reverse proxies
//	internal/compat    browser-compatibility data: import and lookup for #compat
//	internal/password  password hashing (argon2id) and MediaWiki's stored formats
//	internal/wikitest  MediaWiki parser tests and the real-content (corpus) checks
//	internal/blobtest, internal/cachetest, internal/queuetest  suites every BlobStore, Cache and JobQueue passes
package folio
