package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/sqldb"
)

// ack is an edit the store acknowledged.
type ack struct {
	at    time.Time
	revID int64
	sha1  string
	title string
}

// startReplicatorChild builds folio and runs "folio backup --continuous" on
// data in a child process, returning it once it replicates.
func startReplicatorChild(t *testing.T, data, replica string) *exec.Cmd {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "folio")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "backup", "--continuous", "--to", replica)
	cmd.Env = append(os.Environ(), "FOLIO_DATA="+data, "FOLIO_DB=", "FOLIO_LOG_LEVEL=warn")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "Replicating") {
		t.Fatalf("replicator said %q, %v", line, err)
	}
	return cmd
}

// writeFor saves edits on data for d and returns the acknowledgements.
func writeFor(t *testing.T, db *sqldb.DB, prefix string, d time.Duration) []ack {
	t.Helper()
	var acks []ack
	for i, end := 0, time.Now().Add(d); time.Now().Before(end); i++ {
		title := fmt.Sprintf("%s_%d", prefix, i%7)
		acks = append(acks, mustAck(t, db, title, fmt.Sprintf("%s edit %d", prefix, i)))
		time.Sleep(20 * time.Millisecond)
	}
	return acks
}

func mustAck(t *testing.T, db *sqldb.DB, title, text string) ack {
	t.Helper()
	ctx := context.Background()
	var base int64
	if p, err := db.FindPageByTitle(ctx, 0, title); err == nil {
		base = p.Latest
	}
	res, err := db.SaveRevision(ctx, &folio.Edit{DBKey: title, Text: text, BaseRevID: base,
		Actor: folio.Actor{Name: "192.0.2.1"}})
	if err != nil {
		t.Fatalf("SaveRevision(%s) error: %v", title, err)
	}
	return ack{at: time.Now(), revID: res.Revision.ID, sha1: res.Revision.SHA1, title: title}
}

// TestContinuousBackupSurvivesSIGKILL writes edits while a replicator
// child process ships them, kills it with SIGKILL, deletes the data
// directory, and restores: every edit acknowledged more than two seconds
// before the kill must be back with its sha1, and a point-in-time restore
// between two edits must hold the first and not the second.
func TestContinuousBackupSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs for several seconds")
	}
	dir := t.TempDir()
	sigkillDrill(t, dir, filepath.Join(dir, "replica"))
}

// TestContinuousBackupToS3SurvivesSIGKILL is the same drill with the
// replica in an S3 bucket (the real server of FOLIO_TEST_S3_ENDPOINT, or
// an in-process fake): the machine's data directory, staging folder
// included, is gone, and everything comes back from the bucket.
func TestContinuousBackupToS3SurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs for several seconds")
	}
	sigkillDrill(t, t.TempDir(), sharedS3(t))
}

func sigkillDrill(t *testing.T, dir, replica string) {
	data := filepath.Join(dir, "data")
	mustEdits(t, data, 1)
	child := startReplicatorChild(t, data, replica)
	c := DefaultConfig()
	c.Data = data
	db, err := openSQL(&c)
	if err != nil {
		t.Fatal(err)
	}
	acks := writeFor(t, db, "Early", 2*time.Second)
	first := mustAck(t, db, "Marker", "first")
	time.Sleep(1500 * time.Millisecond)
	pointInTime := time.Now()
	time.Sleep(300 * time.Millisecond)
	second := mustAck(t, db, "Marker", "second")
	acks = append(acks, writeFor(t, db, "Late", 3*time.Second)...)
	child.Process.Signal(syscall.SIGKILL)
	killed := time.Now()
	child.Wait()
	db.Close()
	if err := os.RemoveAll(data); err != nil {
		t.Fatal(err)
	}
	checkLatest(t, dir, replica, killed, append(acks, first, second))
	checkPointInTime(t, dir, replica, pointInTime, first, second)
}

func openRestored(t *testing.T, dir, replica string, args ...string) *sqldb.DB {
	t.Helper()
	env := map[string]string{"FOLIO_DATA": dir, "FOLIO_LOG_LEVEL": "warn"}
	out, err := runCLI(t, env, append([]string{"restore", "--from", replica}, args...)...)
	if err != nil {
		t.Fatalf("folio restore %v: %v", args, err)
	}
	t.Logf("folio restore %v: %s", args, strings.TrimSpace(out))
	c := DefaultConfig()
	c.Data = dir
	db, err := openSQL(&c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func checkLatest(t *testing.T, dir, replica string, killed time.Time, acks []ack) {
	t.Helper()
	db := openRestored(t, filepath.Join(dir, "latest"), replica)
	checked, recent := 0, 0
	for _, a := range acks {
		rev, err := db.FindRevisionByID(context.Background(), a.revID)
		switch {
		case killed.Sub(a.at) <= 2*time.Second:
			if err == nil {
				recent++
			}
			continue
		case err != nil:
			t.Errorf("revision %d of %s, acknowledged %s before the kill, is lost: %v", a.revID, a.title, killed.Sub(a.at), err)
		case rev.SHA1 != a.sha1:
			t.Errorf("revision %d sha1 = %s, want %s", a.revID, rev.SHA1, a.sha1)
		}
		checked++
	}
	t.Logf("%d edits acknowledged over 2s before the kill all restored; %d of the last 2s restored too", checked, recent)
}

func checkPointInTime(t *testing.T, dir, replica string, at time.Time, first, second ack) {
	t.Helper()
	db := openRestored(t, filepath.Join(dir, "pitr"), replica, "--at", at.UTC().Format(time.RFC3339Nano))
	ctx := context.Background()
	if _, err := db.FindRevisionByID(ctx, first.revID); err != nil {
		t.Errorf("restore --at: the edit before the time is missing: %v", err)
	}
	if _, err := db.FindRevisionByID(ctx, second.revID); err == nil {
		t.Errorf("restore --at: the edit after the time is present")
	}
}
