package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func sectionForm(section, text, summary string, base int64) url.Values {
	f := saveForm(text, summary, base, "wpSave")
	f.Set("wpSection", section)
	return f
}

func TestSectionEdit(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		base := env.MustEdit("Sectioned", "Lead\n\n== One ==\nfirst\n\n== Two ==\nsecond", "", nil)
		env.MustEdit("Talk:Sectioned", "== Old topic ==\nold", "", nil)
		anon := env.NewBrowser()
		b := strconv.FormatInt(base, 10)
		Run(t, map[string]*Browser{"anon": anon}, []Scenario{
			{Name: "section form", As: "anon", URL: "/index.php?title=Sectioned&action=edit&section=2", Status: http.StatusOK,
				Want:     []string{"== Two ==\nsecond</textarea>", `name="wpSection" value="2"`, `value="/* Two */ "`, "(section)"},
				DontWant: []string{"Lead"}},
			{Name: "missing section", As: "anon", URL: "/index.php?title=Sectioned&action=edit&section=9", Status: http.StatusBadRequest},
			{Name: "bad section", As: "anon", URL: "/index.php?title=Sectioned&action=edit&section=x", Status: http.StatusBadRequest},
			{Name: "someone edits section one meanwhile", As: "anon", Method: "POST", URL: "/index.php?title=Sectioned&action=submit",
				Form: sectionForm("1", "== One ==\nFIRST", "", base), Status: http.StatusSeeOther},
			{Name: "section two saves and merges", As: "anon", Method: "POST", URL: "/index.php?title=Sectioned&action=submit&baseRevId=" + b,
				Form: sectionForm("2", "== Two ==\nSECOND", "/* Two */ louder", base), Status: http.StatusSeeOther, Location: "/wiki/Sectioned#Two"},
			{Name: "current view has [edit] links", As: "anon", URL: "/wiki/Sectioned", Status: http.StatusOK,
				Want: []string{"mw-editsection", "action=edit&amp;section=2"}},
			{Name: "old revisions have none", As: "anon", URL: "/index.php?title=Sectioned&oldid=" + b, Status: http.StatusOK,
				DontWant: []string{"mw-editsection"}},
			{Name: "both sections changed", As: "anon", URL: "/index.php?title=Sectioned&action=raw", Status: http.StatusOK,
				Want: []string{"Lead\n\n== One ==\nFIRST\n\n== Two ==\nSECOND"}},
			{Name: "add topic tab on talk pages", As: "anon", URL: "/wiki/Talk:Sectioned", Status: http.StatusOK,
				Want: []string{`id="ca-addsection"`, "section=new"}},
			{Name: "new section form", As: "anon", URL: "/index.php?title=Talk:Sectioned&action=edit&section=new", Status: http.StatusOK,
				Want: []string{"Subject:", `name="wpSection" value="new"`, "(new section)"}},
			{Name: "new section saves", As: "anon", Method: "POST", URL: "/index.php?title=Talk:Sectioned&action=submit",
				Form: sectionForm("new", "Hello there.", "Greeting", 0), Status: http.StatusSeeOther, Location: "/wiki/Talk:Sectioned#Greeting"},
			{Name: "new section appended", As: "anon", URL: "/index.php?title=Talk:Sectioned&action=raw", Status: http.StatusOK,
				Want: []string{"== Old topic ==\nold\n\n== Greeting ==\n\nHello there."}},
			{Name: "new section summary", As: "anon", URL: "/index.php?title=Talk:Sectioned&action=history", Status: http.StatusOK,
				Want: []string{"Greeting", "new section"}},
		})
	})
}
