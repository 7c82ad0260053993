package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/filerepo"
	"github.com/folio-wiki/folio/internal/localfs"
)

// ImportImagesCommand uploads the files of a folder, like MediaWiki's
// importImages.php: a flat folder or a MediaWiki images/ tree, whose
// thumb/, archive/, deleted/ and temp/ folders are skipped.
type ImportImagesCommand struct{ m *Main }

// importImagesOptions are the flags of folio import-images.
type importImagesOptions struct {
	dir, files, comment, commentExt, user string
	overwrite, skipDupes                  bool
}

// Run uploads every file under the folder named on the command line.
func (cmd *ImportImagesCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("folio import-images", flag.ContinueOnError)
	fs.SetOutput(cmd.m.Stderr)
	load := configFlags(fs, cmd.m.Getenv)
	var o importImagesOptions
	fs.StringVar(&o.files, "files", "", "folder of the local blob store that receives the files (required)")
	fs.StringVar(&o.comment, "comment", "Imported file", "upload summary, and description of files without one")
	fs.StringVar(&o.commentExt, "comment-ext", "", `read a file's description from the file with this extension added ("txt": Sun.png.txt or Sun.txt)`)
	fs.StringVar(&o.user, "user", "Maintenance script", "the user the uploads are attributed to")
	fs.BoolVar(&o.overwrite, "overwrite", false, "upload a new version of files that exist (default: skip them)")
	fs.BoolVar(&o.skipDupes, "skip-dupes", false, "skip files whose content is already uploaded under any name")
	fs.Usage = func() {
		fmt.Fprintln(cmd.m.Stderr, "Usage: folio import-images [flags] --files BLOBDIR DIR\n\nUploads the files under DIR (a flat folder or a MediaWiki images/ tree).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() != 1 || o.files == "" {
		fs.Usage()
		return &usageError{"import-images: give one DIR and --files"}
	}
	o.dir = fs.Arg(0)
	c, err := load()
	if err != nil {
		return err
	}
	a, err := cmd.m.openApp(ctx, c, true)
	if err != nil {
		return err
	}
	defer a.Close()
	return cmd.run(ctx, a, o)
}

// imageImport is one run of folio import-images.
type imageImport struct {
	o                                  importImagesOptions
	repo                               *filerepo.Repo
	actor                              folio.Actor
	uploaded, exists, dupes, failed, n int
}

func (cmd *ImportImagesCommand) run(ctx context.Context, a *app, o importImagesOptions) error {
	files, ok := a.Store.(folio.FileStore)
	if !ok {
		return fmt.Errorf("the %T store cannot keep files", a.Store)
	}
	blobs := localfs.NewBlobStore(o.files)
	if err := blobs.Open(); err != nil {
		return err
	}
	repo := filerepo.New(files, blobs)
	repo.Namespaces, repo.Log, repo.Logger = a.Namespaces, a.Store, a.Logger
	actor := folio.Actor{Name: o.user}
	if u, err := a.Store.FindUserByName(ctx, o.user); err == nil {
		actor.UserID = u.ID
	}
	im := &imageImport{o: o, repo: repo, actor: actor}
	err := filepath.WalkDir(o.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return im.visit(ctx, a, path, d)
	})
	fmt.Fprintf(cmd.m.Stderr, "import-images: %d uploaded, %d skipped as existing, %d skipped as duplicates, %d failed\n",
		im.uploaded, im.exists, im.dupes, im.failed)
	if err != nil {
		return fmt.Errorf("import-images: %w", err)
	} else if im.failed > 0 {
		return fmt.Errorf("import-images: %d files could not be uploaded", im.failed)
	}
	return nil
}

// skippedDirs are the folders of a MediaWiki images/ tree that hold no
// current originals.
var skippedDirs = map[string]bool{"thumb": true, "archive": true, "deleted": true, "temp": true, "lockdir": true}

// visit uploads one file of the walk.
func (im *imageImport) visit(ctx context.Context, a *app, path string, d fs.DirEntry) error {
	name := d.Name()
	if d.IsDir() {
		if path != im.o.dir && (skippedDirs[name] || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		return nil
	}
	if !d.Type().IsRegular() || strings.HasPrefix(name, ".") ||
		(im.o.commentExt != "" && strings.HasSuffix(name, "."+im.o.commentExt)) {
		return nil
	}
	if err := im.upload(ctx, path, name); err != nil {
		im.failed++
		a.Logger.Warn("file not uploaded", "path", path, "error", err)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// upload stores one file unless it exists (without --overwrite) or is a
// duplicate (with --skip-dupes).
func (im *imageImport) upload(ctx context.Context, path, name string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dbkey, err := im.repo.NormalizeName(name)
	if err != nil {
		return err
	}
	if _, err := im.repo.Files.FindFile(ctx, dbkey); err == nil && !im.o.overwrite {
		im.exists++
		return nil
	}
	if im.o.skipDupes {
		if dupes, err := im.repo.Files.FindFilesBySHA1(ctx, folio.SHA1Base36(string(data))); err == nil && len(dupes) > 0 {
			im.dupes++
			return nil
		}
	}
	res, err := im.repo.Upload(ctx, &filerepo.UploadRequest{Name: name, Data: data, Comment: im.o.comment,
		PageText: im.description(path), Actor: im.actor, IgnoreWarnings: true, MayOverwrite: im.o.overwrite})
	if err != nil {
		return err
	} else if !res.Saved {
		return errors.New("the upload was not saved")
	}
	im.uploaded++
	return nil
}

// description returns the description page text of the file at path:
// the content of its comment file, or the upload comment.
func (im *imageImport) description(path string) string {
	if im.o.commentExt == "" {
		return im.o.comment
	}
	for _, p := range []string{path + "." + im.o.commentExt,
		strings.TrimSuffix(path, filepath.Ext(path)) + "." + im.o.commentExt} {
		if b, err := os.ReadFile(p); err == nil {
			return strings.TrimRight(string(b), "\n")
		}
	}
	return im.o.comment
}
