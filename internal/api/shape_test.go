package api_test

import (
	"encoding/json"
	"regexp"
	"sort"
)

// Shapes: a JSON document is reduced to the set of its paths with the JSON
// type at each, so that Folio's answers can be compared with MediaWiki's
// field by field without comparing volatile values. Object keys that are
// numbers (pages keyed by id) become "#"; array elements become "[]".

var numericKey = regexp.MustCompile(`^-?[0-9]+$`)

// shape returns the sorted "path:type" lines of v.
func shape(v any) []string {
	set := map[string]bool{}
	walkShape(v, "", set)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func walkShape(v any, path string, set map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		set[path+":object"] = true
		for k, child := range x {
			if numericKey.MatchString(k) {
				k = "#"
			}
			walkShape(child, path+"."+k, set)
		}
	case []any:
		set[path+":array"] = true
		for _, child := range x {
			walkShape(child, path+"[]", set)
		}
	case string:
		set[path+":string"] = true
	case float64:
		set[path+":number"] = true
	case bool:
		set[path+":bool"] = true
	case nil:
		set[path+":null"] = true
	}
}

// volatileKeys have values that differ between runs and servers; fixtures
// store a placeholder instead.
var volatileKeys = map[string]bool{
	"timestamp": true, "touched": true, "newtimestamp": true, "curtimestamp": true, "time": true,
	"registration": true, "registrationdate": true, "token": true, "lgtoken": true,
	"csrftoken": true, "logintoken": true, "pageid": true, "revid": true, "parentid": true,
	"old_revid": true, "rcid": true, "logid": true, "logpage": true, "lastrevid": true,
	"oldrevid": true, "newrevid": true, "lguserid": true, "userid": true, "id": true,
	"sha1": true, "length": true, "size": true, "oldlen": true, "newlen": true,
	"editcount": true, "fromrevid": true, "torevid": true, "fromid": true, "toid": true,
	"byteoffset": true, "*": true, "content": true, "text": true, "body": true,
	"server": true, "base": true, "fullurl": true, "editurl": true, "canonicalurl": true,
	"favicon": true, "logo": true, "docref": true, "info": true, "reason": true, "user": true,
	"name": true, "title": true, "lgusername": true, "sitename": true, "wikiid": true,
	"servername": true, "generator": true, "dbversion": true, "dbtype": true, "mainpage": true,
	"pages": true, "edits": true, "articles": true, "users": true, "admins": true,
	"activeusers": true, "line": true, "anchor": true, "fromtitle": true, "displaytitle": true,
	"comment": true, "from": true, "to": true, "rccontinue": true, "apcontinue": true,
	"gapcontinue": true, "uccontinue": true, "lecontinue": true, "aucontinue": true,
	"continue": true, "html": true, "warnings": true, "key": true, "message": true,
	"summary": true, "last_revid": true,
}

// normalize replaces volatile values by "<type>" placeholders, in place.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			switch child.(type) {
			case map[string]any, []any:
				x[k] = normalize(child)
			default:
				if volatileKeys[k] || numericKey.MatchString(k) {
					x[k] = placeholder(child)
				}
			}
		}
	case []any:
		for i, child := range x {
			x[i] = normalize(child)
		}
	}
	return v
}

func placeholder(v any) any {
	switch v.(type) {
	case string:
		return "<string>"
	case float64:
		return 0
	}
	return v
}

// stableValues are the keys whose values must agree between peers.
var stableValues = map[string]bool{"code": true, "result": true, "status": true, "messagecode": true,
	"contentmodel": true, "contentformat": true, "type": true, "batchcomplete": true,
	"missing": true, "new": true, "minor": true, "anon": true, "exists": true}

// values collects "path=value" lines for stable keys.
func values(v any, path string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			p := path + "." + k
			if numericKey.MatchString(k) {
				p = path + ".#"
			}
			if _, scalar := child.(map[string]any); !scalar && stableValues[k] {
				if _, arr := child.([]any); !arr {
					b, _ := json.Marshal(child)
					out[p+"="+string(b)] = true
				}
			}
			values(child, p, out)
		}
	case []any:
		for _, child := range x {
			values(child, path+"[]", out)
		}
	}
}
