package filerepo

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/folio-wiki/folio"
)

// The upload stash keeps the bytes of an upload that stopped at warnings,
// so that "upload anyway" need not send the file again (MediaWiki's
// UploadStash). Stashed blobs live under stash/<key>, where the key is 128
// random bits that only the uploader's form knows.
const stashPrefix = "stash/"

// StashTTL is how long stashed uploads are kept.
const StashTTL = 6 * time.Hour

var stashKeyRE = regexp.MustCompile(`^[A-Z2-7]{26}$`)

// Stash stores data and returns the key to fetch it with.
func (r *Repo) Stash(ctx context.Context, data []byte) (string, error) {
	key := rand.Text()
	if err := r.Blobs.Put(ctx, stashPrefix+key, bytes.NewReader(data), int64(len(data))); err != nil {
		return "", fmt.Errorf("stash upload: %w", err)
	}
	return key, nil
}

// Unstash returns the bytes stashed under key, or an EInvalidParameter
// error when the key is malformed, unknown or expired.
func (r *Repo) Unstash(ctx context.Context, key string) ([]byte, error) {
	gone := folio.Errorf(folio.EInvalidParameter, "The stashed upload has expired or does not exist; please choose the file again.")
	if !stashKeyRE.MatchString(key) {
		return nil, gone
	}
	rc, info, err := r.Blobs.Get(ctx, stashPrefix+key)
	if errors.Is(err, folio.ErrBlobNotFound) || err == nil && r.Now().Sub(info.Modified) > StashTTL {
		if rc != nil {
			rc.Close()
		}
		return nil, gone
	} else if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, r.Verifier.Limit()+1))
	if err != nil {
		return nil, fmt.Errorf("read stashed upload: %w", err)
	}
	return data, nil
}

// PurgeStash deletes stashed uploads older than StashTTL and returns how
// many it deleted.
func (r *Repo) PurgeStash(ctx context.Context) (int, error) {
	var old []string
	for info, err := range r.Blobs.List(ctx, stashPrefix) {
		if err != nil {
			return 0, err
		}
		if r.Now().Sub(info.Modified) > StashTTL {
			old = append(old, info.Key)
		}
	}
	if err := r.Blobs.Delete(ctx, old...); err != nil {
		return 0, fmt.Errorf("purge upload stash: %w", err)
	}
	return len(old), nil
}
