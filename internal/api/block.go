package api

import (
	"github.com/folio-wiki/folio"
)

// blockedModules are the action modules a blocked user may not use, as
// MediaWiki refuses them with the "blocked" error. action=edit is not
// listed: the wiki service refuses it (with EBlocked) except on the user's
// own talk page; action=createaccount checks the block itself.
var blockedModules = map[string]bool{
	"delete": true, "undelete": true, "protect": true, "rollback": true, "upload": true,
	"move": true, "patrol": true, "import": true, "filerevert": true, "revisiondelete": true,
	"changecontentmodel": true, "userrights": true, "managetags": true, "stabilize": true,
}

// checkBlocked refuses a blocked user the modules in blockedModules.
func (s *Server) checkBlocked(c *call, action string) error {
	if !blockedModules[action] || c.user() == nil {
		return nil
	}
	b, err := s.Wiki.ActiveBlock(c.ctx, c.user())
	if err != nil || b == nil {
		return err
	}
	e := usageError(folio.EBlocked, "You have been blocked from editing, so you cannot do this.")
	return s.withBlockInfo(c, e)
}

// withBlockInfo adds MediaWiki's blockinfo object (blockid, blockedby,
// blockreason, blockedtimestamp, blockexpiry, blockpartial, blocknocreate)
// to a "blocked" error, so that clients can tell the user who blocked
// them, why and until when.
func (s *Server) withBlockInfo(c *call, e *apiError) *apiError {
	if e.Code != folio.EBlocked || e.Extra != nil || c.user() == nil {
		return e
	}
	info := newObj()
	if err := s.blockInfo(c, info, c.user()); err != nil || len(info.keys) == 0 {
		return e
	}
	info.set("blockpartial", flag(false)).set("blocknocreate", flag(false))
	e.Extra = newObj().set("blockinfo", info)
	return e
}
