package preprocess

import "sync"

// nodeArena hands out the text nodes of the trees one parse builds, in
// slabs kept between parses (arenaPool): a 30 KB page makes about 1,000
// text nodes, which the garbage collector would otherwise sweep after
// every parse. Expander.Release clears the slabs and returns the arena.
type nodeArena struct {
	slabs [][]Node
	used  int    // slabs taken since the last release
	cur   []Node // the rest of the last slab taken
}

// node returns a zeroed node.
func (a *nodeArena) node() *Node {
	if len(a.cur) == 0 {
		a.cur = a.next()
	}
	n := &a.cur[0]
	a.cur = a.cur[1:]
	return n
}

// arenaSlab is how many nodes an arena slab holds.
const arenaSlab = 128

// maxArenaSlabs bounds what a pooled arena keeps (about 2.5 MB of nodes);
// an arena that grew larger on a huge page is left to the collector.
const maxArenaSlabs = 128

var arenaPool = sync.Pool{New: func() any { return new(nodeArena) }}

// next returns a zeroed slab.
func (a *nodeArena) next() []Node {
	if a.used < len(a.slabs) {
		a.used++
		return a.slabs[a.used-1]
	}
	s := make([]Node, arenaSlab)
	a.slabs = append(a.slabs, s)
	a.used++
	return s
}

// release zeroes the slabs handed out (so that the pool holds no text of
// the page) and puts the arena back in the pool.
func (a *nodeArena) release() {
	if len(a.slabs) > maxArenaSlabs {
		return
	}
	for _, s := range a.slabs[:a.used] {
		clear(s)
	}
	a.used, a.cur = 0, nil
	arenaPool.Put(a)
}
