package password

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/folio-wiki/folio"
)

// DefaultMinLength is the shortest password Policy accepts when MinLength
// is zero.
const DefaultMinLength = 8

//go:embed common.txt
var commonText string

// common holds the lower-cased entries of common.txt.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
}()

// IsCommon reports whether pw is on the list of common passwords, ignoring
// case.
func IsCommon(pw string) bool {
	return common[strings.ToLower(pw)]
}

// Policy is the set of rules new passwords must follow, as MediaWiki's
// $wgPasswordPolicy does for its default groups.
type Policy struct {
	// MinLength is the shortest accepted password in characters;
	// DefaultMinLength when zero.
	MinLength int
	// AllowCommon lets passwords from the common-password list through.
	AllowCommon bool
}

// Check returns an EInvalidParameter error that says which rule pw breaks
// for the account name, or nil when it follows them all.
func (p Policy) Check(name, pw string) error {
	min := p.MinLength
	if min <= 0 {
		min = DefaultMinLength
	}
	switch {
	case utf8.RuneCountInString(pw) < min:
		return folio.Errorf(folio.EInvalidParameter, "Passwords must be at least %d characters long.", min)
	case len(pw) > 4096:
		return folio.Errorf(folio.EInvalidParameter, "Passwords must be shorter than 4096 bytes.")
	case name != "" && strings.EqualFold(strings.TrimSpace(pw), strings.TrimSpace(name)):
		return folio.Errorf(folio.EInvalidParameter, "The password must not be the same as the user name.")
	case !p.AllowCommon && IsCommon(pw):
		return folio.Errorf(folio.EInvalidParameter, "This password is too common. Please choose one that is harder to guess.")
	}
	return nil
}
