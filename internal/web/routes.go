package web

import "net/http"

// routes is the URL table of the interface.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleRoot)
	mux.HandleFunc("GET /wiki/{title...}", s.handleWiki)
	mux.HandleFunc("POST /wiki/{title...}", s.handleWiki)
	mux.HandleFunc("GET /index.php", s.handleIndex)
	mux.HandleFunc("POST /index.php", s.handleIndex)
	mux.HandleFunc("GET /index.php/{title...}", s.handleWiki) // MediaWiki's PATH_INFO URLs
	mux.HandleFunc("POST /index.php/{title...}", s.handleWiki)
	mux.HandleFunc("GET /static/{file}", s.handleStatic)
	mux.HandleFunc("GET /favicon.ico", s.handleFavicon)
	mux.HandleFunc("GET /opensearch_desc.php", s.handleOpenSearchDesc)
	mux.HandleFunc("GET /images/", s.handleFiles)
	return mux
}

// actions is the table of index.php?action= values. Unknown actions get a
// "no such action" page.
func (s *Server) actions() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"view":      s.handleView,
		"edit":      s.handleEdit,
		"submit":    s.handleSubmit,
		"history":   s.handleHistory,
		"raw":       s.handleRaw,
		"render":    s.handleRender,
		"info":      s.handleInfo,
		"purge":     s.handlePurge,
		"delete":    s.handleDelete,
		"undelete":  s.handleUndelete,
		"protect":   s.handleProtect,
		"unprotect": s.handleProtect,
		"rollback":  s.handleRollback,
		"revert":    s.handleRevert,
		"watch":     s.handleWatch,
		"unwatch":   s.handleWatch,

		// Patrol marks, from the link under a diff.
		"markpatrolled": s.handleMarkPatrolled,
	}
}
