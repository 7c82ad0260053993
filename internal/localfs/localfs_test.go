package localfs_test

import (
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/blobtest"
	"github.com/folio-wiki/folio/internal/localfs"
)

func TestBlobStore(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) folio.BlobStore {
		s := localfs.NewBlobStore(t.TempDir())
		if err := s.Open(); err != nil {
			t.Fatalf("Open() error: %v", err)
		}
		return s
	})
}
