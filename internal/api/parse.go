package api

import (
	"fmt"
	"strconv"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/render"
)

var parseProps = []string{"text", "langlinks", "categories", "categorieshtml", "links", "templates",
	"images", "externallinks", "sections", "revid", "displaytitle", "subtitle", "headhtml",
	"modules", "jsconfigvars", "encodedjsconfigvars", "indicators", "iwlinks", "wikitext",
	"properties", "limitreportdata", "limitreporthtml", "parsetree", "parsewarnings",
	"parsewarningshtml"}

var defaultParseProps = []string{"text", "langlinks", "categories", "links", "templates", "images",
	"externallinks", "sections", "revid", "displaytitle", "iwlinks", "properties", "parsewarnings"}

// parseSource is what action=parse renders.
type parseSource struct {
	title folio.Title
	page  *folio.Page
	revID int64
	text  string
	// original is the text before the pre-save transform (pst=1), else "".
	original string
}

// runParse is action=parse: text (with title), page, pageid or oldid.
func (s *Server) runParse(c *call) error {
	src, err := s.parseInput(c)
	if err != nil {
		return err
	}
	if sec := c.str("section"); sec != "" && sec != "new" {
		n, err := strconv.Atoi(sec)
		text, ok := sectionText(src.text, n)
		if err != nil || !ok {
			return usageError("nosuchsection", fmt.Sprintf("There is no section %s.", sec))
		}
		src.text = text
	}
	props := c.set("prop", defaultParseProps, parseProps...)
	if c.boolean("pst") || c.boolean("onlypst") {
		done, err := s.parsePreSave(c, src, props)
		if done || err != nil {
			return err
		}
	}
	for _, p := range []string{"summary", "redirects", "wrapoutputclass", "disablelimitreport",
		"disabletoc", "disablestylededuplication", "preview", "sectionpreview", "useskin", "contentformat",
		"sectiontitle", "mobileformat", "effectivelanglinks", "showstrategykeys", "generatexml", "templatesandboxprefix"} {
		c.str(p)
	}
	out, err := s.Renderer.Render(c.ctx, src.title, src.text, render.Options{
		RevID: src.revID, Preview: c.boolean("preview"), NoEditSections: c.boolean("disableeditsection"),
	})
	if err != nil {
		return err
	}
	res, err := s.parseResult(c, src, out, props)
	if err != nil {
		return err
	}
	c.result.set("parse", res)
	return nil
}

// parseInput finds the text to parse.
func (s *Server) parseInput(c *call) (*parseSource, error) {
	model := c.str("contentmodel")
	if model != "" && model != folio.ModelWikitext {
		return nil, usageError("badvalue", fmt.Sprintf("Folio parses only wikitext, not %q.", model))
	}
	switch {
	case c.has("text"):
		title := c.str("title")
		if title == "" {
			title = "API"
			if model == "" {
				c.warn("notitle", "Neither \"title\" nor \"contentmodel\" was given; parsing as wikitext of the page \"API\".")
			}
		}
		t, err := c.title(s, title)
		if err != nil {
			return nil, err
		}
		return &parseSource{title: t, text: c.str("text")}, nil
	case c.has("oldid"):
		id, err := c.integer("oldid", 0)
		if err != nil {
			return nil, err
		}
		return s.parseRevision(c, id)
	case c.has("page"), c.has("pageid"):
		if c.has("page") {
			c.form.Set("title", c.str("page"))
		}
		_, p, err := s.pageParam(c)
		if err != nil {
			return nil, err
		}
		return s.parseRevision(c, p.Latest)
	}
	return nil, usageError("params", "One of the \"text\", \"page\", \"pageid\" and \"oldid\" parameters is required.")
}

func (s *Server) parseRevision(c *call, id int64) (*parseSource, error) {
	rev, err := s.Store.FindRevisionByID(c.ctx, id)
	if folio.ErrorCode(err) == folio.ENoSuchRevID {
		return nil, usageError("nosuchrevid", fmt.Sprintf("There is no revision %d.", id))
	} else if err != nil {
		return nil, err
	}
	p, err := s.Store.FindPageByID(c.ctx, rev.PageID)
	if err != nil {
		return nil, err
	}
	t := s.Namespaces.MakeTitle(p.Namespace, p.DBKey)
	if err := s.Wiki.CheckPermission(c.ctx, c.user(), "read", t, p); err != nil {
		return nil, err
	}
	return &parseSource{title: t, page: p, revID: rev.ID, text: rev.Text}, nil
}

// parseResult formats the parser output as prop asks.
func (s *Server) parseResult(c *call, src *parseSource, out *render.Output, props map[string]bool) (*obj, error) {
	o := newObj().set("title", src.title.PrefixedText())
	var pageID int64
	if src.page != nil {
		pageID = src.page.ID
	}
	o.set("pageid", pageID)
	if props["revid"] && src.revID != 0 {
		o.set("revid", src.revID)
	}
	if props["text"] {
		html := out.HTML
		if c.boolean("disablelimitreport") {
			html = stripLimitReport(html)
		}
		o.set("text", bcText(html))
	}
	if props["langlinks"] {
		o.set("langlinks", []any{})
	}
	if props["categories"] {
		cats, err := s.parseCategories(c, out)
		if err != nil {
			return nil, err
		}
		o.set("categories", cats)
	}
	if err := s.parseLinks(c, o, out, props); err != nil {
		return nil, err
	}
	if props["images"] {
		o.set("images", stringsOrEmpty(out.Links.Images))
	}
	if props["externallinks"] {
		o.set("externallinks", stringsOrEmpty(out.Links.External))
	}
	if props["sections"] {
		o.set("sections", s.parseSections(src, out))
		o.set("showtoc", flag(len(out.Sections) >= 4))
	}
	s.parseExtras(c, o, src, out, props)
	return o, nil
}

func (s *Server) parseExtras(c *call, o *obj, src *parseSource, out *render.Output, props map[string]bool) {
	if props["parsewarnings"] {
		o.set("parsewarnings", []any{})
	}
	if props["displaytitle"] {
		dt := out.DisplayTitle
		if dt == "" {
			dt = `<span class="mw-page-title-main">` + htmlEscape(src.title.PrefixedText()) + `</span>`
		}
		o.set("displaytitle", dt)
	}
	if props["iwlinks"] {
		o.set("iwlinks", []any{})
	}
	if props["wikitext"] {
		if src.original != "" {
			o.set("wikitext", bcText(src.original))
			o.set("psttext", bcText(src.text))
		} else {
			o.set("wikitext", bcText(src.text))
		}
	}
	if props["properties"] {
		if c.fv == 1 {
			o.set("properties", []any{})
		} else {
			o.set("properties", newObj())
		}
	}
	if props["limitreportdata"] {
		o.set("limitreportdata", limitReportData(out.LimitReport))
	}
}

// parseLinks adds links and templates with their existence.
func (s *Server) parseLinks(c *call, o *obj, out *render.Output, props map[string]bool) error {
	if !props["links"] && !props["templates"] {
		return nil
	}
	all := append(append([]folio.LinkTarget(nil), out.Links.Links...), out.Links.Templates...)
	exists, err := s.Store.PagesExist(c.ctx, all)
	if err != nil {
		return err
	}
	list := func(ts []folio.LinkTarget) []any {
		items := []any{}
		for _, lt := range ts {
			t := s.Namespaces.MakeTitle(lt.Namespace, lt.DBKey)
			key := folio.LinkTarget{Namespace: lt.Namespace, DBKey: lt.DBKey}
			items = append(items, newObj().set("ns", lt.Namespace).set("exists", flag(exists[key])).set(bcKey("title"), t.PrefixedText()))
		}
		return items
	}
	if props["links"] {
		o.set("links", list(out.Links.Links))
	}
	if props["templates"] {
		o.set("templates", list(out.Links.Templates))
	}
	return nil
}

// parseCategories lists the categories, marking those without a page.
func (s *Server) parseCategories(c *call, out *render.Output) ([]any, error) {
	var targets []folio.LinkTarget
	for _, cl := range out.Links.Categories {
		targets = append(targets, folio.LinkTarget{Namespace: folio.NSCategory, DBKey: cl.Category})
	}
	exists, err := s.Store.PagesExist(c.ctx, targets)
	if err != nil {
		return nil, err
	}
	items := []any{}
	for i, cl := range out.Links.Categories {
		o := newObj().set("sortkey", cl.SortKey)
		if !exists[targets[i]] {
			o.set("missing", flag(true))
		}
		items = append(items, o.set(bcKey("category"), cl.Category))
	}
	return items, nil
}

// parseSections lists the headings with MediaWiki's fields.
func (s *Server) parseSections(src *parseSource, out *render.Output) []any {
	items := []any{}
	offsets := headings(src.text)
	var levels []int
	for _, sec := range out.Sections {
		for len(levels) > 0 && levels[len(levels)-1] >= sec.Level {
			levels = levels[:len(levels)-1]
		}
		levels = append(levels, sec.Level)
		o := newObj().set("toclevel", len(levels)).set("level", strconv.Itoa(sec.Level)).
			set("line", sec.Line).set("number", sec.Number).set("index", sec.Index).
			set("fromtitle", src.title.PrefixedDBKey())
		var offset any
		if n, err := strconv.Atoi(sec.Index); err == nil && n >= 1 && n <= len(offsets) {
			offset = offsets[n-1].start
		}
		o.set("byteoffset", offset).set("anchor", sec.Anchor)
		items = append(items, o)
	}
	return items
}

func stringsOrEmpty(list []string) []any {
	out := make([]any, 0, len(list))
	for _, s := range list {
		out = append(out, s)
	}
	return out
}
