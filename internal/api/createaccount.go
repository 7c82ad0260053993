package api

import (
	"github.com/folio-wiki/folio"
)

// runCreateAccount is action=createaccount with username, password and
// retype. As in MediaWiki the new account is not logged in.
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
	for _, p := range []string{"createrequests", "createmessageformat", "createmergerequestfields", "createpreservestate", "email", "realname", "reason"} {
		c.str(p)
	}
	out := newObj()
	c.result.set("createaccount", out)
	fail := func(code, msg string) error {
		out.set("status", "FAIL").set("message", msg).set("messagecode", code).set("canpreservestate", flag(false))
		return nil
	}
	if !s.Wiki.Allowed(c.user(), "createaccount") {
		return fail("permissiondenied", "You do not have the right to create accounts.")
	}
	pw := c.str("password")
	if c.has("retype") && c.str("retype") != pw {
		return fail("badretype", "The two passwords are not the same.")
	}
	u, err := s.Wiki.CreateUser(c.ctx, c.str("username"), pw, nil)
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			return err
		}
		return fail(folio.ErrorCode(err), folio.ErrorMessage(err))
	}
	out.set("status", "PASS").set("username", u.Name)
	return nil
}
