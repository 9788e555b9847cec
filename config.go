package gincors

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
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

// policy is a Config compiled for the request path: every header value is
// precomputed and every origin rule is a map lookup where it can be.
type policy struct {
	// Origins. anyOrigin is "*", which validation allows only without
	// credentials, so such a policy answers every response with ACAO "*" and
	// no Vary: Origin (Fetch, "CORS protocol and HTTP caches"). The other
	// rules are tried in this order.
	anyOrigin  bool
	exact      map[string]struct{} // serialized origins, "null" included
	anyPort    map[string]struct{} // "scheme://host" of "scheme://host:*"
	subdomains []domains           // "scheme://*.domain[:port]", one entry per scheme
	regexps    []*regexp.Regexp
	originFunc func(*gin.Context, string) bool
	// parsed is whether any rule after exact needs the origin parsed.
	parsed bool

	credentials bool

	allowMethods   string // ACAM, "" for none
	reflectMethod  bool   // "*" with credentials
	allowHeaders   string // ACAH, "" for none
	reflectHeaders bool   // nil AllowHeaders, or "*" with credentials
	// wildcardHeaders is "*" with credentials and without "Authorization":
	// the request's list is reflected unless it names Authorization, which
	// Fetch never lets "*" cover.
	wildcardHeaders bool
	exposeHeaders   string // ACEH, "" for none
	maxAge          string // ACMA, "" for none
	privateNetwork  bool
	status          int
	continues       bool // PreflightContinue

	// Vary tokens this policy adds, and the same joined for the common case
	// of a response without Vary.
	varyActual, varyPreflight         []string
	varyActualLine, varyPreflightLine string

	// Header counts, to size the one allocation a response makes.
	actualSlots, preflightSlots int

	debug func(*gin.Context, string)
	// For Debug only: the allowed names, lower-cased, and methods.
	methodSet map[string]struct{}
	headerSet map[string]struct{}
	anyMethod bool
	anyHeader bool
}

// domains holds the subdomain patterns of one scheme. ports is keyed by the
// text that follows the wildcard label, "example.com" or "example.com:8443",
// which is also a substring of every origin it matches, so a lookup
// allocates nothing; anyPort is keyed by the domain of "*.domain:*". lens
// marks the lengths of those keys, so that most suffixes of an origin are
// passed over without a lookup.
type domains struct {
	scheme         string
	ports, anyPort map[string]struct{}
	// lens is indexed by the length of a key or of a suffix of a request's
	// host and port, both at most maxHostLen+len(":")+maxPortLen bytes: a
	// smaller table once let a long host with a port index past its end on
	// every request (a remote panic).
	lens [maxHostLen + len(":") + maxPortLen + 1]bool
}

// hasLen reports whether a key of n bytes exists; any n is safe to ask.
func (d *domains) hasLen(n int) bool {
	return n < len(d.lens) && d.lens[n]
}

// compile validates cfg and builds its policy; it is Validate and New in one
// pass, so the two can never disagree.
func compile(cfg Config) (*policy, error) {
	var errs []error
	fail := func(field, value, problem, fix string) {
		errs = append(errs, &ConfigError{Field: field, Value: value, Problem: problem, Fix: fix})
	}
	p := &policy{
		exact:       make(map[string]struct{}, len(cfg.AllowOrigins)),
		credentials: cfg.AllowCredentials,
		debug:       cfg.Debug,
	}

	// Origins.
	for i, s := range cfg.AllowOrigins {
		if s == "*" {
			switch {
			case cfg.AllowCredentials:
				fail(at("AllowOrigins", i), `"*"`, "browsers reject the wildcard origin on credentialed requests",
					`list the origins instead; to reflect every origin deliberately, use AllowOriginFunc: func(*gin.Context, string) bool { return true }, which lets any site read credentialed responses`)
			case len(cfg.AllowOrigins) > 1:
				fail(at("AllowOrigins", i), `"*"`, "the wildcard already allows every origin", "make it the only entry of AllowOrigins")
			case len(cfg.AllowOriginRegexps) > 0 || cfg.AllowOriginFunc != nil:
				fail(at("AllowOrigins", i), `"*"`, "the wildcard already allows every origin", "remove AllowOriginRegexps and AllowOriginFunc")
			}
			p.anyOrigin = true
			continue
		}
		pat, err := parseOriginPattern(s)
		if err != nil {
			fail(at("AllowOrigins", i), strconv.Quote(s), err.problem, err.fix)
			continue
		}
		switch {
		case pat.subdomains:
			p.addSubdomains(pat)
		case pat.anyPort:
			if p.anyPort == nil {
				p.anyPort = map[string]struct{}{}
			}
			p.anyPort[pat.scheme+"://"+pat.host] = struct{}{}
		case pat.is(s): // already in normal form: keep the caller's string
			p.exact[s] = struct{}{}
		default:
			p.exact[pat.String()] = struct{}{}
		}
	}
	for i, re := range cfg.AllowOriginRegexps {
		if re == nil {
			fail(at("AllowOriginRegexps", i), "nil", "a nil regexp matches nothing", "remove it")
			continue
		}
		if problem, fix := regexpProblem(re.String()); problem != "" {
			fail(at("AllowOriginRegexps", i), strconv.Quote(re.String()), problem, fix)
			continue
		}
		p.regexps = append(p.regexps, re)
	}
	p.originFunc = cfg.AllowOriginFunc
	if len(cfg.AllowOrigins) == 0 && len(cfg.AllowOriginRegexps) == 0 && cfg.AllowOriginFunc == nil {
		// Express's cors() allows any origin when given none; a silent
		// "allow all" is no safe default, so gincors asks.
		fail("AllowOrigins", "", "no origin is allowed (Express's cors() defaults to any origin; gincors has no default)",
			`set AllowOrigins: []string{"*"} to allow any origin (or start from gincors.DefaultConfig()), or list origins such as "https://app.example.com"`)
	}
	p.parsed = len(p.anyPort) > 0 || len(p.subdomains) > 0 || len(p.regexps) > 0 || p.originFunc != nil

	// Methods.
	switch {
	case cfg.AllowMethods == nil:
		p.allowMethods = defaultMethods
		p.methodSet = set(strings.Split(defaultMethods, ","), false)
	default:
		methods := make([]string, 0, len(cfg.AllowMethods))
		for i, m := range cfg.AllowMethods {
			switch {
			case m == "*":
				if len(cfg.AllowMethods) > 1 {
					fail(at("AllowMethods", i), `"*"`, "the wildcard already allows every method", "make it the only entry of AllowMethods")
				}
				p.anyMethod = true
			case !isToken(m):
				fail(at("AllowMethods", i), strconv.Quote(m), "not a method name (an HTTP token)", `use a name such as "PUT"`)
			case isForbiddenMethod(m):
				fail(at("AllowMethods", i), strconv.Quote(m), "browsers never let scripts send this method (a Fetch forbidden method)", "remove it")
			default:
				m = normalizeMethod(m)
				if !contains(methods, m, false) {
					methods = append(methods, m)
				}
			}
		}
		p.methodSet = set(methods, false)
		switch {
		case p.anyMethod && cfg.AllowCredentials:
			p.reflectMethod = true
		case p.anyMethod:
			p.allowMethods = "*"
		default:
			p.allowMethods = strings.Join(methods, ",")
		}
	}

	// Request headers.
	switch {
	case cfg.AllowHeaders == nil:
		p.reflectHeaders = true
	default:
		headers := make([]string, 0, len(cfg.AllowHeaders))
		for i, h := range cfg.AllowHeaders {
			switch {
			case h == "*":
				p.anyHeader = true
			case !isToken(h):
				fail(at("AllowHeaders", i), strconv.Quote(h), "not a header name (an HTTP token)", `use a name such as "Content-Type"`)
			case !contains(headers, h, true):
				headers = append(headers, h)
			}
		}
		p.headerSet = set(headers, true)
		if p.anyHeader {
			for i, h := range cfg.AllowHeaders {
				if h != "*" && !strings.EqualFold(h, "Authorization") {
					fail(at("AllowHeaders", i), strconv.Quote(h), `"*" already allows it`,
						`keep "*" alone, or "*" and "Authorization", which the wildcard does not cover`)
				}
			}
		}
		_, authorization := p.headerSet["authorization"]
		switch {
		case p.anyHeader && cfg.AllowCredentials:
			// Browsers read "*" literally on credentialed requests (Fetch,
			// "CORS protocol and credentials"), so reflect the request's list.
			p.reflectHeaders = true
			p.wildcardHeaders = !authorization
		case p.anyHeader && authorization:
			// Fetch: "*" never covers Authorization (CORS non-wildcard
			// request-header name); it must be named beside it.
			for _, h := range headers {
				if strings.EqualFold(h, "Authorization") {
					p.allowHeaders = "*, " + h
				}
			}
		case p.anyHeader:
			p.allowHeaders = "*"
		default:
			p.allowHeaders = strings.Join(headers, ",")
		}
	}

	// Response headers.
	exposed := make([]string, 0, len(cfg.ExposeHeaders))
	for i, h := range cfg.ExposeHeaders {
		switch {
		case h == "*" && cfg.AllowCredentials:
			fail(at("ExposeHeaders", i), `"*"`, "browsers read the wildcard literally on credentialed requests",
				"list the response headers scripts may read")
		case h == "*" && len(cfg.ExposeHeaders) > 1:
			fail(at("ExposeHeaders", i), `"*"`, "the wildcard already exposes every header", "make it the only entry of ExposeHeaders")
		case h != "*" && !isToken(h):
			fail(at("ExposeHeaders", i), strconv.Quote(h), "not a header name (an HTTP token)", `use a name such as "X-Request-Id"`)
		case strings.EqualFold(h, "Set-Cookie") || strings.EqualFold(h, "Set-Cookie2"):
			fail(at("ExposeHeaders", i), strconv.Quote(h), "browsers never expose Set-Cookie to scripts (a forbidden response-header name)", "remove it")
		case !contains(exposed, h, true):
			exposed = append(exposed, h)
		}
	}
	p.exposeHeaders = strings.Join(exposed, ",")

	// Max age, status and the rest.
	switch d := cfg.MaxAge; {
	case d < 0:
		p.maxAge = "0"
	case d > maxMaxAge:
		fail("MaxAge", d.String(), "browsers cap the preflight cache (Firefox at 24h, Chromium at 2h)",
			"use "+secondsExpr(int64(maxMaxAge/time.Second)))
	case 0 < d && d < time.Second && int64(d) <= int64(maxMaxAge/time.Second):
		// MaxAge: 600, Express's maxAge in seconds, is 600ns here.
		fail("MaxAge", d.String(), "Access-Control-Max-Age counts whole seconds, and a time.Duration written as a bare number counts nanoseconds",
			"use "+secondsExpr(int64(d)))
	case d%time.Second != 0:
		whole := int64(d / time.Second)
		fix := "use " + secondsExpr(whole+1)
		if whole > 0 {
			fix = "use " + secondsExpr(whole) + " or " + secondsExpr(whole+1)
		}
		fail("MaxAge", d.String(), "Access-Control-Max-Age counts whole seconds", fix)
	case d > 0:
		p.maxAge = strconv.FormatInt(int64(d/time.Second), 10)
	}
	p.status = cfg.OptionsSuccessStatus
	switch {
	case p.status == 0:
		p.status = 204
	case p.status < 200 || p.status > 299:
		fail("OptionsSuccessStatus", strconv.Itoa(p.status), "browsers fail a preflight whose status is not in 200-299", "use 204 or 200")
	}
	p.continues = cfg.PreflightContinue
	p.privateNetwork = cfg.AllowPrivateNetwork

	// Vary. A "*" response does not depend on Origin.
	if !p.anyOrigin {
		p.varyActual = []string{"Origin"}
	}
	p.varyPreflight = append([]string(nil), p.varyActual...)
	if p.reflectMethod {
		p.varyPreflight = append(p.varyPreflight, "Access-Control-Request-Method")
	}
	if p.reflectHeaders {
		// Express's cors does the same (expressjs/cors#61).
		p.varyPreflight = append(p.varyPreflight, "Access-Control-Request-Headers")
	}
	if p.privateNetwork {
		p.varyPreflight = append(p.varyPreflight, "Access-Control-Request-Private-Network")
	}
	p.varyActualLine = strings.Join(p.varyActual, ", ")
	p.varyPreflightLine = strings.Join(p.varyPreflight, ", ")

	// How many header values a response can carry, so that each makes one
	// allocation of the right size: an allowed actual response, Vary
	// included; an allowed preflight, besides the Vary and Content-Length
	// that any preflight response may carry. Reflected request headers may
	// span several field lines; those are counted per request.
	p.actualSlots = 1 + btoi(p.credentials) + btoi(p.exposeHeaders != "") + btoi(!p.anyOrigin)
	p.preflightSlots = 1 + btoi(p.credentials) + btoi(p.allowMethods != "" || p.reflectMethod) +
		btoi(p.allowHeaders != "") + btoi(p.maxAge != "") + btoi(p.privateNetwork)

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
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

func (p *policy) addSubdomains(pat originPattern) {
	var d *domains
	for i := range p.subdomains {
		if p.subdomains[i].scheme == pat.scheme {
			d = &p.subdomains[i]
		}
	}
	if d == nil {
		p.subdomains = append(p.subdomains, domains{scheme: pat.scheme, ports: map[string]struct{}{}, anyPort: map[string]struct{}{}})
		d = &p.subdomains[len(p.subdomains)-1]
	}
	key := pat.host
	switch {
	case pat.anyPort:
		d.anyPort[key] = struct{}{}
	case pat.port != "":
		key += ":" + pat.port
		fallthrough
	default:
		d.ports[key] = struct{}{}
	}
	d.lens[len(key)] = true // key is a valid host and port: see lens
}

// at names the element i of a slice field, for error messages.
func at(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// Why an AllowOriginRegexps entry can never serve as intended.
const (
	regexpUnanchored = "the regexp is not anchored, so it also matches lookalike origins that merely contain a match"
	regexpNoScheme   = "no string it matches has a scheme, so it matches no origin"
	regexpPath       = `every string it matches has a path, which an origin never has (no "/" after the host)`
)

// regexpProblem says why the AllowOriginRegexps entry src can never serve
// as intended, and what to write instead, or returns "", "". A suggested
// expression is offered only when it passes the same check.
func regexpProblem(src string) (problem, fix string) {
	switch problem = regexpFault(src); problem {
	case regexpUnanchored:
		fix = suggestRegexp("anchor it", `put ^ before and $ after every alternative, without the (?m) flag`,
			anchor(src), anchor(strings.Replace(src, "(?m)", "", 1)), "^(?:"+src+")$")
	case regexpNoScheme:
		// Every origin but "null", which no regexp may admit, has "://".
		fix = suggestRegexp("start it with the scheme", `begin it with ^https:// as in "^https://app\.example\.com$"`,
			insertAfterCaret(src, "https://"))
	case regexpPath:
		fix = suggestRegexp("drop the path", `end it with the host or port, as in "^https://app\.example\.com$"`,
			strings.TrimSuffix(src, "/$")+"$")
	}
	return problem, fix
}

// regexpFault returns one of the regexp problems above, or "".
func regexpFault(src string) string {
	tree, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return regexpUnanchored // not one regexp.Compile accepted
	}
	tree = tree.Simplify()
	switch {
	case !anchoredTree(tree):
		return regexpUnanchored
	case !mayMatchColon(tree):
		return regexpNoScheme
	case endsWithSlash(tree) || hasPathLiteral(tree):
		return regexpPath
	}
	return ""
}

// suggestRegexp returns "verb: regexp.MustCompile(...)" with the first
// candidate that is a valid AllowOriginRegexps entry, or the advice in
// words when none is.
func suggestRegexp(verb, words string, candidates ...string) string {
	for _, c := range candidates {
		if _, err := regexp.Compile(c); err == nil && regexpFault(c) == "" {
			return fmt.Sprintf("%s: regexp.MustCompile(%q)", verb, c)
		}
	}
	return words
}

func insertAfterCaret(src, text string) string {
	if !strings.HasPrefix(src, "^") {
		return ""
	}
	return "^" + text + src[1:]
}

// mayMatchColon reports whether some string t matches may contain ":".
// It errs towards yes: it only has to spot expressions that never could.
func mayMatchColon(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		return strings.ContainsRune(string(t.Rune), ':')
	case syntax.OpCharClass:
		for i := 0; i+1 < len(t.Rune); i += 2 {
			if t.Rune[i] <= ':' && ':' <= t.Rune[i+1] {
				return true
			}
		}
		return false
	}
	for _, s := range t.Sub {
		if mayMatchColon(s) {
			return true
		}
	}
	return false
}

// endsWithSlash reports whether every alternative of an anchored t ends in
// a literal "/" just before $: an origin never ends so.
func endsWithSlash(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpCapture:
		return endsWithSlash(t.Sub[0])
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			if !endsWithSlash(s) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		if n := len(t.Sub); n >= 2 && t.Sub[n-1].Op == syntax.OpEndText {
			last := t.Sub[n-2]
			return last.Op == syntax.OpLiteral && last.Rune[len(last.Rune)-1] == '/'
		}
	}
	return false
}

// hasPathLiteral reports whether every alternative of t requires a "/"
// right after a byte that is neither ":" nor "/", which happens in a URL
// only in its path.
func hasPathLiteral(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpCapture:
		return hasPathLiteral(t.Sub[0])
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			if !hasPathLiteral(s) {
				return false
			}
		}
		return true
	case syntax.OpLiteral:
		for i := 1; i < len(t.Rune); i++ {
			if t.Rune[i] == '/' && t.Rune[i-1] != ':' && t.Rune[i-1] != '/' {
				return true
			}
		}
	case syntax.OpConcat:
		for _, s := range t.Sub {
			if hasPathLiteral(s) {
				return true
			}
		}
	}
	return false
}

// anchoredTree reports whether t, simplified, can only match a whole
// string: every alternative starts with ^ and ends with $ (without the m
// flag, where they would match at line breaks).
func anchoredTree(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpCapture:
		return anchoredTree(t.Sub[0])
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			if !anchoredTree(s) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		return len(t.Sub) >= 2 && startsText(t.Sub[0]) && endsText(t.Sub[len(t.Sub)-1])
	}
	return false
}

func startsText(t *syntax.Regexp) bool {
	if t.Op == syntax.OpCapture || (t.Op == syntax.OpConcat && len(t.Sub) > 0) {
		return startsText(t.Sub[0])
	}
	return t.Op == syntax.OpBeginText
}

func endsText(t *syntax.Regexp) bool {
	if t.Op == syntax.OpCapture || (t.Op == syntax.OpConcat && len(t.Sub) > 0) {
		return endsText(t.Sub[len(t.Sub)-1])
	}
	return t.Op == syntax.OpEndText
}

// anchor suggests the anchored form of an expression.
func anchor(src string) string {
	core := strings.TrimSuffix(strings.TrimPrefix(src, "^"), "$")
	if strings.Contains(core, "|") {
		return "^(?:" + core + ")$"
	}
	return "^" + core + "$"
}

// isToken reports whether s is an HTTP token (RFC 9110, section 5.6.2), the
// syntax of method and header names.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tchar[s[i]] {
			return false
		}
	}
	return true
}

// tchar is the set of token bytes: "!#$%&'*+-.^_`|~", digits and letters.
var tchar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

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

func contains(list []string, s string, fold bool) bool {
	for _, v := range list {
		if v == s || (fold && strings.EqualFold(v, s)) {
			return true
		}
	}
	return false
}

func set(list []string, lower bool) map[string]struct{} {
	m := make(map[string]struct{}, len(list))
	for _, s := range list {
		if lower {
			s = strings.ToLower(s)
		}
		m[s] = struct{}{}
	}
	return m
}
