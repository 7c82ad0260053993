package diff

import "strings"

// maxCost bounds the work of one comparison, counted in diagonals visited
// by the Myers search. When it runs out, the ranges still open are reported
// as replaced instead of being searched further, so that even large texts
// with little in common finish in well under a second.
const maxCost = 1 << 25

// maxSearchD bounds the edit distance one middle-snake search explores.
// Beyond it the search splits the ranges at the furthest point it reached
// and the halves are compared separately: the result may no longer be
// minimal, but the cost stays near-linear in the size of the texts.
const maxSearchD = 1024

// interner maps strings to small dense integers so that comparing two
// elements costs one integer comparison.
type interner struct {
	ids map[string]int
}

func newInterner(capacity int) *interner {
	return &interner{ids: make(map[string]int, capacity)}
}

// blanks returns, indexed by id, whether each string seen so far is empty
// or whitespace only.
func (in *interner) blanks() []bool {
	blank := make([]bool, len(in.ids))
	for s, id := range in.ids {
		blank[id] = strings.TrimSpace(s) == ""
	}
	return blank
}

// ints returns the ids of the given strings, assigning new ids as needed.
func (in *interner) ints(ss []string) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		id, ok := in.ids[s]
		if !ok {
			id = len(in.ids)
			in.ids[s] = id
		}
		out[i] = id
	}
	return out
}

// differ holds the state of one Myers comparison in linear space.
type differ struct {
	a, b       []int
	delA, insB []bool
	vf, vb     []int
	budget     int
}

// compare returns, for each element of a, whether it is deleted and, for
// each element of b, whether it is inserted. Elements that occur only in one
// sequence can never be part of a common subsequence; they are marked first
// and left out of the search, which keeps texts with little in common cheap.
// Finally runs of changes are shifted to read well; blank says, by id,
// which elements are blank.
func compare(a, b []int, blank []bool) (delA, insB []bool) {
	delA = make([]bool, len(a))
	insB = make([]bool, len(b))
	inA, inB := presence(a), presence(b)
	ra, ia := keepShared(a, inB, delA)
	rb, ib := keepShared(b, inA, insB)
	d := &differ{
		a: ra, b: rb,
		delA:   make([]bool, len(ra)),
		insB:   make([]bool, len(rb)),
		vf:     make([]int, len(ra)+len(rb)+4),
		vb:     make([]int, len(ra)+len(rb)+4),
		budget: maxCost,
	}
	d.diff(0, len(ra), 0, len(rb))
	for k, del := range d.delA {
		delA[ia[k]] = del
	}
	for k, ins := range d.insB {
		insB[ib[k]] = ins
	}
	shiftRuns(a, delA, blank)
	shiftRuns(b, insB, blank)
	return delA, insB
}

// presence returns a set of the ids in x, indexed by id.
func presence(x []int) []bool {
	var set []bool
	for _, id := range x {
		for id >= len(set) {
			set = append(set, false)
		}
		set[id] = true
	}
	return set
}

// keepShared returns the elements of x whose id is in other, with their
// indexes in x, and marks every other element in marks.
func keepShared(x []int, other []bool, marks []bool) (kept, index []int) {
	kept = make([]int, 0, len(x))
	index = make([]int, 0, len(x))
	for i, id := range x {
		if id < len(other) && other[id] {
			kept = append(kept, id)
			index = append(index, i)
		} else {
			marks[i] = true
		}
	}
	return kept, index
}

// diff marks the changes between a[aLo:aHi] and b[bLo:bHi] by splitting the
// ranges at a middle snake and recursing on both halves.
func (d *differ) diff(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi--
		bHi--
	}
	if aLo == aHi || bLo == bHi || d.budget <= 0 {
		d.markRange(aLo, aHi, bLo, bHi)
		return
	}
	x, y, u, v, ok := d.midSnake(aLo, aHi, bLo, bHi)
	if !ok {
		d.markRange(aLo, aHi, bLo, bHi)
		return
	}
	d.diff(aLo, x, bLo, y)
	d.diff(u, aHi, v, bHi)
}

// markRange marks all of a[aLo:aHi] as deleted and b[bLo:bHi] as inserted.
func (d *differ) markRange(aLo, aHi, bLo, bHi int) {
	for i := aLo; i < aHi; i++ {
		d.delA[i] = true
	}
	for j := bLo; j < bHi; j++ {
		d.insB[j] = true
	}
}

// snakeSearch is one middle-snake search over a[aLo:aHi] and b[bLo:bHi].
// Coordinates inside it are relative to aLo and bLo; the backward search
// uses coordinates measured from the ends of both ranges.
type snakeSearch struct {
	d          *differ
	aLo, bLo   int
	n, m       int
	delta, off int
}

// midSnake finds a snake (x,y)-(u,v) in the middle of a shortest edit path,
// following Myers' linear-space algorithm. It returns ok=false when the
// cost budget runs out first.
func (d *differ) midSnake(aLo, aHi, bLo, bHi int) (x, y, u, v int, ok bool) {
	s := snakeSearch{d: d, aLo: aLo, bLo: bLo, n: aHi - aLo, m: bHi - bLo}
	s.delta = s.n - s.m
	maxD := (s.n + s.m + 1) / 2
	s.off = maxD + 1
	d.vf[s.off+1], d.vb[s.off+1] = 0, 0
	for D := 0; D <= maxD; D++ {
		d.budget -= 2 * (D + 1)
		if d.budget < 0 {
			return 0, 0, 0, 0, false
		}
		if x, y, u, v, ok := s.forward(D); ok {
			return aLo + x, bLo + y, aLo + u, bLo + v, true
		}
		if x, y, u, v, ok := s.backward(D); ok {
			return aLo + x, bLo + y, aLo + u, bLo + v, true
		}
		if D == maxSearchD {
			x, y, ok := s.furthest(D)
			return aLo + x, bLo + y, aLo + x, bLo + y, ok
		}
	}
	// Unreachable: the paths always meet by D = maxD.
	return 0, 0, 0, 0, false
}

// furthest returns the point inside the grid that a forward D-path reached
// with the largest x+y. It reports ok=false when that point would not split
// the ranges into two smaller ones.
func (s *snakeSearch) furthest(D int) (x, y int, ok bool) {
	best := -1
	for k := -D; k <= D; k += 2 {
		px := s.d.vf[s.off+k]
		py := px - k
		if px <= s.n && py >= 0 && py <= s.m && px+py > best {
			x, y, best = px, py, px+py
		}
	}
	return x, y, best > 0 && best < s.n+s.m
}

// forward extends the forward D-paths and reports a snake where one of them
// overlaps a backward (D-1)-path.
func (s *snakeSearch) forward(D int) (x, y, u, v int, ok bool) {
	vf, vb := s.d.vf, s.d.vb
	a, b := s.d.a[s.aLo:s.aLo+s.n], s.d.b[s.bLo:s.bLo+s.m]
	odd := s.delta%2 != 0
	for k := -D; k <= D; k += 2 {
		if k == -D || (k != D && vf[s.off+k-1] < vf[s.off+k+1]) {
			x = vf[s.off+k+1]
		} else {
			x = vf[s.off+k-1] + 1
		}
		y = x - k
		u, v = x, y
		for u < s.n && v < s.m && a[u] == b[v] {
			u++
			v++
		}
		vf[s.off+k] = u
		rk := s.delta - k
		if odd && rk >= -(D-1) && rk <= D-1 && u+vb[s.off+rk] >= s.n {
			return x, y, u, v, true
		}
	}
	return 0, 0, 0, 0, false
}

// backward extends the backward D-paths and reports a snake where one of
// them overlaps a forward D-path.
func (s *snakeSearch) backward(D int) (x, y, u, v int, ok bool) {
	vf, vb := s.d.vf, s.d.vb
	a, b := s.d.a[s.aLo:s.aLo+s.n], s.d.b[s.bLo:s.bLo+s.m]
	even := s.delta%2 == 0
	for k := -D; k <= D; k += 2 {
		var rx int
		if k == -D || (k != D && vb[s.off+k-1] < vb[s.off+k+1]) {
			rx = vb[s.off+k+1]
		} else {
			rx = vb[s.off+k-1] + 1
		}
		ry := rx - k
		ru, rv := rx, ry
		for ru < s.n && rv < s.m && a[s.n-1-ru] == b[s.m-1-rv] {
			ru++
			rv++
		}
		vb[s.off+k] = ru
		fk := s.delta - k
		if even && fk >= -D && fk <= D && ru+vf[s.off+fk] >= s.n {
			return s.n - ru, s.m - rv, s.n - rx, s.m - ry, true
		}
	}
	return 0, 0, 0, 0, false
}
