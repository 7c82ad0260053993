package wiki

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
)

// MinPasswordLength is the shortest password accepted for new passwords
// when Service.PasswordPolicy sets no other.
const MinPasswordLength = password.DefaultMinLength

// CreateUser creates an account with a password and explicit groups.
func (s *Service) CreateUser(ctx context.Context, name, pw string, groups []string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser || strings.Contains(t.DBKey, "/") || t.Fragment != "" {
		return nil, folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", name)
	}
	if err := s.PasswordPolicy.Check(t.Text(), pw); err != nil {
		return nil, err
	}
	known := s.Rights.Groups()
	for _, g := range groups {
		if !contains(known, g) {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown group %q (known groups: %s).", g, strings.Join(known, ", "))
		}
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return nil, err
	}
	u := &folio.User{Name: t.Text(), PasswordHash: hash, Registration: s.now(), Groups: groups}
	if err := s.Store.CreateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("create user %s: %w", u.Name, err)
	}
	return u, nil
}

// Login checks a name and password without a client address; see
// LoginFrom.
func (s *Service) Login(ctx context.Context, name, pw string) (*folio.User, error) {
	return s.LoginFrom(ctx, name, pw, "")
}

// dummyHash is a valid argon2id hash of a random string, verified when the
// user does not exist.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0M2dwuQH3w9Q4pQzRZs0ZkHkR8P0hHcW6qvLPQdC6Vs"

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
