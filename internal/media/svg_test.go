package media_test

import (
	"testing"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/media"
)

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`

func TestCheckSVGRefuses(t *testing.T) {
	tests := []struct {
		name string
		svg  string
	}{
		{"script element", svgOpen + `<script>alert(1)</script></svg>`},
		{"script in CDATA", svgOpen + `<script><![CDATA[alert(1)]]></script></svg>`},
		{"upper-case script", svgOpen + `<SCRIPT>alert(1)</SCRIPT></svg>`},
		{"onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`},
		{"onclick on a shape", svgOpen + `<rect onClick="alert(1)"/></svg>`},
		{"javascript href", svgOpen + `<a href="javascript:alert(1)"><rect/></a></svg>`},
		{"javascript xlink:href", svgOpen + `<a xlink:href="javascript:alert(1)"><rect/></a></svg>`},
		{"obfuscated javascript", svgOpen + `<a xlink:href=" jav&#x09;ascript:alert(1)"><rect/></a></svg>`},
		{"entity-encoded javascript", svgOpen + `<a href="&#106;avascript:alert(1)"><rect/></a></svg>`},
		{"external xlink:href", svgOpen + `<image xlink:href="http://evil.example/x.png"/></svg>`},
		{"external use", svgOpen + `<use href="https://evil.example/s.svg#a"/></svg>`},
		{"protocol-relative", svgOpen + `<image href="//evil.example/x.png"/></svg>`},
		{"local file", svgOpen + `<image href="file:///etc/passwd"/></svg>`},
		{"svg data URI", svgOpen + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`},
		{"html data URI", svgOpen + `<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/></svg>`},
		{"entity expansion", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>` +
			`<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`},
		{"external entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`},
		{"undeclared entity", `<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`},
		{"xhtml namespace", svgOpen + `<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><p>x</p></body></foreignObject></svg>`},
		{"xhtml element", svgOpen + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`},
		{"xml events", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load"/>`},
		{"xslt stylesheet", `<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>`},
		{"handler element", svgOpen + `<handler type="application/ecmascript">alert(1)</handler></svg>`},
		{"animation sets href", svgOpen + `<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`},
		{"animation sets xlink:href", svgOpen + `<a><animate attributeName="xlink:href" values="#a;#b"/></a></svg>`},
		{"animation adds handler", svgOpen + `<rect><set attributeName="onmouseover" to="alert(1)"/></rect></svg>`},
		{"style import", svgOpen + `<style>@import url(https://evil.example/a.css);</style></svg>`},
		{"style external url", svgOpen + `<rect style="fill: url('https://evil.example/p.png')"/></svg>`},
		{"attribute external url", svgOpen + `<rect fill="url(https://evil.example/g.svg#g)"/></svg>`},
		{"css escape", svgOpen + `<style>rect { fill: u\72l(x) }</style></svg>`},
		{"css expression", svgOpen + `<rect style="width: expression(alert(1))"/></svg>`},
		{"iframe", svgOpen + `<iframe src="x"/></svg>`},
		{"not svg root", `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`},
		{"malformed", svgOpen + `<rect></svg>`},
		{"utf-16 declared", `<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := media.CheckSVG([]byte(tt.svg)); folio.ErrorCode(err) != folio.EVerification {
				t.Errorf("CheckSVG(%q) = %v, want a verification error", tt.svg, err)
			} else {
				t.Log(folio.ErrorMessage(err))
			}
		})
	}
}

func TestCheckSVGAccepts(t *testing.T) {
	tests := []struct {
		name string
		svg  string
	}{
		{"simple", simpleSVG},
		{"doctype without subset", `<?xml version="1.0" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`},
		{"gradient reference", svgOpen + `<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>` +
			`<rect fill="url(#g)" style="stroke:url( '#g' )"/><use xlink:href="#g"/></svg>`},
		{"embedded png", svgOpen + `<image href="data:image/png;base64,iVBORw0KGgo="/></svg>`},
		{"inkscape metadata", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
 xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" inkscape:version="1.2">
<sodipodi:namedview inkscape:zoom="1"/><metadata><rdf:RDF><cc:Work><dc:title>T</dc:title></cc:Work></rdf:RDF></metadata>
<g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M0 0L10 10" style="fill:none;stroke:#000"/></g></svg>`},
		{"internal style sheet", svgOpen + `<style>.a { fill: #f00 } /* on hover */</style><rect class="a" width="5" height="5"/></svg>`},
		{"fragment link", svgOpen + `<a href="#top"><text>top</text></a></svg>`},
		{"harmless animation", svgOpen + `<rect><animate attributeName="opacity" from="0" to="1" dur="1s"/></rect></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := media.CheckSVG([]byte(tt.svg)); err != nil {
				t.Errorf("CheckSVG(%q) = %v, want nil", tt.svg, err)
			}
		})
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		svg  string
		w, h int
	}{
		{`<svg width="120" height="60"/>`, 120, 60},
		{`<svg width="1in" height="72pt"/>`, 96, 96},
		{`<svg width="10mm" height="2.54cm"/>`, 38, 96},
		{`<svg viewBox="0 0 300 150"/>`, 300, 150},
		{`<svg viewBox="0,0,300,150" width="600"/>`, 600, 300},
		{`<svg viewBox="0 0 300 150" height="50%"/>`, 300, 150},
		{`<svg/>`, 512, 512},
		{`not xml`, 512, 512},
	}
	for _, tt := range tests {
		if w, h := media.SVGSize([]byte(tt.svg)); w != tt.w || h != tt.h {
			t.Errorf("SVGSize(%q) = %d×%d, want %d×%d", tt.svg, w, h, tt.w, tt.h)
		}
	}
}
