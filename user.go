package folio

import "time"

// User is a registered account.
type User struct {
	ID                 int64
	Name               string
	RealName           string
	Email              string
	EmailAuthenticated *time.Time
	PasswordHash       string
	Registration       time.Time
	EditCount          int
	Groups             []string // explicit groups; implicit ones come from Groups()
}

// Actor is whoever made a change: a registered user (UserID > 0) or an
// anonymous editor named by IP address.
type Actor struct {
	ID     int64
	UserID int64
	Name   string
}

// IsAnon reports whether the actor is an anonymous (IP) editor.
func (a Actor) IsAnon() bool { return a.UserID == 0 }

// UserFilter selects users for listings.
type UserFilter struct {
	From  string
	Group *string
	Limit int
}

// UserUpdate changes fields of a user; nil fields stay as they are.
type UserUpdate struct {
	RealName     *string
	Email        *string
	PasswordHash *string
	Groups       *[]string
}

// Session is server-side login state, found by the hash of the cookie value.
type Session struct {
	ID      string // SHA-256 hex of the secret cookie value; the value is never stored
	UserID  int64
	Data    map[string]string
	Expires time.Time
}
