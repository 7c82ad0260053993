package media_test

import (
	"testing"

	"github.com/folio-wiki/folio/internal/media"
)

// FuzzCheckSVG checks that the scanner never panics, and that whatever it
// accepts also gets a size and parses for the rasterizer without panics.
func FuzzCheckSVG(f *testing.F) {
	for _, s := range []string{simpleSVG, svgOpen + `<a href="#x"><rect/></a></svg>`,
		`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`, `<svg onload="x"/>`, `<svg><style>a{fill:url(#g)}</style></svg>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := media.CheckSVG(data); err != nil {
			return
		}
		w, h := media.SVGSize(data)
		if w <= 0 || h <= 0 {
			t.Fatalf("SVGSize(%q) = %d×%d", data, w, h)
		}
		_, _ = (&media.Thumbnailer{SVG: media.OKSVG{}}).Scale(data, "image/svg+xml", 16)
	})
}

// FuzzVerify checks that verification never panics on any bytes under any
// allowed extension.
func FuzzVerify(f *testing.F) {
	f.Add("a.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("a.gif", []byte("GIF89a"))
	f.Add("a.webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Add("a.svg", []byte(simpleSVG))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		_, _ = (&media.Verifier{}).Verify(name, data)
	})
}
