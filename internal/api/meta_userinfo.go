package api

import (
	"github.com/folio-wiki/folio"
)

var userInfoProps = []string{"blockinfo", "hasmsg", "rights", "groups", "groupmemberships",
	"implicitgroups", "editcount", "realname", "email", "registrationdate", "options",
	"ratelimits", "centralids", "latestcontrib", "cancreateaccount", "acceptlang",
	"unreadcount", "preferencestoken"}

// metaUserInfo is meta=userinfo.
func (s *Server) metaUserInfo(c *call, q *query) error {
	props := c.set("uiprop", nil, userInfoProps...)
	u := c.user()
	o := newObj()
	if u == nil {
		o.set("id", 0).set("name", c.ip()).set("anon", flag(true))
	} else {
		o.set("id", u.ID).set("name", u.Name)
	}
	if props["blockinfo"] {
		if err := s.blockInfo(c, o, u); err != nil {
			return err
		}
	}
	if props["hasmsg"] {
		o.set("messages", flag(false))
	}
	if props["groups"] {
		o.set("groups", folio.EffectiveGroups(u))
	}
	if props["groupmemberships"] {
		o.set("groupmemberships", groupMemberships(u))
	}
	if props["implicitgroups"] {
		o.set("implicitgroups", implicitGroups(u))
	}
	if props["rights"] {
		o.set("rights", s.Wiki.UserRights(u))
	}
	if props["editcount"] {
		o.set("editcount", editCount(u))
	}
	if props["ratelimits"] {
		o.set("ratelimits", newObj())
	}
	if props["options"] {
		o.set("options", s.userOptions(c, u))
	}
	if props["cancreateaccount"] {
		o.set("cancreateaccount", flag(s.Wiki.Allowed(u, "createaccount")))
	}
	if u != nil {
		s.userDetails(o, u, props)
	}
	q.out.set("userinfo", o)
	return nil
}

func (s *Server) userDetails(o *obj, u *folio.User, props map[string]bool) {
	if props["realname"] {
		o.set("realname", u.RealName)
	}
	if props["email"] {
		o.set("email", u.Email)
		if u.EmailAuthenticated != nil {
			o.set("emailauthenticated", timestamp(*u.EmailAuthenticated))
		}
	}
	if props["registrationdate"] {
		o.set("registrationdate", timestamp(u.Registration))
	}
	if props["centralids"] {
		o.set("centralids", newObj().set("local", u.ID))
		o.set("attachedlocal", newObj().set("local", flag(true)))
	}
}

func editCount(u *folio.User) int {
	if u == nil {
		return 0
	}
	return u.EditCount
}

func implicitGroups(u *folio.User) []string {
	if u == nil {
		return []string{folio.GroupAll}
	}
	return []string{folio.GroupAll, folio.GroupUser, "autoconfirmed"}
}

func groupMemberships(u *folio.User) []any {
	out := []any{}
	if u == nil {
		return out
	}
	for _, g := range u.Groups {
		out = append(out, newObj().set("group", g).set("expiry", "infinity"))
	}
	return out
}

// blockInfo adds the block in force on u, if any, as MediaWiki's blockid,
// blockedby, blockreason, blockedtimestamp and blockexpiry.
func (s *Server) blockInfo(c *call, o *obj, u *folio.User) error {
	b, err := s.Wiki.ActiveBlock(c.ctx, u)
	if err != nil || b == nil {
		return err
	}
	expiry := "infinite"
	if !b.Expiry.IsZero() {
		expiry = timestamp(b.Expiry)
	}
	o.set("blockid", b.ID).set("blockedby", b.By).set("blockreason", b.Reason).
		set("blockedtimestamp", timestamp(b.Timestamp)).set("blockexpiry", expiry)
	return nil
}
