package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DrillFile is the file in a backup root that records the last drill.
const DrillFile = "drill.json"

// DrillResult is the outcome of a restore drill.
type DrillResult struct {
	Backup    string    `json:"backup"`
	BackupAge string    `json:"backup_age"` // how old the backup was when the drill ran
	Started   time.Time `json:"started"`
	// Recovery is how long the restore took: the recovery time for this
	// wiki on this machine.
	Recovery time.Duration `json:"recovery_ns"`
	Rows     int64         `json:"rows"`
	// LivePages and LiveRevisions are the live wiki's growth since the
	// backup, for the report.
	NewPages     int64    `json:"new_pages"`
	NewRevisions int64    `json:"new_revisions"`
	Problems     []string `json:"problems,omitempty"`
	OK           bool     `json:"ok"`
}

// Drill restores the backup folder dir into scratch, compares the result
// with the manifest, and compares the revisions the backup holds with the
// live wiki, whose older revisions must be unchanged. It records the
// result in the backup root (the folder above dir).
func Drill(ctx context.Context, dir string, scratch Target, live Source) (*DrillResult, error) {
	res := &DrillResult{Backup: dir, Started: time.Now().UTC()}
	rep, err := Restore(ctx, dir, scratch)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
		return res, writeDrill(filepath.Dir(dir), res)
	}
	m := rep.Manifest
	res.Recovery, res.Rows, res.Problems = rep.Duration, rep.Rows, rep.Problems
	res.BackupAge = res.Started.Sub(m.Finished).Round(time.Second).String()
	if live != nil {
		got, err := Summarize(ctx, live, m.MaxRevID)
		if err != nil {
			return nil, err
		}
		if got.Revisions != m.Revisions || got.RevisionDigest != m.RevisionDigest {
			res.Problems = append(res.Problems, fmt.Sprintf(
				"live wiki: %d revisions up to id %d with digest %.12s…, backup has %d with %.12s… (revisions deleted or changed since the backup?)",
				got.Revisions, m.MaxRevID, got.RevisionDigest, m.Revisions, m.RevisionDigest))
		}
		all, err := Summarize(ctx, live, 0)
		if err != nil {
			return nil, err
		}
		res.NewPages, res.NewRevisions = all.Pages-m.Pages, all.Revisions-m.Revisions
	}
	res.OK = len(res.Problems) == 0
	return res, writeDrill(filepath.Dir(dir), res)
}

func writeDrill(root string, res *DrillResult) error {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(root, DrillFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o640); err != nil {
		return fmt.Errorf("record drill: %w", err)
	}
	return os.Rename(tmp, filepath.Join(root, DrillFile))
}

// Status is what monitoring reports about a backup root.
type Status struct {
	LastBackup      time.Time // zero: none
	LastBackupBytes int64
	LastDrill       *DrillResult // nil: never drilled
}

// ReadStatus reads the newest manifest and the last drill in root.
func ReadStatus(root string) (Status, error) {
	var s Status
	all, err := List(root)
	if err != nil {
		return s, err
	}
	if len(all) > 0 {
		m, err := ReadManifest(all[len(all)-1])
		if err != nil {
			return s, err
		}
		s.LastBackup, s.LastBackupBytes = m.Finished, m.Size()
	}
	b, err := os.ReadFile(filepath.Join(root, DrillFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	} else if err != nil {
		return s, err
	}
	var d DrillResult
	if err := json.Unmarshal(b, &d); err != nil {
		return s, fmt.Errorf("read %s: %w", DrillFile, err)
	}
	s.LastDrill = &d
	return s, nil
}
