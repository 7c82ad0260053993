package preprocess

// MaxExpandDepth is the expansion depth MediaWiki reports as its limit
// ($wgMaxPPExpandDepth).
const MaxExpandDepth = 100

// Usage is the work an expansion did, for the limit report.
type Usage struct {
	VisitedNodes   int // nodes expanded
	IncludeSize    int // bytes of template output
	ArgumentSize   int // bytes of template argument values
	ExpansionDepth int // deepest nesting of expansions
	Expensive      int // expensive parser function calls
}

// Usage returns the counters of the expansion so far.
func (e *Expander) Usage() Usage {
	return Usage{VisitedNodes: e.nodeCount, IncludeSize: e.includeSize, ArgumentSize: e.argSize,
		ExpansionDepth: e.highestDepth, Expensive: e.expensive}
}

// incrementArgSize counts the bytes of an argument value against the
// include size limit, separately from template output as MediaWiki does.
func (e *Expander) incrementArgSize(n int) bool {
	if e.argSize+n > e.Limits.MaxIncludeSize {
		return false
	}
	e.argSize += n
	return true
}

// enter and leave track the nesting of Frame.Expand calls.
func (e *Expander) enter() {
	e.expandDepth++
	if e.expandDepth > e.highestDepth {
		e.highestDepth = e.expandDepth
	}
}

func (e *Expander) leave() { e.expandDepth-- }
