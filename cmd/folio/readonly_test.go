package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadOnlyCommand(t *testing.T) {
	env := map[string]string{"FOLIO_DATA": filepath.Join(t.TempDir(), "data"), "FOLIO_LOG_LEVEL": "warn"}
	tests := []struct {
		args    []string
		want    string
		wantErr string
	}{
		{[]string{"readonly", "status"}, "accepts writes", ""},
		{[]string{"readonly", "on"}, "", "--reason is required"},
		{[]string{"readonly", "on", "--reason", "Moving to new servers"}, "read-only since", ""},
		{[]string{"readonly", "status"}, "Moving to new servers", ""},
		{[]string{"readonly", "off"}, "accepts writes", ""},
		{[]string{"readonly", "sideways"}, "", "expected on, off or status"},
	}
	for _, tt := range tests {
		out, err := runCLI(t, env, tt.args...)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("folio %v error = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("folio %v = %q, %v; want output containing %q", tt.args, out, err, tt.want)
		}
	}
}
