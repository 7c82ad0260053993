package api

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// format=xml writes the result tree as MediaWiki's XML format does (it
// follows formatversion 1): scalars become attributes, text content ("*")
// becomes the element's text, and list items are elements named by the
// list, such as <page> in <pages> and <rev> in <revisions>.

// xmlItemNames names the items of lists; other lists use "_v".
var xmlItemNames = map[string]string{
	"pages": "page", "revisions": "rev", "normalized": "n", "redirects": "r", "recentchanges": "rc",
	"allpages": "p", "allusers": "u", "usercontribs": "item", "logevents": "item", "backlinks": "bl",
	"embeddedin": "ei", "links": "pl", "templates": "tl", "categories": "cl", "extlinks": "el",
	"images": "im", "imageinfo": "ii", "random": "page", "categorymembers": "cm", "allimages": "img",
	"imageusage": "iu", "linkshere": "lh", "transcludedin": "ti", "badrevids": "rev", "protection": "pr",
	"sections": "s", "langlinks": "ll", "purge": "page", "modules": "module", "parameters": "param",
	"groups": "g", "rights": "r", "implicitgroups": "g", "namespaces": "ns", "namespacealiases": "ns",
	"usergroups": "group", "errors": "error", "externallinks": "el", "restrictiontypes": "rt",
	"pageids": "id", "fallback": "lang", "limitreportdata": "param", "iwlinks": "iw", "parsewarnings": "pw",
}

// encodeXML returns the XML document of root.
func encodeXML(root *obj) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?>`)
	writeXMLObj(&b, "api", root, nil)
	return b.Bytes()
}

// writeXMLObj writes o as element name with extra attributes first.
func writeXMLObj(b *bytes.Buffer, name string, o *obj, extra [][2]string) {
	b.WriteString("<" + name)
	for _, kv := range extra {
		writeXMLAttr(b, kv[0], kv[1])
	}
	text, hasText := "", false
	var children []string
	for _, k := range o.keys {
		v := o.vals[k]
		if strings.HasPrefix(k, "\x00") {
			text, hasText = fmt.Sprint(v), true
			continue
		}
		if s, ok := xmlScalar(v); ok {
			writeXMLAttr(b, k, s)
		} else if _, isFlag := v.(flag); !isFlag {
			children = append(children, k)
		}
	}
	if hasText {
		b.WriteString(` xml:space="preserve"`)
	}
	if !hasText && len(children) == 0 {
		b.WriteString(" />")
		return
	}
	b.WriteString(">")
	if hasText {
		_ = xml.EscapeText(b, []byte(text))
	}
	for _, k := range children {
		writeXMLValue(b, k, o.vals[k])
	}
	b.WriteString("</" + name + ">")
}

// xmlScalar returns the attribute value of a scalar; flags that are false
// have none.
func xmlScalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return map[bool]string{true: "1", false: ""}[v], true
	case realBool:
		return map[bool]string{true: "1", false: ""}[bool(v)], true
	case flag:
		return "", bool(v)
	case nil:
		return "", true
	}
	return "", false
}

// writeXMLValue writes a non-scalar value named name.
func writeXMLValue(b *bytes.Buffer, name string, v any) {
	item := xmlItemNames[name]
	if item == "" {
		item = "_v"
	}
	switch v := v.(type) {
	case *obj:
		if name == "slots" {
			writeXMLKeyed(b, name, v, "slot", "role")
		} else if len(v.keys) > 0 && numericKey(v.keys[0]) {
			writeXMLKeyed(b, name, v, item, "")
		} else {
			writeXMLObj(b, name, v, nil)
		}
	case *keyedList:
		b.WriteString("<" + name + ">")
		for i, o := range v.items {
			writeXMLObj(b, item, o, [][2]string{{"_idx", v.keys[i]}})
		}
		b.WriteString("</" + name + ">")
	case bcText:
		writeXMLObj(b, name, newObj().set(contentKey, string(v)), nil)
	case []string:
		writeXMLValue(b, name, anySlice(v))
	case []*obj:
		writeXMLValue(b, name, anySlice(v))
	case []any:
		b.WriteString("<" + name + ">")
		for _, x := range v {
			if o, ok := x.(*obj); ok {
				writeXMLObj(b, item, o, nil)
			} else if s, ok := xmlScalar(x); ok {
				writeXMLObj(b, item, newObj().set(contentKey, s), nil)
			}
		}
		b.WriteString("</" + name + ">")
	case map[string]string:
		writeXMLObj(b, name, sortedObj(v), nil)
	}
}

// writeXMLKeyed writes an object keyed by ids or roles as a list, the key
// going into attr (nothing when attr is empty).
func writeXMLKeyed(b *bytes.Buffer, name string, o *obj, item, attr string) {
	b.WriteString("<" + name + ">")
	for _, k := range o.keys {
		child, ok := o.vals[k].(*obj)
		if !ok {
			continue
		}
		var extra [][2]string
		if attr != "" {
			extra = [][2]string{{attr, k}}
		}
		writeXMLObj(b, item, child, extra)
	}
	b.WriteString("</" + name + ">")
}

func writeXMLAttr(b *bytes.Buffer, k, v string) {
	b.WriteString(" " + k + `="`)
	_ = xml.EscapeText(b, []byte(v))
	b.WriteString(`"`)
}

func numericKey(k string) bool {
	_, err := strconv.Atoi(k)
	return err == nil
}
