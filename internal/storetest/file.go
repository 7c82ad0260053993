package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/google/go-cmp/cmp"
)

// fileStore returns s as a folio.FileStore or skips the test.
func fileStore(t *testing.T, s folio.Store) folio.FileStore {
	t.Helper()
	fs, ok := s.(folio.FileStore)
	if !ok {
		t.Skipf("%T does not implement folio.FileStore", s)
	}
	return fs
}

// testFiles runs the folio.FileStore checks on one store; each uses its
// own file names.
func testFiles(t *testing.T, s folio.Store) {
	fileStore(t, s)
	t.Run("List", func(t *testing.T) { testFileList(t, s) }) // first: it lists every file
	t.Run("Upload", func(t *testing.T) { testFileUpload(t, s) })
	t.Run("Overwrite", func(t *testing.T) { testFileOverwrite(t, s) })
	t.Run("DeleteUndelete", func(t *testing.T) { testFileDelete(t, s) })
	t.Run("Usage", func(t *testing.T) { testFileUsage(t, s) })
}

// newFile returns a file version made by actor a; content names its SHA-1.
func newFile(name, content string, size int64, a folio.Actor) *folio.File {
	mime := "image/png"
	if strings.HasSuffix(name, ".svg") {
		mime = "image/svg+xml"
	}
	return &folio.File{Name: name, Size: size, Width: 40, Height: 30, MIME: mime,
		MediaType: folio.MediaBitmap, SHA1: folio.SHA1Base36(content), Comment: "upload " + name, Actor: a}
}

// MustUpload stores f as a new file (or a new version with overwrite).
func MustUpload(tb testing.TB, fs folio.FileStore, f *folio.File, overwrite bool) *folio.FileUploadResult {
	tb.Helper()
	res, err := fs.SaveFile(context.Background(), &folio.FileUpload{File: f, Overwrite: overwrite,
		PageText: "Description of " + f.Name})
	if err != nil {
		tb.Fatalf("SaveFile(%s) error: %v", f.Name, err)
	}
	return res
}

// cmpFile compares files ignoring actor ids and timestamps.
var cmpFile = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		s := p.String()
		return s == "Timestamp" || s == "Actor.ID" || s == "File.Timestamp" || s == "File.Actor.ID" ||
			s == "DeletedAt" || s == "DeletedBy.ID" || s == "DeletedID"
	}, cmp.Ignore()),
}

func testFileUpload(t *testing.T, s folio.Store) {
	fs, ctx := fileStore(t, s), context.Background()
	u := MustCreateUser(t, s, "Uploader")
	actor := folio.Actor{UserID: u.ID, Name: u.Name}
	res := MustUpload(t, fs, newFile("Sun.png", "sun", 120, actor), false)
	if res.Log == nil || res.Log.Action != "upload" || res.Page == nil || !res.Page.New || res.Previous != nil {
		t.Fatalf("SaveFile() = %+v, want an upload log entry and a new page", res)
	}
	got, err := fs.FindFile(ctx, "Sun.png")
	if err != nil {
		t.Fatalf("FindFile() error: %v", err)
	}
	if diff := cmp.Diff(newFile("Sun.png", "sun", 120, actor), got, cmpFile); diff != "" {
		t.Errorf("FindFile() (-want +got):\n%s", diff)
	}
	if got.Actor.ID == 0 || got.Timestamp.IsZero() || !got.Timestamp.Equal(res.File.Timestamp) {
		t.Errorf("FindFile() actor %+v, time %v; want an actor id and the upload time %v", got.Actor, got.Timestamp, res.File.Timestamp)
	}
	page, err := s.FindPageByTitle(ctx, folio.NSFile, "Sun.png")
	if err != nil || page.ID != res.Page.Page.ID {
		t.Errorf("FindPageByTitle(File:Sun.png) = %+v, %v; want the description page", page, err)
	} else if rev, err := s.FindRevisionByID(ctx, page.Latest); err != nil || rev.Text != "Description of Sun.png" {
		t.Errorf("description page text = %v, %v; want the upload's page text", rev, err)
	}
	logs, err := s.FindLogEntries(ctx, folio.LogFilter{Type: "upload", DBKey: "Sun.png"})
	if err != nil || len(logs) != 1 || logs[0].Params["img_sha1"] != folio.SHA1Base36("sun") || logs[0].PageID != page.ID {
		t.Errorf("upload log = %+v, %v; want one entry with the SHA-1 and page", logs, err)
	}
	fileNS := folio.NSFile
	all, err := s.FindRecentChanges(ctx, folio.RecentChangeFilter{Namespace: &fileNS})
	var rcs []*folio.RecentChange // other subtests upload too
	for _, rc := range all {
		if rc.DBKey == "Sun.png" {
			rcs = append(rcs, rc)
		}
	}
	if err != nil || len(rcs) != 1 || rcs[0].Type != folio.RCLog {
		t.Errorf("recent changes of the upload = %+v, %v; want only the upload's log entry, as MediaWiki lists it", rcs, err)
	}
	_, err = fs.SaveFile(ctx, &folio.FileUpload{File: newFile("Sun.png", "other", 5, actor)})
	wantCode(t, "SaveFile(existing) without overwrite", err, folio.EFileExists)
	_, err = fs.SaveFile(ctx, &folio.FileUpload{File: newFile("Sun.png", "sun", 120, anon), Overwrite: true})
	wantCode(t, "SaveFile(identical) with overwrite", err, folio.EFileExists)
	_, err = fs.FindFile(ctx, "Moon.png")
	wantCode(t, "FindFile(missing)", err, folio.EMissingFile)
	_, err = fs.SaveFile(ctx, &folio.FileUpload{File: &folio.File{}})
	wantCode(t, "SaveFile(no name)", err, folio.EBadFileName)
}

func testFileOverwrite(t *testing.T, s folio.Store) {
	fs, ctx := fileStore(t, s), context.Background()
	MustCreate(t, s, folio.NSFile, "Tree.png", "A page made before the file")
	first := MustUpload(t, fs, newFile("Tree.png", "v1", 10, anon), false)
	if first.Page != nil {
		t.Errorf("SaveFile() created a page over an existing one: %+v", first.Page)
	}
	second := MustUpload(t, fs, newFile("Tree.png", "v2", 20, anon2), true)
	if second.Log.Action != "overwrite" || second.Previous == nil || second.Previous.SHA1 != folio.SHA1Base36("v1") {
		t.Fatalf("overwrite result = %+v, want an overwrite of v1", second)
	}
	MustUpload(t, fs, newFile("Tree.png", "v3", 30, anon), true)
	cur, err := fs.FindFile(ctx, "Tree.png")
	if err != nil || cur.SHA1 != folio.SHA1Base36("v3") || cur.Size != 30 {
		t.Errorf("FindFile() = %+v, %v; want v3", cur, err)
	}
	olds, err := fs.FindFileVersions(ctx, "Tree.png")
	if err != nil {
		t.Fatalf("FindFileVersions() error: %v", err)
	}
	var got []string
	for _, v := range olds {
		got = append(got, fmt.Sprintf("%d %s %v", v.Size, v.Actor.Name, strings.HasSuffix(v.ArchiveName, "!Tree.png")))
	}
	want := []string{"20 2001:db8::7 true", "10 192.0.2.1 true"}
	if !cmp.Equal(got, want) {
		t.Errorf("FindFileVersions() = %q, want %q", got, want)
	}
}

func testFileList(t *testing.T, s folio.Store) {
	fs, ctx := fileStore(t, s), context.Background()
	u := MustCreateUser(t, s, "Lister")
	lister := folio.Actor{UserID: u.ID, Name: u.Name}
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, f := range []*folio.File{
		newFile("Alpha.png", "a", 300, anon), newFile("Beta_chart.svg", "b", 100, lister),
		newFile("Gamma.svg.png", "c", 200, anon), newFile("Betaxchart.png", "a", 50, lister),
	} {
		f.Timestamp = base.Add(time.Duration(i) * time.Hour)
		MustUpload(t, fs, f, false)
	}
	tests := []struct {
		name string
		f    folio.FileFilter
		want []string
	}{
		{"newest first", folio.FileFilter{}, []string{"Betaxchart.png", "Gamma.svg.png", "Beta_chart.svg", "Alpha.png"}},
		{"by name", folio.FileFilter{Sort: "name", Ascending: true}, []string{"Alpha.png", "Beta_chart.svg", "Betaxchart.png", "Gamma.svg.png"}},
		{"by size", folio.FileFilter{Sort: "size"}, []string{"Alpha.png", "Gamma.svg.png", "Beta_chart.svg", "Betaxchart.png"}},
		{"search .svg", folio.FileFilter{Search: ".svg", Sort: "name", Ascending: true}, []string{"Beta_chart.svg", "Gamma.svg.png"}},
		{"underscore is literal", folio.FileFilter{Search: "a_c"}, []string{"Beta_chart.svg"}},
		{"percent is literal", folio.FileFilter{Search: "%"}, nil},
		{"by user", folio.FileFilter{ActorName: "Lister", Sort: "name"}, []string{"Betaxchart.png", "Beta_chart.svg"}},
		{"by major MIME", folio.FileFilter{MIME: "image/", Limit: 2}, []string{"Betaxchart.png", "Gamma.svg.png"}},
		{"by MIME", folio.FileFilter{MIME: "image/svg+xml"}, []string{"Beta_chart.svg"}},
		{"offset", folio.FileFilter{Offset: 3}, []string{"Alpha.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := fs.FindFiles(ctx, tt.f)
			if err != nil {
				t.Fatalf("FindFiles(%+v) error: %v", tt.f, err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Name)
			}
			if !cmp.Equal(got, tt.want) {
				t.Errorf("FindFiles(%+v) = %q, want %q", tt.f, got, tt.want)
			}
		})
	}
	// Searches ignore case where the dialect can fold it (sqldb.CaseFolder).
	if files, err := fs.FindFiles(ctx, folio.FileFilter{Search: "GAMMA"}); err != nil {
		t.Errorf("FindFiles(GAMMA) error: %v", err)
	} else if len(files) == 0 {
		t.Logf("FindFiles(GAMMA) found nothing: searches are case-sensitive on this backend")
	} else if len(files) != 1 || files[0].Name != "Gamma.svg.png" {
		t.Errorf("FindFiles(GAMMA) = %v, want Gamma.svg.png", files)
	}
	dups, err := fs.FindFilesBySHA1(ctx, folio.SHA1Base36("a"))
	if err != nil || len(dups) != 2 || dups[0].Name != "Alpha.png" || dups[1].Name != "Betaxchart.png" {
		t.Errorf("FindFilesBySHA1(a) = %v, %v; want Alpha.png and Betaxchart.png", dups, err)
	}
}

func testFileDelete(t *testing.T, s folio.Store) {
	fs, ctx := fileStore(t, s), context.Background()
	for i, content := range []string{"g1", "g2", "g3"} {
		f := newFile("Gone.png", content, int64(i+1), anon)
		f.Timestamp = time.Date(2026, 2, 1, i, 0, 0, 0, time.UTC)
		MustUpload(t, fs, f, i > 0)
	}
	MustUpload(t, fs, newFile("Keep.png", "g3", 3, anon), false) // shares g3's content
	olds, _ := fs.FindFileVersions(ctx, "Gone.png")
	if len(olds) != 2 {
		t.Fatalf("FindFileVersions() = %d versions, want 2", len(olds))
	}
	n, err := fs.DeleteFile(ctx, folio.FileDeleteRequest{Name: "Gone.png", ArchiveName: olds[1].ArchiveName, Actor: anon2, Reason: "old"})
	if err != nil || n != 1 {
		t.Fatalf("DeleteFile(one old version) = %d, %v; want 1", n, err)
	}
	n, err = fs.DeleteFile(ctx, folio.FileDeleteRequest{Name: "Gone.png", Actor: anon2, Reason: "spam"})
	if err != nil || n != 2 {
		t.Fatalf("DeleteFile(all) = %d, %v; want 2", n, err)
	}
	_, err = fs.FindFile(ctx, "Gone.png")
	wantCode(t, "FindFile(deleted)", err, folio.EMissingFile)
	_, err = fs.DeleteFile(ctx, folio.FileDeleteRequest{Name: "Gone.png", Actor: anon2})
	wantCode(t, "DeleteFile(again)", err, folio.EMissingFile)
	del, err := fs.FindDeletedFiles(ctx, "Gone.png")
	if err != nil || len(del) != 3 {
		t.Fatalf("FindDeletedFiles() = %d, %v; want 3", len(del), err)
	}
	if !del[0].WasCurrent || del[0].Size != 3 || del[0].DeleteReason != "spam" || del[0].DeletedBy.Name != anon2.Name ||
		del[2].WasCurrent || del[2].DeleteReason != "old" || del[0].DeletedID == 0 {
		t.Errorf("FindDeletedFiles() = %+v, %+v; want g3 current (spam) … g1 (old)", *del[0], *del[2])
	}
	// Restore g1 only: it becomes the current version again.
	if n, err := fs.UndeleteFile(ctx, folio.FileUndeleteRequest{Name: "Gone.png", IDs: []int64{del[2].DeletedID}}); err != nil || n != 1 {
		t.Fatalf("UndeleteFile(g1) = %d, %v", n, err)
	}
	if cur, err := fs.FindFile(ctx, "Gone.png"); err != nil || cur.Size != 1 {
		t.Errorf("after undeleting g1, FindFile() = %+v, %v; want g1", cur, err)
	}
	// The rest come back as old versions, since a current one exists.
	if n, err := fs.UndeleteFile(ctx, folio.FileUndeleteRequest{Name: "Gone.png"}); err != nil || n != 2 {
		t.Fatalf("UndeleteFile(rest) = %d, %v", n, err)
	}
	if olds, _ := fs.FindFileVersions(ctx, "Gone.png"); len(olds) != 2 {
		t.Errorf("after undelete, %d old versions, want 2", len(olds))
	}
	_, err = fs.UndeleteFile(ctx, folio.FileUndeleteRequest{Name: "Gone.png"})
	wantCode(t, "UndeleteFile(nothing left)", err, folio.ECantUndelete)
	testFilePurge(t, fs)
}

// testFilePurge deletes Gone.png again and purges it: only the SHA-1s no
// other file uses come back.
func testFilePurge(t *testing.T, fs folio.FileStore) {
	ctx := context.Background()
	if _, err := fs.DeleteFile(ctx, folio.FileDeleteRequest{Name: "Gone.png", Actor: anon}); err != nil {
		t.Fatalf("DeleteFile() error: %v", err)
	}
	if sums, err := fs.PurgeDeletedFiles(ctx, time.Now().Add(-time.Hour)); err != nil || len(sums) != 0 {
		t.Errorf("PurgeDeletedFiles(an hour ago) = %v, %v; want nothing", sums, err)
	}
	sums, err := fs.PurgeDeletedFiles(ctx, time.Now().Add(time.Hour))
	want := []string{folio.SHA1Base36("g1"), folio.SHA1Base36("g2")}
	if err != nil || !cmp.Equal(sortedCopy(sums), sortedCopy(want)) {
		t.Errorf("PurgeDeletedFiles() = %v, %v; want %v (g3 is still used by Keep.png)", sums, err, want)
	}
	if del, err := fs.FindDeletedFiles(ctx, "Gone.png"); err != nil || len(del) != 0 {
		t.Errorf("after purge, FindDeletedFiles() = %d, %v; want none", len(del), err)
	}
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func testFileUsage(t *testing.T, s folio.Store) {
	fs, ctx := fileStore(t, s), context.Background()
	MustUpload(t, fs, newFile("Used.png", "u", 1, anon), false)
	for _, title := range []string{"Zeta", "Alpha"} {
		MustSave(t, s, &folio.Edit{DBKey: title, Text: "[[File:Used.png]]", Actor: anon,
			Links: &folio.LinkSet{Images: []string{"Used.png"}}})
	}
	pages, err := fs.FileUsage(ctx, "Used.png", 10)
	if err != nil || !cmp.Equal(titles(pages), []string{"0:Alpha", "0:Zeta"}) {
		t.Errorf("FileUsage() = %v, %v; want Alpha and Zeta", titles(pages), err)
	}
	if pages, err := fs.FileUsage(ctx, "Unused.png", 10); err != nil || len(pages) != 0 {
		t.Errorf("FileUsage(unused) = %v, %v; want none", titles(pages), err)
	}
}
