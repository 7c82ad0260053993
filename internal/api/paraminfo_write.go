package api

// writeModuleParams lists the parameters of move, options, patrol and
// expandtemplates for paraminfo, with the token type clients such as
// pywikibot read from the "token" parameter.
func writeModuleParams(path string) []any {
	tok := func(i int, typ string) *obj {
		return param(i, "token", "string", false).set("required", flag(true)).set("tokentype", typ)
	}
	switch path {
	case "move":
		return []any{
			param(1, "from", "string", false), param(2, "fromid", "integer", false),
			param(3, "to", "string", false).set("required", flag(true)), param(4, "reason", "string", false).set("default", ""),
			param(5, "movetalk", "boolean", false), param(6, "movesubpages", "boolean", false),
			param(7, "noredirect", "boolean", false),
			param(8, "watchlist", []string{"nochange", "preferences", "unwatch", "watch"}, false).set("default", "preferences"),
			param(9, "ignorewarnings", "boolean", false), param(10, "tags", []string{}, true), tok(11, "csrf"),
		}
	case "options":
		return []any{
			param(1, "reset", "boolean", false), param(2, "resetkinds", []string{"all"}, true).set("default", "all"),
			param(3, "change", "string", true), param(4, "optionname", "string", false),
			param(5, "optionvalue", "string", false), tok(6, "csrf"),
		}
	case "patrol":
		return []any{
			param(1, "rcid", "integer", false), param(2, "revid", "integer", false),
			param(3, "tags", []string{}, true), tok(4, "patrol"),
		}
	case "expandtemplates":
		return []any{
			param(1, "title", "string", false).set("default", "API"), param(2, "text", "text", false).set("required", flag(true)),
			param(3, "revid", "integer", false), param(4, "prop", expandProps, true),
			param(5, "includecomments", "boolean", false),
		}
	}
	return nil
}
