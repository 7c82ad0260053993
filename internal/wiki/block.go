package wiki

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

func (s *Service) blocks() (folio.BlockStore, error) {
	if st, ok := s.Store.(folio.BlockStore); ok {
		return st, nil
	}
	return nil, fmt.Errorf("the store does not keep blocks")
}

// ActiveBlock returns the block in force on u, or nil. Anonymous visitors
// and stores without blocks are never blocked.
func (s *Service) ActiveBlock(ctx context.Context, u *folio.User) (*folio.Block, error) {
	if u == nil {
		return nil, nil
	}
	st, err := s.blocks()
	if err != nil {
		return nil, nil
	}
	b, err := st.FindBlock(ctx, u.Name)
	if folio.ErrorCode(err) == folio.ENotBlocked {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if !b.Active(s.now()) {
		return nil, nil
	}
	return b, nil
}

// checkBlock returns EBlocked when u may not write because of a block.
func (s *Service) checkBlock(ctx context.Context, u *folio.User) error {
	b, err := s.ActiveBlock(ctx, u)
	if err != nil || b == nil {
		return err
	}
	until := "indefinitely"
	if !b.Expiry.IsZero() {
		until = "until " + b.Expiry.UTC().Format("15:04, 2 January 2006") + " (UTC)"
	}
	return folio.Errorf(folio.EBlocked, "Your account has been blocked from editing %s by %s. Reason: %s", until, b.By, b.Reason)
}

// Block blocks the user named target until expiry (zero: never ends),
// replacing any block of that user. admin needs the block right; the
// action is logged.
func (s *Service) Block(ctx context.Context, admin *folio.User, target string, expiry time.Time, reason string) (*folio.Block, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if !s.Allowed(admin, "block") {
		return nil, folio.Errorf(folio.EPermissionDenied, "You do not have permission to block users: the \"block\" right is needed.")
	}
	st, err := s.blocks()
	if err != nil {
		return nil, err
	}
	u, err := s.findUserByName(ctx, target)
	if err != nil {
		return nil, err
	}
	if u.ID == admin.ID && !s.Allowed(admin, "unblockself") {
		return nil, folio.Errorf(folio.EInvalidParameter, "You cannot block yourself.")
	}
	if !expiry.IsZero() && !expiry.After(s.now()) {
		return nil, folio.Errorf(folio.EInvalidParameter, "The expiry time is in the past.")
	}
	action := "block"
	if _, err := st.FindBlock(ctx, u.Name); err == nil {
		action = "reblock"
	}
	b := &folio.Block{Target: u.Name, UserID: u.ID, By: admin.Name, Reason: strings.TrimSpace(reason), Expiry: expiry}
	if err := st.SaveBlock(ctx, b); err != nil {
		return nil, err
	}
	params := map[string]string{"expiry": "infinity"}
	if !expiry.IsZero() {
		params["expiry"] = expiry.UTC().Format(time.RFC3339)
	}
	return b, s.logUserAction(ctx, admin, "block", action, u.Name, b.Reason, params)
}

// Unblock lifts the block of target; admin needs the block right.
func (s *Service) Unblock(ctx context.Context, admin *folio.User, target, reason string) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if !s.Allowed(admin, "block") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to unblock users: the \"block\" right is needed.")
	}
	st, err := s.blocks()
	if err != nil {
		return err
	}
	u, err := s.findUserByName(ctx, target)
	if err != nil {
		return err
	}
	if err := st.DeleteBlock(ctx, u.Name); err != nil {
		return err
	}
	return s.logUserAction(ctx, admin, "block", "unblock", u.Name, strings.TrimSpace(reason), nil)
}

// findUserByName parses name as a user name and finds the account.
func (s *Service) findUserByName(ctx context.Context, name string) (*folio.User, error) {
	t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser || strings.TrimSpace(name) == "" {
		return nil, folio.Errorf(folio.ENoSuchUser, "There is no user called %q.", name)
	}
	return s.Store.FindUserByName(ctx, t.Text())
}

// logUserAction writes a log entry about the user page of target.
func (s *Service) logUserAction(ctx context.Context, admin *folio.User, typ, action, target, reason string, params map[string]string) error {
	le := &folio.LogEntry{Type: typ, Action: action, Actor: s.Actor(admin, ""), Namespace: folio.NSUser,
		DBKey: strings.ReplaceAll(target, " ", "_"), Comment: reason, Params: params}
	if err := s.Store.CreateLogEntry(ctx, le); err != nil {
		return fmt.Errorf("log %s/%s: %w", typ, action, err)
	}
	return nil
}
