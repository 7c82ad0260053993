package pagecache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// entryMagic starts every encoded entry.
const entryMagic = "FPC1"

// entry is a cached response. Header holds the handler's headers minus
// those that belong to one request (cookies, request ids, Date).
type entry struct {
	Status int
	Stored int64 // Unix seconds
	ETag   string
	Header http.Header
	Body   []byte
	length []string // Content-Length header value
}

var errBadEntry = errors.New("pagecache: malformed cache entry")

// encode serialises e: magic, stored time, status, ETag, header lines and
// the body.
func (e *entry) encode() []byte {
	var hdr bytes.Buffer
	for name, vals := range e.Header {
		for _, v := range vals {
			hdr.WriteString(name)
			hdr.WriteByte(0)
			hdr.WriteString(v)
			hdr.WriteByte('\n')
		}
	}
	b := make([]byte, 0, 32+len(e.ETag)+hdr.Len()+len(e.Body))
	b = append(b, entryMagic...)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Stored))
	b = binary.BigEndian.AppendUint16(b, uint16(e.Status))
	b = binary.BigEndian.AppendUint16(b, uint16(len(e.ETag)))
	b = append(b, e.ETag...)
	b = binary.BigEndian.AppendUint32(b, uint32(hdr.Len()))
	b = append(b, hdr.Bytes()...)
	return append(b, e.Body...)
}

// decodeEntry parses an encoded entry. Body shares b's memory.
func decodeEntry(b []byte) (*entry, error) {
	if len(b) < len(entryMagic)+16 || string(b[:len(entryMagic)]) != entryMagic {
		return nil, errBadEntry
	}
	b = b[len(entryMagic):]
	e := &entry{Stored: int64(binary.BigEndian.Uint64(b)), Status: int(binary.BigEndian.Uint16(b[8:]))}
	n := int(binary.BigEndian.Uint16(b[10:]))
	b = b[12:]
	if len(b) < n+4 {
		return nil, errBadEntry
	}
	e.ETag, b = string(b[:n]), b[n:]
	n, b = int(binary.BigEndian.Uint32(b)), b[4:]
	if len(b) < n {
		return nil, errBadEntry
	}
	hdr := string(b[:n])
	e.Body = b[n:]
	e.length = []string{strconv.Itoa(len(e.Body))}
	e.Header = make(http.Header, strings.Count(hdr, "\n"))
	for line := range strings.SplitSeq(hdr, "\n") {
		name, val, ok := strings.Cut(line, "\x00")
		if ok {
			e.Header[name] = append(e.Header[name], val)
		}
	}
	// Hits share these slices; clipped, an Add by a caller copies them.
	for k, v := range e.Header {
		e.Header[k] = slices.Clip(v)
	}
	return e, nil
}
