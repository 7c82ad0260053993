package api

import (
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// runOptions is action=options: reset, change=name=value|… and
// optionname/optionvalue change the logged-in user's preferences.
// Unknown preferences and bad values are skipped with a warning, as in
// MediaWiki.
func (s *Server) runOptions(c *call) error {
	u := c.user()
	if u == nil {
		return usageError(folio.ENotLoggedIn, "Anonymous users cannot change preferences.")
	}
	reset := c.boolean("reset")
	c.str("resetkinds")
	changes := map[string]string{}
	for _, ch := range c.multi("change") {
		k, v, _ := strings.Cut(ch, "=")
		changes[k] = v
	}
	if name := c.str("optionname"); name != "" {
		changes[name] = c.str("optionvalue")
	} else {
		c.str("optionvalue")
	}
	if !reset && len(changes) == 0 {
		return usageError("missingparam", "At least one of the parameters \"reset\", \"change\" and \"optionname\" is required.")
	}
	valid := map[string]string{}
	for k, v := range changes {
		if !wiki.KnownPreference(k) {
			c.warn("validationfailed", fmt.Sprintf("Validation error for %q: not a valid preference.", k))
			continue
		}
		if _, ok := wiki.NormalizeOption(v); !ok && !wiki.TextPreference(k) {
			c.warn("validationfailed", fmt.Sprintf("Validation error for %q: %q is not a valid value.", k, v))
			continue
		}
		valid[k] = v
	}
	if err := s.Wiki.SetOptions(c.ctx, u, valid, reset); err != nil {
		return err
	}
	c.result.set("options", "success")
	return nil
}

// userOptions is userinfo's options: every known preference with its
// value, "0" when unset.
func (s *Server) userOptions(c *call, u *folio.User) *obj {
	o := newObj()
	if u == nil {
		return o
	}
	stored, err := s.Wiki.Preferences(c.ctx, u)
	if err != nil {
		s.Logger.Warn("load preferences", "user", u.Name, "err", err)
	}
	for _, p := range wiki.PreferenceOptions {
		v := stored[p.Key]
		if v == "" {
			v = "0"
		}
		o.set(p.Key, v)
	}
	o.set("nickname", stored["nickname"])
	return o
}
