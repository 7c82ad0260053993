package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/folio-wiki/folio/internal/backup"
	"github.com/folio-wiki/folio/internal/s3"
)

// A continuous replica "in S3" is written to a staging folder in the data
// directory, as a local replica is, and mirrored to the bucket after every
// shipment: the replicator stays simple (files, renames, fsync) and the
// bucket only ever receives complete, immutable files.

// replicaStaging is the local folder a remote replica is staged in.
func replicaStaging(c *Config) string { return filepath.Join(c.Data, "replica-staging") }

// mirrorReplica copies dir to remote every interval until ctx ends, then
// once more, so that a clean stop leaves nothing behind. Pruned files are
// removed from the bucket once a minute.
func mirrorReplica(ctx context.Context, dir string, remote *s3.BlobStore, interval time.Duration, logger *slog.Logger) error {
	m := &backup.Mirror{Dir: dir, Remote: remote}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	pruneEvery := max(1, int(time.Minute/interval))
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, err := m.Sync(fctx, false)
			return err
		case <-tick.C:
		}
		if _, err := m.Sync(ctx, n%pruneEvery == 0); err != nil && ctx.Err() == nil {
			logger.Warn("replica mirror", "err", err)
		}
	}
}

// isRemoteReplica tells whether the S3 location holds a mirrored replica
// (generation folders with base.json) rather than snapshot backups.
func isRemoteReplica(ctx context.Context, remote *s3.BlobStore) (bool, error) {
	for info, err := range remote.List(ctx, "") {
		if err != nil {
			return false, err
		}
		if strings.HasSuffix(info.Key, "/base.json") && strings.Count(info.Key, "/") == 1 {
			return true, nil
		}
	}
	return false, nil
}

// fetchRemoteReplica downloads a mirrored replica into a temporary folder
// that cleanup removes.
func fetchRemoteReplica(ctx context.Context, remote *s3.BlobStore, stderr func(string, ...any)) (dir string, cleanup func(), err error) {
	tmp, err := os.MkdirTemp("", "folio-replica-")
	if err != nil {
		return "", nil, err
	}
	n, err := backup.FetchTree(ctx, remote, "", tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("download replica: %w", err)
	}
	stderr("downloaded %d replica files\n", n)
	return tmp, func() { os.RemoveAll(tmp) }, nil
}
