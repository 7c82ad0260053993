package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The WAL file format (https://www.sqlite.org/fileformat2.html#walformat):
// a 32-byte header, then frames of a 24-byte header and one page each.

const (
	walHeaderSize      = 32
	walFrameHeaderSize = 24
	walMagicLE         = 0x377f0682
	walMagicBE         = 0x377f0683
)

// walHeader is the parsed header of a WAL file.
type walHeader struct {
	PageSize   uint32
	CheckSeq   uint32
	Salt1      uint32
	Salt2      uint32
	bigEndian  bool
	sum0, sum1 uint32 // checksum of the header, the seed of the first frame's
}

var errNoWAL = errors.New("no valid WAL header")

func parseWALHeader(b []byte) (walHeader, error) {
	if len(b) < walHeaderSize {
		return walHeader{}, errNoWAL
	}
	magic := binary.BigEndian.Uint32(b[0:])
	if magic != walMagicLE && magic != walMagicBE {
		return walHeader{}, errNoWAL
	}
	h := walHeader{
		PageSize:  binary.BigEndian.Uint32(b[8:]),
		CheckSeq:  binary.BigEndian.Uint32(b[12:]),
		Salt1:     binary.BigEndian.Uint32(b[16:]),
		Salt2:     binary.BigEndian.Uint32(b[20:]),
		bigEndian: magic == walMagicBE,
	}
	h.sum0, h.sum1 = walChecksum(h.bigEndian, 0, 0, b[:24])
	if h.sum0 != binary.BigEndian.Uint32(b[24:]) || h.sum1 != binary.BigEndian.Uint32(b[28:]) {
		return walHeader{}, fmt.Errorf("%w: header checksum mismatch", errNoWAL)
	}
	if h.PageSize < 512 || h.PageSize > 65536 || h.PageSize&(h.PageSize-1) != 0 {
		return walHeader{}, fmt.Errorf("%w: page size %d", errNoWAL, h.PageSize)
	}
	return h, nil
}

// walChecksum extends the running checksum (s0, s1) over b, whose length
// is a multiple of 8, as SQLite's walChecksumBytes does.
func walChecksum(bigEndian bool, s0, s1 uint32, b []byte) (uint32, uint32) {
	order := binary.ByteOrder(binary.LittleEndian)
	if bigEndian {
		order = binary.BigEndian
	}
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// walScan reads the frames of one WAL generation.
type walScan struct {
	h          walHeader
	sum0, sum1 uint32 // running checksum after the last valid frame
	frames     int64  // valid frames read so far
}

// walFrame is one frame: its header and page.
type walFrame struct {
	Pgno   uint32
	Commit uint32 // database size in pages after a commit frame, else 0
	Data   []byte // the 24-byte header followed by the page
}

func newWALScan(h walHeader) *walScan {
	return &walScan{h: h, sum0: h.sum0, sum1: h.sum1}
}

// next reads one frame from r and checks its salt and checksum. It returns
// io.EOF at the end of the valid frames: a short read, another
// generation's salt or a checksum that does not continue the chain.
func (s *walScan) next(r io.Reader) (*walFrame, error) {
	buf := make([]byte, walFrameHeaderSize+int(s.h.PageSize))
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, io.EOF
		}
		return nil, err
	}
	f := &walFrame{Pgno: binary.BigEndian.Uint32(buf[0:]), Commit: binary.BigEndian.Uint32(buf[4:]), Data: buf}
	if binary.BigEndian.Uint32(buf[8:]) != s.h.Salt1 || binary.BigEndian.Uint32(buf[12:]) != s.h.Salt2 {
		return nil, io.EOF
	}
	c0, c1 := walChecksum(s.h.bigEndian, s.sum0, s.sum1, buf[:8])
	c0, c1 = walChecksum(s.h.bigEndian, c0, c1, buf[walFrameHeaderSize:])
	if c0 != binary.BigEndian.Uint32(buf[16:]) || c1 != binary.BigEndian.Uint32(buf[20:]) {
		return nil, io.EOF
	}
	s.sum0, s.sum1 = c0, c1
	s.frames++
	return f, nil
}

// frameOffset is the file offset of frame i (0-based).
func (s *walScan) frameOffset(i int64) int64 {
	return walHeaderSize + i*int64(walFrameHeaderSize+s.h.PageSize)
}
