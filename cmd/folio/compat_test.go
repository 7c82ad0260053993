package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// compatTestdata is the small @mdn/browser-compat-data tree of
// internal/compat.
const compatTestdata = "../../internal/compat/testdata/bcd"

// modifiedCompatData copies the test data with Chrome's border-radius
// support moved from version 4 to version.
func modifiedCompatData(t *testing.T, version string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(compatTestdata)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "css", "properties", "border-radius.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), `"version_added": "4"`, `"version_added": "`+version+`"`, 1)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func httpBody(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitBody polls url until its body contains want.
func waitBody(t *testing.T, url, want string) string {
	t.Helper()
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if _, body = httpBody(t, url); strings.Contains(body, want) {
			return body
		}
	}
	t.Fatalf("%s never showed %s; last body:\n%.2000s", url, want, body)
	return ""
}

const chromeCell = `data-browser="chrome"><span class="compat-version">`

// editPage saves text on title through the edit form, as an anonymous
// visitor with a session.
func editPage(t *testing.T, base, title, text string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/index.php?title=" + title + "&action=edit")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	v := hiddenInputs(string(form))
	v.Set("wpTextbox1", text)
	v.Set("wpSummary", "compat test")
	v.Set("wpSave", "Save")
	resp, err = c.PostForm(base+"/index.php?title="+title+"&action=submit", v)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Request.URL.Path, "/wiki/") {
		t.Fatalf("saving %s ended at %s with %d", title, resp.Request.URL, resp.StatusCode)
	}
}

// TestCompatImportPurges imports data, shows a page using it (cached by
// the page and parser caches), imports changed data, and sees the page
// change: the import purged it through the job queue.
func TestCompatImportPurges(t *testing.T) {
	w := MustRunMain(t, nil)
	out := mustFolio(t, w.Data, "compat", "import", compatTestdata)
	if !strings.Contains(out, "Read 3 features from "+compatTestdata+": 3 added, 0 changed, 0 unchanged") {
		t.Errorf("first import printed %q", out)
	}
	editPage(t, w.URL, "Rounded_corners", "{{#compat:css.properties.border-radius}}")
	page := w.URL + "/wiki/Rounded_corners"
	body := waitBody(t, page, chromeCell+"4</span>")
	for _, want := range []string{`<caption>Browser compatibility of <code>css.properties.border-radius</code></caption>`,
		`>Chrome</th>`, `>Firefox</th>`, `>Safari</th>`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if _, again := httpBody(t, page); again != body {
		t.Logf("second view differs from the first (not cached?)")
	}
	out = mustFolio(t, w.Data, "compat", "import", compatTestdata)
	if !strings.Contains(out, "0 added, 0 changed, 3 unchanged") || strings.Contains(out, "Queued") {
		t.Errorf("same import again printed %q", out)
	}
	out = mustFolio(t, w.Data, "compat", "import", modifiedCompatData(t, "7"))
	if !strings.Contains(out, "0 added, 1 changed, 2 unchanged") || !strings.Contains(out, "Queued the purge of the pages showing 1 of the changed features.") {
		t.Errorf("refresh printed %q", out)
	}
	waitBody(t, page, chromeCell+"7</span>")
	if _, v := httpBody(t, w.URL+"/wiki/Special:Version"); !strings.Contains(v, "Compatables") {
		t.Errorf("Special:Version does not list the Compatables extension")
	}
	_, sp := httpBody(t, w.URL+"/wiki/Special:Compatables?feature=border-radius&topic=css&format=table&foresi=1")
	if !strings.HasPrefix(sp, `<div class="compat"><table`) || !strings.Contains(sp, chromeCell+"7</span>") {
		t.Errorf("naked table after refresh = %.300s", sp)
	}
}

func TestCompatCommandErrors(t *testing.T) {
	data := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"compat"}, "expected import DIR"},
		{[]string{"compat", "export"}, "expected import DIR"},
		{[]string{"compat", "import"}, "expected one DIR"},
		{[]string{"compat", "import", filepath.Join(data, "missing")}, "load compat data"},
	} {
		if _, _, err := folioRun(t, data, nil, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("folio %v error = %v, want %q", tt.args, err, tt.want)
		}
	}
}
