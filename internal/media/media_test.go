package media_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

// testImage is a w×h image with a diagonal gradient.
func testImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

// MustEncode returns a w×h image in the format of mime.
func MustEncode(tb testing.TB, mime string, w, h int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	var err error
	switch mime {
	case "image/png":
		err = png.Encode(&buf, testImage(w, h))
	case "image/jpeg":
		err = jpeg.Encode(&buf, testImage(w, h), nil)
	case "image/gif":
		err = gif.Encode(&buf, testImage(w, h), nil)
	case "image/webp":
		b, rerr := os.ReadFile("testdata/gradient.webp") // 40×20, made with ImageMagick
		buf.Write(b)
		err = rerr
	default:
		tb.Fatalf("MustEncode: unknown type %s", mime)
	}
	if err != nil {
		tb.Fatalf("encode %s: %v", mime, err)
	}
	return buf.Bytes()
}

const simpleSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
  <rect x="0" y="0" width="120" height="60" fill="#0a0"/>
</svg>`

func TestVerify(t *testing.T) {
	pngData := MustEncode(t, "image/png", 30, 20)
	htmlPNG := append(bytes.Clone(pngData[:33]), []byte("<html><script>alert(1)</script>")...)
	tests := []struct {
		name     string
		file     string
		data     []byte
		v        media.Verifier
		wantCode string
		want     media.Info
	}{
		{"png", "A.png", pngData, media.Verifier{}, "", media.Info{Ext: "png", MIME: "image/png", MediaType: folio.MediaBitmap, Width: 30, Height: 20}},
		{"upper-case extension", "A.PNG", pngData, media.Verifier{}, "", media.Info{Ext: "png", MIME: "image/png", MediaType: folio.MediaBitmap, Width: 30, Height: 20}},
		{"jpeg", "B.jpeg", MustEncode(t, "image/jpeg", 8, 9), media.Verifier{}, "", media.Info{Ext: "jpeg", MIME: "image/jpeg", MediaType: folio.MediaBitmap, Width: 8, Height: 9}},
		{"gif", "C.gif", MustEncode(t, "image/gif", 5, 4), media.Verifier{}, "", media.Info{Ext: "gif", MIME: "image/gif", MediaType: folio.MediaBitmap, Width: 5, Height: 4}},
		{"webp", "D.webp", MustEncode(t, "image/webp", 0, 0), media.Verifier{}, "", media.Info{Ext: "webp", MIME: "image/webp", MediaType: folio.MediaBitmap, Width: 40, Height: 20}},
		{"svg", "E.svg", []byte(simpleSVG), media.Verifier{}, "", media.Info{Ext: "svg", MIME: "image/svg+xml", MediaType: folio.MediaDrawing, Width: 120, Height: 60}},
		{"pdf", "F.pdf", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), media.Verifier{}, "", media.Info{Ext: "pdf", MIME: "application/pdf", MediaType: folio.MediaOffice}},
		{"png named jpg", "A.jpg", pngData, media.Verifier{}, folio.EVerification, media.Info{}},
		{"jpeg named png", "B.png", MustEncode(t, "image/jpeg", 8, 9), media.Verifier{}, folio.EVerification, media.Info{}},
		{"html named png", "H.png", []byte("<html><body>hi</body></html>"), media.Verifier{}, folio.EVerification, media.Info{}},
		{"svg named png", "S.png", []byte(simpleSVG), media.Verifier{}, folio.EVerification, media.Info{}},
		{"html inside png", "I.png", htmlPNG, media.Verifier{}, folio.EVerification, media.Info{}},
		{"empty", "A.png", nil, media.Verifier{}, folio.EEmptyFile, media.Info{}},
		{"too large", "A.png", pngData, media.Verifier{MaxSize: 10}, folio.EFileTooLarge, media.Info{}},
		{"banned extension", "run.exe", []byte("MZ\x90\x00"), media.Verifier{}, folio.EFileTypeBanned, media.Info{}},
		{"no extension", "README", []byte("text"), media.Verifier{}, folio.EFileTypeBanned, media.Info{}},
		{"not in allow-list", "E.svg", []byte(simpleSVG), media.Verifier{Extensions: []string{"png"}}, folio.EFileTypeBanned, media.Info{}},
		{"truncated png", "T.png", pngData[:20], media.Verifier{}, folio.EVerification, media.Info{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.v.Verify(tt.file, tt.data)
			if code := folio.ErrorCode(err); code != tt.wantCode {
				t.Fatalf("Verify(%q) error = %v (code %q), want code %q", tt.file, err, code, tt.wantCode)
			}
			if err == nil && *got != tt.want {
				t.Errorf("Verify(%q) = %+v, want %+v", tt.file, *got, tt.want)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		data string
		want string
	}{
		{"\x89PNG\r\n\x1a\n....", "image/png"},
		{"GIF89a...", "image/gif"},
		{"\xef\xbb\xbf<?xml version='1.0'?><!-- x --><!DOCTYPE svg><svg>", "image/svg+xml"},
		{"<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>", "image/svg+xml"},
		{"<svgx>", ""},
		{"<html>", ""},
		{"ID3\x03", "audio/mpeg"},
		{"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := media.Detect([]byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestExt(t *testing.T) {
	for in, want := range map[string]string{"A.PNG": "png", "a.b.Svg": "svg", "x": "", "dir.d/x": ""} {
		if got := media.Ext(in); got != want {
			t.Errorf("Ext(%q) = %q, want %q", in, got, want)
		}
	}
	if !strings.Contains(media.Types[0].String(), "png") {
		t.Errorf("Type.String() = %q", media.Types[0].String())
	}
}
