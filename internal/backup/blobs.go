package backup

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// A backup's files (uploads) are copied, uncompressed, to files/<key> with
// their list in files.jsonl.gz: one {"key","size","sha256"} per blob.
// Blob keys are content-addressed, so a blob already in the previous
// backup is hard-linked instead of copied: each backup is complete, and
// costs only the space of the new files.

// BlobSource lists and reads the blobs to back up (folio.BlobStore).
type BlobSource interface {
	List(ctx context.Context, prefix string) iter.Seq2[folio.BlobInfo, error]
	Get(ctx context.Context, key string) (io.ReadCloser, folio.BlobInfo, error)
}

// BlobTarget receives restored blobs (folio.BlobStore).
type BlobTarget interface {
	Put(ctx context.Context, key string, r io.Reader, size int64) error
}

// BlobSet describes the files of a backup in its manifest.
type BlobSet struct {
	Prefix string `json:"prefix"`
	Count  int64  `json:"count"`
	Bytes  int64  `json:"bytes"`
	Linked int64  `json:"linked"` // hard-linked from the previous backup
	List   TableFile
}

type blobEntry struct {
	Key    string `json:"key"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// backupBlobs copies the blobs under prefix into dir, linking those that
// prev (the previous backup folder, or "") already holds.
func backupBlobs(ctx context.Context, src BlobSource, prefix, dir, prev string) (*BlobSet, error) {
	set := &BlobSet{Prefix: prefix, List: TableFile{Name: "files", File: "files.jsonl.gz"}}
	tw, err := createTable(filepath.Join(dir, set.List.File), tableHeader{Table: "files", Columns: []string{"key", "size", "sha256"}})
	if err != nil {
		return nil, err
	}
	prevSums := readSums(prev)
	for info, err := range src.List(ctx, prefix) {
		if err != nil {
			tw.close()
			return nil, fmt.Errorf("list files: %w", err)
		}
		e, linked, err := copyBlob(ctx, src, info, dir, prev, prevSums)
		if err != nil {
			tw.close()
			return nil, fmt.Errorf("back up file %s: %w", info.Key, err)
		}
		if err := tw.write([]any{e.Key, e.Size, e.SHA256}); err != nil {
			tw.close()
			return nil, err
		}
		set.Count++
		set.Bytes += e.Size
		if linked {
			set.Linked++
		}
	}
	set.List.Rows = tw.rows
	set.List.Bytes, set.List.SHA256, err = tw.close()
	return set, err
}

func blobPath(dir, key string) (string, error) {
	if !folio.ValidBlobKey(key) || strings.Contains(key, "..") {
		return "", fmt.Errorf("unsafe blob key %q", key)
	}
	return filepath.Join(dir, "files", filepath.FromSlash(key)), nil
}

// copyBlob links the blob from prev when it holds the same key and size,
// and copies it from src otherwise, hashing what it writes.
func copyBlob(ctx context.Context, src BlobSource, info folio.BlobInfo, dir, prev string, sums map[string]string) (blobEntry, bool, error) {
	dst, err := blobPath(dir, info.Key)
	if err != nil {
		return blobEntry{}, false, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return blobEntry{}, false, err
	}
	if prev != "" {
		if e, ok := linkBlob(prev, dst, info, sums); ok {
			return e, true, nil
		}
	}
	rc, _, err := src.Get(ctx, info.Key)
	if err != nil {
		return blobEntry{}, false, err
	}
	defer rc.Close()
	e, err := writeBlob(dst, rc)
	e.Key = info.Key
	return e, false, err
}

func linkBlob(prev, dst string, info folio.BlobInfo, sums map[string]string) (blobEntry, bool) {
	old, err := blobPath(prev, info.Key)
	if err != nil {
		return blobEntry{}, false
	}
	fi, err := os.Stat(old)
	if err != nil || fi.Size() != info.Size {
		return blobEntry{}, false
	}
	sum, ok := sums[info.Key]
	if !ok || os.Link(old, dst) != nil {
		return blobEntry{}, false
	}
	return blobEntry{Key: info.Key, Size: info.Size, SHA256: sum}, true
}

func writeBlob(dst string, r io.Reader) (blobEntry, error) {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return blobEntry{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return blobEntry{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, err
}

// readSums returns the checksums listed by the backup folder dir.
func readSums(dir string) map[string]string {
	out := map[string]string{}
	if dir == "" {
		return out
	}
	m, err := ReadManifest(dir)
	if err != nil || m.Blobs == nil {
		return out
	}
	_ = eachBlob(dir, m.Blobs, func(e blobEntry) error { out[e.Key] = e.SHA256; return nil })
	return out
}

// eachBlob calls fn for every entry of the backup's file list, checking
// the list's checksum.
func eachBlob(dir string, set *BlobSet, fn func(blobEntry) error) error {
	tr, err := openTable(dir, set.List)
	if err != nil {
		return err
	}
	defer tr.close()
	for {
		row, err := tr.next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		k, _ := row[0].(string)
		s, _ := row[2].(string)
		if err := fn(blobEntry{Key: k, Size: asInt(row[1]), SHA256: s}); err != nil {
			return err
		}
	}
}

// checkedBlob opens a backed-up blob whose bytes are checked against the
// list when the reader reaches its end.
func checkedBlob(dir string, e blobEntry) (io.ReadCloser, error) {
	p, err := blobPath(dir, e.Key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return &hashReader{f: f, r: bufio.NewReader(f), h: sha256.New(), want: e}, nil
}

type hashReader struct {
	f    *os.File
	r    io.Reader
	h    hash.Hash
	n    int64
	want blobEntry
}

func (hr *hashReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	hr.n += int64(n)
	if errors.Is(err, io.EOF) {
		if got := hex.EncodeToString(hr.h.Sum(nil)); got != hr.want.SHA256 || hr.n != hr.want.Size {
			return n, fmt.Errorf("file %s: %d bytes with sha256 %.12s…, the list says %d bytes, %.12s…", hr.want.Key, hr.n, got, hr.want.Size, hr.want.SHA256)
		}
	}
	return n, err
}

func (hr *hashReader) Close() error { return hr.f.Close() }

// verifyBlobs reads every backed-up file and checks it against the list.
func verifyBlobs(dir string, set *BlobSet) []string {
	var problems []string
	var count int64
	err := eachBlob(dir, set, func(e blobEntry) error {
		count++
		rc, err := checkedBlob(dir, e)
		if err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		defer rc.Close()
		if _, err := io.Copy(io.Discard, rc); err != nil {
			problems = append(problems, err.Error())
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	} else if count != set.Count {
		problems = append(problems, fmt.Sprintf("files: %d listed, manifest says %d", count, set.Count))
	}
	return problems
}

// RestoreBlobs puts every file of the backup folder dir into dst, each
// checked against its size and SHA-256 as it is read; a damaged file
// fails the restore.
func RestoreBlobs(ctx context.Context, dir string, dst BlobTarget) (int64, time.Duration, error) {
	start := time.Now()
	m, err := ReadManifest(dir)
	if err != nil || m.Blobs == nil {
		return 0, 0, err
	}
	var n int64
	err = eachBlob(dir, m.Blobs, func(e blobEntry) error {
		rc, err := checkedBlob(dir, e)
		if err != nil {
			return err
		}
		defer rc.Close()
		if err := dst.Put(ctx, e.Key, rc, e.Size); err != nil {
			return fmt.Errorf("restore file %s: %w", e.Key, err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			return err // the bytes did not match the list
		}
		n++
		return nil
	})
	return n, time.Since(start), err
}
