package filerepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

// Thumb is a thumbnail stored in the blob store.
type Thumb struct {
	Key    string
	MIME   string
	Width  int
	Height int
}

// call is a thumbnail being made; others asking for it wait on done.
type call struct {
	done chan struct{}
	th   *Thumb
	err  error
}

// MaxThumbWidth bounds the widths thumbnails are made at.
const MaxThumbWidth = 4000

// ThumbWidth returns the width at which to serve f when width is asked
// for, and whether a thumbnail is needed at all: bitmaps are not scaled up
// (the original is served), drawings are rendered at any width.
func (r *Repo) ThumbWidth(f *folio.File, width int) (int, bool) {
	if f.MIME == "image/svg+xml" {
		return min(width, MaxThumbWidth), true
	}
	if width >= f.Width {
		return f.Width, false
	}
	return width, true
}

// Thumbnail returns the thumbnail of f at width pixels, making and storing
// it on first use. Concurrent requests for the same thumbnail in this
// process share one rendering; across processes the result is the same
// bytes under the same key, so a race only costs work.
func (r *Repo) Thumbnail(ctx context.Context, f *folio.File, width int) (*Thumb, error) {
	if width <= 0 || width > MaxThumbWidth {
		return nil, folio.Errorf(folio.EInvalidParameter, "Thumbnails are made from 1 to %d pixels wide.", MaxThumbWidth)
	}
	if !r.Thumbs.CanThumb(f.MIME) {
		return nil, folio.Errorf(folio.EInvalidParameter, "Folio makes no thumbnails of %s files.", f.MIME)
	}
	mime := media.ThumbMIME(f.MIME)
	th := &Thumb{Key: ThumbKey(f.SHA1, width, mime), MIME: mime, Width: width,
		Height: media.ScaledHeight(f.Width, f.Height, width)}
	if _, err := r.Blobs.Stat(ctx, th.Key); err == nil {
		return th, nil
	} else if !errors.Is(err, folio.ErrBlobNotFound) {
		return nil, err
	}
	r.mu.Lock()
	if r.inflight == nil {
		r.inflight = map[string]*call{}
	}
	c, busy := r.inflight[th.Key]
	if !busy {
		c = &call{done: make(chan struct{})}
		r.inflight[th.Key] = c
	}
	r.mu.Unlock()
	if !busy {
		// Others may wait for this one: a cancelled request must not fail them.
		c.th, c.err = r.makeThumb(context.WithoutCancel(ctx), f, th)
		r.mu.Lock()
		delete(r.inflight, th.Key)
		r.mu.Unlock()
		close(c.done)
	}
	select {
	case <-c.done:
		return c.th, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// makeThumb renders th from f's original and stores it.
func (r *Repo) makeThumb(ctx context.Context, f *folio.File, th *Thumb) (*Thumb, error) {
	data, err := r.readOriginal(ctx, f)
	if err != nil {
		return nil, err
	}
	scaled, err := r.Thumbs.Scale(data, f.MIME, th.Width)
	if err != nil {
		return nil, fmt.Errorf("thumbnail %s at %dpx: %w", f.Name, th.Width, err)
	}
	th.Height = scaled.Height
	if err := r.Blobs.Put(ctx, th.Key, bytes.NewReader(scaled.Data), int64(len(scaled.Data))); err != nil {
		return nil, fmt.Errorf("store thumbnail: %w", err)
	}
	return th, nil
}

// readOriginal reads the bytes of f, refusing more than its recorded size.
func (r *Repo) readOriginal(ctx context.Context, f *folio.File) ([]byte, error) {
	rc, _, err := r.Blobs.Get(ctx, OriginalKey(f.SHA1))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, f.Size+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name, err)
	} else if int64(len(data)) != f.Size {
		return nil, fmt.Errorf("read %s: %d bytes, want %d", f.Name, len(data), f.Size)
	}
	return data, nil
}
