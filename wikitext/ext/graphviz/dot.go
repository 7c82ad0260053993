package graphviz

import (
	"fmt"
	"strings"
)

// checkDOT parses src with a DOT grammar of its own before Graphviz sees
// it. Graphviz's parser keeps error state between calls in the shared Wasm
// module (a later graph can be reported with an earlier graph's message,
// or refused), so only well-formed DOT reaches it; readers also get a
// message with the right line. It refuses the attributes that make
// Graphviz open files (image, shapefile, imagepath, fontpath, stylesheet).
func checkDOT(src string) error {
	p := &dotParser{lx: dotLexer{src: src, line: 1}}
	p.next()
	return p.graph()
}

// SyntaxError is a DOT syntax error with its line.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// fileAttributes make Graphviz read files; graphs may not set them.
var fileAttributes = map[string]bool{
	"image": true, "shapefile": true, "imagepath": true, "fontpath": true, "stylesheet": true,
}

const maxDOTDepth = 64

type tokKind int

const (
	tEOF   tokKind = iota
	tID            // name, number, "quoted" or <html>
	tPunct         // { } [ ] = ; , : +
	tEdge          // -> or --
)

type token struct {
	kind   tokKind
	text   string // the punctuation, the edge operator or the ID as written
	quoted bool   // a "quoted" ID
	name   bool   // a bare name, which may be a keyword
	line   int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "the end of the source"
	case tID:
		s := t.text
		if len(s) > 30 {
			s = s[:30] + "…"
		}
		return `"` + s + `"`
	}
	return "'" + t.text + "'"
}

type dotParser struct {
	lx       dotLexer
	tok      token
	err      error
	directed bool
	depth    int
}

func (p *dotParser) next() {
	if p.err != nil {
		return
	}
	t, err := p.lx.next()
	if err != nil {
		p.err = err
		t = token{kind: tEOF, line: p.lx.line}
	}
	p.tok = t
}

func (p *dotParser) fail(format string, args ...any) error {
	if p.err == nil {
		p.err = &SyntaxError{Line: p.tok.line, Msg: fmt.Sprintf(format, args...)}
	}
	return p.err
}

func (p *dotParser) is(punct string) bool { return p.tok.kind == tPunct && p.tok.text == punct }

func (p *dotParser) keyword(kw string) bool {
	return p.tok.kind == tID && p.tok.name && strings.EqualFold(p.tok.text, kw)
}

func (p *dotParser) isKeyword() bool {
	for _, kw := range []string{"strict", "graph", "digraph", "subgraph", "node", "edge"} {
		if p.keyword(kw) {
			return true
		}
	}
	return false
}

func (p *dotParser) expect(punct string) error {
	if !p.is(punct) {
		return p.fail("expected '%s' but found %s", punct, p.tok)
	}
	p.next()
	return p.err
}

// graph: [strict] (graph|digraph) [ID] '{' stmts '}'
func (p *dotParser) graph() error {
	if p.err != nil {
		return p.err
	}
	if p.keyword("strict") {
		p.next()
	}
	switch {
	case p.keyword("digraph"):
		p.directed = true
	case p.keyword("graph"):
	default:
		return p.fail("a graph starts with graph or digraph, not %s", p.tok)
	}
	p.next()
	if p.tok.kind == tID && !p.isKeyword() {
		p.id()
	}
	if err := p.expect("{"); err != nil {
		return err
	}
	if err := p.stmts(); err != nil {
		return err
	}
	if p.tok.kind != tEOF {
		return p.fail("only one graph is allowed; found %s after its end", p.tok)
	}
	return p.err
}

// stmts reads statements up to and including the closing '}'.
func (p *dotParser) stmts() error {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDOTDepth {
		return p.fail("subgraphs are nested more than %d deep", maxDOTDepth)
	}
	for p.err == nil && !p.is("}") {
		if p.tok.kind == tEOF {
			return p.fail("missing '}' at the end of the graph")
		}
		p.stmt()
		if p.is(";") {
			p.next()
		}
	}
	return p.expect("}")
}

func (p *dotParser) stmt() {
	switch {
	case p.keyword("graph") || p.keyword("node") || p.keyword("edge"):
		p.next()
		if !p.is("[") {
			p.fail("expected '[' but found %s", p.tok)
			return
		}
		p.attrLists()
	case p.keyword("subgraph") || p.is("{"):
		p.subgraph()
		p.edgeRHS()
		p.attrLists()
	case p.tok.kind == tID && !p.isKeyword():
		name := p.id()
		if p.is("=") {
			p.next()
			p.assignValue(name)
			return
		}
		p.port()
		p.edgeRHS()
		p.attrLists()
	default:
		p.fail("unexpected %s", p.tok)
	}
}

// subgraph: [subgraph [ID]] '{' stmts '}'
func (p *dotParser) subgraph() {
	if p.keyword("subgraph") {
		p.next()
		if p.tok.kind == tID && !p.isKeyword() {
			p.id()
		}
	}
	if p.expect("{") == nil {
		p.stmts()
	}
}

// edgeRHS: (edgeop (node_id | subgraph))*
func (p *dotParser) edgeRHS() {
	for p.err == nil && p.tok.kind == tEdge {
		if (p.tok.text == "->") != p.directed {
			if p.directed {
				p.fail("use -> for edges in a digraph, not --")
			} else {
				p.fail("use -- for edges in an undirected graph, not ->")
			}
			return
		}
		p.next()
		switch {
		case p.keyword("subgraph") || p.is("{"):
			p.subgraph()
		case p.tok.kind == tID && !p.isKeyword():
			p.id()
			p.port()
		default:
			p.fail("an edge must end at a node or subgraph, not %s", p.tok)
		}
	}
}

// port: [':' ID [':' ID]]
func (p *dotParser) port() {
	for i := 0; i < 2 && p.err == nil && p.is(":"); i++ {
		p.next()
		if p.tok.kind != tID {
			p.fail("expected a port name after ':' but found %s", p.tok)
			return
		}
		p.id()
	}
}

// attrLists: ('[' (ID '=' ID [;|,])* ']')*
func (p *dotParser) attrLists() {
	for p.err == nil && p.is("[") {
		p.next()
		for p.err == nil && !p.is("]") {
			if p.tok.kind != tID {
				p.fail("expected an attribute name but found %s", p.tok)
				return
			}
			name := p.id()
			if p.expect("=") != nil {
				return
			}
			p.assignValue(name)
			if p.is(";") || p.is(",") {
				p.next()
			}
		}
		p.expect("]")
	}
}

// assignValue reads the value of attribute name after its '='.
func (p *dotParser) assignValue(name string) {
	if p.err != nil {
		return
	}
	if fileAttributes[strings.ToLower(name)] {
		p.fail("the attribute %s is not allowed, since it makes Graphviz read files", name)
		return
	}
	if p.tok.kind != tID {
		p.fail("expected a value for %s but found %s", name, p.tok)
		return
	}
	p.id()
}

// id reads an ID, joining "a" + "b" concatenations, and returns its value.
func (p *dotParser) id() string {
	t := p.tok
	p.next()
	if !t.quoted {
		return t.text
	}
	v := unquote(t.text)
	for p.err == nil && p.is("+") {
		p.next()
		if p.tok.kind != tID || !p.tok.quoted {
			p.fail("'+' must join two quoted strings")
			return v
		}
		v += unquote(p.tok.text)
		p.next()
	}
	return v
}

// unquote returns the value of a "quoted" DOT string: \" is a quote and a
// backslash before a newline joins lines; other backslashes stay.
func unquote(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
	return strings.NewReplacer(`\"`, `"`, "\\\n", "", "\\\r\n", "").Replace(s)
}
