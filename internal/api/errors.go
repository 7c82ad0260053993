package api

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/folio-wiki/folio"
)

// apiError is a failure reported in the error envelope.
type apiError struct {
	Code string
	Info string
	// Extra fields of the error object (maxlag's host and lag).
	Extra *obj
}

// Error implements the error interface.
func (e *apiError) Error() string { return e.Code + ": " + e.Info }

// usageError returns an error with a MediaWiki API code.
func usageError(code, info string) *apiError { return &apiError{Code: code, Info: info} }

// apiWarning is a warning of one module.
type apiWarning struct {
	module, code, text string
}

// warn records a warning of the running module.
func (c *call) warn(code, text string) {
	mod := c.module
	if mod == "" {
		mod = "main"
	}
	c.warns = append(c.warns, apiWarning{module: mod, code: code, text: text})
}

// statusOf maps error codes to HTTP statuses. MediaWiki answers almost all
// errors with 200; only internal failures change the status.
var statusOf = map[string]int{
	"internal_api_error": http.StatusInternalServerError,
}

// toAPIError converts any error into an apiError. Domain errors keep their
// code and message; other errors are internal and logged by the caller.
func toAPIError(err error) (e *apiError, internal bool) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae, false
	}
	var fe *folio.Error
	if errors.As(err, &fe) && fe.Code != folio.EInternal {
		return &apiError{Code: fe.Code, Info: fe.Message}, false
	}
	return &apiError{
		Code: "internal_api_error_" + errorType(err),
		Info: "An internal error occurred; the server log has the details.",
	}, true
}

// errorType names the innermost error's type, as MediaWiki names the
// exception class.
func errorType(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			break
		}
		err = next
	}
	t := reflect.TypeOf(err)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name := t.Name()
	if name == "" || strings.HasPrefix(name, "error") || name == "wrapError" {
		return "Error"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// docref is the pointer to the documentation sent with errors.
func (s *Server) docref() string {
	return fmt.Sprintf("Documentation of this API is at %s (action=help).", s.apiURL())
}

// errorResult builds the error envelope for e in the call's errorformat.
func (s *Server) errorResult(c *call, e *apiError) *obj {
	root := newObj()
	if c.errfmt == "bc" || c.errfmt == "" {
		eo := newObj().set("code", e.Code).set("info", e.Info)
		if e.Extra != nil {
			for _, k := range e.Extra.keys {
				eo.set(k, e.Extra.vals[k])
			}
		}
		eo.set(bcKey("docref"), s.docref())
		root.set("error", eo)
	} else {
		mod := c.module
		if mod == "" {
			mod = "main"
		}
		m := c.message(e.Code, e.Info, mod)
		if e.Extra != nil {
			m.set("data", e.Extra) // MediaWiki's place for blockinfo and the like
		}
		root.set("errors", []any{m})
		root.set(bcKey("docref"), s.docref())
	}
	return root
}

// message formats one error or warning for a non-bc errorformat.
func (c *call) message(code, text, module string) *obj {
	o := newObj().set("code", code)
	switch c.errfmt {
	case "html":
		o.set("html", htmlEscape(text))
	case "raw":
		o.set("key", "apierror-"+code).set("params", []any{})
	case "none":
	default:
		o.set(bcKey("text"), text)
	}
	return o.set("module", module)
}

// addWarnings puts the recorded warnings into the result.
func (c *call) addWarnings() {
	if len(c.warns) == 0 {
		return
	}
	if c.errfmt != "bc" && c.errfmt != "" {
		list := make([]any, len(c.warns))
		for i, w := range c.warns {
			list[i] = c.message(w.code, w.text, w.module)
		}
		c.prepend("warnings", list)
		return
	}
	byModule := newObj()
	for _, w := range c.warns {
		mo := byModule.child(moduleName(w.module))
		key := bcKey("warnings")
		if prev, ok := mo.get(key).(string); ok {
			mo.set(key, prev+"\n"+w.text)
		} else {
			mo.set(key, w.text)
		}
	}
	c.prepend("warnings", byModule)
}

// prepend sets k as the first key of the result, where MediaWiki puts
// warnings.
func (c *call) prepend(k string, v any) {
	c.result.del(k)
	c.result.keys = append([]string{k}, c.result.keys...)
	c.result.vals[k] = v
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
