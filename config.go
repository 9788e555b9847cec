package gincors

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Config is a CORS policy. Its zero value allows nothing and fails validation:
// at least one of AllowOrigins, AllowOriginRegexps and AllowOriginFunc must be
// set. [New] copies what it needs, so a Config may be reused or changed after
// New returns.
type Config struct {
	// AllowOrigins lists the origins allowed to read responses. An entry is
	// one of:
	//
	//   - "*": any origin (not with AllowCredentials), the only entry. It
	//     answers "null" too, with "Access-Control-Allow-Origin: *": such a
	//     response is public, readable by any page whatever its origin;
	//   - a serialized origin, "https://app.example.com" or
	//     "http://localhost:3000", matched byte for byte as browsers send it;
	//   - a subdomain pattern, "https://*.example.com", matching one or more
	//     labels under example.com but never example.com itself;
	//   - an any-port pattern, "http://localhost:*", matching localhost on
	//     any port or none;
	//   - "null" (in any case), the opaque origin of sandboxed iframes and
	//     data: documents, which any page can obtain. Beside "*", only this
	//     entry admits it: no pattern, regexp or AllowOriginFunc ever does.
	//
	// Scheme and host are lower-cased and the default port of a special
	// scheme (80 for http and ws, 443 for https and wss, 21 for ftp) is
	// dropped, as a browser does (WHATWG URL, "special scheme"); anything
	// else that is not an origin (a path, a trailing slash, a query) is a
	// configuration error.
	AllowOrigins []string

	// AllowOriginRegexps admits an origin that one of the expressions
	// matches. Each must be anchored at both ends (^...$), so that
	// "^https://app\.example\.com$" cannot match
	// "https://app.example.com.evil.net", and must be able to match an
	// origin: an expression without a scheme or with a path is refused.
	// Only well-formed origins reach them, never "null".
	AllowOriginRegexps []*regexp.Regexp

	// AllowOriginFunc decides origins that nothing above matched, like the
	// origin function of Express's cors. It is called only with well-formed
	// origins and never with "null". It must be safe for concurrent use.
	AllowOriginFunc func(c *gin.Context, origin string) bool

	// AllowMethods lists the methods a preflight allows, sent as
	// Access-Control-Allow-Methods. Nil means Express's default,
	// GET,HEAD,PUT,PATCH,POST,DELETE; an empty non-nil slice sends no header
	// (browsers still allow GET, HEAD and POST). "*" allows every method; with
	// AllowCredentials, where browsers read "*" literally, it reflects the
	// preflight's Access-Control-Request-Method instead. Methods are
	// case-sensitive (a browser sends fetch's method "patch" as "patch"); the
	// six methods Fetch normalises (DELETE, GET, HEAD, OPTIONS, POST, PUT) are
	// upper-cased here too.
	AllowMethods []string

	// AllowHeaders lists the request headers a preflight allows, sent as
	// Access-Control-Allow-Headers. Nil reflects the preflight's
	// Access-Control-Request-Headers, as Express does, when it is a
	// well-formed list of header names of at most 16 lines and 4096 bytes.
	// An empty non-nil slice sends no header. "*" allows every header but
	// Authorization, which Fetch never lets a wildcard cover: list both to
	// allow it too. With AllowCredentials, where browsers read "*"
	// literally, "*" reflects the request's list instead, unless the list
	// names Authorization and "Authorization" is not listed beside "*".
	AllowHeaders []string

	// ExposeHeaders lists the response headers, beyond the CORS-safelisted
	// ones, that scripts may read, sent as Access-Control-Expose-Headers on
	// actual responses. "*" exposes all of them, but not with
	// AllowCredentials.
	ExposeHeaders []string

	// AllowCredentials lets scripts send cookies and HTTP authentication and
	// read the responses (Access-Control-Allow-Credentials: true). It needs
	// explicit origins: "*" is then a configuration error.
	AllowCredentials bool

	// MaxAge is how long a browser may cache a preflight's answer, sent as
	// Access-Control-Max-Age in whole seconds. Zero sends no header (browsers
	// then cache for 5 seconds); a negative value sends "0", disabling the
	// cache. At most 24h: Firefox caps it there, Chromium at 2h.
	MaxAge time.Duration

	// PreflightContinue passes every preflight, allowed or not, on to the
	// next handlers after the CORS headers (if any) are written, instead of
	// ending it with OptionsSuccessStatus, as Express's preflightContinue
	// does.
	PreflightContinue bool

	// OptionsSuccessStatus is the status of a preflight response: 204 when 0.
	// It must be in 200-299, the only statuses a browser accepts.
	OptionsSuccessStatus int

	// AllowPrivateNetwork answers a preflight that carries
	// Access-Control-Request-Private-Network: true with
	// Access-Control-Allow-Private-Network: true, for Chromium versions that
	// sent Private Network Access preflights. Chromium has since replaced PNA
	// with a permission prompt that needs nothing from the server.
	AllowPrivateNetwork bool

	// Debug, when set, receives a one-line explanation of every CORS request
	// the policy rejects or only partly allows: the request's method, path
	// and origin, the method and headers asked for, then each rule that
	// failed with the field to change. An explanation is at most 8 KiB
	// whatever the request: request values are quoted and cut. Debug does
	// not change any response. Nil costs nothing.
	Debug func(c *gin.Context, explanation string)
}

// DefaultConfig returns the configuration of [Default]: any origin, the
// default methods and the request's headers reflected, without credentials.
// It is a starting point to edit.
func DefaultConfig() Config {
	return Config{AllowOrigins: []string{"*"}}
}

// Validate reports every problem of c at once, joined with [errors.Join]; each
// is a [*ConfigError]. It returns nil for a configuration [New] accepts.
func (c Config) Validate() error {
	_, err := compile(c)
	return err
}

// ConfigError is one problem of a [Config]. A program can find them with
// [errors.As], or range over the errors that [Config.Validate] joined.
type ConfigError struct {
	Field   string // the field, with an index for slices: "AllowOrigins[1]"
	Value   string // the offending value in Go syntax, or "" when the field is missing
	Problem string // what is wrong
	Fix     string // what to write instead
}

// Error returns the problem on one line, as [New]'s panic shows it: the
// field, the value if there is one, the problem and, if there is one, the
// fix:
//
//	gincors: AllowOrigins[0] "https://a.com/": an origin has no path; use "https://a.com"
func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("gincors: ")
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	if e.Fix != "" {
		b.WriteString("; ")
		b.WriteString(e.Fix)
	}
	return b.String()
}

// Header values and limits.
const (
	defaultMethods = "GET,HEAD,PUT,PATCH,POST,DELETE" // Express's default
	maxMaxAge      = 24 * time.Hour                   // Firefox's cap; Chromium's is 2h
)

// policy is a Config compiled for the request path: the origin matcher and
// every header value, precomputed.
type policy struct {
	origins     originMatcher
	credentials bool

	allowMethods   string // ACAM, "" for none
	reflectMethod  bool   // "*" with credentials: ACAM is the request's method
	allowHeaders   string // ACAH, "" for none
	reflectHeaders bool   // nil AllowHeaders, or "*" with credentials
	// wildcardHeaders is "*" with credentials and without "Authorization":
	// the request's list is reflected unless it names Authorization, which
	// Fetch never lets "*" cover.
	wildcardHeaders   bool
	exposeHeaders     string // ACEH, "" for none
	maxAge            string // ACMA, "" for none
	privateNetwork    bool
	preflightStatus   int  // OptionsSuccessStatus, 204 for 0
	preflightContinue bool // PreflightContinue

	// Vary tokens this policy adds, and the same joined for the common case
	// of a response without Vary.
	varyActual, varyPreflight         []string
	varyActualLine, varyPreflightLine string

	// Header counts, to size the one allocation a response makes.
	actualSlots, preflightSlots, preflightEndSlots int

	debug func(*gin.Context, string)
	// What Debug compares a preflight with: the allowed methods and header
	// names (lower-cased), and whether "*" allows any of them.
	methodSet map[string]struct{}
	headerSet map[string]struct{}
	anyMethod bool
	anyHeader bool
	// listedOrigins names the first few AllowOrigins entries, in normal
	// form, for an explanation of a refused origin.
	listedOrigins string
}

// compile validates cfg and builds its policy; it is Validate and New in one
// pass, so the two can never disagree. Each step compiles one concern and
// reports its problems into the same list.
func compile(cfg Config) (*policy, error) {
	var errs configErrors
	origins, normalForms := compileOrigins(cfg, &errs)
	p := &policy{
		origins:           origins,
		listedOrigins:     listOrigins(normalForms),
		credentials:       cfg.AllowCredentials,
		privateNetwork:    cfg.AllowPrivateNetwork,
		preflightContinue: cfg.PreflightContinue,
		debug:             cfg.Debug,
	}
	p.compileMethods(cfg, &errs)
	p.compileRequestHeaders(cfg, &errs)
	p.exposeHeaders = compileExposeHeaders(cfg, &errs)
	p.maxAge = compileMaxAge(cfg.MaxAge, &errs)
	p.preflightStatus = compileStatus(cfg.OptionsSuccessStatus, &errs)
	p.compileVary()
	p.countSlots()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// configErrors collects the problems of a Config, in field order.
type configErrors []error

func (errs *configErrors) add(field, value, problem, fix string) {
	*errs = append(*errs, &ConfigError{Field: field, Value: value, Problem: problem, Fix: fix})
}

// elementName names the element i of a slice field, for error messages:
// "AllowOrigins[1]".
func elementName(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// compileOrigins builds the origin matcher from AllowOrigins,
// AllowOriginRegexps and AllowOriginFunc.
func compileOrigins(cfg Config, errs *configErrors) (m originMatcher, normalForms []string) {
	m = originMatcher{exact: make(map[string]struct{}, len(cfg.AllowOrigins)), originFunc: cfg.AllowOriginFunc}
	for i, s := range cfg.AllowOrigins {
		if s == "*" {
			anyOriginProblems(cfg, i, errs)
			m.anyOrigin = true
			continue
		}
		pat, problem := parseOriginPattern(s)
		if problem != nil {
			errs.add(elementName("AllowOrigins", i), strconv.Quote(s), problem.problem, problem.fix)
			continue
		}
		m.addPattern(pat, s)
		if cfg.Debug != nil {
			normalForms = append(normalForms, pat.String())
		}
	}
	for i, re := range cfg.AllowOriginRegexps {
		if re == nil {
			errs.add(elementName("AllowOriginRegexps", i), "nil", "a nil regexp matches nothing", "remove it")
			continue
		}
		if problem, fix := regexpProblem(re.String()); problem != "" {
			errs.add(elementName("AllowOriginRegexps", i), strconv.Quote(re.String()), problem, fix)
			continue
		}
		m.regexps = append(m.regexps, re)
	}
	if len(cfg.AllowOrigins) == 0 && len(cfg.AllowOriginRegexps) == 0 && cfg.AllowOriginFunc == nil {
		// Express's cors() allows any origin when given none; a silent
		// "allow all" is no safe default, so gincors asks.
		errs.add("AllowOrigins", "", "no origin is allowed (Express's cors() defaults to any origin; gincors has no default)",
			`set AllowOrigins: []string{"*"} to allow any origin (or start from gincors.DefaultConfig()), or list origins such as "https://app.example.com"`)
	}
	return m, normalForms
}

// anyOriginProblems reports what is wrong with the "*" at AllowOrigins[i].
func anyOriginProblems(cfg Config, i int, errs *configErrors) {
	field := elementName("AllowOrigins", i)
	switch {
	case cfg.AllowCredentials:
		errs.add(field, `"*"`, "browsers reject the wildcard origin on credentialed requests",
			`list the origins instead; to reflect every origin deliberately, use AllowOriginFunc: func(*gin.Context, string) bool { return true }, which lets any site read credentialed responses`)
	case len(cfg.AllowOrigins) > 1:
		errs.add(field, `"*"`, "the wildcard already allows every origin", "make it the only entry of AllowOrigins")
	case len(cfg.AllowOriginRegexps) > 0 || cfg.AllowOriginFunc != nil:
		errs.add(field, `"*"`, "the wildcard already allows every origin", "remove AllowOriginRegexps and AllowOriginFunc")
	}
}

// compileMethods sets Access-Control-Allow-Methods from AllowMethods.
func (p *policy) compileMethods(cfg Config, errs *configErrors) {
	if cfg.AllowMethods == nil {
		p.allowMethods = defaultMethods
		p.methodSet = nameSet(strings.Split(defaultMethods, ","), false)
		return
	}
	methods := make([]string, 0, len(cfg.AllowMethods))
	for i, m := range cfg.AllowMethods {
		switch {
		case m == "*":
			if len(cfg.AllowMethods) > 1 {
				errs.add(elementName("AllowMethods", i), `"*"`, "the wildcard already allows every method", "make it the only entry of AllowMethods")
			}
			p.anyMethod = true
		case !isToken(m):
			errs.add(elementName("AllowMethods", i), strconv.Quote(m), "not a method name (an HTTP token)", `use a name such as "PUT"`)
		case isForbiddenMethod(m):
			errs.add(elementName("AllowMethods", i), strconv.Quote(m), "browsers never let scripts send this method (a Fetch forbidden method)", "remove it")
		case !contains(methods, normalizeMethod(m), false):
			methods = append(methods, normalizeMethod(m))
		}
	}
	p.methodSet = nameSet(methods, false)
	switch {
	case p.anyMethod && cfg.AllowCredentials:
		p.reflectMethod = true
	case p.anyMethod:
		p.allowMethods = "*"
	default:
		p.allowMethods = strings.Join(methods, ",")
	}
}

// compileRequestHeaders sets Access-Control-Allow-Headers from
// AllowHeaders, or how the request's list is reflected.
func (p *policy) compileRequestHeaders(cfg Config, errs *configErrors) {
	if cfg.AllowHeaders == nil {
		p.reflectHeaders = true
		return
	}
	headers := make([]string, 0, len(cfg.AllowHeaders))
	for i, h := range cfg.AllowHeaders {
		switch {
		case h == "*":
			p.anyHeader = true
		case !isToken(h):
			errs.add(elementName("AllowHeaders", i), strconv.Quote(h), "not a header name (an HTTP token)", `use a name such as "Content-Type"`)
		case !contains(headers, h, true):
			headers = append(headers, h)
		}
	}
	p.headerSet = nameSet(headers, true)
	_, authorization := p.headerSet["authorization"]
	switch {
	case !p.anyHeader:
		p.allowHeaders = strings.Join(headers, ",")
		return
	case cfg.AllowCredentials:
		// Browsers read "*" literally on credentialed requests (Fetch,
		// "CORS protocol and credentials"), so reflect the request's list.
		p.reflectHeaders = true
		p.wildcardHeaders = !authorization
	case authorization:
		// Fetch: "*" never covers Authorization (CORS non-wildcard
		// request-header name); it must be named beside it.
		p.allowHeaders = "*, " + headers[slices.IndexFunc(headers, func(h string) bool { return strings.EqualFold(h, "Authorization") })]
	default:
		p.allowHeaders = "*"
	}
	for i, h := range cfg.AllowHeaders {
		if h != "*" && !strings.EqualFold(h, "Authorization") {
			errs.add(elementName("AllowHeaders", i), strconv.Quote(h), `"*" already allows it`,
				`keep "*" alone, or "*" and "Authorization", which the wildcard does not cover`)
		}
	}
}

// compileExposeHeaders returns Access-Control-Expose-Headers.
func compileExposeHeaders(cfg Config, errs *configErrors) string {
	exposed := make([]string, 0, len(cfg.ExposeHeaders))
	for i, h := range cfg.ExposeHeaders {
		field := elementName("ExposeHeaders", i)
		switch {
		case h == "*" && cfg.AllowCredentials:
			errs.add(field, `"*"`, "browsers read the wildcard literally on credentialed requests",
				"list the response headers scripts may read")
		case h == "*" && len(cfg.ExposeHeaders) > 1:
			errs.add(field, `"*"`, "the wildcard already exposes every header", "make it the only entry of ExposeHeaders")
		case h != "*" && !isToken(h):
			errs.add(field, strconv.Quote(h), "not a header name (an HTTP token)", `use a name such as "X-Request-Id"`)
		case strings.EqualFold(h, "Set-Cookie") || strings.EqualFold(h, "Set-Cookie2"):
			errs.add(field, strconv.Quote(h), "browsers never expose Set-Cookie to scripts (a forbidden response-header name)", "remove it")
		case !contains(exposed, h, true):
			exposed = append(exposed, h)
		}
	}
	return strings.Join(exposed, ",")
}

// compileMaxAge returns Access-Control-Max-Age, "" for none.
func compileMaxAge(d time.Duration, errs *configErrors) string {
	switch {
	case d < 0:
		return "0"
	case d > maxMaxAge:
		errs.add("MaxAge", d.String(), "browsers cap the preflight cache (Firefox at 24h, Chromium at 2h)",
			"use "+secondsExpr(int64(maxMaxAge/time.Second)))
	case 0 < d && d < time.Second && int64(d) <= int64(maxMaxAge/time.Second):
		// MaxAge: 600, Express's maxAge in seconds, is 600ns here.
		errs.add("MaxAge", d.String(), "Access-Control-Max-Age counts whole seconds, and a time.Duration written as a bare number counts nanoseconds",
			"use "+secondsExpr(int64(d)))
	case d%time.Second != 0:
		whole := int64(d / time.Second)
		fix := "use " + secondsExpr(whole+1)
		if whole > 0 {
			fix = "use " + secondsExpr(whole) + " or " + secondsExpr(whole+1)
		}
		errs.add("MaxAge", d.String(), "Access-Control-Max-Age counts whole seconds", fix)
	case d > 0:
		return strconv.FormatInt(int64(d/time.Second), 10)
	}
	return ""
}

// compileStatus returns the status of a preflight response.
func compileStatus(status int, errs *configErrors) int {
	switch {
	case status == 0:
		return http.StatusNoContent
	case status < 200 || status > 299:
		errs.add("OptionsSuccessStatus", strconv.Itoa(status), "browsers fail a preflight whose status is not in 200-299", "use 204 or 200")
	}
	return status
}

// compileVary lists the Vary tokens of each kind of response: Origin
// unless the policy is "*", whose responses do not depend on it, and on
// preflights the request headers whose value is reflected or answered.
func (p *policy) compileVary() {
	if !p.origins.anyOrigin {
		p.varyActual = []string{"Origin"}
	}
	p.varyPreflight = append([]string(nil), p.varyActual...)
	if p.reflectMethod {
		p.varyPreflight = append(p.varyPreflight, headerRequestMethod)
	}
	if p.reflectHeaders {
		// Express's cors does the same (expressjs/cors#61).
		p.varyPreflight = append(p.varyPreflight, headerRequestHeaders)
	}
	if p.privateNetwork {
		p.varyPreflight = append(p.varyPreflight, headerRequestPrivate)
	}
	p.varyActualLine = strings.Join(p.varyActual, ", ")
	p.varyPreflightLine = strings.Join(p.varyPreflight, ", ")
}

// countSlots counts the header values a response can carry, so that each
// makes one allocation of the right size: an allowed actual response, Vary
// included; an allowed preflight, besides the Vary and Content-Length that
// any preflight response may carry (preflightEndSlots). Reflected request
// headers may span several field lines, and Vary may have values already;
// those are counted per request.
func (p *policy) countSlots() {
	p.actualSlots = 1 + btoi(p.credentials) + btoi(p.exposeHeaders != "") + btoi(!p.origins.anyOrigin)
	p.preflightSlots = 1 + btoi(p.credentials) + btoi(p.allowMethods != "" || p.reflectMethod) +
		btoi(p.allowHeaders != "") + btoi(p.maxAge != "") + btoi(p.privateNetwork)
	p.preflightEndSlots = btoi(p.varyPreflightLine != "") + btoi(!p.preflightContinue && p.preflightStatus != http.StatusNoContent)
}

// secondsExpr writes n seconds as a Go expression: "time.Second" or
// "600 * time.Second"; whole hours as "24 * time.Hour".
func secondsExpr(n int64) string {
	switch {
	case n == 1:
		return "time.Second"
	case n > 0 && n%3600 == 0:
		return strconv.FormatInt(n/3600, 10) + " * time.Hour"
	}
	return strconv.FormatInt(n, 10) + " * time.Second"
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isForbiddenMethod reports the methods Fetch never lets a script use.
func isForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

// normalizeMethod upper-cases the methods Fetch normalises (DELETE, GET,
// HEAD, OPTIONS, POST, PUT), as a browser does before sending them. Others,
// PATCH among them, are case-sensitive and kept as written.
func normalizeMethod(m string) string {
	for _, n := range [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"} {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// contains reports whether list holds s, case-insensitively if fold.
func contains(list []string, s string, fold bool) bool {
	for _, v := range list {
		if v == s || (fold && strings.EqualFold(v, s)) {
			return true
		}
	}
	return false
}

// nameSet returns the set of the names in list, lower-cased if lower.
func nameSet(list []string, lower bool) map[string]struct{} {
	m := make(map[string]struct{}, len(list))
	for _, s := range list {
		if lower {
			s = strings.ToLower(s)
		}
		m[s] = struct{}{}
	}
	return m
}
