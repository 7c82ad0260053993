package diff

import (
	"cmp"
	"slices"
	"strings"
)

// hunk is one change that a side made to the base: base lines [a0,a1)
// became the side's lines [b0,b1).
type hunk struct {
	side   int
	a0, a1 int
	b0, b1 int
}

// Merge3 merges two texts, ours and theirs, that were both edited from a
// common base, the way an edit conflict is resolved automatically. It
// compares lines including their line breaks, so a missing final newline
// is kept or changed like any other text.
//
// Changes that touch different base lines merge cleanly, and so do changes
// that both sides made identically. Two changes conflict when they modify
// overlapping base lines differently, or when they insert different lines
// at the same place; an insertion right before or after a line the other
// side changed is not a conflict. Changing a last line that has no final
// newline conflicts with adding lines after it. On conflict Merge3 returns
// ours unchanged and ok=false.
func Merge3(base, ours, theirs string) (merged string, ok bool) {
	lines := [3][]string{splitKeepEnds(base), splitKeepEnds(ours), splitKeepEnds(theirs)}
	ids := newInterner(len(lines[0]) + len(lines[1]) + len(lines[2]))
	b, o, t := ids.ints(lines[0]), ids.ints(lines[1]), ids.ints(lines[2])
	blank := ids.blanks()
	hunks := append(sideHunks(lineEdits(b, o, blank), 1), sideHunks(lineEdits(b, t, blank), 2)...)
	slices.SortFunc(hunks, func(x, y hunk) int {
		return cmp.Or(cmp.Compare(x.a0, y.a0), cmp.Compare(x.a1, y.a1), cmp.Compare(x.side, y.side))
	})
	var out output
	pos := 0
	for len(hunks) > 0 {
		n, gs, ge := group(hunks)
		text, ok := resolve(lines, hunks[:n], gs, ge)
		if !ok {
			return ours, false
		}
		out.write(strings.Join(lines[0][pos:gs], ""))
		out.write(text)
		pos, hunks = ge, hunks[n:]
	}
	out.write(strings.Join(lines[0][pos:], ""))
	if out.joined {
		return ours, false
	}
	return out.sb.String(), true
}

// output collects the merged text. It notes when a piece is written after
// text that does not end in a newline: that happens when one side changed
// the unterminated last line and the other added text after it, and
// writing both would glue two lines together.
type output struct {
	sb     strings.Builder
	joined bool
}

func (o *output) write(s string) {
	if s == "" {
		return
	}
	if n := o.sb.Len(); n > 0 && o.sb.String()[n-1] != '\n' {
		o.joined = true
	}
	o.sb.WriteString(s)
}

// sideHunks returns the changes of an edit script as hunks of one side.
func sideHunks(edits []Edit, side int) []hunk {
	var hs []hunk
	for _, e := range edits {
		if e.Op != Equal {
			hs = append(hs, hunk{side, e.A0, e.A1, e.B0, e.B1})
		}
	}
	return hs
}

// group returns how many of the sorted hunks form the first group of
// hunks that must be resolved together, and the base range they cover.
// A hunk joins the group when it overlaps the range, or when it and the
// group are both insertions at the same place.
func group(hunks []hunk) (n, gs, ge int) {
	gs, ge = hunks[0].a0, hunks[0].a1
	for n = 1; n < len(hunks); n++ {
		h := hunks[n]
		sameInsert := h.a0 == h.a1 && gs == ge && h.a0 == gs
		if h.a0 >= ge && !sameInsert {
			break
		}
		ge = max(ge, h.a1)
	}
	return n, gs, ge
}

// resolve returns the text that replaces base lines [gs,ge) for a group of
// hunks. When both sides changed the range, they must agree.
func resolve(lines [3][]string, group []hunk, gs, ge int) (string, bool) {
	ours := applyHunks(lines, group, 1, gs, ge)
	theirs := applyHunks(lines, group, 2, gs, ge)
	switch {
	case !hasSide(group, 2):
		return ours, true
	case !hasSide(group, 1):
		return theirs, true
	}
	return ours, ours == theirs
}

// applyHunks returns base lines [gs,ge) with the hunks of one side applied.
func applyHunks(lines [3][]string, group []hunk, side, gs, ge int) string {
	var sb strings.Builder
	pos := gs
	for _, h := range group {
		if h.side != side {
			continue
		}
		writeLines(&sb, lines[0][pos:h.a0])
		writeLines(&sb, lines[side][h.b0:h.b1])
		pos = h.a1
	}
	writeLines(&sb, lines[0][pos:ge])
	return sb.String()
}

func hasSide(group []hunk, side int) bool {
	for _, h := range group {
		if h.side == side {
			return true
		}
	}
	return false
}

func writeLines(sb *strings.Builder, lines []string) {
	for _, l := range lines {
		sb.WriteString(l)
	}
}

// splitKeepEnds splits text into lines that keep their "\n"; only the last
// line may lack one. Joining the lines gives the text back.
func splitKeepEnds(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
