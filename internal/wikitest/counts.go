package wikitest

// Counts are the per-file statistics of counts.json.
type Counts struct {
	Tests, Legacy, LegacyEnabled, LegacyEnabledPlain, HasParsoidHTML, ParsoidOnly,
	Disabled, Articles, LegacyEnabledWithOpts, LegacyEnabledWithConfig int
}

// Count computes the statistics of a file.
func (f *File) Count() Counts {
	c := Counts{Tests: len(f.Tests), Articles: len(f.Articles)}
	for _, t := range f.Tests {
		if t.HasParsoid() {
			c.HasParsoidHTML++
		}
		if t.Disabled() {
			c.Disabled++
		}
		if _, ok := t.Legacy(); !ok {
			c.ParsoidOnly++
			continue
		}
		c.Legacy++
		if t.Disabled() {
			continue
		}
		c.LegacyEnabled++
		opts := len(t.Options)
		if _, ok := t.Options["parsoid"]; ok {
			opts--
		}
		if opts > 0 {
			c.LegacyEnabledWithOpts++
		}
		if len(t.Config) > 0 {
			c.LegacyEnabledWithConfig++
		}
		if opts == 0 && len(t.Config) == 0 {
			c.LegacyEnabledPlain++
		}
	}
	return c
}

// Plain reports whether a runnable test needs no options (besides
// parsoid=…) and no config.
func (t *Test) Plain() bool {
	n := len(t.Options)
	if _, ok := t.Options["parsoid"]; ok {
		n--
	}
	return n == 0 && len(t.Config) == 0
}
