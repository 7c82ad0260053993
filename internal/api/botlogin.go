package api

import (
	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// botLogin logs in with a bot password when name is "User@bot". It
// reports false for other names, which log in as usual. The session's
// rights are limited to the bot password's grants.
func (s *Server) botLogin(c *call, out *obj, name, pw string) (bool, error) {
	if _, _, ok := wiki.SplitBotLogin(name); !ok {
		return false, nil
	}
	u, bp, err := s.Wiki.BotLoginFrom(c.ctx, name, pw, s.clientIP(c.r))
	if err != nil {
		if folio.ErrorCode(err) == folio.EInternal {
			return true, err
		}
		out.set("result", "Failed").set("reason", folio.ErrorMessage(err))
		return true, nil
	}
	if err := s.startUserSession(c, u); err != nil {
		return true, err
	}
	if err := s.Sessions.MarkBotLogin(c.ctx, c.st, bp); err != nil {
		return true, err
	}
	out.set("result", "Success").set("lguserid", u.ID).set("lgusername", u.Name)
	return true, nil
}
