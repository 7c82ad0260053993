// Package diff compares texts line by line and word by word, renders the
// side-by-side HTML rows of a MediaWiki-style diff table, and merges
// concurrent edits with a line-based three-way merge.
//
// The package uses only the standard library and imports nothing else from
// this module.
package diff

import "strings"

// Op says how a run of lines differs between the old and the new text.
type Op int

// The kinds of Edit.
const (
	// Equal marks lines present unchanged in both texts.
	Equal Op = iota
	// Delete marks lines present only in the old text.
	Delete
	// Insert marks lines present only in the new text.
	Insert
	// Replace marks old lines that were replaced by new lines.
	Replace
)

// String returns the lowercase name of the operation.
func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	case Replace:
		return "replace"
	}
	return "unknown"
}

// Edit is a run of lines that the old and the new text treat the same way.
// Old lines a[A0:A1] correspond to new lines b[B0:B1]. An Equal edit has
// ranges of the same length, a Delete edit has an empty new range, an
// Insert edit has an empty old range, and a Replace edit has two non-empty
// ranges.
type Edit struct {
	Op     Op
	A0, A1 int
	B0, B1 int
}

// Lines compares two sequences of lines and returns an edit script that
// covers both of them from start to end in order. Adjacent edits never have
// the same Op, and a Delete next to an Insert is reported as one Replace.
// The script is minimal unless the inputs are so large and so different
// that the search is cut short, in which case some unchanged lines may be
// reported as replaced; the result is still a correct script.
func Lines(a, b []string) []Edit {
	ids := newInterner(len(a) + len(b))
	x, y := ids.ints(a), ids.ints(b)
	return lineEdits(x, y, ids.blanks())
}

// lineEdits diffs two interned sequences and converts the result to edits.
func lineEdits(a, b []int, blank []bool) []Edit {
	delA, insB := compare(a, b, blank)
	return editsFromMarks(delA, insB)
}

// editsFromMarks walks the change marks of both sequences and groups them
// into runs. An unmarked line of a always pairs with the next unmarked line
// of b.
func editsFromMarks(delA, insB []bool) []Edit {
	var edits []Edit
	i, j := 0, 0
	for i < len(delA) || j < len(insB) {
		i0, j0 := i, j
		for i < len(delA) && j < len(insB) && !delA[i] && !insB[j] {
			i++
			j++
		}
		if i > i0 {
			edits = append(edits, Edit{Equal, i0, i, j0, j})
			continue
		}
		for i < len(delA) && delA[i] {
			i++
		}
		for j < len(insB) && insB[j] {
			j++
		}
		edits = append(edits, changeEdit(i0, i, j0, j))
	}
	return edits
}

// changeEdit returns the Delete, Insert or Replace edit for two ranges.
func changeEdit(a0, a1, b0, b1 int) Edit {
	op := Replace
	switch {
	case a0 == a1:
		op = Insert
	case b0 == b1:
		op = Delete
	}
	return Edit{op, a0, a1, b0, b1}
}

// SplitLines splits a text into the lines that Table and Stats compare. It
// splits at every "\n", so a text that ends with a newline has an empty last
// line; the empty text has no lines at all.
func SplitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// Stats counts the lines that were added to and removed from oldText to
// produce newText. A replaced line counts once as removed and once as added.
func Stats(oldText, newText string) (added, removed int) {
	for _, e := range Lines(SplitLines(oldText), SplitLines(newText)) {
		if e.Op != Equal {
			removed += e.A1 - e.A0
			added += e.B1 - e.B0
		}
	}
	return added, removed
}
