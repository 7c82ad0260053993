package folio

import (
	"context"
	"slices"
)

// Error codes of bot passwords.
const (
	EBotPasswordExists = "botpasswords-exists"
	ENoSuchBotPassword = "botpasswords-not-exist"
)

// BotPasswordSeparator joins a user name and a bot name in the login name
// of a bot password ("Alice@mybot"), as in MediaWiki.
const BotPasswordSeparator = "@"

// BotPassword is a separate password of a user for one tool (MediaWiki's
// bot_passwords row). A login with it is limited to the rights of its
// grants.
type BotPassword struct {
	UserID       int64
	AppID        string // the bot name, at most 32 bytes
	PasswordHash string
	// Token changes whenever the password is reset; sessions logged in
	// with an older token end (MediaWiki's bp_token).
	Token  string
	Grants []string // names from BotGrants; "basic" is implied
}

// BotPasswordStore keeps bot passwords.
type BotPasswordStore interface {
	// CreateBotPassword stores a new bot password, or EBotPasswordExists.
	CreateBotPassword(ctx context.Context, bp *BotPassword) error
	// FindBotPassword returns one bot password, or ENoSuchBotPassword.
	FindBotPassword(ctx context.Context, userID int64, appID string) (*BotPassword, error)
	// FindBotPasswords lists a user's bot passwords by bot name.
	FindBotPasswords(ctx context.Context, userID int64) ([]*BotPassword, error)
	// UpdateBotPassword replaces the hash, token and grants of an existing
	// bot password, or returns ENoSuchBotPassword.
	UpdateBotPassword(ctx context.Context, bp *BotPassword) error
	// DeleteBotPassword removes one, or ENoSuchBotPassword.
	DeleteBotPassword(ctx context.Context, userID int64, appID string) error
}

// BotGrant is a set of rights a bot password may be given.
type BotGrant struct {
	Name        string
	Description string
	Rights      []string
}

// editRights are the rights every editing grant includes.
var editRights = []string{"edit", "minoredit", "applychangetags", "changetags"}

func withEdit(rights ...string) []string { return append(slices.Clone(editRights), rights...) }

// BotGrants are the grants a bot password may hold, after MediaWiki's
// $wgGrantPermissions, limited to rights Folio checks. "basic" is always
// granted.
var BotGrants = []BotGrant{
	{"basic", "Basic rights (always granted)", []string{"read", "autoconfirmed", "autopatrol",
		"editsemiprotected", "ipblock-exempt", "nominornewtalk", "writeapi", "purge"}},
	{"highvolume", "High-volume editing", []string{"bot", "apihighlimits", "noratelimit", "markbotedits"}},
	{"editpage", "Edit existing pages", withEdit()},
	{"editprotected", "Edit protected pages", withEdit("editprotected")},
	{"editinterface", "Edit the MediaWiki namespace and site JSON", withEdit("editinterface", "editsitejson", "edituserjson")},
	{"createeditmovepage", "Create, edit, and move pages", withEdit("createpage", "createtalk", "move",
		"move-rootuserpages", "move-subpages", "suppressredirect")},
	{"uploadfile", "Upload new files", []string{"upload", "reupload"}},
	{"uploadeditmovefile", "Upload, replace, and move files", []string{"upload", "reupload",
		"reupload-shared", "movefile", "suppressredirect"}},
	{"patrol", "Patrol changes to pages", []string{"patrol"}},
	{"rollback", "Rollback changes to pages", []string{"rollback"}},
	{"blockusers", "Block and unblock users", []string{"block", "blockemail"}},
	{"viewdeleted", "View deleted files and pages", []string{"browsearchive", "deletedhistory", "deletedtext"}},
	{"delete", "Delete pages, revisions, and log entries", withEdit("browsearchive", "deletedhistory",
		"deletedtext", "delete", "bigdelete", "undelete")},
	{"protect", "Protect and unprotect pages", withEdit("editprotected", "protect")},
	{"createaccount", "Create accounts", []string{"createaccount"}},
	{"editmyoptions", "Edit your user preferences", []string{"editmyoptions"}},
	{"editmywatchlist", "Edit your watchlist", []string{"editmywatchlist"}},
	{"viewmywatchlist", "View your watchlist", []string{"viewmywatchlist"}},
	{"import", "Import revisions", []string{"import", "importupload"}},
	{"userrights", "Change user rights", []string{"userrights"}},
	{"sendemail", "Send email to other users", []string{"sendemail"}},
}

// IsBotGrant reports whether name is one of BotGrants.
func IsBotGrant(name string) bool {
	for _, g := range BotGrants {
		if g.Name == name {
			return true
		}
	}
	return false
}

// GrantsAllow reports whether grants (plus "basic") include right.
func GrantsAllow(grants []string, right string) bool {
	for _, g := range BotGrants {
		if g.Name != "basic" && !slices.Contains(grants, g.Name) {
			continue
		}
		if slices.Contains(g.Rights, right) {
			return true
		}
	}
	return false
}
