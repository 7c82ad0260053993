package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
	"github.com/folio-wiki/folio/internal/s3"
)

// openFiles opens the blob store (local disk in the data directory, or S3
// when s3_url is set) and the file repository over it, and lets the
// renderer find files for [[File:…]] links.
func openFiles(ctx context.Context, a *app) (*filerepo.Repo, error) {
	fs, ok := a.Store.(folio.FileStore)
	if !ok {
		return nil, fmt.Errorf("the database backend keeps no file metadata")
	}
	var blobs folio.BlobStore
	if a.Config.S3URL == "" {
		l := localfs.NewBlobStore(filepath.Join(a.Config.Data, "files"))
		if err := l.Open(); err != nil {
			return nil, err
		}
		blobs = l
	} else {
		s, err := s3.ParseURL(a.Config.S3URL)
		if err != nil {
			return nil, fmt.Errorf("s3_url: %w", err)
		}
		if err := s.Open(ctx); err != nil {
			return nil, fmt.Errorf("open S3 bucket: %w", err)
		}
		blobs = s
	}
	repo := filerepo.New(fs, blobs)
	repo.Namespaces, repo.Log, repo.Logger = a.Namespaces, a.Store, a.Logger
	a.Renderer.Files = filerepo.WikitextFiles{Repo: repo}
	return repo, nil
}
