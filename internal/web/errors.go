package web

import (
	"net/http"

	"github.com/folio-wiki/folio"
)

// errorStatus maps folio error codes to HTTP statuses and page headings.
// Codes not listed are internal errors (500).
var errorStatus = map[string]struct {
	status  int
	heading string
}{
	folio.EMissingTitle:     {http.StatusNotFound, "Page not found"},
	folio.ENoSuchRevID:      {http.StatusNotFound, "Revision not found"},
	folio.ENoSuchUser:       {http.StatusNotFound, "No such user"},
	folio.EInvalidTitle:     {http.StatusBadRequest, "Bad title"},
	folio.EInvalidParameter: {http.StatusBadRequest, "Invalid request"},
	folio.EBadToken:         {http.StatusBadRequest, "Session data lost"},
	folio.EPermissionDenied: {http.StatusForbidden, "Permission error"},
	folio.EProtectedPage:    {http.StatusForbidden, "Page protected"},
	folio.EWrongPassword:    {http.StatusForbidden, "Login error"},
	folio.ENotLoggedIn:      {http.StatusForbidden, "Not logged in"},
	folio.EReadOnly:         {http.StatusServiceUnavailable, "Database locked"},
	folio.EBusy:             {http.StatusServiceUnavailable, "Server busy"},
	folio.EEditConflict:     {http.StatusConflict, "Edit conflict"},
	folio.EArticleExists:    {http.StatusConflict, "Page already exists"},
	folio.EUserExists:       {http.StatusConflict, "User exists"},
	folio.ENoChange:         {http.StatusConflict, "No change"},
	folio.EAlreadyRolled:    {http.StatusConflict, "Rollback failed"},
	folio.EOnlyAuthor:       {http.StatusConflict, "Rollback failed"},
	folio.EUndoFailure:      {http.StatusConflict, "Undo failed"},
	folio.ECantUndelete:     {http.StatusConflict, "Undelete failed"},
	folio.EContentTooBig:    {http.StatusRequestEntityTooLarge, "Text too long"},
	folio.EMissingFile:      {http.StatusNotFound, "File not found"},
	folio.EFileExists:       {http.StatusConflict, "File exists"},
	folio.EFileTypeBanned:   {http.StatusBadRequest, "File type not allowed"},
	folio.EVerification:     {http.StatusBadRequest, "File refused"},
	folio.EEmptyFile:        {http.StatusBadRequest, "Empty file"},
	folio.EFileTooLarge:     {http.StatusRequestEntityTooLarge, "File too large"},
	folio.EBadFileName:      {http.StatusBadRequest, "Bad file name"},
	folio.ERateLimited:      {http.StatusTooManyRequests, "Too many attempts"},
	folio.EBlocked:          {http.StatusForbidden, "User is blocked"},
	folio.ENotBlocked:       {http.StatusBadRequest, "Not blocked"},

	// Moves, patrol and bot passwords.
	folio.ESelfMove:          {http.StatusBadRequest, "Move failed"},
	folio.EImmobileNamespace: {http.StatusBadRequest, "Move failed"},
	folio.EProtectedTitle:    {http.StatusForbidden, "Title protected"},
	folio.ENoSuchRCID:        {http.StatusNotFound, "No such change"},
	folio.ENotPatrollable:    {http.StatusBadRequest, "Cannot patrol"},
	folio.ENoAutoPatrol:      {http.StatusForbidden, "Cannot patrol"},
	folio.EBotPasswordExists: {http.StatusBadRequest, "Bot password exists"},
	folio.ENoSuchBotPassword: {http.StatusNotFound, "No such bot password"},
}

// errorStatusOf returns the HTTP status for err.
func errorStatusOf(err error) int {
	if e, ok := errorStatus[folio.ErrorCode(err)]; ok {
		return e.status
	}
	return http.StatusInternalServerError
}

// errorData is what templates/error.html shows.
type errorData struct {
	Code      string
	Message   string
	RequestID string
	Internal  bool
}

// writeError shows err as an error page. Domain errors show their message
// with the status from errorStatus; any other error is logged with the
// request id and shown as a generic message.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := folio.ErrorCode(err)
	e, known := errorStatus[code]
	id := state(r).id
	if !known {
		s.Logger.Error("internal error", "request_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		e.status, e.heading = http.StatusInternalServerError, "Internal error"
	}
	v := s.newView(r, e.heading)
	v.Robots = "noindex,nofollow"
	v.Data = errorData{Code: code, Message: folio.ErrorMessage(err), RequestID: id, Internal: !known}
	s.render(w, r, e.status, "error", v)
}
