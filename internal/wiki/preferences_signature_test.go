package wiki_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/wiki"
)

// TestPreferenceDefaults: a new account watches the pages it edits and
// creates (MediaWiki 1.39's watchdefault and watchcreations); turning an
// option off stores "0", turning it back on stores nothing.
func TestPreferenceDefaults(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Newcomer")
	opts, err := s.Preferences(ctx, u)
	if err != nil || opts["watchdefault"] != "1" || opts["watchcreations"] != "1" || opts["minordefault"] != "" {
		t.Fatalf("new account's Preferences = %v, %v; want watchdefault and watchcreations on", opts, err)
	}
	if !s.WatchPreference(ctx, u, false) || !s.WatchPreference(ctx, u, true) {
		t.Error("WatchPreference of a new account = false; want true")
	}
	page := mustTitle(t, s, "Edited by newcomer")
	if err := s.ApplyWatchOption(ctx, u, page, wiki.WatchOptionPreferences, true, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.IsWatched(ctx, u, page); !ok {
		t.Error("an edit with the default preferences did not watch the page")
	}
	if err := s.SavePreferences(ctx, u, "", map[string]string{"watchdefault": "", "watchcreations": "0"}); err != nil {
		t.Fatal(err)
	}
	if s.WatchPreference(ctx, u, true) {
		t.Error("WatchPreference after turning both off = true")
	}
	stored, err := s.Store.(folio.UserOptionStore).FindUserOptions(ctx, u.ID)
	if err != nil || stored["watchdefault"] != "0" || stored["watchcreations"] != "0" {
		t.Errorf("stored options = %v, %v; want both 0", stored, err)
	}
	if err := s.SavePreferences(ctx, u, "", map[string]string{"watchdefault": "1", "watchcreations": "1"}); err != nil {
		t.Fatal(err)
	}
	if stored, _ := s.Store.(folio.UserOptionStore).FindUserOptions(ctx, u.ID); len(stored) != 0 {
		t.Errorf("default values were stored: %v", stored)
	}
}

// TestSignaturePreferences covers the validation of the signature
// nickname and fancysig.
func TestSignaturePreferences(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	u := mustUser(t, s, "Signer")
	tests := []struct {
		name   string
		nick   string
		fancy  string
		wantOK bool
	}{
		{"plain nickname", "Sig ner", "", true},
		{"plain nickname with tildes", "a ~~~ b", "0", true},
		{"fancy", "[[User:Signer|'''Signer''']]", "1", true},
		{"fancy with a signature", "[[User:Signer|Signer]] ~~~", "1", false},
		{"fancy with five tildes", "~~~~~", "1", false},
		{"fancy unbalanced link", "[[User:Signer|Signer", "1", false},
		{"fancy unbalanced template", "{{sig", "1", false},
		{"too long", strings.Repeat("é", wiki.MaxSignatureChars+1), "", false},
		{"longest", strings.Repeat("é", wiki.MaxSignatureChars), "", true},
		{"two lines", "a\nb", "", false},
		{"empty", "", "1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SavePreferences(ctx, u, "", map[string]string{"nickname": tt.nick, "fancysig": tt.fancy})
			if tt.wantOK && err != nil {
				t.Fatalf("SavePreferences(%q, fancysig %q) error: %v", tt.nick, tt.fancy, err)
			}
			if !tt.wantOK {
				if folio.ErrorCode(err) != folio.EInvalidParameter {
					t.Fatalf("SavePreferences(%q, fancysig %q) error %v; want %s", tt.nick, tt.fancy, err, folio.EInvalidParameter)
				}
				return
			}
			opts, err := s.Preferences(ctx, u)
			if err != nil || opts["nickname"] != strings.TrimSpace(tt.nick) {
				t.Errorf("stored nickname %q, %v; want %q", opts["nickname"], err, tt.nick)
			}
		})
	}
	// Turning fancysig on is checked against the stored nickname.
	if err := s.SavePreferences(ctx, u, "", map[string]string{"nickname": "[[x", "fancysig": "0"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePreferences(ctx, u, "", map[string]string{"fancysig": "1"}); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("fancysig on over an unbalanced nickname: error %v; want %s", err, folio.EInvalidParameter)
	}
}
