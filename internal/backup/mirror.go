package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Mirror keeps a copy of a local folder that only ever gains complete,
// immutable files (a continuous SQLite replica) in a remote store under
// Prefix, so that losing the machine loses only what was not yet mirrored.
// Files are uploaded once each, in an order that keeps the remote copy
// usable at every moment: a generation's base copy, then its base.json
// (written last locally, so its presence means the base is complete), then
// its WAL segments. Files removed locally (pruned) are removed remotely.
type Mirror struct {
	Dir    string
	Remote Remote
	Prefix string // "" or ending in "/"

	uploaded map[string]int64 // rel path → size uploaded
}

// MirrorStats is what one Sync did.
type MirrorStats struct {
	Uploaded, Removed int
}

// Sync uploads the new files and, when prune is set, removes remote files
// whose local copy is gone.
func (m *Mirror) Sync(ctx context.Context, prune bool) (MirrorStats, error) {
	var st MirrorStats
	if m.uploaded == nil {
		m.uploaded = map[string]int64{}
	}
	files, err := m.localFiles()
	if err != nil {
		return st, err
	}
	for _, f := range files {
		if size, ok := m.uploaded[f.rel]; ok && size == f.size {
			continue
		}
		if err := putFile(ctx, m.Remote, m.Prefix+f.rel, filepath.Join(m.Dir, filepath.FromSlash(f.rel))); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // pruned between the walk and the upload
			}
			return st, fmt.Errorf("mirror %s: %w", f.rel, err)
		}
		m.uploaded[f.rel] = f.size
		st.Uploaded++
	}
	if !prune {
		return st, nil
	}
	local := map[string]bool{}
	for _, f := range files {
		local[f.rel] = true
	}
	var gone []string
	for info, err := range m.Remote.List(ctx, m.Prefix) {
		if err != nil {
			return st, fmt.Errorf("mirror list: %w", err)
		}
		rel := strings.TrimPrefix(info.Key, m.Prefix)
		if !local[rel] {
			gone = append(gone, info.Key)
			delete(m.uploaded, rel)
		}
	}
	if len(gone) > 0 {
		if d, ok := m.Remote.(interface {
			Delete(ctx context.Context, keys ...string) error
		}); ok {
			if err := d.Delete(ctx, gone...); err != nil {
				return st, fmt.Errorf("mirror prune: %w", err)
			}
			st.Removed = len(gone)
		}
	}
	return st, nil
}

type localFile struct {
	rel  string
	size int64
}

// localFiles lists the complete files of Dir in upload order. A
// generation without base.json is still being started and is left out.
func (m *Mirror) localFiles() ([]localFile, error) {
	var out []localFile
	err := filepath.WalkDir(m.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasSuffix(d.Name(), ".tmp") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, err := filepath.Rel(m.Dir, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		out = append(out, localFile{rel: filepath.ToSlash(rel), size: info.Size()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	complete := map[string]bool{}
	for _, f := range out {
		if gen, name, ok := strings.Cut(f.rel, "/"); ok && name == "base.json" {
			complete[gen] = true
		}
	}
	kept := out[:0]
	for _, f := range out {
		gen, _, nested := strings.Cut(f.rel, "/")
		if !nested || complete[gen] {
			kept = append(kept, f)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return uploadRank(kept[i].rel) < uploadRank(kept[j].rel) })
	return kept, nil
}

// uploadRank orders a generation's files: base copy, base.json, segments
// (segment names sort by sequence), generations in name (time) order.
func uploadRank(rel string) string {
	gen, name, _ := strings.Cut(rel, "/")
	switch {
	case name == "base.json":
		return gen + "/1"
	case strings.HasPrefix(name, "base"):
		return gen + "/0" + name
	}
	return gen + "/2" + name
}

// FetchTree downloads every object under prefix into dir, keeping the
// relative paths: the way back from a mirrored replica.
func FetchTree(ctx context.Context, remote Remote, prefix, dir string) (int, error) {
	n := 0
	for info, err := range remote.List(ctx, prefix) {
		if err != nil {
			return n, err
		}
		rel := strings.TrimPrefix(info.Key, prefix)
		if rel == "" || strings.Contains(rel, "..") {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
			return n, err
		}
		if err := getFile(ctx, remote, info.Key, dst); err != nil {
			return n, fmt.Errorf("fetch %s: %w", rel, err)
		}
		n++
	}
	return n, nil
}
