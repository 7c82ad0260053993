package wiki

import (
	"context"
	"strings"

	"github.com/folio-wiki/folio"
)

// Allowed reports whether u (nil for anonymous) has right.
func (s *Service) Allowed(u *folio.User, right string) bool {
	if u != nil && u.Grants != nil && !folio.GrantsAllow(u.Grants, right) {
		return false
	}
	return s.Rights.Allowed(folio.EffectiveGroups(u), right)
}

// UserRights lists the rights u has (limited by the grants of a bot
// password login).
func (s *Service) UserRights(u *folio.User) []string {
	rights := s.Rights.Rights(folio.EffectiveGroups(u))
	if u == nil || u.Grants == nil {
		return rights
	}
	out := rights[:0]
	for _, r := range rights {
		if folio.GrantsAllow(u.Grants, r) {
			out = append(out, r)
		}
	}
	return out
}

// CheckPermission tells whether u may do action ("read", "edit", "delete",
// "undelete", "protect", "rollback") on title t, whose page is p (nil when it
// does not exist). It returns EPermissionDenied or EProtectedPage.
func (s *Service) CheckPermission(ctx context.Context, u *folio.User, action string, t folio.Title, p *folio.Page) error {
	if u != nil && action != "read" && u.PasswordExpired(s.now()) {
		return folio.Errorf(folio.EPermissionDenied, "You must choose a new password before you can %s pages.", action)
	}
	// Blocked users may still edit their own talk page, as MediaWiki's
	// $wgBlockAllowsUTEdit allows by default.
	ownTalk := u != nil && t.Namespace == folio.NSUserTalk && t.DBKey == strings.ReplaceAll(u.Name, " ", "_")
	if action != "read" && !ownTalk {
		if err := s.checkBlock(ctx, u); err != nil {
			return err
		}
	}
	for _, right := range s.rightsFor(action, t, p) {
		if !s.Allowed(u, right) {
			return folio.Errorf(folio.EPermissionDenied, "You do not have permission to %s this page: the %q right is needed.", verb(action, p), right)
		}
	}
	if action == "edit" && p != nil {
		if level := p.ProtectionLevel("edit", s.now()); level != "" && !s.Allowed(u, protectionRight(level)) {
			return folio.Errorf(folio.EProtectedPage, "This page is protected: only users with the %q right may edit it.", level)
		}
	}
	return nil
}

func (s *Service) rightsFor(action string, t folio.Title, p *folio.Page) []string {
	switch action {
	case "edit":
		rights := []string{"edit"}
		if p == nil {
			if s.Namespaces.IsTalk(t.Namespace) {
				rights = append(rights, "createtalk")
			} else {
				rights = append(rights, "createpage")
			}
		}
		if t.Namespace == folio.NSMediaWiki {
			rights = append(rights, "editinterface")
		}
		if r := s.NamespaceProtection[t.Namespace]; r != "" {
			rights = append(rights, r)
		}
		return rights
	case "read", "delete", "undelete", "protect", "rollback":
		return []string{action}
	}
	return []string{action}
}

// protectionRight maps a protection level to the right that passes it;
// MediaWiki keeps "sysop" and "autoconfirmed" as legacy names.
func protectionRight(level string) string {
	switch level {
	case "sysop":
		return "editprotected"
	case "autoconfirmed":
		return "editsemiprotected"
	}
	return level
}

func verb(action string, p *folio.Page) string {
	if action == "edit" && p == nil {
		return "create"
	}
	return action
}
