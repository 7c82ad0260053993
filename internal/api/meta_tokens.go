package api

import (
	"fmt"
	"strings"

	"github.com/folio-wiki/folio/internal/session"
)

// tokenTypes are the token kinds of meta=tokens, as in MediaWiki core.
var tokenTypes = []string{"createaccount", "csrf", "login", "patrol", "rollback", "userrights", "watch"}

// tokenSuffix ends every token, as MediaWiki's do; clients that check for
// it (to detect broken proxies) keep working.
const tokenSuffix = `+\`

// token returns the token of type typ for the session, starting one when
// the request has none.
func (s *Server) token(c *call, typ string) (string, error) {
	if c.anonymous {
		return tokenSuffix, nil // as MediaWiki's anonymous token: valid nowhere here
	}
	csrf, err := s.Sessions.CSRFToken(c.ctx, c.w, c.st)
	if err != nil {
		return "", err
	}
	if typ == "csrf" {
		return csrf + tokenSuffix, nil
	}
	return session.SaltedToken(c.st, typ) + tokenSuffix, nil
}

// validToken reports whether got is a token of type typ for the session.
// CSRF tokens are also accepted without the suffix, as the web forms send
// them.
func validToken(c *call, typ, got string) bool {
	got = strings.TrimSuffix(got, tokenSuffix)
	if typ == "csrf" {
		return session.CheckToken(c.st, got)
	}
	return session.CheckSaltedToken(c.st, typ, got)
}

// checkToken checks the "token" parameter of a module that needs one. It
// must come in the POST body.
func (s *Server) checkToken(c *call, typ string) error {
	return s.checkTokenParam(c, "token", typ)
}

func (s *Server) checkTokenParam(c *call, param, typ string) error {
	c.used[param] = true
	if _, inQuery := c.r.URL.Query()[param]; inQuery {
		if _, inBody := c.r.PostForm[param]; !inBody {
			return usageError("mustpostparams", fmt.Sprintf("The %q parameter was found in the query string, but must be in the POST body.", param))
		}
	}
	got := c.r.PostForm.Get(param)
	if got == "" && c.r.MultipartForm != nil && len(c.r.MultipartForm.Value[param]) > 0 {
		got = c.r.MultipartForm.Value[param][0]
	}
	if got == "" {
		return usageError("missingparam", fmt.Sprintf("The %q parameter is required.", param))
	}
	if !validToken(c, typ, got) {
		return usageError("badtoken", "The token is not valid for this session; fetch a new one with meta=tokens.")
	}
	return nil
}

// metaTokens is meta=tokens.
func (s *Server) metaTokens(c *call, q *query) error {
	types := c.set("type", []string{"csrf"}, tokenTypes...)
	out := q.out.child("tokens")
	for _, typ := range tokenTypes {
		if !types[typ] {
			continue
		}
		tok, err := s.token(c, typ)
		if err != nil {
			return err
		}
		out.set(typ+"token", tok)
	}
	return nil
}
