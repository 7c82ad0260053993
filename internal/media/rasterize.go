package media

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// Rasterizer renders SVG drawings to bitmaps. Folio's default is OKSVG, in
// pure Go; a renderer with fuller SVG support can replace it.
type Rasterizer interface {
	// Rasterize renders svg scaled to fit width×height pixels.
	Rasterize(svg []byte, width, height int) (image.Image, error)
	// Name describes the renderer for Special:Version.
	Name() string
}

// OKSVG rasterizes with github.com/srwiley/oksvg. It covers shapes, paths,
// gradients, transforms and styles, but not text, filters or masks.
type OKSVG struct{}

var _ Rasterizer = OKSVG{}

// Name describes the renderer.
func (OKSVG) Name() string { return "oksvg (pure Go; no text, filters or masks)" }

// Rasterize renders svg on a transparent background.
func (OKSVG) Rasterize(svg []byte, width, height int) (img image.Image, err error) {
	defer func() { // the parser is not hardened against every input
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("rasterize SVG: %v", r)
		}
	}()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("read SVG: %w", err)
	}
	icon.SetTarget(0, 0, float64(width), float64(height))
	rgba := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(rgba, rgba.Bounds(), image.Transparent, image.Point{}, draw.Src)
	scanner := rasterx.NewScannerGV(width, height, rgba, rgba.Bounds())
	icon.Draw(rasterx.NewDasher(width, height, scanner), 1)
	return rgba, nil
}
