package filerepo_test

import (
	"context"
	"image/color"
	"testing"

	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/wikitext/env"
)

func TestWikitextFiles(t *testing.T) {
	r, _ := MustOpenRepo(t)
	png := MustUpload(t, r, "Big cat.png", pngOf(t, 300, 200, color.Black), alice)
	svg := MustUpload(t, r, "Plan.svg", []byte(greenSVG), alice)
	w := filerepo.WikitextFiles{Repo: r, Base: "https://wiki.example"}
	ctx := context.Background()
	fi, ok, err := w.FindFile(ctx, env.Title{Namespace: env.NSFile, DBKey: "Big_cat.png"})
	if err != nil || !ok || fi.Width != 300 || fi.Height != 200 || fi.Mime != "image/png" || fi.Size != png.Size {
		t.Fatalf("FindFile(Big_cat.png) = %+v, %v, %v", fi, ok, err)
	}
	if want := "https://wiki.example/images/" + png.SHA1 + "/Big_cat.png"; fi.URL != want {
		t.Errorf("FindFile().URL = %q, want %q", fi.URL, want)
	}
	si, _, _ := w.FindFile(ctx, env.Title{Namespace: env.NSMedia, DBKey: "Plan.svg"})
	tests := []struct {
		name  string
		f     env.FileInfo
		width int
		want  string
	}{
		{"bitmap", fi, 120, "https://wiki.example/images/thumb/" + png.SHA1 + "/120px-Big_cat.png"},
		{"bitmap at full size", fi, 300, fi.URL},
		{"bitmap larger", fi, 450, fi.URL},
		{"svg", si, 240, "https://wiki.example/images/thumb/" + svg.SHA1 + "/240px-Plan.svg.png"},
	}
	for _, tt := range tests {
		if got := w.ThumbURL(tt.f, tt.width); got != tt.want {
			t.Errorf("ThumbURL(%s, %d) = %q, want %q", tt.name, tt.width, got, tt.want)
		}
	}
	for _, title := range []env.Title{{Namespace: env.NSFile, DBKey: "Missing.png"}, {Namespace: env.NSMain, DBKey: "Big_cat.png"}} {
		if _, ok, err := w.FindFile(ctx, title); ok || err != nil {
			t.Errorf("FindFile(%+v) = %v, %v; want not found", title, ok, err)
		}
	}
}
