// Package media checks uploaded files and makes thumbnails: it finds a
// file's type from its content, refuses content that does not match its
// extension or could run script in a browser, reads image dimensions, and
// scales bitmaps and SVG drawings to PNG or JPEG.
package media

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/folio-wiki/folio"
)

// Info is what Verify learns about a file.
type Info struct {
	Ext       string // lower-case extension without the dot
	MIME      string
	MediaType string // folio.MediaBitmap…
	Width     int
	Height    int
}

// Type describes a file type Folio knows.
type Type struct {
	MIME      string
	MediaType string
	Exts      []string // the first is the preferred one
	// magic reports whether data starts like a file of this type.
	magic func(data []byte) bool
}

// Types lists the file types Folio recognises, by MIME type.
var Types = []Type{
	{"image/png", folio.MediaBitmap, []string{"png"}, prefix("\x89PNG\r\n\x1a\n")},
	{"image/jpeg", folio.MediaBitmap, []string{"jpg", "jpeg", "jpe"}, prefix("\xff\xd8\xff")},
	{"image/gif", folio.MediaBitmap, []string{"gif"}, anyPrefix("GIF87a", "GIF89a")},
	{"image/webp", folio.MediaBitmap, []string{"webp"}, isWebP},
	{"image/svg+xml", folio.MediaDrawing, []string{"svg"}, isSVG},
	{"application/pdf", folio.MediaOffice, []string{"pdf"}, prefix("%PDF-")},
	{"application/ogg", folio.MediaAudio, []string{"ogg", "oga", "ogv"}, prefix("OggS")},
	{"audio/mpeg", folio.MediaAudio, []string{"mp3"}, isMP3},
	{"video/webm", folio.MediaVideo, []string{"webm"}, prefix("\x1a\x45\xdf\xa3")},
	{"audio/flac", folio.MediaAudio, []string{"flac"}, prefix("fLaC")},
	{"audio/wav", folio.MediaAudio, []string{"wav"}, isWAV},
}

// DefaultExtensions is MediaWiki's default $wgFileExtensions plus a few
// formats browsers show directly.
var DefaultExtensions = []string{"png", "gif", "jpg", "jpeg", "webp", "svg", "pdf", "ogg", "oga", "ogv",
	"mp3", "webm", "flac", "wav"}

// DefaultMaxSize is the default upload size limit: 100 MiB, as MediaWiki's
// $wgMaxUploadSize.
const DefaultMaxSize = 100 << 20

// Verifier checks uploads against an extension allow-list and a size limit.
type Verifier struct {
	Extensions []string // allowed extensions, lower case; DefaultExtensions when nil
	MaxSize    int64    // DefaultMaxSize when zero
}

// Allowed returns the allowed extensions.
func (v *Verifier) Allowed() []string {
	if v.Extensions == nil {
		return DefaultExtensions
	}
	return v.Extensions
}

// Limit returns the size limit in bytes.
func (v *Verifier) Limit() int64 {
	if v.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return v.MaxSize
}

// TypeByExt returns the type of a lower-case extension.
func TypeByExt(ext string) (Type, bool) {
	for _, t := range Types {
		if slices.Contains(t.Exts, ext) {
			return t, true
		}
	}
	return Type{}, false
}

// Ext returns the lower-case extension of a file name, without the dot.
func Ext(name string) string {
	return strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
}

// Verify checks a file called name with content data. It returns the
// file's type and dimensions, or a *folio.Error saying why the file is
// refused.
func (v *Verifier) Verify(name string, data []byte) (*Info, error) {
	ext := Ext(name)
	allowed, maxSize := v.Allowed(), v.Limit()
	t, known := TypeByExt(ext)
	switch {
	case len(data) == 0:
		return nil, folio.Errorf(folio.EEmptyFile, "The file you uploaded is empty.")
	case int64(len(data)) > maxSize:
		return nil, folio.Errorf(folio.EFileTooLarge, "The file is %d bytes; the limit is %d bytes.", len(data), maxSize)
	case ext == "" || !slices.Contains(allowed, ext) || !known:
		return nil, folio.Errorf(folio.EFileTypeBanned, "Files of type %q are not allowed. Allowed types: %s.",
			ext, strings.Join(allowed, ", "))
	}
	if got := Detect(data); got != t.MIME {
		if got == "" {
			got = "an unknown type"
		}
		return nil, folio.Errorf(folio.EVerification, "The file's content is %s, which does not match its extension .%s.", got, ext)
	}
	info := &Info{Ext: ext, MIME: t.MIME, MediaType: t.MediaType}
	return info, v.inspect(info, data)
}

// inspect runs the type's safety checks and reads its dimensions.
func (v *Verifier) inspect(info *Info, data []byte) error {
	if info.MIME == "image/svg+xml" {
		if err := CheckSVG(data); err != nil {
			return err
		}
		info.Width, info.Height = SVGSize(data)
		return nil
	}
	if tag := htmlTag(data); tag != "" {
		return folio.Errorf(folio.EVerification,
			"The file contains HTML (%s), which a browser might run; it is refused.", tag)
	}
	if info.MediaType == folio.MediaBitmap {
		w, h, err := BitmapSize(data)
		if err != nil {
			return folio.Errorf(folio.EVerification, "The image cannot be read: %v.", err)
		}
		info.Width, info.Height = w, h
	}
	return nil
}

// htmlTags are what browsers that sniff content take for HTML.
var htmlTags = []string{"<!doctype html", "<html", "<head", "<body", "<script", "<title", "<iframe",
	"<a href", "<img", "<pre", "<table", "<plaintext", "<svg"}

// htmlTag returns the first HTML-looking tag in the first kilobyte of data
// (also in UTF-16), or "".
func htmlTag(data []byte) string {
	head := data[:min(len(data), 1024)]
	variants := [][]byte{head, bytes.ReplaceAll(head, []byte{0}, nil)}
	for _, b := range variants {
		lower := bytes.ToLower(b)
		lower = bytes.Join(bytes.Fields(lower), []byte(" ")) // "<a  href" and "<a\nhref" too
		for _, tag := range htmlTags {
			if bytes.Contains(lower, []byte(tag)) {
				return tag
			}
		}
	}
	return ""
}

// String describes a type for messages.
func (t Type) String() string { return fmt.Sprintf("%s (.%s)", t.MIME, t.Exts[0]) }
