package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// MaxPixels bounds the images Folio decodes, against decompression bombs:
// 50 megapixels, as MediaWiki's $wgMaxImageArea.
const MaxPixels = 50_000_000

// decoders read the bitmap types, by MIME type. They are called directly
// rather than registered with image.RegisterFormat, so that nothing else
// in the binary decodes types Folio did not ask for.
var decoders = map[string]struct {
	decode func(r *bytes.Reader) (image.Image, error)
	config func(r *bytes.Reader) (image.Config, error)
}{
	"image/png":  {func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) }, func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }},
	"image/jpeg": {func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) }, func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }},
	"image/gif":  {func(r *bytes.Reader) (image.Image, error) { return gif.Decode(r) }, func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) }},
	"image/webp": {func(r *bytes.Reader) (image.Image, error) { return webp.Decode(r) }, func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) }},
}

// BitmapSize returns the dimensions of a PNG, JPEG, GIF or WebP image
// without decoding its pixels.
func BitmapSize(data []byte) (width, height int, err error) {
	dec, ok := decoders[Detect(data)]
	if !ok {
		return 0, 0, errors.New("not a bitmap type Folio reads")
	}
	c, err := dec.config(bytes.NewReader(data))
	if err != nil {
		return 0, 0, err
	}
	if c.Width <= 0 || c.Height <= 0 {
		return 0, 0, fmt.Errorf("bad dimensions %d×%d", c.Width, c.Height)
	}
	return c.Width, c.Height, nil
}

// Thumbnailer scales images. Its zero value scales bitmaps and refuses
// SVG; set SVG to rasterize drawings.
type Thumbnailer struct {
	SVG Rasterizer
}

// Thumb is a scaled image.
type Thumb struct {
	Data   []byte
	MIME   string // image/png or image/jpeg
	Width  int
	Height int
}

// ThumbMIME returns the type of the thumbnails of a file type: JPEG stays
// JPEG, everything else becomes PNG (Go has no GIF animation scaler nor a
// WebP encoder, and SVG previews are bitmaps).
func ThumbMIME(mime string) string {
	if mime == "image/jpeg" {
		return "image/jpeg"
	}
	return "image/png"
}

// CanThumb reports whether the thumbnailer scales files of mime.
func (t *Thumbnailer) CanThumb(mime string) bool {
	_, ok := decoders[mime]
	return ok || mime == "image/svg+xml" && t.SVG != nil
}

// ScaledHeight returns the height of a w×h image scaled to width,
// rounded as MediaWiki rounds it.
func ScaledHeight(w, h, width int) int {
	if w <= 0 {
		return 0
	}
	return max(1, int(float64(h)*float64(width)/float64(w)+0.5))
}

// Scale renders data, a file of type mime, at width pixels.
func (t *Thumbnailer) Scale(data []byte, mime string, width int) (*Thumb, error) {
	if width <= 0 || width > 10000 {
		return nil, fmt.Errorf("thumbnail width %d out of range", width)
	}
	if w, h := t.size(data, mime); w > 0 && int64(width)*int64(ScaledHeight(w, h, width)) > MaxPixels {
		return nil, fmt.Errorf("a thumbnail %d pixels wide of a %d×%d image is over the limit of %d pixels", width, w, h, MaxPixels)
	}
	src, err := t.decode(data, mime, width)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	height := ScaledHeight(b.Dx(), b.Dy(), width)
	dst := src
	if b.Dx() != width || b.Dy() != height {
		img := image.NewRGBA(image.Rect(0, 0, width, height))
		var scaler draw.Scaler = draw.CatmullRom
		if int64(b.Dx())*int64(b.Dy()) > 16_000_000 {
			scaler = draw.ApproxBiLinear // big images: trade quality for time
		}
		scaler.Scale(img, img.Bounds(), src, b, draw.Src, nil)
		dst = img
	}
	out := ThumbMIME(mime)
	var buf bytes.Buffer
	if out == "image/jpeg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, fmt.Errorf("encode thumbnail: %w", err)
	}
	return &Thumb{Data: buf.Bytes(), MIME: out, Width: width, Height: height}, nil
}

// size returns the dimensions of the source, or zeros when unknown.
func (t *Thumbnailer) size(data []byte, mime string) (int, int) {
	if mime == "image/svg+xml" {
		return SVGSize(data)
	}
	w, h, _ := BitmapSize(data)
	return w, h
}

// decode returns the source image; SVG is rasterized at the target width.
func (t *Thumbnailer) decode(data []byte, mime string, width int) (image.Image, error) {
	if mime == "image/svg+xml" {
		if t.SVG == nil {
			return nil, errors.New("no SVG rasterizer is configured")
		}
		w, h := SVGSize(data)
		return t.SVG.Rasterize(data, width, ScaledHeight(w, h, width))
	}
	dec, ok := decoders[mime]
	if !ok {
		return nil, fmt.Errorf("no thumbnails for %s", mime)
	}
	c, err := dec.config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read image header: %w", err)
	} else if int64(c.Width)*int64(c.Height) > MaxPixels {
		return nil, fmt.Errorf("image of %d×%d pixels is over the limit of %d", c.Width, c.Height, MaxPixels)
	}
	img, err := dec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	return img, nil
}
