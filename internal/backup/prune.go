package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Prune removes the complete backups under root beyond the newest keep,
// except those younger than minAge, and returns the removed folders.
func Prune(root string, keep int, minAge time.Duration, now time.Time) ([]string, error) {
	all, err := List(root)
	if err != nil {
		return nil, err
	}
	var removed []string
	for i := 0; i < len(all)-max(keep, 1); i++ {
		t, err := time.Parse(StampFormat, filepath.Base(all[i]))
		if err != nil || now.Sub(t) < minAge {
			continue
		}
		if err := os.RemoveAll(all[i]); err != nil {
			return removed, fmt.Errorf("prune %s: %w", all[i], err)
		}
		removed = append(removed, all[i])
	}
	return removed, nil
}
