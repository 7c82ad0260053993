package web

import "testing"

const sectioned = "Lead text.\n\n== One ==\nfirst\n\n=== One.A ===\nsub\n\n== Two ==\nsecond\n<pre>\n== Not a heading ==\n</pre>\n<!--\n== Nor this ==\n-->\n= Top =\ntop"

func TestSectionText(t *testing.T) {
	tests := []struct {
		n    int
		want string
		ok   bool
	}{
		{0, "Lead text.", true},
		{1, "== One ==\nfirst\n\n=== One.A ===\nsub", true},
		{2, "=== One.A ===\nsub", true},
		{3, "== Two ==\nsecond\n<pre>\n== Not a heading ==\n</pre>\n<!--\n== Nor this ==\n-->", true},
		{4, "= Top =\ntop", true},
		{5, "", false},
		{-1, "", false},
	}
	for _, tt := range tests {
		got, ok := sectionText(sectioned, tt.n)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sectionText(%d) = %q, %v; want %q, %v", tt.n, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReplaceSection(t *testing.T) {
	text := "Lead\n\n== A ==\na\n\n== B ==\nb"
	tests := []struct {
		n       int
		section string
		want    string
	}{
		{0, "New lead\n", "New lead\n\n== A ==\na\n\n== B ==\nb"},
		{1, "== A ==\nchanged", "Lead\n\n== A ==\nchanged\n\n== B ==\nb"},
		{2, "== B ==\nlast", "Lead\n\n== A ==\na\n\n== B ==\nlast"},
		{1, "", "Lead\n\n== B ==\nb"},
	}
	for _, tt := range tests {
		got, ok := replaceSection(text, tt.n, tt.section)
		if !ok || got != tt.want {
			t.Errorf("replaceSection(%d, %q) = %q, %v; want %q", tt.n, tt.section, got, ok, tt.want)
		}
	}
	if _, ok := replaceSection(text, 3, "x"); ok {
		t.Errorf("replaceSection(3) succeeded for a text with two sections")
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		text  string
		level int
		name  string
	}{
		{"== A ==", 2, "A"},
		{"=== B ==", 2, "= B"},
		{"==C===  ", 2, "C="}, {"===", 1, "="},
		{"====== Six ======", 6, "Six"},
	}
	for _, tt := range tests {
		hs := headings(tt.text)
		if len(hs) != 1 || hs[0].level != tt.level || hs[0].text != tt.name {
			t.Errorf("headings(%q) = %+v, want level %d text %q", tt.text, hs, tt.level, tt.name)
		}
	}
	if hs := headings("= =\nnot = a = heading\n =A="); len(hs) != 0 {
		t.Errorf("headings found %+v in a text without headings", hs)
	}
}

func TestAppendSection(t *testing.T) {
	tests := []struct{ text, subject, body, want string }{
		{"", "Hi", "hello", "== Hi ==\n\nhello"},
		{"Old\n", "Hi", "hello\n", "Old\n\n== Hi ==\n\nhello"},
		{"Old", "", "no subject", "Old\n\nno subject"},
	}
	for _, tt := range tests {
		if got := appendSection(tt.text, tt.subject, tt.body); got != tt.want {
			t.Errorf("appendSection(%q, %q, %q) = %q, want %q", tt.text, tt.subject, tt.body, got, tt.want)
		}
	}
}

func TestSectionFragment(t *testing.T) {
	tests := []struct {
		section, text, summary, want string
	}{
		{"", "== A ==", "", ""},
		{"0", "Lead", "", ""},
		{"2", "== Two words ==\ntext", "", "#Two_words"},
		{"2", "== '''Bold''' and [[Link|shown]] ==", "", "#Bold_and_shown"},
		{"new", "body", "New topic", "#New_topic"},
		{"new", "body", "", ""},
		{"3", "no heading left", "", ""},
	}
	for _, tt := range tests {
		d := &editData{Section: tt.section, Text: tt.text, Summary: tt.summary}
		if got := sectionFragment(d); got != tt.want {
			t.Errorf("sectionFragment(%q, %q, %q) = %q, want %q", tt.section, tt.text, tt.summary, got, tt.want)
		}
	}
}
