// Package s3 implements folio.BlobStore over S3-compatible object storage
// (AWS S3, MinIO, versitygw, Ceph RGW…) with minio-go.
//
// S3 stores each object atomically, and Folio writes every blob under a
// content-addressed key that never changes, so several web heads sharing a
// bucket see the same objects without coordination.
package s3

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/folio-wiki/folio"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

var _ folio.BlobStore = (*BlobStore)(nil)

// BlobStore keeps blobs as objects under Prefix in Bucket. Set the fields,
// then call Open.
type BlobStore struct {
	Endpoint  string // host[:port]
	Bucket    string
	Prefix    string // prepended to every key, e.g. "wiki1/"; may be empty
	Region    string
	AccessKey string
	SecretKey string
	Insecure  bool // plain HTTP instead of HTTPS
	// PathStyle addresses buckets as endpoint/bucket rather than as
	// bucket.endpoint; most self-hosted servers need it.
	PathStyle bool
	// CreateBucket makes the bucket at Open when it does not exist.
	CreateBucket bool
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper

	client *minio.Client
}

// NewBlobStore returns a store for bucket at endpoint.
func NewBlobStore(endpoint, bucket string) *BlobStore {
	return &BlobStore{Endpoint: endpoint, Bucket: bucket}
}

// ParseURL reads a store from a URL of the form
//
//	s3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[/prefix]?region=R&path_style=true&create=true
//
// The scheme s3+http selects plain HTTP. Keys may also come from the
// AccessKey and SecretKey fields after parsing.
func ParseURL(raw string) (*BlobStore, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse S3 URL: %w", err)
	}
	if u.Scheme != "s3" && u.Scheme != "s3+http" {
		return nil, fmt.Errorf("parse S3 URL: scheme %q, want s3 or s3+http", u.Scheme)
	}
	bucket, prefix, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	if u.Host == "" || bucket == "" {
		return nil, errors.New("parse S3 URL: it needs a host and a bucket (s3://host/bucket)")
	}
	s := NewBlobStore(u.Host, bucket)
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	s.Prefix, s.Insecure = prefix, u.Scheme == "s3+http"
	if u.User != nil {
		s.AccessKey = u.User.Username()
		s.SecretKey, _ = u.User.Password()
	}
	q := u.Query()
	s.Region = q.Get("region")
	for name, dst := range map[string]*bool{"path_style": &s.PathStyle, "create": &s.CreateBucket} {
		if v := q.Get(name); v != "" {
			if *dst, err = strconv.ParseBool(v); err != nil {
				return nil, fmt.Errorf("parse S3 URL: %s=%q is not a boolean", name, v)
			}
		}
	}
	return s, nil
}

// Open connects and checks that the bucket exists, creating it when
// CreateBucket is set.
func (s *BlobStore) Open(ctx context.Context) error {
	opts := &minio.Options{
		Creds:     credentials.NewStaticV4(s.AccessKey, s.SecretKey, ""),
		Secure:    !s.Insecure,
		Region:    s.Region,
		Transport: s.Transport,
	}
	if s.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	c, err := minio.New(s.Endpoint, opts)
	if err != nil {
		return fmt.Errorf("open S3 client: %w", err)
	}
	s.client = c
	ok, err := c.BucketExists(ctx, s.Bucket)
	if err != nil {
		return fmt.Errorf("check S3 bucket %s: %w", s.Bucket, err)
	}
	if !ok && s.CreateBucket {
		if err := c.MakeBucket(ctx, s.Bucket, minio.MakeBucketOptions{Region: s.Region}); err != nil {
			return fmt.Errorf("create S3 bucket %s: %w", s.Bucket, err)
		}
	} else if !ok {
		return fmt.Errorf("S3 bucket %s does not exist", s.Bucket)
	}
	return nil
}

// object returns the object name of key.
func (s *BlobStore) object(key string) (string, error) {
	if !folio.ValidBlobKey(key) {
		return "", fmt.Errorf("invalid blob key %q", key)
	}
	return s.Prefix + key, nil
}

// Put uploads the blob. S3 makes the object visible only once it is
// complete; a failed upload leaves nothing.
func (s *BlobStore) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	name, err := s.object(key)
	if err != nil {
		return err
	}
	// Over plain HTTP minio-go signs the payload in aws-chunked streaming
	// mode, which for an empty body sends no Content-Length; an empty
	// payload has nothing to protect, so it goes unsigned.
	_, err = s.client.PutObject(ctx, s.Bucket, name, r, size,
		minio.PutObjectOptions{ContentType: "application/octet-stream", DisableContentSha256: size == 0})
	if err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	return nil
}

// Get opens the blob under key.
func (s *BlobStore) Get(ctx context.Context, key string) (io.ReadCloser, folio.BlobInfo, error) {
	name, err := s.object(key)
	if err != nil {
		return nil, folio.BlobInfo{}, err
	}
	obj, err := s.client.GetObject(ctx, s.Bucket, name, minio.GetObjectOptions{})
	if err != nil {
		return nil, folio.BlobInfo{}, mapErr(key, err)
	}
	st, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, folio.BlobInfo{}, mapErr(key, err)
	}
	return obj, s.info(st), nil
}

// Stat describes the blob under key.
func (s *BlobStore) Stat(ctx context.Context, key string) (folio.BlobInfo, error) {
	name, err := s.object(key)
	if err != nil {
		return folio.BlobInfo{}, err
	}
	st, err := s.client.StatObject(ctx, s.Bucket, name, minio.StatObjectOptions{})
	if err != nil {
		return folio.BlobInfo{}, mapErr(key, err)
	}
	return s.info(st), nil
}

func (s *BlobStore) info(st minio.ObjectInfo) folio.BlobInfo {
	return folio.BlobInfo{Key: strings.TrimPrefix(st.Key, s.Prefix), Size: st.Size, Modified: st.LastModified.UTC()}
}

// mapErr turns S3's "no such key" into folio.ErrBlobNotFound.
func mapErr(key string, err error) error {
	switch minio.ToErrorResponse(err).Code {
	case minio.NoSuchKey, "NotFound":
		return fmt.Errorf("blob %s: %w", key, folio.ErrBlobNotFound)
	}
	return fmt.Errorf("blob %s: %w", key, err)
}

// Delete removes the objects of keys; S3 treats missing ones as deleted.
func (s *BlobStore) Delete(ctx context.Context, keys ...string) error {
	for _, key := range keys {
		name, err := s.object(key)
		if err != nil {
			return err
		}
		if err := s.client.RemoveObject(ctx, s.Bucket, name, minio.RemoveObjectOptions{}); err != nil &&
			minio.ToErrorResponse(err).Code != minio.NoSuchKey {
			return fmt.Errorf("delete blob %s: %w", key, err)
		}
	}
	return nil
}

// List yields the objects under Prefix+prefix; S3 lists in key order.
func (s *BlobStore) List(ctx context.Context, prefix string) iter.Seq2[folio.BlobInfo, error] {
	return func(yield func(folio.BlobInfo, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // stops minio's listing goroutine when yield stops early
		for obj := range s.client.ListObjects(ctx, s.Bucket, minio.ListObjectsOptions{
			Prefix: s.Prefix + prefix, Recursive: true,
		}) {
			if obj.Err != nil {
				yield(folio.BlobInfo{}, fmt.Errorf("list blobs: %w", obj.Err))
				return
			}
			if !yield(s.info(obj), nil) {
				return
			}
		}
	}
}
