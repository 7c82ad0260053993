package wiki

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/folio-wiki/folio"
)

// AssignableGroups are the explicit groups Special:UserRights offers: every
// group of the policy except those Folio gives implicitly.
func (s *Service) AssignableGroups() []string {
	var out []string
	for _, g := range s.Rights.Groups() {
		if g != "autoconfirmed" {
			out = append(out, g)
		}
	}
	return out
}

// SetUserGroups replaces the explicit groups of the user named target with
// groups, as admin (who needs the userrights right), and logs the change
// as MediaWiki's rights/rights entry. It returns the updated user.
func (s *Service) SetUserGroups(ctx context.Context, admin *folio.User, target string, groups []string, reason string) (*folio.User, error) {
	if err := s.checkWritable(); err != nil {
		return nil, err
	}
	if !s.Allowed(admin, "userrights") {
		return nil, folio.Errorf(folio.EPermissionDenied, "You do not have permission to change user groups: the \"userrights\" right is needed.")
	}
	u, err := s.findUserByName(ctx, target)
	if err != nil {
		return nil, err
	}
	known := s.AssignableGroups()
	groups = slices.Clone(groups)
	sort.Strings(groups)
	groups = slices.Compact(groups)
	for _, g := range groups {
		if !contains(known, g) {
			return nil, folio.Errorf(folio.EInvalidParameter, "Unknown group %q (known groups: %s).", g, strings.Join(known, ", "))
		}
	}
	old := slices.Clone(u.Groups)
	sort.Strings(old)
	if slices.Equal(old, groups) {
		return u, nil
	}
	nu, err := s.Store.UpdateUser(ctx, u.ID, folio.UserUpdate{Groups: &groups})
	if err != nil {
		return nil, err
	}
	params := map[string]string{"oldgroups": strings.Join(old, ","), "newgroups": strings.Join(groups, ",")}
	return nu, s.logUserAction(ctx, admin, "rights", "rights", u.Name, strings.TrimSpace(reason), params)
}
