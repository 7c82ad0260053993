package media_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/folio-wiki/folio/internal/media"
)

func TestScale(t *testing.T) {
	th := &media.Thumbnailer{SVG: media.OKSVG{}}
	tests := []struct {
		name     string
		mime     string
		data     []byte
		width    int
		wantMIME string
		wantH    int
	}{
		{"png", "image/png", MustEncode(t, "image/png", 400, 300), 200, "image/png", 150},
		{"jpeg", "image/jpeg", MustEncode(t, "image/jpeg", 300, 100), 120, "image/jpeg", 40},
		{"gif", "image/gif", MustEncode(t, "image/gif", 50, 50), 20, "image/png", 20},
		{"webp", "image/webp", MustEncode(t, "image/webp", 0, 0), 20, "image/png", 10},
		{"same size", "image/png", MustEncode(t, "image/png", 40, 10), 40, "image/png", 10},
		{"upscale", "image/png", MustEncode(t, "image/png", 10, 10), 30, "image/png", 30},
		{"svg", "image/svg+xml", []byte(simpleSVG), 240, "image/png", 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := th.Scale(tt.data, tt.mime, tt.width)
			if err != nil {
				t.Fatalf("Scale(%s, %d) error: %v", tt.mime, tt.width, err)
			}
			if got.MIME != tt.wantMIME || got.Width != tt.width || got.Height != tt.wantH {
				t.Errorf("Scale(%s, %d) = %s %d×%d, want %s %d×%d", tt.mime, tt.width,
					got.MIME, got.Width, got.Height, tt.wantMIME, tt.width, tt.wantH)
			}
			img := mustDecode(t, got)
			if b := img.Bounds(); b.Dx() != tt.width || b.Dy() != tt.wantH {
				t.Errorf("Scale(%s, %d) decodes to %v, want %d×%d", tt.mime, tt.width, b, tt.width, tt.wantH)
			}
		})
	}
}

func mustDecode(tb testing.TB, th *media.Thumb) image.Image {
	tb.Helper()
	var img image.Image
	var err error
	if th.MIME == "image/jpeg" {
		img, err = jpeg.Decode(bytes.NewReader(th.Data))
	} else {
		img, err = png.Decode(bytes.NewReader(th.Data))
	}
	if err != nil {
		tb.Fatalf("decode thumbnail: %v", err)
	}
	return img
}

// TestScaleSVGPaints checks that the rasterizer draws the drawing's green
// rectangle rather than an empty canvas.
func TestScaleSVGPaints(t *testing.T) {
	got, err := (&media.Thumbnailer{SVG: media.OKSVG{}}).Scale([]byte(simpleSVG), "image/svg+xml", 60)
	if err != nil {
		t.Fatalf("Scale(svg) error: %v", err)
	}
	r, g, b, a := mustDecode(t, got).At(30, 15).RGBA()
	if a>>8 != 255 || g>>8 < 150 || r>>8 > 20 || b>>8 > 20 {
		t.Errorf("pixel (30,15) = %d,%d,%d,%d; want opaque green", r>>8, g>>8, b>>8, a>>8)
	}
}

func TestScaleRefuses(t *testing.T) {
	pngData := MustEncode(t, "image/png", 10, 10)
	tests := []struct {
		name  string
		th    media.Thumbnailer
		data  []byte
		mime  string
		width int
	}{
		{"zero width", media.Thumbnailer{}, pngData, "image/png", 0},
		{"huge width", media.Thumbnailer{}, pngData, "image/png", 100000},
		{"svg without rasterizer", media.Thumbnailer{}, []byte(simpleSVG), "image/svg+xml", 10},
		{"pdf", media.Thumbnailer{}, []byte("%PDF-1.4"), "application/pdf", 10},
		{"broken png", media.Thumbnailer{}, pngData[:30], "image/png", 10},
		{"pixel bomb", media.Thumbnailer{}, bombPNG(t), "image/png", 10},
		{"tall svg", media.Thumbnailer{SVG: media.OKSVG{}}, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"/>`), "image/svg+xml", 4000},
		{"tall upscale", media.Thumbnailer{}, MustEncode(t, "image/png", 1, 1000), "image/png", 9000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.th.Scale(tt.data, tt.mime, tt.width); err == nil {
				t.Errorf("Scale(%s, %d) succeeded, want an error", tt.name, tt.width)
			}
		})
	}
}

// bombPNG returns a PNG header claiming 100000×100000 pixels.
func bombPNG(tb testing.TB) []byte {
	b := MustEncode(tb, "image/png", 1, 1)
	b = bytes.Clone(b)
	// IHDR width and height are big-endian at offsets 16 and 20.
	copy(b[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	return b
}

func TestCanThumb(t *testing.T) {
	with, without := &media.Thumbnailer{SVG: media.OKSVG{}}, &media.Thumbnailer{}
	for _, m := range []string{"image/png", "image/jpeg", "image/gif", "image/webp"} {
		if !without.CanThumb(m) {
			t.Errorf("CanThumb(%s) = false", m)
		}
	}
	if without.CanThumb("image/svg+xml") || !with.CanThumb("image/svg+xml") || with.CanThumb("application/pdf") {
		t.Errorf("CanThumb: SVG needs a rasterizer and PDF has no thumbnails")
	}
}
