package api

// runResetPassword is action=resetpassword with user or email: it mails
// a temporary password as Special:PasswordReset does. The answer is
// "success" whether or not such an account exists, so that it reveals
// nothing; a client that asked too often gets the "ratelimited" error, as
// MediaWiki turns its actionthrottledtext into that code.
func (s *Server) runResetPassword(c *call) error {
	name, email := c.str("user"), c.str("email")
	c.str("capture")
	if name == "" && email == "" {
		return usageError("missingparam", "One of the \"user\" and \"email\" parameters is required.")
	}
	if err := s.Wiki.RequestPasswordReset(c.ctx, name, email, s.clientIP(c.r)); err != nil {
		return err
	}
	c.result.set("resetpassword", newObj().set("status", "success"))
	return nil
}
