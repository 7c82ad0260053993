package api

// parsePreSave applies pst and onlypst of action=parse: the text given
// with text= goes through the pre-save transform as an edit by the caller
// would. With onlypst the transformed wikitext is the whole result and
// done is true; with pst it is parsed instead of the original, and
// prop=wikitext adds it as psttext.
func (s *Server) parsePreSave(c *call, src *parseSource, props map[string]bool) (done bool, err error) {
	if !c.has("text") {
		c.warn("pst", "The pst and onlypst parameters apply only to text.")
		return false, nil
	}
	original := src.text
	src.text, err = s.Wiki.PreSaveTransform(c.ctx, src.title, src.text, c.user(), c.ip())
	if err != nil {
		return true, err
	}
	if !c.boolean("onlypst") {
		src.original = original
		return false, nil
	}
	o := newObj().set("title", src.title.PrefixedText()).set("pageid", 0).set("text", bcText(src.text))
	if props["wikitext"] {
		o.set("wikitext", bcText(original))
	}
	c.result.set("parse", o)
	return true, nil
}
