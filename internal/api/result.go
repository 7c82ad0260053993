package api

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The result tree. Modules build it from *obj, []any, strings, numbers and
// the format-aware types below; encode writes it as formatversion 1 or 2.

// obj is a JSON object that keeps its keys in insertion order.
type obj struct {
	keys []string
	vals map[string]any
}

func newObj() *obj { return &obj{vals: map[string]any{}} }

// set stores v under k, keeping k's first position; a nil *obj or a
// flag(false) in formatversion 1 is written as nothing.
func (o *obj) set(k string, v any) *obj {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
	return o
}

// child returns the object stored under k, creating it.
func (o *obj) child(k string) *obj {
	if c, ok := o.vals[k].(*obj); ok {
		return c
	}
	c := newObj()
	o.set(k, c)
	return c
}

func (o *obj) get(k string) any { return o.vals[k] }

func (o *obj) del(k string) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			break
		}
	}
}

// flag is a boolean: true is "" and false is absent in formatversion 1,
// as MediaWiki's backwards-compatible booleans; a real boolean in 2.
type flag bool

// realBool is a boolean written as true/false in both versions.
type realBool bool

// bcText is text that formatversion 1 wraps as {"*": text}.
type bcText string

// keyedList is a list that formatversion 1 writes as an object keyed by
// keys (query.pages keyed by page id) and formatversion 2 as an array.
type keyedList struct {
	keys  []string
	items []*obj
}

func (l *keyedList) add(key string, o *obj) {
	l.keys = append(l.keys, key)
	l.items = append(l.items, o)
}

// bcKey names a key that differs between versions: "*" in formatversion 1
// and v2 in 2, such as the content of a revision slot.
func bcKey(v2 string) string { return "\x00" + v2 }

// contentKey holds text content: "*" in formatversion 1, "content" in 2.
var contentKey = bcKey("content")

// encoder writes a result tree.
type encoder struct {
	buf   bytes.Buffer
	fv    int
	ascii bool // escape non-ASCII characters (formatversion 1 without utf8)
}

func (e *encoder) key(k string) string {
	if strings.HasPrefix(k, "\x00") {
		if e.fv == 1 {
			return "*"
		}
		return k[1:]
	}
	return k
}

func (e *encoder) value(v any) {
	switch v := v.(type) {
	case nil:
		e.buf.WriteString("null")
	case *obj:
		e.object(v)
	case []any:
		e.array(v)
	case []*obj:
		e.array(anySlice(v))
	case []string:
		e.array(anySlice(v))
	case *keyedList:
		e.keyed(v)
	case string:
		e.str(v)
	case bcText:
		if e.fv == 1 {
			e.object(newObj().set("*", string(v)))
		} else {
			e.str(string(v))
		}
	case flag:
		e.buf.WriteString(strconv.FormatBool(bool(v)))
	case realBool:
		e.buf.WriteString(strconv.FormatBool(bool(v)))
	case bool:
		e.buf.WriteString(strconv.FormatBool(v))
	case int:
		e.buf.WriteString(strconv.Itoa(v))
	case int64:
		e.buf.WriteString(strconv.FormatInt(v, 10))
	case float64:
		e.buf.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case map[string]string:
		e.object(sortedObj(v))
	default:
		panic(fmt.Sprintf("api: cannot encode %T", v))
	}
}

func anySlice[T any](list []T) []any {
	items := make([]any, len(list))
	for i, x := range list {
		items[i] = x
	}
	return items
}

// sortedObj turns a string map into an object with sorted keys.
func sortedObj(m map[string]string) *obj {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o := newObj()
	for _, k := range keys {
		o.set(k, m[k])
	}
	return o
}

func (e *encoder) object(o *obj) {
	e.buf.WriteByte('{')
	first := true
	for _, k := range o.keys {
		v := o.vals[k]
		if f, ok := v.(flag); ok && e.fv == 1 {
			if !f {
				continue
			}
			v = ""
		}
		if !first {
			e.buf.WriteByte(',')
		}
		first = false
		e.str(e.key(k))
		e.buf.WriteByte(':')
		e.value(v)
	}
	e.buf.WriteByte('}')
}

func (e *encoder) array(items []any) {
	e.buf.WriteByte('[')
	for i, v := range items {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.value(v)
	}
	e.buf.WriteByte(']')
}

func (e *encoder) keyed(l *keyedList) {
	if e.fv != 1 {
		e.value(l.items)
		return
	}
	o := newObj()
	for i, k := range l.keys {
		o.set(k, l.items[i])
	}
	e.object(o)
}

// str writes a JSON string without HTML escaping and, in ASCII mode, with
// non-ASCII characters as \u escapes, as PHP's json_encode does.
func (e *encoder) str(s string) {
	const hex = "0123456789abcdef"
	b := &e.buf
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029 || r == utf8.RuneError:
			fmt.Fprintf(b, `\u%04x`, r)
		case r >= 0x80 && e.ascii:
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				b.WriteString(`\u`)
				b.WriteByte(hex[r>>12&15])
				b.WriteByte(hex[r>>8&15])
				b.WriteByte(hex[r>>4&15])
				b.WriteByte(hex[r&15])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// encodeResult returns the JSON of root for formatversion fv.
func encodeResult(root *obj, fv int, ascii bool) []byte {
	e := &encoder{fv: fv, ascii: ascii}
	e.value(root)
	return e.buf.Bytes()
}

// encodeArray returns the JSON of a top-level array (opensearch).
func encodeArray(items []any) []byte {
	e := &encoder{fv: 2}
	e.array(items)
	return e.buf.Bytes()
}
