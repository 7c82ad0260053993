package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
)

// Remote is a blob store that keeps backups off the machine: an S3 bucket
// and prefix (folio.BlobStore). A backup folder NAME maps onto the keys
// NAME/…; uploaded files go to files/<key>, shared by every backup, so each
// upload crosses the network once.
type Remote interface {
	BlobSource
	BlobTarget
	Stat(ctx context.Context, key string) (folio.BlobInfo, error)
}

// Upload copies the backup folder dir to remote, its manifest last: a
// backup whose manifest is visible remotely is complete. It returns the
// number of objects written.
func Upload(ctx context.Context, dir string, remote Remote) (int, error) {
	name := filepath.Base(dir)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == ManifestName {
			return err
		}
		key := name + "/" + filepath.ToSlash(rel)
		if after, ok := strings.CutPrefix(key, name+"/files/"); ok {
			key = "files/" + after
			if info, err := remote.Stat(ctx, key); err == nil && sameSize(p, info.Size) {
				return nil
			}
		}
		n++
		return putFile(ctx, remote, key, p)
	})
	if err != nil {
		return n, fmt.Errorf("upload %s: %w", name, err)
	}
	if err := putFile(ctx, remote, name+"/"+ManifestName, filepath.Join(dir, ManifestName)); err != nil {
		return n, fmt.Errorf("upload %s: %w", name, err)
	}
	return n + 1, nil
}

func sameSize(p string, size int64) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Size() == size
}

func putFile(ctx context.Context, remote BlobTarget, key, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return remote.Put(ctx, key, f, fi.Size())
}

// LatestRemote returns the name of the newest complete backup in remote.
func LatestRemote(ctx context.Context, remote Remote) (string, error) {
	latest := ""
	for info, err := range remote.List(ctx, "") {
		if err != nil {
			return "", fmt.Errorf("list remote backups: %w", err)
		}
		name, rest, ok := strings.Cut(info.Key, "/")
		if !ok || rest != ManifestName {
			continue
		}
		if _, err := time.Parse(StampFormat, name); err == nil && name > latest {
			latest = name
		}
	}
	if latest == "" {
		return "", errors.New("no complete backup in the remote store")
	}
	return latest, nil
}

// Download copies the backup name from remote into the new folder
// root/name and returns that folder. Restore and Verify check every file.
func Download(ctx context.Context, remote Remote, name, root string) (string, error) {
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o750); err != nil {
		return "", err
	}
	if err := getFile(ctx, remote, name+"/"+ManifestName, filepath.Join(dir, ManifestName)); err != nil {
		return "", err
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return "", err
	}
	for _, tf := range m.Tables {
		if err := getFile(ctx, remote, name+"/"+tf.File, filepath.Join(dir, filepath.FromSlash(tf.File))); err != nil {
			return "", err
		}
	}
	if m.Blobs == nil {
		return dir, nil
	}
	if err := getFile(ctx, remote, name+"/"+m.Blobs.List.File, filepath.Join(dir, m.Blobs.List.File)); err != nil {
		return "", err
	}
	return dir, eachBlob(dir, m.Blobs, func(e blobEntry) error {
		p, err := blobPath(dir, e.Key)
		if err != nil {
			return err
		}
		return getFile(ctx, remote, "files/"+e.Key, p)
	})
}

func getFile(ctx context.Context, remote BlobSource, key, p string) error {
	rc, _, err := remote.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("download %s: %w", key, err)
	}
	defer rc.Close()
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, rc); err != nil {
		f.Close()
		return fmt.Errorf("download %s: %w", key, err)
	}
	return f.Close()
}
