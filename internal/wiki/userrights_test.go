package wiki_test

import (
	"context"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
)

func TestSetUserGroups(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	crat, err := s.CreateUser(ctx, "Crat", goodPassword, []string{"bureaucrat"})
	if err != nil {
		t.Fatal(err)
	}
	plain := mustUser(t, s, "Plain")
	mustUser(t, s, "Target")
	tests := []struct {
		name   string
		admin  *folio.User
		groups []string
		code   string
		want   string
	}{
		{"no right", plain, []string{"sysop"}, folio.EPermissionDenied, ""},
		{"unknown group", crat, []string{"wizard"}, folio.EInvalidParameter, ""},
		{"promote", crat, []string{"sysop", "bot", "sysop"}, "", "bot,sysop"},
		{"demote", crat, []string{"bot"}, "", "bot"},
		{"no change", crat, []string{"bot"}, "", "bot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := s.SetUserGroups(ctx, tt.admin, "Target", tt.groups, "test")
			if got := folio.ErrorCode(err); got != tt.code {
				t.Fatalf("SetUserGroups: code %q (%v), want %q", got, err, tt.code)
			}
			if err == nil && strings.Join(u.Groups, ",") != tt.want {
				t.Errorf("groups = %v, want %s", u.Groups, tt.want)
			}
		})
	}
	logs, err := s.Store.FindLogEntries(ctx, folio.LogFilter{Type: "rights"})
	if err != nil || len(logs) != 2 {
		t.Fatalf("rights log: %d entries, %v; want 2", len(logs), err)
	}
	if logs[0].Params["oldgroups"] != "bot,sysop" || logs[0].Params["newgroups"] != "bot" {
		t.Errorf("newest rights entry params = %v", logs[0].Params)
	}
}
