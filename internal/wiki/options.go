package wiki

import (
	"context"
	"strings"

	"github.com/folio-wiki/folio"
)

// SetOptions changes preferences of u without touching anything else
// (action=options): reset first removes every stored preference, then
// opts are stored ("" removes one). Only PreferenceOptions keys are
// accepted, with the values "1" or "0".
func (s *Service) SetOptions(ctx context.Context, u *folio.User, opts map[string]string, reset bool) error {
	if err := s.checkWritable(); err != nil {
		return err
	}
	if u == nil {
		return folio.Errorf(folio.ENotLoggedIn, "Anonymous users cannot change preferences.")
	}
	if !s.Allowed(u, "editmyoptions") {
		return folio.Errorf(folio.EPermissionDenied, "You do not have permission to change your preferences.")
	}
	all := map[string]string{}
	if reset {
		for _, o := range PreferenceOptions {
			all[o.Key] = ""
		}
		all["nickname"] = ""
	}
	for k, v := range opts {
		if !knownPreference(k) {
			return folio.Errorf(folio.EInvalidParameter, "Unknown preference %q.", k)
		}
		if textPreference(k) {
			all[k] = strings.TrimSpace(v)
			continue
		}
		norm, ok := NormalizeOption(v)
		if !ok {
			return folio.Errorf(folio.EInvalidParameter, "The value %q is not valid for the preference %q.", v, k)
		}
		all[k] = norm
	}
	if len(all) == 0 {
		return nil
	}
	st, err := s.userOptions()
	if err != nil {
		return err
	}
	if _, nick := all["nickname"]; nick || all["fancysig"] == "1" {
		cur := map[string]string{}
		if !reset {
			if cur, err = s.Preferences(ctx, u); err != nil {
				return err
			}
		}
		for k, v := range all {
			cur[k] = v
		}
		if err := checkSignature(cur["nickname"], cur["fancysig"] == "1"); err != nil {
			return err
		}
	}
	return st.SetUserOptions(ctx, u.ID, all)
}

// NormalizeOption reads a checkbox preference value: "1", "true" or "on"
// is "1"; "0", "false", "off" or "" is "0".
func NormalizeOption(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "on", "yes":
		return "1", true
	case "0", "false", "off", "no", "":
		return "0", true
	}
	return "", false
}

// TextPreference reports whether k is a free-text preference (the
// signature nickname) rather than a checkbox.
func TextPreference(k string) bool { return textPreference(k) }

// KnownPreference reports whether k is a preference Folio keeps.
func KnownPreference(k string) bool { return knownPreference(k) }
