package wikitext_test

import (
	"context"
	"fmt"

	"github.com/folio-wiki/folio/wikitext"
	"github.com/folio-wiki/folio/wikitext/ext/parserfunctions"
	"github.com/folio-wiki/folio/wikitext/wikitexttest"
)

func ExampleParser_Parse() {
	host := wikitexttest.NewHost() // a real server passes its own wikitext.Host
	_ = host.SetPage("Template:Greet", "Hello, {{{1|world}}}!")
	p := wikitext.New(wikitext.WithExtensions(parserfunctions.New()))
	out, err := p.Parse(context.Background(), "{{Greet|''you''}} {{#if:x|[[Main Page]]}}",
		wikitext.ParseOptions{Title: wikitext.Title{DBKey: "Example"}, Host: host})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.HTML)
	fmt.Println(out.Links, out.Templates)
	// Output:
	// <div class="mw-parser-output"><p>Hello, <i>you</i>! <a href="/index.php?title=Main_Page&amp;action=edit&amp;redlink=1" class="new" title="Main Page (page does not exist)">Main Page</a>
	// </p></div>
	// [{0 Main_Page  }] [{10 Greet  }]
}

func ExampleRedirect() {
	target, ok := wikitext.Redirect("#redirect: [[Help:Contents#Top]]")
	fmt.Println(target, ok)
	// Output: Help:Contents#Top true
}
