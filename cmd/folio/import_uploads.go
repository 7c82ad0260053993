package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/dump"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
)

// uploadImporter stores the file versions that a dump embeds in <upload>
// elements (dumpBackup.php --uploads --include-files).
type uploadImporter struct {
	repo            *filerepo.Repo
	im              *dump.Importer
	stored, skipped int
}

// newUploadImporter opens the local blob store in dir for uploads.
func newUploadImporter(a *app, im *dump.Importer, dir string) (*uploadImporter, error) {
	files, ok := a.Store.(folio.FileStore)
	if !ok {
		return nil, fmt.Errorf("the %T store cannot keep files", a.Store)
	}
	blobs := localfs.NewBlobStore(dir)
	if err := blobs.Open(); err != nil {
		return nil, err
	}
	repo := filerepo.New(files, blobs)
	repo.Namespaces, repo.Log, repo.Logger = a.Namespaces, a.Store, a.Logger
	return &uploadImporter{repo: repo, im: im}, nil
}

// store uploads the embedded file versions of a page, oldest first. A
// version whose bytes are already the file's current ones is skipped, so
// that a resumed import stores nothing twice; one without embedded bytes
// is skipped too.
func (u *uploadImporter) store(ctx context.Context, p *dump.Page) error {
	for _, up := range p.Uploads {
		if up.Contents == nil {
			u.skipped++
			continue
		}
		name := up.Filename
		if _, after, ok := strings.Cut(p.Title, ":"); name == "" && ok {
			name = after // the page title without its File: prefix
		}
		if cur, err := u.repo.Files.FindFile(ctx, mustNormalize(u.repo, name)); err == nil &&
			cur.SHA1 == folio.SHA1Base36(string(up.Contents)) {
			u.skipped++
			continue
		}
		who, _ := u.im.Contributor(up.Contributor)
		_, err := u.repo.Upload(ctx, &filerepo.UploadRequest{Name: name, Data: up.Contents, Comment: up.Comment,
			PageText: up.Text, Actor: folio.Actor{Name: who}, IgnoreWarnings: true, MayOverwrite: true})
		if err != nil {
			return &dump.Error{Line: p.Line, Title: p.Title, Msg: fmt.Sprintf("upload %q: %s", name, folio.ErrorMessage(err))}
		}
		u.stored++
	}
	return nil
}

// mustNormalize returns the file DBKey of name, or name when it is invalid
// (the upload then reports why).
func mustNormalize(r *filerepo.Repo, name string) string {
	if k, err := r.NormalizeName(name); err == nil {
		return k
	}
	return name
}
