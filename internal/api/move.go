package api

import (
	"fmt"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// runMove is action=move: from or fromid, to, reason, movetalk,
// movesubpages and noredirect.
func (s *Server) runMove(c *call) error {
	from, err := s.moveSource(c)
	if err != nil {
		return err
	}
	toText, err := c.required("to")
	if err != nil {
		return err
	}
	to, err := c.title(s, toText)
	if err != nil {
		return err
	}
	to = s.Namespaces.MakeTitle(to.Namespace, to.DBKey)
	watch, err := c.enum("watchlist", "preferences", "watch", "unwatch", "preferences", "nochange")
	if err != nil {
		return err
	}
	if c.boolean("watch") {
		watch = "watch"
	} else if c.boolean("unwatch") {
		watch = "unwatch"
	}
	for _, x := range []string{"watchlistexpiry", "ignorewarnings", "tags"} {
		c.str(x)
	}
	reason := c.str("reason")
	out, err := s.Wiki.Move(c.ctx, wiki.MoveRequest{
		From: from, To: to, Reason: reason, MoveTalk: c.boolean("movetalk"),
		MoveSubpages: c.boolean("movesubpages"), NoRedirect: c.boolean("noredirect"),
		Bot: s.Wiki.Allowed(c.user(), "bot"), User: c.user(), IP: c.ip(),
	})
	if folio.ErrorCode(err) == folio.EPermissionDenied && c.user() == nil {
		return usageError("cantmove-anon", "You must be logged in to move pages.")
	} else if err != nil {
		return err
	}
	r := newObj().set("from", out.From.PrefixedText()).set("to", out.To.PrefixedText()).set("reason", reason).
		set("redirectcreated", flag(out.RedirectCreated)).set("moveoverredirect", flag(out.MovedOverRedirect))
	if t := out.Talk; t != nil {
		if t.Err != nil {
			r.set("talkmove-errors", []any{s.moveError(c, t.Err)})
		} else {
			r.set("talkfrom", t.From.PrefixedText()).set("talkto", t.To.PrefixedText()).
				set("talkmoveoverredirect", flag(t.MovedOverRedirect))
		}
	}
	if c.boolean("movesubpages") {
		r.set("subpages", s.movedList(c, out.Subpages))
		if out.Talk != nil {
			r.set("subpages-talk", s.movedList(c, out.TalkSubpages))
		}
	}
	c.result.set("move", r)
	s.watchMoved(c, watch, out)
	return nil
}

// watchMoved adds the old and new titles to the mover's watchlist, or
// removes them, as the watchlist parameter asks; "preferences" and
// "nochange" leave the watchlist alone. A failure is a warning: the move
// is done.
func (s *Server) watchMoved(c *call, watch string, out *wiki.MoveOutcome) {
	u := c.user()
	if u == nil || (watch != "watch" && watch != "unwatch") {
		return
	}
	titles := []folio.Title{out.From, out.To} // talk pages come along
	var err error
	if watch == "watch" {
		err = s.Wiki.WatchTitles(c.ctx, u, titles, time.Time{})
	} else {
		err = s.Wiki.UnwatchTitles(c.ctx, u, titles)
	}
	if err != nil {
		c.warn("watchlist", "The move was done, but the watchlist could not be changed: "+folio.ErrorMessage(err))
	}
}

// moveSource reads from or fromid; the page must exist.
func (s *Server) moveSource(c *call) (folio.Title, error) {
	if c.has("from") && c.has("fromid") {
		return folio.Title{}, usageError("invalidparammix", "The parameters \"from\" and \"fromid\" can not be used together.")
	}
	if c.has("fromid") {
		id, err := c.integer("fromid", 0)
		if err != nil {
			return folio.Title{}, err
		}
		p, err := s.Store.FindPageByID(c.ctx, id)
		if folio.ErrorCode(err) == folio.EMissingTitle {
			return folio.Title{}, usageError("nosuchpageid", fmt.Sprintf("There is no page with id %d.", id))
		} else if err != nil {
			return folio.Title{}, err
		}
		return s.Namespaces.MakeTitle(p.Namespace, p.DBKey), nil
	}
	v := c.str("from")
	if v == "" {
		return folio.Title{}, usageError("missingparam", "One of the parameters \"from\" and \"fromid\" is required.")
	}
	t, err := c.title(s, v)
	if err != nil {
		return folio.Title{}, err
	}
	return s.Namespaces.MakeTitle(t.Namespace, t.DBKey), nil
}

// movedList describes moved subpages: from and to, or the errors.
func (s *Server) movedList(c *call, pages []wiki.MovedPage) []any {
	list := []any{}
	for _, mp := range pages {
		if mp.Err != nil {
			list = append(list, newObj().set("errors", []any{s.moveError(c, mp.Err)}))
			continue
		}
		list = append(list, newObj().set("from", mp.From.PrefixedText()).set("to", mp.To.PrefixedText()))
	}
	return list
}

// moveError describes the failure of one title of a move, in the
// request's error format; internal errors are logged and hidden.
func (s *Server) moveError(c *call, err error) *obj {
	e, internal := toAPIError(err)
	if internal {
		s.Logger.Error("api move", "err", err)
	}
	if c.errfmt == "bc" || c.errfmt == "" {
		// MediaWiki's backwards-compatible shape of a status error.
		return newObj().set("message", e.Code).set("params", []any{}).set("code", e.Code).set("type", "error")
	}
	return c.message(e.Code, e.Info, "move").set("type", "error")
}
