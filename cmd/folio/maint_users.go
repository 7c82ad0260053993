package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/password"
	"github.com/folio-wiki/folio/internal/wiki"
)

// runPassword sets a user's password, read from a file or stdin, never
// from the command line.
func runPassword(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "password", "password NAME --password-file FILE [flags]")
	pwFile := f.fs.String("password-file", "", "file holding the new password (\"-\" for stdin)")
	name, rest := splitName(args)
	if err := f.fs.Parse(rest); err != nil {
		return err
	}
	if name == "" || *pwFile == "" {
		f.fs.Usage()
		return &usageError{"maint password: NAME and --password-file are required"}
	}
	pw, err := readSecret(m.Stdin, *pwFile)
	if err != nil {
		return err
	}
	if len(pw) < wiki.MinPasswordLength {
		return folio.Errorf(folio.EInvalidParameter, "Passwords must be at least %d characters long.", wiki.MinPasswordLength)
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Store.FindUserByName(ctx, name)
	if err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	if _, err := a.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{PasswordHash: &hash}); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Changed the password of %s.\n", u.Name)
	return nil
}

func readSecret(stdin io.Reader, path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// runGroups adds and removes explicit groups of a user.
func runGroups(ctx context.Context, m *Main, args []string) error {
	f := newMaintFlags(m, "groups", "groups NAME [--add GROUP]... [--remove GROUP]... [flags]")
	var add, remove groupList
	f.fs.Var(&add, "add", "add the user to this group (repeatable)")
	f.fs.Var(&remove, "remove", "remove the user from this group (repeatable)")
	name, rest := splitName(args)
	if err := f.fs.Parse(rest); err != nil {
		return err
	}
	if name == "" {
		f.fs.Usage()
		return &usageError{"maint groups: NAME is required"}
	}
	a, err := f.openWritable(ctx, m)
	if err != nil {
		return err
	}
	defer a.Close()
	known := a.Wiki.Rights.Groups()
	for _, g := range append(slices.Clone(add), remove...) {
		if !slices.Contains(known, g) {
			return folio.Errorf(folio.EInvalidParameter, "Unknown group %q (known groups: %s).", g, strings.Join(known, ", "))
		}
	}
	u, err := a.Store.FindUserByName(ctx, name)
	if err != nil {
		return err
	}
	groups := slices.DeleteFunc(slices.Clone(u.Groups), func(g string) bool { return slices.Contains(remove, g) })
	for _, g := range add {
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	if _, err := a.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{Groups: &groups}); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s is now in the groups: %s\n", u.Name, strings.Join(groups, ", "))
	return nil
}
