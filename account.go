package folio

import (
	"context"
	"time"
)

// States of an account request, as in the ConfirmAccount extension: a new
// request waits for its email confirmation, then is open in the queue
// until an administrator accepts, holds or rejects it.
const (
	RequestUnconfirmed = "unconfirmed"
	RequestOpen        = "open"
	RequestHeld        = "held"
	RequestRejected    = "rejected"
	RequestAccepted    = "accepted"
)

// AccountRequest is a request for an account (ConfirmAccount's
// account_requests row).
type AccountRequest struct {
	ID       int64
	Name     string // the requested user name, normalised
	RealName string
	Email    string
	Bio      string
	IP       string
	Created  time.Time
	// EmailTokenHash is the SHA-256 hex of the token mailed in the
	// confirmation link; the token itself is never stored.
	EmailTokenHash     string
	EmailTokenExpires  time.Time
	EmailAuthenticated *time.Time
	Status             string
	// Reason is the administrator's reason for a hold or a rejection.
	Reason    string
	HandledBy string // name of the administrator who acted last
	HandledAt *time.Time
}

// AccountRequestFilter selects requests, oldest first.
type AccountRequestFilter struct {
	Status *string
	Limit  int
}

// AccountRequestUpdate changes a request; nil fields stay as they are.
// Setting Status stamps HandledAt with the transaction time.
type AccountRequestUpdate struct {
	Status             *string
	Reason             *string
	HandledBy          *string
	EmailAuthenticated *time.Time
}

// AccountRequestStore keeps account requests. Find methods return an
// EInvalidParameter error when nothing matches.
type AccountRequestStore interface {
	// CreateAccountRequest stores r and sets its ID; EUserExists when a
	// request for the same name exists.
	CreateAccountRequest(ctx context.Context, r *AccountRequest) error
	FindAccountRequestByID(ctx context.Context, id int64) (*AccountRequest, error)
	FindAccountRequestByToken(ctx context.Context, tokenHash string) (*AccountRequest, error)
	FindAccountRequests(ctx context.Context, f AccountRequestFilter) ([]*AccountRequest, error)
	UpdateAccountRequest(ctx context.Context, id int64, upd AccountRequestUpdate) (*AccountRequest, error)
}

// Block stops a registered user from editing until Expiry (MediaWiki's
// block table); a zero Expiry never ends.
type Block struct {
	ID        int64
	Target    string // the blocked user's name
	UserID    int64
	By        string // name of the administrator
	Reason    string
	Timestamp time.Time
	Expiry    time.Time
}

// Active reports whether b is in force at now.
func (b *Block) Active(now time.Time) bool {
	return b.Expiry.IsZero() || now.Before(b.Expiry)
}

// BlockStore keeps blocks, at most one per target.
type BlockStore interface {
	// SaveBlock creates the block of b.Target or replaces it, and sets b.ID.
	SaveBlock(ctx context.Context, b *Block) error
	// FindBlock returns the block of target, expired or not, or ENotBlocked.
	FindBlock(ctx context.Context, target string) (*Block, error)
	// DeleteBlock removes the block of target, or returns ENotBlocked.
	DeleteBlock(ctx context.Context, target string) error
	// FindBlocks lists blocks, newest first.
	FindBlocks(ctx context.Context, limit int) ([]*Block, error)
}

// UserOptionStore keeps user preferences (MediaWiki's user_properties)
// and the confirmation token of a user's email address.
type UserOptionStore interface {
	// FindUserOptions returns the preferences set for a user.
	FindUserOptions(ctx context.Context, userID int64) (map[string]string, error)
	// SetUserOptions stores options; an empty value removes the option.
	SetUserOptions(ctx context.Context, userID int64, opts map[string]string) error
	// SetEmailToken starts the confirmation of the user's address: the
	// address counts as unconfirmed until ConfirmEmailToken is called with
	// the token whose SHA-256 hex is tokenHash, before expires.
	SetEmailToken(ctx context.Context, userID int64, tokenHash string, expires time.Time) error
	// ConfirmEmailToken marks the address of the token's user confirmed at
	// now and returns the user; EInvalidParameter for an unknown or
	// expired token.
	ConfirmEmailToken(ctx context.Context, tokenHash string, now time.Time) (*User, error)
}

// ExternalIdentity is a person as an outside identity provider (OpenID
// Connect, SAML…) vouches for them: the hook for single sign-on.
type ExternalIdentity struct {
	Provider      string // the configured name of the provider
	Subject       string // the provider's stable id of the person
	Name          string // preferred user name, a suggestion only
	RealName      string
	Email         string
	EmailVerified bool
}

// IdentityProvider signs people in through an outside service. The web
// layer sends the browser to the URL Begin returns and hands the callback's
// query to Finish; the account service then finds the local user linked
// to the identity (or offers to link or create one) and starts a session
// as a password login does. The throttles, blocks and rights of local
// accounts apply unchanged.
type IdentityProvider interface {
	// Name is the provider's configured name, used in URLs and links.
	Name() string
	// Begin returns the URL that starts a sign-in; state is a one-time
	// value the callback must carry back.
	Begin(ctx context.Context, state, callbackURL string) (string, error)
	// Finish checks the callback's query against state and returns the
	// identity it proves.
	Finish(ctx context.Context, query map[string][]string, state, callbackURL string) (*ExternalIdentity, error)
}
