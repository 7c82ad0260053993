package api

import (
	"net/http"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/clientip"
)

// runLogin is action=login: lgname, lgpassword and lgtoken. Without a
// token it answers NeedToken with one, as older clients expect. Failed
// attempts count against the login throttle of the account and the client
// address, as on Special:UserLogin; a throttled login is result "Failed"
// with the reason, as MediaWiki 1.39 answers (login-throttled).
func (s *Server) runLogin(c *call) error {
	name, pw := c.str("lgname"), c.str("lgpassword")
	c.str("lgdomain")
	tok := c.str("lgtoken")
	out := newObj()
	c.result.set("login", out)
	if tok == "" {
		t, err := s.token(c, "login")
		if err != nil {
			return err
		}
		c.warn("deprecation", "Fetch login tokens with action=query&meta=tokens&type=login.")
		out.set("result", "NeedToken").set("token", t)
		return nil
	}
	if !validToken(c, "login", tok) {
		out.set("result", "Failed").set("reason", "The login token is not valid for this session; the session has probably expired. Fetch a new token.")
		return nil
	}
	if done, err := s.botLogin(c, out, name, pw); done {
		return err
	}
	u, err := s.Wiki.LoginFrom(c.ctx, name, pw, s.clientIP(c.r))
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			return err
		}
		s.Logger.Info("api login failed", "code", folio.ErrorCode(err), "ip", s.clientIP(c.r))
		out.set("result", "Failed").set("reason", folio.ErrorMessage(err))
		return nil
	}
	if err := s.startUserSession(c, u); err != nil {
		return err
	}
	out.set("result", "Success").set("lguserid", u.ID).set("lgusername", u.Name)
	return nil
}

// loginMessageCode is MediaWiki's message key of a failed login.
func loginMessageCode(err error) string {
	switch folio.ErrorCode(err) {
	case folio.ERateLimited:
		return "login-throttled"
	case folio.EWrongPassword:
		return "wrongpassword"
	}
	return folio.ErrorCode(err)
}

// startUserSession replaces the request's session with a new one for u, so
// that a session id is never reused across a login.
func (s *Server) startUserSession(c *call, u *folio.User) error {
	if err := s.Sessions.End(c.ctx, c.w, c.st); err != nil {
		return err
	}
	if err := s.Sessions.Start(c.ctx, c.w, c.st, u.ID, c.boolean("rememberMe")); err != nil {
		return err
	}
	c.st.User = u
	return nil
}

// runClientLogin is action=clientlogin with username and password fields.
// Folio has no further authentication steps, so the answer is PASS or FAIL.
func (s *Server) runClientLogin(c *call) error {
	if err := s.checkTokenParam(c, "logintoken", "login"); err != nil {
		return err
	}
	if !c.has("loginreturnurl") && !c.has("logincontinue") {
		return usageError("missingparam", "One of the \"loginreturnurl\" and \"logincontinue\" parameters is required.")
	}
	if c.boolean("logincontinue") {
		return usageError("badcontinuation", "There is no login in progress to continue.")
	}
	c.str("loginrequests")
	c.str("loginmessageformat")
	out := newObj()
	c.result.set("clientlogin", out)
	u, err := s.Wiki.LoginFrom(c.ctx, c.str("username"), c.str("password"), s.clientIP(c.r))
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			return err
		}
		out.set("status", "FAIL").set("message", folio.ErrorMessage(err)).set("messagecode", loginMessageCode(err)).
			set("canpreservestate", flag(false))
		return nil
	}
	if err := s.startUserSession(c, u); err != nil {
		return err
	}
	out.set("status", "PASS").set("username", u.Name)
	return nil
}

// runLogout is action=logout: it ends the session.
func (s *Server) runLogout(c *call) error {
	return s.Sessions.End(c.ctx, c.w, c.st)
}

// clientIP is the address the throttles count: the peer, or when the peer
// is one of TrustedProxies, the nearest untrusted address in
// X-Forwarded-For, as the HTML interface reads it.
func (s *Server) clientIP(r *http.Request) string {
	return s.Wiki.CanonicalIP(clientip.From(r, s.TrustedProxies))
}
