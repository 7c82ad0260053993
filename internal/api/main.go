package api

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/folio-wiki/folio"
	"github.com/folio-wiki/folio/internal/session"
)

// maxBodyBytes limits request bodies: the largest page text,
// percent-encoded, plus room for the other fields.
const maxBodyBytes = 8 << 20

// mainParams are the parameters of the main module, read by the pipeline.
var mainParams = []string{"action", "format", "formatversion", "utf8", "ascii", "errorformat",
	"errorlang", "errorsuselocal", "uselang", "variant", "assert", "assertuser", "maxlag",
	"curtimestamp", "origin", "crossorigin", "requestid", "servedby", "smaxage", "maxage",
	"responselanginfo", "callback"}

// callbackName is what a JSONP callback may be called.
var callbackName = regexp.MustCompile(`^[A-Za-z0-9_.$\[\]]+$`)

// serveAPI runs one API request through the pipeline and writes the result.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() {
		if r.MultipartForm != nil {
			_ = r.MultipartForm.RemoveAll()
		}
	}()
	c := &call{ctx: r.Context(), w: w, r: r, used: map[string]bool{}, fv: 1, errfmt: "bc",
		result: newObj(), st: &session.State{}}
	err := s.parseRequest(c)
	if err == nil {
		err = s.safeDispatch(c)
	}
	s.respond(c, err)
	s.Logger.Debug("api request", "action", c.form.Get("action"), "method", r.Method,
		"duration_ms", time.Since(start).Milliseconds())
}

// parseRequest reads the parameters (query string and urlencoded or
// multipart body) and the output options.
func (s *Server) parseRequest(c *call) error {
	r := c.r
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		// Files may be as large as uploads allow; parts beyond the memory
		// limit go to temporary files.
		r.Body = http.MaxBytesReader(c.w, r.Body, max(maxBodyBytes, s.maxUploadSize()+1<<20))
		err = r.ParseMultipartForm(maxBodyBytes)
	} else {
		r.Body = http.MaxBytesReader(c.w, r.Body, maxBodyBytes)
		err = r.ParseForm()
	}
	c.form = r.Form
	if c.form == nil {
		c.form = map[string][]string{}
	}
	for _, p := range mainParams {
		c.used[p] = true
	}
	if v := c.form.Get("formatversion"); v == "2" || v == "latest" {
		c.fv = 2
	}
	if v := c.form.Get("errorformat"); v != "" {
		if !contains([]string{"bc", "plaintext", "wikitext", "html", "raw", "none"}, v) {
			return usageError("badvalue", fmt.Sprintf("%q is not a known value for the \"errorformat\" parameter.", v))
		}
		c.errfmt = v
	}
	if err != nil {
		return usageError("badrequest", "The request body could not be read: "+err.Error())
	}
	if f := c.form.Get("format"); f != "" && f != "json" && f != "jsonfm" && f != "xml" {
		return usageError("badvalue", fmt.Sprintf("%q is not a supported value for the \"format\" parameter (json, jsonfm, xml).", f))
	}
	return nil
}

// safeDispatch runs dispatch, turning a panic into an internal error so
// that the client still gets MediaWiki's error envelope.
func (s *Server) safeDispatch(c *call) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return s.dispatch(c)
}

// panicError is a recovered panic.
type panicError struct {
	value any
	stack []byte
}

// Error implements the error interface.
func (e *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.value, e.stack) }

// dispatch applies the main module's checks and runs the action module.
func (s *Server) dispatch(c *call) error {
	if err := s.applyOrigin(c); err != nil {
		return err
	}
	action := c.strDefault("action", "help")
	m, ok := s.actions[action]
	if !ok {
		return usageError("badvalue", fmt.Sprintf("%q is not a known value for the \"action\" parameter.", action))
	}
	c.high = s.Wiki.Allowed(c.user(), "apihighlimits")
	if err := s.checkAssert(c); err != nil {
		return err
	}
	if err := s.checkMaxLag(c); err != nil {
		return err
	}
	c.module = action
	if m.post && c.r.Method != http.MethodPost {
		return usageError("mustbeposted", fmt.Sprintf("The %q module requires a POST request.", action))
	}
	if m.token != "" {
		if err := s.checkToken(c, m.token); err != nil {
			return err
		}
	}
	if err := s.checkBlocked(c, action); err != nil {
		return err
	}
	if m.write {
		if reason := s.readOnlyReason(c.ctx); reason != "" {
			e := usageError("readonly", "The wiki is in read-only mode: "+reason)
			e.Extra = newObj().set("readonlyreason", reason)
			return e
		}
	}
	if m.read && !s.Wiki.Allowed(c.user(), "read") && !(action == "query" && tokenOrUserQuery(c)) {
		return usageError("readapidenied", "You need the \"read\" right to use this module.")
	}
	if m.right != "" && !s.Wiki.Allowed(c.user(), m.right) {
		return usageError("permissiondenied", fmt.Sprintf("You need the %q right for this action.", m.right))
	}
	return m.run(c)
}

// applyOrigin implements the origin parameter for cross-origin requests:
// "*" makes an anonymous request any site may read; another value must be
// the request's Origin header and this wiki's own origin.
func (s *Server) applyOrigin(c *call) error {
	origin := c.form.Get("origin")
	h := c.w.Header()
	switch {
	case c.form.Get("callback") != "":
		if !callbackName.MatchString(c.form.Get("callback")) {
			return usageError("badvalue", "The callback name may contain only letters, digits, _ . $ [ and ].")
		}
		c.anonymous = true // JSONP is always anonymous
		return nil
	case origin == "*":
		h.Set("Access-Control-Allow-Origin", "*")
		c.anonymous = true // the session is not loaded
		return nil
	case origin != "":
		if hdr := c.r.Header.Get("Origin"); hdr != origin {
			return usageError("mismatchedorigin", "The origin parameter does not match the Origin header of the request.")
		}
		if strings.EqualFold(origin, s.Site.Server) {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Add("Vary", "Origin")
		}
	}
	st, err := s.Sessions.Load(c.ctx, c.r)
	if err != nil {
		return err
	}
	c.st = st
	if st.Renew != nil {
		http.SetCookie(c.w, st.Renew)
	}
	return nil
}

// servePreflight answers CORS preflight requests for api.php.
func (s *Server) servePreflight(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin != "" && (r.URL.Query().Get("origin") == "*" || strings.EqualFold(origin, s.Site.Server)) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
		w.Header().Set("Access-Control-Allow-Headers", "Api-User-Agent, Content-Type")
	}
	w.WriteHeader(http.StatusNoContent)
}

// checkAssert implements assert=user|bot|anon and assertuser=Name.
func (s *Server) checkAssert(c *call) error {
	u := c.user()
	switch c.str("assert") {
	case "":
	case "user":
		if u == nil {
			return usageError("assertuserfailed", "You are not logged in, so the assertion that you are a user failed.")
		}
	case "bot":
		if !s.Wiki.Allowed(u, "bot") {
			return usageError("assertbotfailed", "You do not have the bot right, so the assertion that you are a bot failed.")
		}
	case "anon":
		if u != nil {
			return usageError("assertanonfailed", "You are logged in, so the assertion that you are anonymous failed.")
		}
	default:
		return usageError("badvalue", "\"assert\" must be one of user, bot or anon.")
	}
	if name := c.str("assertuser"); name != "" {
		t, err := s.Namespaces.ParseTitle(name, folio.NSUser)
		if u == nil || err != nil || t.Text() != u.Name {
			return usageError("assertnameduserfailed", fmt.Sprintf("You are not logged in as %q.", name))
		}
	}
	return nil
}

// checkMaxLag implements maxlag. Folio has no replicas, so its lag is -1
// second as MediaWiki reports for a single database server; only a maxlag
// below that is refused.
func (s *Server) checkMaxLag(c *call) error {
	if !c.has("maxlag") {
		return nil
	}
	maxLag, err := c.integer("maxlag", 0)
	if err != nil {
		return err
	}
	const lag = -1
	if lag <= maxLag {
		return nil
	}
	c.w.Header().Set("Retry-After", "5")
	c.w.Header().Set("X-Database-Lag", fmt.Sprint(lag))
	e := usageError("maxlag", fmt.Sprintf("The database is %d seconds behind, more than maxlag allows.", lag))
	e.Extra = newObj().set("host", "").set("lag", lag).set("type", "db")
	return e
}

// respond writes the result or the error envelope.
func (s *Server) respond(c *call, err error) {
	h := c.w.Header()
	root := c.result
	status := http.StatusOK
	if err != nil {
		e, internal := toAPIError(err)
		if internal {
			s.Logger.Error("api internal error", "action", c.form.Get("action"), "err", err)
			status = statusOf["internal_api_error"]
		}
		e = s.withBlockInfo(c, e)
		h.Set("MediaWiki-API-Error", e.Code)
		root = s.errorResult(c, e)
	} else {
		s.warnUnused(c)
		c.addWarnings()
	}
	s.addTrailer(c, root)
	h.Set("Cache-Control", cacheControl(c, err))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	if err == nil && c.html != "" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		c.w.WriteHeader(status)
		_, _ = io.WriteString(c.w, c.html)
		return
	}
	if c.form.Get("format") == "xml" {
		h.Set("Content-Type", "text/xml; charset=utf-8")
		c.w.WriteHeader(status)
		if err == nil && c.xml != nil {
			_, _ = c.w.Write(c.xml)
			return
		}
		_, _ = c.w.Write(encodeXML(root))
		return
	}
	body := encodeResult(root, c.fv, (c.fv == 1 && !c.has("utf8")) || (c.fv == 2 && c.has("ascii")))
	if err == nil && c.array != nil {
		body = encodeArray(c.array)
	}
	if c.form.Get("format") == "jsonfm" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		c.w.WriteHeader(status)
		fmt.Fprintf(c.w, "<!DOCTYPE html><html><head><title>API result</title></head><body><pre>%s</pre></body></html>", htmlEscape(string(body)))
		return
	}
	if cb := c.form.Get("callback"); cb != "" && callbackName.MatchString(cb) {
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		c.w.WriteHeader(status)
		fmt.Fprintf(c.w, "/**/%s(%s)", cb, body)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	c.w.WriteHeader(status)
	_, _ = c.w.Write(body)
}

// cacheControl honours maxage and smaxage for successful anonymous GET
// requests, as MediaWiki does; everything else is private.
func cacheControl(c *call, err error) string {
	maxAge, smaxAge := c.form.Get("maxage"), c.form.Get("smaxage")
	if err != nil || c.r.Method != http.MethodGet || c.st.Session != nil || (maxAge == "" && smaxAge == "") {
		return "private, must-revalidate, max-age=0"
	}
	age := func(v string) int {
		n, _ := strconv.Atoi(v)
		return max(n, 0)
	}
	return fmt.Sprintf("s-maxage=%d, max-age=%d, public", age(smaxAge), age(maxAge))
}

// addTrailer adds requestid, servedby, curtimestamp and responselanginfo.
func (s *Server) addTrailer(c *call, root *obj) {
	if _, ok := c.form["responselanginfo"]; ok {
		root.set("uselang", "en").set("errorlang", "en")
	}
	if id := c.form.Get("requestid"); id != "" {
		root.set("requestid", id)
	}
	if _, ok := c.form["servedby"]; ok {
		host, _ := os.Hostname()
		root.set("servedby", host)
	}
	if _, ok := c.form["curtimestamp"]; ok {
		root.set("curtimestamp", timestamp(s.now()))
	}
}

// warnUnused warns about parameters no module read.
func (s *Server) warnUnused(c *call) {
	var unused []string
	for k := range c.form {
		if !c.used[k] {
			unused = append(unused, k)
		}
	}
	if len(unused) == 0 {
		return
	}
	sort.Strings(unused)
	mod := c.module
	c.module = "main"
	c.warn("unrecognizedparams", "Unknown parameters, ignored: "+strings.Join(unused, ", ")+".")
	c.module = mod
}
