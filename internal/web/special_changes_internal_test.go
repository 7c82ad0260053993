package web

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestGroupByDay(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	lines := []time.Time{at("2026-11-23T10:00:00Z"), at("2026-11-23T01:00:00+02:00"),
		at("2026-11-22T23:59:00Z"), at("2026-11-20T12:00:00Z")}
	got := groupByDay(lines, func(t time.Time) time.Time { return t })
	want := []dayGroup[time.Time]{
		{Day: "23 November 2026", Lines: lines[:1]},
		{Day: "22 November 2026", Lines: lines[1:3]},
		{Day: "20 November 2026", Lines: lines[3:]},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groupByDay mismatch (-want +got):\n%s", diff)
	}
	if g := groupByDay[time.Time](nil, func(t time.Time) time.Time { return t }); g != nil {
		t.Errorf("groupByDay(nil) = %v, want nil", g)
	}
}

func TestSizeChange(t *testing.T) {
	tests := []struct {
		diff, newLen int
		want         string
	}{
		{12, 40, `<span dir="ltr" class="mw-plusminus-pos mw-diff-bytes" title="40 bytes after the change">(+12)</span>`},
		{-5, 1, `<span dir="ltr" class="mw-plusminus-neg mw-diff-bytes" title="1 byte after the change">(−5)</span>`},
		{0, 7, `<span dir="ltr" class="mw-plusminus-null mw-diff-bytes" title="7 bytes after the change">(0)</span>`},
		{1234, -1, `<strong><span dir="ltr" class="mw-plusminus-pos mw-diff-bytes" title="1,234 bytes changed">(+1,234)</span></strong>`},
		{-500, 0, `<strong><span dir="ltr" class="mw-plusminus-neg mw-diff-bytes" title="0 bytes after the change">(−500)</span></strong>`},
		{499, 499, `<span dir="ltr" class="mw-plusminus-pos mw-diff-bytes" title="499 bytes after the change">(+499)</span>`},
	}
	for _, tt := range tests {
		if got := string(sizeChange(tt.diff, tt.newLen)); got != tt.want {
			t.Errorf("sizeChange(%d, %d) = %s, want %s", tt.diff, tt.newLen, got, tt.want)
		}
	}
}
