// Package blobtest is the conformance suite every folio.BlobStore must
// pass. Each backend's test calls Run with a function opening a fresh,
// empty store.
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/folio-wiki/folio"
)

// Opener returns a new, empty blob store for one test and registers its
// cleanup.
type Opener func(t *testing.T) folio.BlobStore

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, folio.BlobStore)
	}{
		{"PutGet", testPutGet},
		{"NotFound", testNotFound},
		{"Overwrite", testOverwrite},
		{"Delete", testDelete},
		{"List", testList},
		{"InvalidKeys", testInvalidKeys},
		{"ShortRead", testShortRead},
		{"ConcurrentReplace", testConcurrentReplace},
		{"Cancelled", testCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// MustPut stores data under key and fails the test on error.
func MustPut(tb testing.TB, s folio.BlobStore, key string, data []byte) {
	tb.Helper()
	if err := s.Put(context.Background(), key, bytes.NewReader(data), int64(len(data))); err != nil {
		tb.Fatalf("Put(%q, %d bytes) error: %v", key, len(data), err)
	}
}

// MustGet reads the blob under key and fails the test on error.
func MustGet(tb testing.TB, s folio.BlobStore, key string) ([]byte, folio.BlobInfo) {
	tb.Helper()
	rc, info, err := s.Get(context.Background(), key)
	if err != nil {
		tb.Fatalf("Get(%q) error: %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		tb.Fatalf("Get(%q) read error: %v", key, err)
	}
	return b, info
}

// pattern returns n bytes that differ by position, so truncations show.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) + seed
	}
	return b
}

func testPutGet(t *testing.T, s folio.BlobStore) {
	tests := []struct {
		name string
		key  string
		data []byte
	}{
		{"empty", "a/empty", nil},
		{"small", "a/b/small.png", []byte("hello, blob")},
		{"binary", "orig/3/3f/x-y_z.bin", pattern(4096, 1)},
		{"large", "big/blob", pattern(3<<20+17, 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			MustPut(t, s, tt.key, tt.data)
			got, info := MustGet(t, s, tt.key)
			if !bytes.Equal(got, tt.data) {
				t.Errorf("Get(%q) = %d bytes, want the %d bytes put", tt.key, len(got), len(tt.data))
			}
			if info.Key != tt.key || info.Size != int64(len(tt.data)) || info.Modified.IsZero() {
				t.Errorf("Get(%q) info = %+v, want key, size %d and a time", tt.key, info, len(tt.data))
			}
			st, err := s.Stat(context.Background(), tt.key)
			if err != nil || st.Size != int64(len(tt.data)) || st.Key != tt.key {
				t.Errorf("Stat(%q) = %+v, %v; want size %d", tt.key, st, err, len(tt.data))
			}
		})
	}
}

func testNotFound(t *testing.T, s folio.BlobStore) {
	ctx := context.Background()
	MustPut(t, s, "dir/file", []byte("x"))
	for _, key := range []string{"missing", "dir", "dir/file/more", "dir/fil"} {
		if rc, _, err := s.Get(ctx, key); !errors.Is(err, folio.ErrBlobNotFound) {
			if err == nil {
				rc.Close()
			}
			t.Errorf("Get(%q) error = %v, want ErrBlobNotFound", key, err)
		}
		if _, err := s.Stat(ctx, key); !errors.Is(err, folio.ErrBlobNotFound) {
			t.Errorf("Stat(%q) error = %v, want ErrBlobNotFound", key, err)
		}
	}
}

func testOverwrite(t *testing.T, s folio.BlobStore) {
	MustPut(t, s, "k", []byte("first version, longer"))
	MustPut(t, s, "k", []byte("second"))
	if got, _ := MustGet(t, s, "k"); string(got) != "second" {
		t.Errorf("Get after overwrite = %q, want %q", got, "second")
	}
}

func testDelete(t *testing.T, s folio.BlobStore) {
	ctx := context.Background()
	MustPut(t, s, "d/1", []byte("1"))
	MustPut(t, s, "d/2", []byte("2"))
	MustPut(t, s, "d/3", []byte("3"))
	if err := s.Delete(ctx, "d/1", "d/3", "d/missing"); err != nil {
		t.Fatalf("Delete() error: %v", err)
	}
	for key, want := range map[string]bool{"d/1": false, "d/2": true, "d/3": false} {
		_, err := s.Stat(ctx, key)
		if got := err == nil; got != want {
			t.Errorf("after Delete, Stat(%q) error = %v, want present=%v", key, err, want)
		}
	}
	if err := s.Delete(ctx); err != nil {
		t.Errorf("Delete() with no keys error: %v", err)
	}
}

func testList(t *testing.T, s folio.BlobStore) {
	keys := []string{"thumb/b/2", "orig/a/1", "orig/a/2", "orig/b/1", "origin", "thumb/a"}
	for i, k := range keys {
		MustPut(t, s, k, pattern(i+1, 0))
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"", []string{"orig/a/1", "orig/a/2", "orig/b/1", "origin", "thumb/a", "thumb/b/2"}},
		{"orig/", []string{"orig/a/1", "orig/a/2", "orig/b/1"}},
		{"orig", []string{"orig/a/1", "orig/a/2", "orig/b/1", "origin"}},
		{"orig/a/", []string{"orig/a/1", "orig/a/2"}},
		{"thumb/b", []string{"thumb/b/2"}},
		{"none/", nil},
	}
	for _, tt := range tests {
		var got []string
		for info, err := range s.List(context.Background(), tt.prefix) {
			if err != nil {
				t.Fatalf("List(%q) error: %v", tt.prefix, err)
			}
			got = append(got, info.Key)
			if want := int64(indexOf(keys, info.Key) + 1); info.Size != want {
				t.Errorf("List(%q): %s has size %d, want %d", tt.prefix, info.Key, info.Size, want)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("List(%q) = %q, want %q", tt.prefix, got, tt.want)
		}
	}
	for _, err := range s.List(context.Background(), "orig/") {
		if err != nil {
			t.Fatalf("List error: %v", err)
		}
		break // stopping early must be safe
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func testInvalidKeys(t *testing.T, s folio.BlobStore) {
	ctx := context.Background()
	for _, key := range []string{"", "../x", "a/../../b", "/abs", "a//b", "a/", "sp ace", "back\\slash", "nul\x00"} {
		if err := s.Put(ctx, key, strings.NewReader("x"), 1); err == nil {
			t.Errorf("Put(%q) succeeded, want an error", key)
		}
		if rc, _, err := s.Get(ctx, key); err == nil {
			rc.Close()
			t.Errorf("Get(%q) succeeded, want an error", key)
		}
	}
}

// testShortRead checks that a Put whose reader fails stores nothing and
// leaves an older blob under the key untouched.
func testShortRead(t *testing.T, s folio.BlobStore) {
	ctx := context.Background()
	MustPut(t, s, "short/old", []byte("old"))
	for _, key := range []string{"short/new", "short/old"} {
		r := io.MultiReader(bytes.NewReader(pattern(1000, 3)), errReader{})
		if err := s.Put(ctx, key, r, 5000); err == nil {
			t.Errorf("Put(%q) with a failing reader succeeded", key)
		}
	}
	if _, err := s.Stat(ctx, "short/new"); !errors.Is(err, folio.ErrBlobNotFound) {
		t.Errorf("after a failed Put, Stat(short/new) error = %v, want ErrBlobNotFound", err)
	}
	if got, _ := MustGet(t, s, "short/old"); string(got) != "old" {
		t.Errorf("after a failed Put, short/old = %q, want %q", got, "old")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("reader broke") }

// testConcurrentReplace writes two versions of a key while readers check
// they never see a mixture. (Folio's keys are content-addressed, so a key
// is only ever rewritten with the same bytes; this checks the harder case.)
func testConcurrentReplace(t *testing.T, s folio.BlobStore) {
	a, b := bytes.Repeat([]byte("A"), 256<<10), bytes.Repeat([]byte("B"), 256<<10)
	MustPut(t, s, "race", a)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 5 {
				data := a
				if (i+w)%2 == 0 {
					data = b
				}
				if err := s.Put(ctx, "race", bytes.NewReader(data), int64(len(data))); err != nil {
					t.Errorf("Put(race) error: %v", err)
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 10 {
				rc, _, err := s.Get(ctx, "race")
				if errors.Is(err, folio.ErrBlobNotFound) {
					t.Errorf("Get(race) error: %v; the key always exists", err)
					return
				} else if err != nil {
					continue
				}
				got, err := io.ReadAll(rc)
				rc.Close()
				// A read may fail when the object changes under it (S3
				// clients pin the ETag they started with); what it must
				// never do is return a mixture without an error.
				if err == nil && !(bytes.Equal(got, a) || bytes.Equal(got, b)) {
					t.Errorf("Get(race) read %d bytes that are neither version", len(got))
				}
			}
		})
	}
	wg.Wait()
}

func testCancelled(t *testing.T, s folio.BlobStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Put(ctx, "cancelled", bytes.NewReader(pattern(10, 0)), 10); err == nil {
		t.Errorf("Put with a cancelled context succeeded")
	}
	if _, err := s.Stat(context.Background(), "cancelled"); !errors.Is(err, folio.ErrBlobNotFound) {
		t.Errorf("after a cancelled Put, Stat error = %v, want ErrBlobNotFound", err)
	}
}
