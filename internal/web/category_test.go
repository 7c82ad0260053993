package web_test

import (
	"fmt"
	"testing"
)

func TestCategoryPage(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		env.MustEdit("Template:Fruity", "fruit<includeonly>[[Category:Fruit]]</includeonly>", "", nil)
		env.MustEdit("Apple", "An apple. [[Category:Fruit]] [[Category:Red things]]", "", nil)
		env.MustEdit("Banana", "{{Fruity}}", "", nil)
		env.MustEdit("Zucchini", "[[Category:Fruit|Courgette]]", "", nil)
		env.MustEdit("Category:Citrus", "Sour. [[Category:Fruit]]", "", nil)
		env.MustEdit("File:Pear.jpg", "A pear. [[Category:Fruit]]", "", nil)
		env.MustEdit("Category:Fruit", "Things that grow on plants.", "", nil)
		env.MustEdit("Category:Empty", "Nothing here.", "", nil)
		Run(t, map[string]*Browser{"": env.NewBrowser()}, []Scenario{
			{Name: "listing", URL: "/wiki/Category:Fruit", Status: 200, Want: []string{
				"Things that grow on plants.",
				`<div id="mw-pages">`, `<h2>Pages in category &#34;Fruit&#34;</h2>`,
				"This category holds 3 pages, all listed below.",
				`<div class="mw-category-group"><h3>A</h3>`, `<a href="/wiki/Apple" title="Apple">Apple</a>`,
				`<h3>B</h3>`, `<a href="/wiki/Banana" title="Banana">Banana</a>`,
				`<h3>C</h3>`, `<a href="/wiki/Zucchini" title="Zucchini">Zucchini</a>`,
				`<div id="mw-subcategories">`, "This category holds one subcategory",
				`<a href="/wiki/Category:Citrus" title="Category:Citrus">Citrus</a>`,
				`<div id="mw-category-media">`, `<a href="/wiki/File:Pear.jpg" title="File:Pear.jpg">Pear.jpg</a>`,
			}, DontWant: []string{"previous page", "noarticletext"}},
			{Name: "pagefrom", URL: "/index.php?title=Category:Fruit&pagefrom=Banana", Status: 200,
				Want:     []string{`href="/wiki/Banana"`, `href="/wiki/Zucchini"`, "Listing 2 of the 3 pages", `pageuntil=Banana`, "previous page</a>"},
				DontWant: []string{`href="/wiki/Apple"`}},
			{Name: "pageuntil", URL: "/index.php?title=Category:Fruit&pageuntil=Banana", Status: 200,
				Want:     []string{`href="/wiki/Apple"`, `pagefrom=Banana`, "next page</a>"},
				DontWant: []string{`href="/wiki/Banana"`, `href="/wiki/Zucchini"`}},
			{Name: "missing category page with members", URL: "/wiki/Category:Red_things", Status: 200,
				Want: []string{"noarticletext", `<div id="mw-pages">`, `href="/wiki/Apple"`}},
			{Name: "missing category page without members", URL: "/wiki/Category:Nothing", Status: 404,
				DontWant: []string{`id="mw-pages"`}},
			{Name: "existing empty category", URL: "/wiki/Category:Empty", Status: 200,
				Want: []string{"This category has no pages or files at the moment."}},
			{Name: "category links at the bottom", URL: "/wiki/Apple", Status: 200, Want: []string{
				`id="mw-normal-catlinks"`, `<a href="/wiki/Category:Fruit" title="Category:Fruit">Fruit</a>`,
				`<a href="/index.php?title=Category:Red_things&amp;action=edit&amp;redlink=1" class="new" title="Category:Red things (page does not exist yet)">Red things</a>`,
			}},
			{Name: "category link via template", URL: "/wiki/Banana", Status: 200,
				Want: []string{`<a href="/wiki/Category:Fruit" title="Category:Fruit">Fruit</a>`}},
		})
	})
}

func TestCategoryPaging(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, env *Env) {
		for i := range 205 {
			env.MustEdit(fmt.Sprintf("Item %03d", i), "[[Category:Many]]", "", nil)
		}
		Run(t, map[string]*Browser{"": env.NewBrowser()}, []Scenario{
			{Name: "first 200", URL: "/wiki/Category:Many", Status: 200, Want: []string{
				"Listing 200 of the 205 pages in this category.", `href="/wiki/Item_199"`,
				`<div class="mw-category mw-category-columns">`, `pagefrom=Item&#43;200`, "next page</a>"},
				DontWant: []string{`href="/wiki/Item_200"`, "previous page</a>"}},
			{Name: "next page", URL: "/index.php?title=Category:Many&pagefrom=Item+200", Status: 200, Want: []string{
				"Listing 5 of the 205 pages in this category.", `href="/wiki/Item_200"`, `href="/wiki/Item_204"`,
				`pageuntil=Item&#43;200`, "previous page</a>"},
				DontWant: []string{`href="/wiki/Item_199"`, "next page</a>"}},
			{Name: "previous page", URL: "/index.php?title=Category:Many&pageuntil=Item+200", Status: 200, Want: []string{
				`href="/wiki/Item_000"`, `href="/wiki/Item_199"`, `pagefrom=Item&#43;200`},
				DontWant: []string{`href="/wiki/Item_200"`, "previous page</a>"}},
		})
	})
}
