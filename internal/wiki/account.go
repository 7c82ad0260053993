package wiki

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
)

// MinPasswordLength is the shortest password accepted for new passwords.
const MinPasswordLength = 8

// CreateUser creates an account with a password and explicit groups.
func (s *Service) CreateUser(ctx context.Context, name, pw string, groups []string) (*folio.User, error) {
	t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser || strings.Contains(t.DBKey, "/") || t.Fragment != "" {
		return nil, folio.Errorf(folio.EInvalidParameter, "%q is not a valid user name.", name)
	}
	if len(pw) < MinPasswordLength {
		return nil, folio.Errorf(folio.EInvalidParameter, "Passwords must be at least %d characters long.", MinPasswordLength)
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

// Login checks a name and password. Wrong names and wrong passwords give the
// same EWrongPassword error so that the answer does not reveal which users
// exist.
func (s *Service) Login(ctx context.Context, name, pw string) (*folio.User, error) {
	wrong := folio.Errorf(folio.EWrongPassword, "Incorrect username or password entered. Please try again.")
	t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
	if err != nil || t.Namespace != folio.NSUser {
		return nil, wrong
	}
	u, err := s.Store.FindUserByName(ctx, t.Text())
	if folio.ErrorCode(err) == folio.ENoSuchUser {
		// Spend the same time as a real check.
		_, _, _ = password.Verify(dummyHash, pw)
		return nil, wrong
	} else if err != nil {
		return nil, err
	}
	ok, rehash, err := password.Verify(u.PasswordHash, pw)
	if err != nil || !ok {
		return nil, wrong
	}
	if rehash && s.ReadOnly == "" {
		if h, err := password.Hash(pw); err == nil {
			_, _ = s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{PasswordHash: &h})
		}
	}
	return u, nil
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
