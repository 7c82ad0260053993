package sqlite

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// segmentTime names WAL segments after the time they were shipped.
const segmentTime = "20060102T150405.000000000Z"

// ship takes a new read transaction, copies the frames committed since
// the last shipment into a new segment, and then ends the previous read
// transaction.
func (r *Replicator) ship(ctx context.Context) error {
	release, err := r.repin(ctx)
	if err != nil {
		return err
	}
	defer release()
	return r.shipPinned()
}

// shipPinned copies new committed frames; a read transaction holds the
// WAL. After a WAL restart it first drains the previous WAL's frames that
// are still in the file under the old salt.
func (r *Replicator) shipPinned() error {
	f, err := os.Open(r.Path + "-wal")
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer f.Close()
	hb := make([]byte, walHeaderSize)
	if _, err := io.ReadFull(f, hb); err != nil {
		return nil // an empty WAL: nothing committed since the last checkpoint
	}
	h, err := parseWALHeader(hb)
	if errors.Is(err, errNoWAL) {
		return nil
	} else if err != nil {
		return err
	}
	g := r.gen
	if g.scan != nil && (g.scan.h.Salt1 != h.Salt1 || g.scan.h.Salt2 != h.Salt2) {
		if err := r.shipFrames(f, g.scan); err != nil {
			return err
		}
		g.scan = nil
	}
	if g.scan == nil {
		g.scan = newWALScan(h)
	}
	return r.shipFrames(f, g.scan)
}

// shipFrames reads the frames after the scan's position up to the last
// commit frame and writes them as one segment. Frames of a transaction
// still being written are read again next time.
func (r *Replicator) shipFrames(f *os.File, s *walScan) error {
	if _, err := f.Seek(s.frameOffset(s.frames), io.SeekStart); err != nil {
		return err
	}
	var pending, committed bytes.Buffer
	saved := *s
	for {
		fr, err := s.next(f)
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
		pending.Write(fr.Data)
		if fr.Commit > 0 {
			committed.Write(pending.Bytes())
			pending.Reset()
			saved = *s
		}
	}
	*s = saved
	if committed.Len() == 0 {
		return nil
	}
	return r.writeSegment(s.h, committed.Bytes())
}

// writeSegment writes frames after a copy of the WAL header (which holds
// the page size) as the next segment of the generation.
func (r *Replicator) writeSegment(h walHeader, frames []byte) error {
	g := r.gen
	g.seq++
	name := fmt.Sprintf("%08d-%s.wal.gz", g.seq, r.Now().UTC().Format(segmentTime))
	tmp := filepath.Join(g.dir, "wal", name+".tmp")
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	hdr := make([]byte, walHeaderSize)
	putHeader(hdr, h)
	zw.Write(hdr)
	zw.Write(frames)
	if err := zw.Close(); err != nil {
		return err
	}
	if err := writeFileSync(tmp, buf.Bytes()); err != nil {
		return fmt.Errorf("write segment: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(g.dir, "wal", name)); err != nil {
		return fmt.Errorf("write segment: %w", err)
	}
	return syncDir(filepath.Join(g.dir, "wal"))
}

// putHeader writes the fields of h that a restore reads.
func putHeader(b []byte, h walHeader) {
	be := func(off int, v uint32) {
		b[off], b[off+1], b[off+2], b[off+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	be(0, walMagicLE)
	be(8, h.PageSize)
	be(12, h.CheckSeq)
	be(16, h.Salt1)
	be(20, h.Salt2)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
