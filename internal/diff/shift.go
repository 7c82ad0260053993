package diff

// shiftRuns moves each run of changed elements of x to the position that
// reads best, without changing how many elements are kept. A run [s,e) can
// move down by one when x[s] == x[e], and up by one when x[s-1] == x[e-1];
// the elements left unchanged are then the same sequence as before, so the
// script stays valid. Each run goes to the highest position where its last
// element is blank (an empty line or whitespace), so that an added
// paragraph is shown with the blank line that follows it; when there is no
// such position it goes as low as it can.
func shiftRuns(x []int, marked []bool, blank []bool) {
	isBlank := func(id int) bool { return id < len(blank) && blank[id] }
	n := len(x)
	for s := 0; s < n; {
		if !marked[s] {
			s++
			continue
		}
		e := s
		for e < n && marked[e] {
			e++
		}
		for s > 0 && !marked[s-1] && x[s-1] == x[e-1] {
			s, e = s-1, e-1
			marked[s], marked[e] = true, false
		}
		best := -1
		if isBlank(x[e-1]) {
			best = s
		}
		for e < n && !marked[e] && x[s] == x[e] {
			marked[s], marked[e] = false, true
			s, e = s+1, e+1
			if best < 0 && isBlank(x[e-1]) {
				best = s
			}
		}
		for best >= 0 && s > best {
			s, e = s-1, e-1
			marked[s], marked[e] = true, false
		}
		s = e
	}
}
