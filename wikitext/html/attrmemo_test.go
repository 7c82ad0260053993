package html

import (
	"fmt"
	"sync"
	"testing"
)

// TestFixTagAttributesMemo checks that remembered results equal fresh ones,
// for every mode and element, also when the memo is refilled concurrently.
func TestFixTagAttributesMemo(t *testing.T) {
	inputs := []struct{ text, el string }{
		{`class="a" style="color:red"`, "div"},
		{`class="a" style="color:red"`, "span"},
		{`id="x y" onclick="evil()"`, "div"},
		{`href="http://example.org/" title=t`, "a"},
		{`style="background:url(x)"`, "td"},
		{`itemtype="x" itemid=1`, "div"},
		{`tabindex=1 lang=en`, "p"},
	}
	fresh := func(text, el string, mode FragmentMode) string {
		return EncodeAttributes(ValidateAttributesMode(DecodeTagAttributes(text), el, mode))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 3000 {
				in := inputs[i%len(inputs)]
				text := in.text
				if i%3 == 0 { // fill the memo past its bound now and then
					text = fmt.Sprintf(`%s data-n="%d-%d"`, in.text, w, i)
				}
				for _, mode := range []FragmentMode{FragmentLegacy, FragmentHTML5} {
					if got, want := FixTagAttributesMode(text, in.el, mode), fresh(text, in.el, mode); got != want {
						t.Errorf("FixTagAttributesMode(%q, %q, %v) = %q, want %q", text, in.el, mode, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	attrMemo.mu.Lock()
	n := len(attrMemo.m)
	attrMemo.mu.Unlock()
	if n > maxMemoEntries {
		t.Errorf("memo holds %d entries, bound %d", n, maxMemoEntries)
	}
}
