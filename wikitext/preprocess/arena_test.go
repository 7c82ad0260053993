package preprocess_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestReleaseReusesNodes expands pages one after another and concurrently
// through expanders that release their trees: the nodes handed back must
// never change what a later expansion produces.
func TestReleaseReusesNodes(t *testing.T) {
	pages := map[string]string{"Template:Hello": "Hello {{{1|world}}}!", "Template:Box": "[{{Hello|{{{1}}}}}]"}
	var texts []string
	for i := range 40 {
		texts = append(texts, fmt.Sprintf("== H%d ==\n%s {{Hello|%d}} {{Box|x%d}} {{#echo:e%d}} <!-- c -->\n",
			i, strings.Repeat("word ", i*20), i, i, i))
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = mustExpander(t, pages).ExpandPage(text) // never released
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for round := range 5 {
				for i := range texts {
					i := (i + w*7 + round) % len(texts)
					e := mustExpander(t, pages)
					got := e.ExpandPage(texts[i])
					e.Release()
					if got != want[i] {
						t.Errorf("text %d after release: got %q, want %q", i, got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
