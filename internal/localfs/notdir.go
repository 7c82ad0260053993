package localfs

import (
	"errors"
	"syscall"
)

// isNotDir reports whether err says a path component is a file, as when
// "a/b" is looked up while "a" is a blob.
func isNotDir(err error) bool {
	return errors.Is(err, syscall.ENOTDIR)
}
