// Package localfs implements folio.BlobStore on the local file system: each
// blob is a file under a root directory, written to a temporary file first
// and renamed into place, so readers never see a partial blob.
package localfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/folio-wiki/folio"
)

var _ folio.BlobStore = (*BlobStore)(nil)

// tmpDir is the directory under the root that holds blobs being written. Its
// name starts with a dot, which no valid key segment does.
const tmpDir = ".tmp"

// BlobStore keeps blobs as files under Root.
type BlobStore struct {
	Root string
}

// NewBlobStore returns a store rooted at dir.
func NewBlobStore(dir string) *BlobStore {
	return &BlobStore{Root: dir}
}

// Open creates the root and its temporary directory.
func (s *BlobStore) Open() error {
	if err := os.MkdirAll(filepath.Join(s.Root, tmpDir), 0o755); err != nil {
		return fmt.Errorf("create blob directory: %w", err)
	}
	return nil
}

// path returns the file of key, or an error for an invalid key.
func (s *BlobStore) path(key string) (string, error) {
	if !folio.ValidBlobKey(key) {
		return "", fmt.Errorf("invalid blob key %q", key)
	}
	return filepath.Join(s.Root, filepath.FromSlash(key)), nil
}

// Put writes the blob to a temporary file, syncs it and renames it to key.
func (s *BlobStore) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	dst, err := s.path(key)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	f, err := os.CreateTemp(filepath.Join(s.Root, tmpDir), "put-*")
	if err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	tmp := f.Name()
	err = writeAll(ctx, f, r, size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o755)
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	return nil
}

// writeAll copies exactly size bytes of r into f and syncs f.
func writeAll(ctx context.Context, f *os.File, r io.Reader, size int64) error {
	n, err := io.Copy(f, io.LimitReader(ctxReader{ctx, r}, size+1))
	if err != nil {
		return err
	} else if n != size {
		return fmt.Errorf("read %d bytes, want %d", n, size)
	}
	return f.Sync()
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Get opens the blob under key.
func (s *BlobStore) Get(ctx context.Context, key string) (io.ReadCloser, folio.BlobInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, folio.BlobInfo{}, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, folio.BlobInfo{}, mapErr(key, err)
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = fs.ErrNotExist
	}
	if err != nil {
		f.Close()
		return nil, folio.BlobInfo{}, mapErr(key, err)
	}
	return f, info(key, st), nil
}

// Stat describes the blob under key.
func (s *BlobStore) Stat(ctx context.Context, key string) (folio.BlobInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return folio.BlobInfo{}, err
	}
	st, err := os.Stat(p)
	if err == nil && st.IsDir() {
		err = fs.ErrNotExist
	}
	if err != nil {
		return folio.BlobInfo{}, mapErr(key, err)
	}
	return info(key, st), nil
}

func info(key string, st fs.FileInfo) folio.BlobInfo {
	return folio.BlobInfo{Key: key, Size: st.Size(), Modified: st.ModTime().UTC()}
}

// mapErr turns "no such file" and "not a directory" into ErrBlobNotFound.
func mapErr(key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || isNotDir(err) {
		return fmt.Errorf("blob %s: %w", key, folio.ErrBlobNotFound)
	}
	return fmt.Errorf("blob %s: %w", key, err)
}

// Delete removes the files of keys; missing ones are skipped.
func (s *BlobStore) Delete(ctx context.Context, keys ...string) error {
	for _, key := range keys {
		p, err := s.path(key)
		if err != nil {
			return err
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			return fmt.Errorf("delete blob %s: %w", key, err)
		}
	}
	return nil
}

// List walks the directories that can hold keys starting with prefix, in
// key order.
func (s *BlobStore) List(ctx context.Context, prefix string) iter.Seq2[folio.BlobInfo, error] {
	return func(yield func(folio.BlobInfo, error) bool) {
		s.walk(ctx, "", prefix, yield)
	}
}

// walk lists directory dir (a key prefix ending in "/", or "" for the
// root) and returns false once yield asks to stop.
func (s *BlobStore) walk(ctx context.Context, dir, prefix string, yield func(folio.BlobInfo, error) bool) bool {
	if err := ctx.Err(); err != nil {
		return yield(folio.BlobInfo{}, err)
	}
	entries, err := os.ReadDir(filepath.Join(s.Root, filepath.FromSlash(dir)))
	if errors.Is(err, fs.ErrNotExist) {
		return true
	} else if err != nil {
		return yield(folio.BlobInfo{}, fmt.Errorf("list blobs: %w", err))
	}
	// Sort as keys sort: a directory "a" holds keys "a/…", which come
	// after "a-b" and "a.b" in byte order.
	sortKey := func(e fs.DirEntry) string {
		if e.IsDir() {
			return e.Name() + "/"
		}
		return e.Name()
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(sortKey(a), sortKey(b)) })
	for _, e := range entries {
		key := dir + sortKey(e)
		if strings.HasPrefix(e.Name(), ".") || !(strings.HasPrefix(key, prefix) || strings.HasPrefix(prefix, key)) {
			continue
		}
		if e.IsDir() {
			if !s.walk(ctx, key, prefix, yield) {
				return false
			}
			continue
		}
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		st, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted while listing
		} else if err != nil {
			return yield(folio.BlobInfo{}, fmt.Errorf("list blobs: %w", err))
		}
		if !yield(info(key, st), nil) {
			return false
		}
	}
	return true
}
