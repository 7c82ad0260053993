package api

import (
	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// runCreateAccount is action=createaccount with username, password and
// retype (and optionally email, realname and reason). It goes through the
// same path as Special:CreateAccount: the createaccount right (taken away
// in account request mode), the per-address creation throttle, the user
// name rules and the password policy, and the newusers log. As in
// MediaWiki the new account is not logged in, and refusals are status FAIL
// with MediaWiki's message codes (acct_creation_throttle_hit for the
// throttle).
func (s *Server) runCreateAccount(c *call) error {
	if err := s.checkTokenParam(c, "createtoken", "createaccount"); err != nil {
		return err
	}
	if !c.has("createreturnurl") && !c.has("createcontinue") {
		return usageError("missingparam", "One of the \"createreturnurl\" and \"createcontinue\" parameters is required.")
	}
	if c.boolean("createcontinue") {
		return usageError("badcontinuation", "There is no account creation in progress to continue.")
	}
	for _, p := range []string{"createrequests", "createmessageformat", "createmergerequestfields", "createpreservestate"} {
		c.str(p)
	}
	out := newObj()
	c.result.set("createaccount", out)
	in := wiki.CreateAccountInput{Name: c.str("username"), Password: c.str("password"), Retype: c.str("retype"),
		CheckRetype: c.has("retype"), Email: c.str("email"), RealName: c.str("realname"), Reason: c.str("reason")}
	u, err := s.Wiki.CreateAccount(c.ctx, c.user(), in, s.clientIP(c.r))
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			return err
		}
		out.set("status", "FAIL").set("message", folio.ErrorMessage(err)).set("messagecode", createMessageCode(err, in)).
			set("canpreservestate", flag(false))
		return nil
	}
	out.set("status", "PASS").set("username", u.Name)
	return nil
}

// createMessageCode is MediaWiki's message key of a refused creation.
func createMessageCode(err error, in wiki.CreateAccountInput) string {
	switch folio.ErrorCode(err) {
	case folio.ERateLimited:
		return "acct_creation_throttle_hit"
	case folio.EUserExists:
		return "userexists"
	case folio.EPermissionDenied:
		return "permissiondenied"
	case folio.EBlocked:
		return "blockedtext"
	case folio.EInvalidParameter:
		if in.CheckRetype && in.Retype != in.Password {
			return "badretype"
		}
	}
	return folio.ErrorCode(err)
}
