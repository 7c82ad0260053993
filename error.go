package folio

import (
	"errors"
	"fmt"
)

// Error codes. They are MediaWiki Action API error codes, so that the API can
// pass them through unchanged and the HTML layer can map them to statuses.
const (
	EInternal         = "internal"
	EInvalidTitle     = "invalidtitle"
	EMissingTitle     = "missingtitle"
	ENoSuchRevID      = "nosuchrevid"
	ENoSuchUser       = "nosuchuser"
	EArticleExists    = "articleexists"
	EEditConflict     = "editconflict"
	EBadToken         = "badtoken"
	EPermissionDenied = "permissiondenied"
	EProtectedPage    = "protectedpage"
	EReadOnly         = "readonly"
	EInvalidParameter = "invalidparameter"
	EUserExists       = "userexists"
	EWrongPassword    = "wrongpassword"
	ENotLoggedIn      = "notloggedin"
	EContentTooBig    = "contenttoobig"
	ENoChange         = "nochange"
	EAlreadyRolled    = "alreadyrolled"
	EOnlyAuthor       = "onlyauthor"
	EUndoFailure      = "undofailure"
	ECantUndelete     = "cantundelete"
	EBusy             = "busy"
	ERateLimited      = "ratelimited"
	EBlocked          = "blocked"
	ENotBlocked       = "cantunblock"
)

// Error is a domain failure that callers may show to users: Code is a
// MediaWiki API error code and Message an English sentence.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("folio error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message for internal errors, so that internals never reach users.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "An internal error occurred."
}
