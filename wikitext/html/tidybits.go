package html

// elemBits holds what the tidier needs to know about an element name, so
// that each check is a bit test instead of a map lookup.
type elemBits uint32

const (
	phrasing elemBits = 1 << iota
	fosterParents
	emptyMarked
	tableContent
	voidElements
	closesP
	impliedEnd
	special
	headings
	formatting
	defaultScope
	listScope
	buttonScope
	tableScope
)

// elemBitsByName maps every element name in one of the sets to its bits.
var elemBitsByName = func() map[string]elemBits {
	m := map[string]elemBits{}
	for _, s := range []struct {
		set map[string]bool
		bit elemBits
	}{
		{phrasingSet, phrasing}, {fosterParentsSet, fosterParents}, {emptyMarkedSet, emptyMarked},
		{tableContentSet, tableContent}, {voidElementsSet, voidElements}, {closesPSet, closesP},
		{impliedEndSet, impliedEnd}, {specialSet, special}, {headingsSet, headings},
		{formattingSet, formatting}, {defaultScopeSet, defaultScope}, {listScopeSet, listScope},
		{buttonScopeSet, buttonScope}, {tableScopeSet, tableScope},
	} {
		for name := range s.set {
			m[name] |= s.bit
		}
	}
	return m
}()

// bitsOf returns the bits of an element name.
func bitsOf(name string) elemBits { return elemBitsByName[name] }

// pBits are the bits of "p".
var pBits = bitsOf("p")
