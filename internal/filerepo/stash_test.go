package filerepo_test

import (
	"context"
	"image/color"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
)

func TestStash(t *testing.T) {
	r, _ := MustOpenRepo(t)
	ctx := context.Background()
	data := pngOf(t, 3, 3, color.Black)
	key, err := r.Stash(ctx, data)
	if err != nil {
		t.Fatalf("Stash() error: %v", err)
	}
	if got, err := r.Unstash(ctx, key); err != nil || string(got) != string(data) {
		t.Fatalf("Unstash(%s) = %d bytes, %v; want the stashed bytes", key, len(got), err)
	}
	for _, bad := range []string{"", "../orig", "AAAA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} {
		if _, err := r.Unstash(ctx, bad); folio.ErrorCode(err) != folio.EInvalidParameter {
			t.Errorf("Unstash(%q) error = %v, want invalidparameter", bad, err)
		}
	}
	if n, err := r.PurgeStash(ctx); err != nil || n != 0 {
		t.Errorf("PurgeStash() at once = %d, %v; want 0", n, err)
	}
	r.Now = func() time.Time { return time.Now().Add(7 * time.Hour) }
	if _, err := r.Unstash(ctx, key); folio.ErrorCode(err) != folio.EInvalidParameter {
		t.Errorf("Unstash() after the TTL error = %v, want invalidparameter", err)
	}
	if n, err := r.PurgeStash(ctx); err != nil || n != 1 {
		t.Errorf("PurgeStash() after the TTL = %d, %v; want 1", n, err)
	}
}
