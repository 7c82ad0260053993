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
	// PasswordExpires is when the password stops being valid for anything
	// but choosing a new one (MediaWiki's user_password_expires); nil means
	// never. Temporary passwords expire when they are issued.
	PasswordExpires *time.Time
	// NewPasswordHash is a mailed temporary password that works next to
	// the real one, issued at NewPasswordTime (MediaWiki's
	// user_newpassword); "" when there is none.
	NewPasswordHash string
	NewPasswordTime *time.Time
	Registration    time.Time
	EditCount       int
	Groups          []string // explicit groups; implicit ones come from Groups()
	// Grants, when not nil, limits this login (with a bot password) to the
	// rights of these BotGrants; see GrantsAllow.
	Grants []string
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
	// Email selects the users with this address, compared exactly.
	Email *string
	Limit int
}

// UserUpdate changes fields of a user; nil fields stay as they are.
type UserUpdate struct {
	RealName     *string
	Email        *string
	PasswordHash *string
	// PasswordExpires goes with PasswordHash: when PasswordHash is set, the
	// new password expires at PasswordExpires, or never when it is nil.
	PasswordExpires *time.Time
	// NewPasswordHash sets the temporary password, issued now; "" removes
	// it. Setting PasswordHash removes it too.
	NewPasswordHash *string
	Groups          *[]string
}

// PasswordExpired reports whether u must choose a new password at now.
func (u *User) PasswordExpired(now time.Time) bool {
	return u.PasswordExpires != nil && !now.Before(*u.PasswordExpires)
}

// Session is server-side login state, found by the hash of the cookie value.
type Session struct {
	ID      string // SHA-256 hex of the secret cookie value; the value is never stored
	UserID  int64
	Data    map[string]string
	Expires time.Time
}
