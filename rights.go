package folio

import "sort"

// Implicit groups every user is in, as in MediaWiki.
const (
	GroupAll  = "*"
	GroupUser = "user"
)

// GroupRights maps a group to the rights it grants: MediaWiki's
// $wgGroupPermissions.
type GroupRights map[string]map[string]bool

// DefaultGroupRights returns MediaWiki's default policy, limited to the rights
// Folio checks. Anonymous editing is on, as in a default MediaWiki.
func DefaultGroupRights() GroupRights {
	set := func(rights ...string) map[string]bool {
		m := make(map[string]bool, len(rights))
		for _, r := range rights {
			m[r] = true
		}
		return m
	}
	return GroupRights{
		GroupAll: set("read", "edit", "createpage", "createtalk", "createaccount",
			"editmyprivateinfo", "editmyoptions", "viewmywatchlist"),
		GroupUser: set("read", "edit", "createpage", "createtalk", "move", "movefile",
			"move-subpages", "move-rootuserpages", "upload", "reupload", "reupload-shared",
			"minoredit", "purge", "applychangetags", "changetags", "editcontentmodel",
			"editmywatchlist", "viewmywatchlist", "editmyprivateinfo", "editmyoptions",
			"sendemail"),
		"autoconfirmed": set("autoconfirmed", "editsemiprotected"),
		"bot": set("bot", "autoconfirmed", "editsemiprotected", "nominornewtalk",
			"autopatrol", "suppressredirect", "apihighlimits", "writeapi"),
		"sysop": set("block", "createaccount", "delete", "bigdelete", "deletedhistory",
			"deletedtext", "undelete", "editinterface", "editsitejson", "editusercss",
			"edituserjs", "import", "importupload", "move", "move-subpages",
			"move-rootuserpages", "patrol", "autopatrol", "protect", "editprotected",
			"rollback", "upload", "reupload", "reupload-shared", "unwatchedpages",
			"autoconfirmed", "editsemiprotected", "ipblock-exempt", "blockemail",
			"markbotedits", "apihighlimits", "browsearchive", "noratelimit",
			"movefile", "unblockself", "suppressredirect", "mergehistory",
			"managechangetags", "deletechangetags", "confirmaccount", "viewstatus"),
		"interface-admin": set("editinterface", "editsitecss", "editsitejs",
			"editsitejson", "editusercss", "edituserjs", "edituserjson"),
		"bureaucrat": set("userrights", "noratelimit", "renameuser", "confirmaccount"),
		"suppress":   set("hideuser", "suppressrevision", "suppressionlog", "deleterevision"),
	}
}

// EffectiveGroups returns the groups of u including the implicit ones; u nil
// means an anonymous visitor.
func EffectiveGroups(u *User) []string {
	if u == nil {
		return []string{GroupAll}
	}
	// MediaWiki's default autoconfirm age and edit count are both zero, so
	// every registered user is autoconfirmed.
	return append([]string{GroupAll, GroupUser, "autoconfirmed"}, u.Groups...)
}

// Rights returns the sorted rights that groups grant.
func (g GroupRights) Rights(groups []string) []string {
	seen := map[string]bool{}
	for _, grp := range groups {
		for r, ok := range g[grp] {
			if ok {
				seen[r] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Allowed reports whether any of groups grants right.
func (g GroupRights) Allowed(groups []string, right string) bool {
	for _, grp := range groups {
		if g[grp][right] {
			return true
		}
	}
	return false
}

// Groups returns the names of the explicit groups the policy defines, sorted.
func (g GroupRights) Groups() []string {
	var out []string
	for grp := range g {
		if grp != GroupAll && grp != GroupUser {
			out = append(out, grp)
		}
	}
	sort.Strings(out)
	return out
}
