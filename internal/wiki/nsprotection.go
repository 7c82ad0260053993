package wiki

import "github.com/folio-wiki/folio"

// checkNamespaceProtection refuses a move from or to a namespace that
// NamespaceProtection reserves for holders of a right u lacks. Edits and
// creations are checked by CheckPermission (rightsFor).
func (s *Service) checkNamespaceProtection(u *folio.User, t folio.Title) error {
	r := s.NamespaceProtection[t.Namespace]
	if r == "" || s.Allowed(u, r) {
		return nil
	}
	return folio.Errorf(folio.EPermissionDenied, "You do not have permission to move pages in the %s namespace: the %q right is needed.",
		namespaceName(t), r)
}
