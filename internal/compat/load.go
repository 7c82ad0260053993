package compat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/wikitext/ext/compat"
)

// skipDirs are folders of a @mdn/browser-compat-data checkout that hold no
// feature data.
var skipDirs = map[string]bool{
	"node_modules": true, "schemas": true, "scripts": true, "browsers": true, "lint": true,
	"types": true, "utils": true, "test": true, "docs": true, "build": true,
}

// Load reads browser-compatibility data from path: the npm package (a
// folder with data.json, or data.json itself) or a checkout of the source
// tree (css/properties/border-radius.json…). It returns one feature per
// object holding a __compat block, its subfeatures included, in path order.
func Load(path string) ([]*folio.CompatFeature, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("load compat data: %w", err)
	}
	if !fi.IsDir() {
		return loadFiles(os.DirFS(filepath.Dir(path)), []string{filepath.Base(path)})
	}
	fsys := os.DirFS(path)
	if _, err := fs.Stat(fsys, "data.json"); err == nil {
		return loadFiles(fsys, []string{"data.json"})
	}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != "." && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")):
			return fs.SkipDir
		case !d.IsDir() && strings.HasSuffix(p, ".json") && strings.Contains(p, "/"):
			files = append(files, p) // top-level files are package metadata
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load compat data: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load compat data: no JSON files under %s", path)
	}
	return loadFiles(fsys, files)
}

// loadFiles extracts the features of each file; a feature defined in two
// files is an error.
func loadFiles(fsys fs.FS, files []string) ([]*folio.CompatFeature, error) {
	from := map[string]string{}
	var out []*folio.CompatFeature
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load compat data: %w", err)
		}
		feats, err := Extract(b)
		if err != nil {
			return nil, fmt.Errorf("load compat data %s: %w", name, err)
		}
		for _, f := range feats {
			if other, dup := from[f.Path]; dup {
				return nil, fmt.Errorf("load compat data: %s is defined in %s and %s", f.Path, other, name)
			}
			from[f.Path] = name
		}
		out = append(out, feats...)
	}
	slices.SortFunc(out, func(a, b *folio.CompatFeature) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// Extract returns the features of one BCD JSON document: each outermost
// object holding __compat, stored with its subfeatures under its dotted
// path. The browsers and __meta sections are left out.
func Extract(data []byte) ([]*folio.CompatFeature, error) {
	var out []*folio.CompatFeature
	if err := extract(json.RawMessage(data), "", &out); err != nil {
		return nil, err
	}
	return out, nil
}

func extract(raw json.RawMessage, path string, out *[]*folio.CompatFeature) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		if path == "" {
			return fmt.Errorf("not a JSON object: %w", err)
		}
		return nil // a value, not a feature
	}
	if _, ok := obj["__compat"]; ok && path != "" {
		return addFeature(raw, path, out)
	}
	for key, v := range obj {
		if strings.HasPrefix(key, "__") || (path == "" && key == "browsers") || len(v) == 0 || v[0] != '{' {
			continue
		}
		p := key
		if path != "" {
			p = path + "." + key
		}
		if err := extract(v, p, out); err != nil {
			return err
		}
	}
	return nil
}

func addFeature(raw json.RawMessage, path string, out *[]*folio.CompatFeature) error {
	if _, err := compat.ResolvePath("", path); err != nil {
		return fmt.Errorf("feature path %q: %w", path, err)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return fmt.Errorf("feature %s: %w", path, err)
	}
	if b.Len() > maxFeatureBytes {
		return errors.New("feature " + path + " is larger than 4 MiB")
	}
	*out = append(*out, &folio.CompatFeature{Path: path, JSON: b.Bytes(), SHA256: digest(b.Bytes())})
	return nil
}

// maxFeatureBytes bounds one feature (the largest in BCD are about 300 KB).
const maxFeatureBytes = 4 << 20
