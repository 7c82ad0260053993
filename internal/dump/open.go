package dump

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// Source is an opened dump: the decompressed XML stream, plus how far the
// underlying (possibly compressed) input has been read, for progress.
type Source struct {
	io.Reader
	// Size is the size of the input file in bytes, or 0 when unknown (stdin).
	Size int64
	// Name is the file name, "-" for stdin.
	Name string

	read   atomic.Int64
	closer io.Closer
}

// Offset returns how many bytes of the input have been consumed.
func (s *Source) Offset() int64 { return s.read.Load() }

// Close closes the input file.
func (s *Source) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// Open opens a dump file, "-" meaning stdin. Gzip and bzip2 compression
// are recognised by their magic bytes, whatever the file name.
func Open(name string, stdin io.Reader) (*Source, error) {
	s := &Source{Name: name}
	var in io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open dump: %w", err)
		}
		if fi, err := f.Stat(); err == nil {
			s.Size = fi.Size()
		}
		in, s.closer = f, f
	}
	br := bufio.NewReaderSize(&countingReader{r: in, n: &s.read}, 1<<16)
	r, err := decompress(br)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open dump %s: %w", name, err)
	}
	s.Reader = r
	return s, nil
}

// decompress wraps br in a decompressor chosen by its first bytes.
func decompress(br *bufio.Reader) (io.Reader, error) {
	magic, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read gzip header: %w", err)
		}
		return zr, nil
	case bytes.HasPrefix(magic, []byte("BZh")):
		return bufio.NewReaderSize(bzip2.NewReader(br), 1<<16), nil
	}
	return br, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
