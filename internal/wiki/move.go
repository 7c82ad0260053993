package wiki

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/pagecache"
)

// maxSubpageMoves is how many subpages one move takes along, as
// MediaWiki's $wgMaximumMovedPages.
const maxSubpageMoves = 100

// MoveRequest renames a page (Special:MovePage, action=move).
type MoveRequest struct {
	From, To folio.Title
	Reason   string
	// MoveTalk also moves the talk page of a subject page.
	MoveTalk bool
	// MoveSubpages also moves the subpages (and, with MoveTalk, those of
	// the talk page); it needs the move-subpages right.
	MoveSubpages bool
	// NoRedirect leaves no redirect behind; it needs the suppressredirect
	// right and is ignored without it.
	NoRedirect bool
	// DeleteTarget deletes a page at the new title first (Special:MovePage's
	// "delete and move"); it needs the right to delete that page and
	// applies to the page itself, not its talk page or subpages.
	DeleteTarget bool
	Bot          bool
	User         *folio.User
	IP           string
}

// MovedPage is the outcome of moving one title.
type MovedPage struct {
	From, To          folio.Title
	RedirectCreated   bool
	MovedOverRedirect bool
	Err               error // set when this title could not be moved
}

// MoveOutcome is what Move did: the page itself, and the talk page and
// subpages it took along.
type MoveOutcome struct {
	MovedPage
	Talk         *MovedPage // nil when no talk page was to be moved
	Subpages     []MovedPage
	TalkSubpages []MovedPage
}

// CanMove tells whether u may move t (whose page is p) at all: the checks
// Special:MovePage makes before showing its form.
func (s *Service) CanMove(ctx context.Context, u *folio.User, t folio.Title, p *folio.Page) error {
	if t.Namespace < folio.NSMain || t.Namespace == folio.NSFile {
		return folio.Errorf(folio.EImmobileNamespace, "Pages in the %s namespace cannot be moved.", namespaceName(t))
	}
	if p == nil {
		return folio.Errorf(folio.EMissingTitle, "The page %s does not exist.", t.PrefixedText())
	}
	if err := s.CheckPermission(ctx, u, "move", t, p); err != nil {
		return err
	}
	if t.Namespace == folio.NSUser && !s.Namespaces.IsSubpage(t) && !s.Allowed(u, "move-rootuserpages") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to move user pages: the \"move-rootuserpages\" right is needed.")
	}
	if t.Namespace == folio.NSMediaWiki && !s.Allowed(u, "editinterface") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to move interface pages: the \"editinterface\" right is needed.")
	}
	if err := s.checkNamespaceProtection(u, t); err != nil {
		return err
	}
	if level := p.ProtectionLevel("move", s.now()); level != "" && !s.Allowed(u, protectionRight(level)) {
		return folio.Errorf(folio.EProtectedPage, "This page is protected from moves: only users with the %q right may move it.", level)
	}
	return nil
}

func namespaceName(t folio.Title) string {
	if t.Prefix == "" {
		return "main"
	}
	return t.Prefix
}

// checkMoveTarget tells whether u may move a page to t, deleting the page
// there first when del is set.
func (s *Service) checkMoveTarget(ctx context.Context, u *folio.User, t folio.Title, del bool) error {
	if t.Namespace < folio.NSMain || t.Namespace == folio.NSFile || t.Interwiki != "" {
		return folio.Errorf(folio.EImmobileNamespace, "Pages cannot be moved into the %s namespace.", namespaceName(t))
	}
	if t.Namespace == folio.NSMediaWiki && !s.Allowed(u, "editinterface") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to move pages into the MediaWiki namespace.")
	}
	if err := s.checkNamespaceProtection(u, t); err != nil {
		return err
	}
	target, err := s.findPage(ctx, t)
	if err != nil {
		return err
	}
	if target != nil {
		if level := target.ProtectionLevel("edit", s.now()); level != "" && !s.Allowed(u, protectionRight(level)) {
			return folio.Errorf(folio.EProtectedPage, "The page at the new title is protected.")
		}
		if del {
			return s.CheckPermission(ctx, u, "delete", t, target)
		}
	}
	return nil
}

// Move renames req.From to req.To and, as asked, its talk page and
// subpages. An error about the page itself is returned as such; failures
// of the talk page or subpages are reported in their MovedPage.Err.
func (s *Service) Move(ctx context.Context, req MoveRequest) (*MoveOutcome, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if req.From.Equal(req.To) || (req.From.Namespace == req.To.Namespace && req.From.DBKey == req.To.DBKey) {
		return nil, folio.Errorf(folio.ESelfMove, "The page cannot be moved to its own title.")
	}
	if req.NoRedirect && !s.Allowed(req.User, "suppressredirect") {
		req.NoRedirect = false
	}
	main := s.moveOne(ctx, req, req.From, req.To, req.DeleteTarget)
	if main.Err != nil {
		return nil, main.Err
	}
	out := &MoveOutcome{MovedPage: main}
	subpages := req.MoveSubpages && s.Allowed(req.User, "move-subpages")
	if subpages {
		out.Subpages = s.moveSubpages(ctx, req, req.From, req.To)
	}
	if req.MoveTalk && !s.Namespaces.IsTalk(req.From.Namespace) {
		s.moveTalk(ctx, req, out, subpages)
	}
	return out, nil
}

// moveTalk moves the talk page of req.From, if it exists, and its subpages.
func (s *Service) moveTalk(ctx context.Context, req MoveRequest, out *MoveOutcome, subpages bool) {
	from, ok1 := s.Namespaces.TalkPage(req.From)
	to, ok2 := s.Namespaces.TalkPage(req.To)
	if !ok1 || !ok2 {
		return
	}
	if p, err := s.findPage(ctx, from); err != nil || p == nil {
		return
	}
	talk := s.moveOne(ctx, req, from, to, false)
	out.Talk = &talk
	if subpages && talk.Err == nil {
		out.TalkSubpages = s.moveSubpages(ctx, req, from, to)
	}
}

// moveSubpages moves the subpages of from to the same subpages of to.
func (s *Service) moveSubpages(ctx context.Context, req MoveRequest, from, to folio.Title) []MovedPage {
	if !s.Namespaces.IsSubpage(s.Namespaces.MakeTitle(from.Namespace, "A/B")) {
		return nil
	}
	ns := from.Namespace
	pages, err := s.Store.FindPages(ctx, folio.PageFilter{Namespace: &ns, Prefix: from.DBKey + "/", Limit: maxSubpageMoves})
	if err != nil {
		return []MovedPage{{From: from, To: to, Err: fmt.Errorf("list subpages of %s: %w", from.PrefixedText(), err)}}
	}
	var out []MovedPage
	for _, p := range pages {
		sub := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
		dest := s.Namespaces.MakeTitle(to.Namespace, to.DBKey+strings.TrimPrefix(p.DBKey, from.DBKey))
		out = append(out, s.moveOne(ctx, req, sub, dest, false))
	}
	return out
}

// moveOne checks and moves one title, deleting a page at the new title
// first when del is set.
func (s *Service) moveOne(ctx context.Context, req MoveRequest, from, to folio.Title, del bool) MovedPage {
	mp := MovedPage{From: from, To: to}
	p, err := s.findPage(ctx, from)
	if err == nil {
		err = s.CanMove(ctx, req.User, from, p)
	}
	if err == nil {
		err = s.checkMoveTarget(ctx, req.User, to, del)
	}
	if err != nil {
		mp.Err = err
		return mp
	}
	mr := folio.MoveRequest{
		PageID: p.ID, ToNamespace: to.Namespace, ToDBKey: to.DBKey, ToText: to.PrefixedText(), Actor: s.Actor(req.User, req.IP),
		Comment: truncateComment(req.Reason), Summary: moveSummary(from, to, req.Reason), Bot: req.Bot,
		LeaveRedirect: !req.NoRedirect, DeleteTarget: del,
		DeleteComment: truncateComment("Deleted to make way for the move of [[" + from.PrefixedText() + "]]"),
	}
	if mr.LeaveRedirect {
		mr.RedirectText = "#REDIRECT [[" + to.PrefixedText() + "]]"
		if s.Linker != nil {
			if mr.RedirectLinks, _, err = s.Linker.Links(ctx, from, mr.RedirectText); err != nil {
				mp.Err = fmt.Errorf("derive links of the redirect at %s: %w", from.PrefixedText(), err)
				return mp
			}
		}
	}
	res, err := s.mover().MovePage(ctx, mr)
	if err != nil {
		mp.Err = err
		return mp
	}
	mp.RedirectCreated, mp.MovedOverRedirect = res.RedirectPageID != 0, res.MovedOverRedirect
	if _, ok := s.Store.(folio.WatchlistStore); ok && !s.Namespaces.IsTalk(from.Namespace) {
		// The talk page's watchers come along with the subject's.
		if err := s.MoveWatchers(context.WithoutCancel(ctx), from, to); err != nil {
			s.Logger.Error("move watchers", "from", from.PrefixedText(), "to", to.PrefixedText(), "err", err)
		}
	}
	s.changed(ctx, to.Namespace, to.DBKey, pagecache.Created)
	if mp.RedirectCreated {
		s.changed(ctx, from.Namespace, from.DBKey, pagecache.Edited)
	} else {
		s.changed(ctx, from.Namespace, from.DBKey, pagecache.Deleted)
	}
	return mp
}

// mover returns the store's MoveStore, or one that refuses every move.
func (s *Service) mover() folio.MoveStore {
	if ms, ok := s.Store.(folio.MoveStore); ok {
		return ms
	}
	return noMoves{}
}

type noMoves struct{}

func (noMoves) MovePage(context.Context, folio.MoveRequest) (*folio.MoveResult, error) {
	return nil, fmt.Errorf("the store cannot move pages")
}

// moveSummary is the edit summary of the null revision and the redirect.
func moveSummary(from, to folio.Title, reason string) string {
	sum := fmt.Sprintf("Page moved from [[%s]] to [[%s]]", from.PrefixedText(), to.PrefixedText())
	if r := truncateComment(reason); r != "" {
		sum += ": " + r
	}
	return truncateComment(sum)
}
