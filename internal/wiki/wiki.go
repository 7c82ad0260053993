// Package wiki holds the use cases that the web interface and the API share:
// editing with conflict merging, undo, rollback, delete, undelete, protect,
// move, patrol, login (also with bot passwords, whose grants limit the
// rights), and the permission checks in front of each of them.
package wiki

import (
	"context"
	"log/slog"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
	"github.com/folio-wiki/folio/internal/throttle"
)

// Linker derives a page's link tables and redirect target from its text, so
// that a save writes them in the same transaction.
type Linker interface {
	Links(ctx context.Context, t folio.Title, text string) (*folio.LinkSet, *folio.LinkTarget, error)
}

// Service runs wiki operations over a store. Set the fields before use.
type Service struct {
	Store      folio.Store
	Namespaces *folio.Namespaces
	Rights     folio.GroupRights
	Linker     Linker // nil leaves link tables untouched
	// PreSaver, when set, transforms the text of every edit before it is
	// saved (signatures, subst:, pipe trick).
	PreSaver PreSaver
	// Invalidator, when set, purges caches after each committed change.
	Invalidator Invalidator
	// ReadOnly, when not empty, is the reason every write is refused.
	ReadOnly string
	// ReadOnlyFunc, when set, reports the wiki-wide read-only switch that
	// operators flip at run time ("" when writable); it is consulted after
	// ReadOnly on every write.
	ReadOnlyFunc func(ctx context.Context) string
	Now          func() time.Time
	Logger       *slog.Logger
	// PasswordPolicy is what new passwords must follow.
	PasswordPolicy password.Policy
	// LoginThrottle limits failed logins per account and client address;
	// nil allows every attempt.
	LoginThrottle *throttle.Limiter
	// Accounts configures mail and throttles of the account flows.
	Accounts AccountSettings
	// NamespaceProtection maps a namespace to the right needed, besides
	// edit, to edit, create or move pages in it ($wgNamespaceProtection),
	// such as the Widget namespace's editwidgets (nsprotection.go).
	NamespaceProtection map[int]string
}

// New returns a Service with MediaWiki's default rights.
func New(store folio.Store, ns *folio.Namespaces) *Service {
	return &Service{
		Store:      store,
		Namespaces: ns,
		Rights:     folio.DefaultGroupRights(),
		Now:        time.Now,
		Logger:     slog.Default(),

		LoginThrottle: throttle.New(throttle.LoginRules...),
		Accounts:      DefaultAccountSettings(),
	}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Actor returns the actor for a user, or for an anonymous editor at ip.
func (s *Service) Actor(u *folio.User, ip string) folio.Actor {
	if u == nil {
		return folio.Actor{Name: s.CanonicalIP(ip)}
	}
	return folio.Actor{UserID: u.ID, Name: u.Name}
}

func (s *Service) checkWritable() error {
	if reason := s.ReadOnlyReason(context.Background()); reason != "" {
		return folio.Errorf(folio.EReadOnly, "The wiki is in read-only mode: %s", reason)
	}
	return nil
}

// ReadOnlyReason tells why the wiki refuses writes now, "" when it accepts
// them.
func (s *Service) ReadOnlyReason(ctx context.Context) string {
	if s.ReadOnly != "" {
		return s.ReadOnly
	}
	if s.ReadOnlyFunc != nil {
		return s.ReadOnlyFunc(ctx)
	}
	return ""
}

// CanonicalIP writes an IP address the way user names of anonymous editors
// are stored (IPv6 expanded and upper-cased, as MediaWiki does), so that
// contributions by the same address are found under one name.
func (s *Service) CanonicalIP(ip string) string {
	t, err := s.Namespaces.ParseTitle("User:"+ip, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser {
		return ip
	}
	return t.Text()
}
