package diff

import (
	"html"
	"strconv"
	"strings"
)

// DefaultContext is the number of unchanged lines that Table shows before
// and after each change, the same as MediaWiki.
const DefaultContext = 2

// Options configures Table. The zero value gives MediaWiki's defaults.
type Options struct {
	// Context is the number of unchanged lines shown before and after each
	// change. Zero means DefaultContext; a negative value shows none.
	Context int
	// LineLabel returns the plain-text header of a block that starts at
	// 1-based line n. Nil means English "Line n:" with digit grouping.
	LineLabel func(n int) string
}

func (o Options) context() int {
	switch {
	case o.Context == 0:
		return DefaultContext
	case o.Context < 0:
		return 0
	}
	return o.Context
}

func (o Options) label(n int) string {
	if o.LineLabel != nil {
		return o.LineLabel(n)
	}
	return "Line " + groupDigits(n) + ":"
}

// Table renders the differences between two texts as the HTML rows of a
// side-by-side diff table with MediaWiki's CSS classes. The caller wraps
// the rows in <table class="diff"> with its own column and header rows.
// Each block of changes starts with a "diff-lineno" row naming its first
// line on each side and shows the requested number of context lines around
// the changes; blocks whose context would meet are joined. Changed lines
// are paired and marked word by word with <del> and <ins>. All text is
// HTML-escaped. Table returns the empty string when the texts have the
// same lines.
func Table(oldText, newText string, opts Options) string {
	a, b := SplitLines(oldText), SplitLines(newText)
	var sb strings.Builder
	for _, blk := range blocks(Lines(a, b), opts.context()) {
		writeHeader(&sb, opts, blk[0].A0+1, blk[0].B0+1)
		for _, e := range blk {
			writeEdit(&sb, e, a, b)
		}
	}
	return sb.String()
}

// blocks groups the edits into blocks of changes with at most ctx lines of
// context around them. Unchanged runs longer than 2*ctx between changes
// separate blocks.
func blocks(edits []Edit, ctx int) [][]Edit {
	var out [][]Edit
	var cur []Edit
	for i, e := range edits {
		if e.Op != Equal {
			cur = append(cur, e)
			continue
		}
		n := e.A1 - e.A0
		first, last := i == 0, i == len(edits)-1
		if !first && !last && n <= 2*ctx {
			cur = append(cur, e)
			continue
		}
		if k := min(n, ctx); !first {
			if k > 0 {
				cur = append(cur, Edit{Equal, e.A0, e.A0 + k, e.B0, e.B0 + k})
			}
			out, cur = append(out, cur), nil
		}
		if k := min(n, ctx); !last && k > 0 {
			cur = append(cur, Edit{Equal, e.A1 - k, e.A1, e.B1 - k, e.B1})
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// The fixed cells of a diff row.
const (
	markerDeleted = `<td class="diff-marker" data-marker="−"></td>`
	markerAdded   = `<td class="diff-marker" data-marker="+"></td>`
	markerContext = `<td class="diff-marker"></td>`
	emptyDeleted  = `<td colspan="2" class="diff-empty diff-side-deleted"></td>`
	emptyAdded    = `<td colspan="2" class="diff-empty diff-side-added"></td>`
)

func writeHeader(sb *strings.Builder, opts Options, oldLine, newLine int) {
	writeRow(sb,
		`<td colspan="2" class="diff-lineno" id="mw-diff-left-l`+strconv.Itoa(oldLine)+`">`+
			html.EscapeString(opts.label(oldLine))+`</td>`,
		`<td colspan="2" class="diff-lineno" id="mw-diff-right-l`+strconv.Itoa(newLine)+`">`+
			html.EscapeString(opts.label(newLine))+`</td>`)
}

// writeEdit writes the rows of one edit.
func writeEdit(sb *strings.Builder, e Edit, a, b []string) {
	switch e.Op {
	case Equal:
		for i := e.A0; i < e.A1; i++ {
			text := html.EscapeString(a[i])
			writeRow(sb, markerContext, cell("diff-context diff-side-deleted", text),
				markerContext, cell("diff-context diff-side-added", text))
		}
	case Delete:
		writeDeleted(sb, a[e.A0:e.A1])
	case Insert:
		writeAdded(sb, b[e.B0:e.B1])
	case Replace:
		writeChanged(sb, a[e.A0:e.A1], b[e.B0:e.B1])
	}
}

func writeDeleted(sb *strings.Builder, lines []string) {
	for _, line := range lines {
		writeRow(sb, markerDeleted, deletedCell(html.EscapeString(line)), emptyAdded)
	}
}

func writeAdded(sb *strings.Builder, lines []string) {
	for _, line := range lines {
		writeRow(sb, emptyDeleted, markerAdded, addedCell(html.EscapeString(line)))
	}
}

// writeChanged pairs old and new lines in order and marks the words that
// changed within each pair; lines left over on one side are shown as
// deleted or added.
func writeChanged(sb *strings.Builder, old, new []string) {
	n := min(len(old), len(new))
	for i := range n {
		oldSpans, newSpans := Words(old[i], new[i])
		writeRow(sb, markerDeleted, deletedCell(spansHTML(oldSpans, "del")),
			markerAdded, addedCell(spansHTML(newSpans, "ins")))
	}
	writeDeleted(sb, old[n:])
	writeAdded(sb, new[n:])
}

// spansHTML escapes the spans and wraps the changed ones in tag.
func spansHTML(spans []Span, tag string) string {
	var sb strings.Builder
	for _, s := range spans {
		if s.Changed {
			sb.WriteString("<" + tag + ` class="diffchange diffchange-inline">`)
			sb.WriteString(html.EscapeString(s.Text))
			sb.WriteString("</" + tag + ">")
		} else {
			sb.WriteString(html.EscapeString(s.Text))
		}
	}
	return sb.String()
}

func deletedCell(content string) string {
	return cell("diff-deletedline diff-side-deleted", content)
}

func addedCell(content string) string {
	return cell("diff-addedline diff-side-added", content)
}

// cell returns a table cell with the given HTML content. Non-empty content
// is wrapped in a <div>, as MediaWiki does so that long lines scroll.
func cell(class, content string) string {
	if content == "" {
		return `<td class="` + class + `"></td>`
	}
	return `<td class="` + class + `"><div>` + content + `</div></td>`
}

func writeRow(sb *strings.Builder, cells ...string) {
	sb.WriteString("<tr>\n")
	for _, c := range cells {
		sb.WriteString("  ")
		sb.WriteString(c)
		sb.WriteString("\n")
	}
	sb.WriteString("</tr>\n")
}

// groupDigits formats n with a comma between groups of three digits.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}
