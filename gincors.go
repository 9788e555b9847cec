package gincors

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// New returns a Gin middleware that applies cfg. It panics with
// [Config.Validate]'s error if cfg is invalid, as [regexp.MustCompile] does: a CORS policy is
// written by the programmer, and a wrong one should stop the program at
// start-up, not fail in a browser later.
//
// Use it for a whole engine with r.Use(New(cfg)): Gin runs engine middleware
// on its 404 and 405 chains, so preflights are answered without any OPTIONS
// route. For a route group use [Mount]; for a single route, register the
// middleware on the route and on OPTIONS for the same path, as in Express:
//
//	cors := gincors.New(cfg)
//	r.GET("/items", cors, listItems)
//	r.OPTIONS("/items", cors)
func New(cfg Config) gin.HandlerFunc {
	p, err := compile(cfg)
	if err != nil {
		panic(err)
	}
	return p.serve
}

// Default returns the middleware Express's cors() is: any origin, the methods
// GET,HEAD,PUT,PATCH,POST,DELETE, the preflight's request headers reflected,
// no credentials.
func Default() gin.HandlerFunc {
	return New(DefaultConfig())
}

// Mount applies cors to the routes added to the group g after it, and
// registers cors for OPTIONS on the group's own path and on every path below
// it (OPTIONS g and OPTIONS g/*path), so that preflights reach it: Gin runs a
// group's middleware only for a route that matched, and without these routes
// a preflight gets 404 or 405 (gin-contrib/cors#35, rs/cors#102), or, for a
// route on the group's own path, the trailing-slash redirect, which a
// preflight cannot follow.
//
// Gin allows no other OPTIONS route next to a catch-all, so the group, the
// groups inside it and the groups around it can have no OPTIONS routes of
// their own, and no second Mount: Mount panics with advice when Gin refuses
// its routes. Such a group needs cors on each route and on OPTIONS for the
// route's path, before any OPTIONS handler of its own, or the middleware on
// the engine.
func Mount(g gin.IRoutes, cors gin.HandlerFunc) {
	// g/*path matches g/ and everything below it; g itself needs its own
	// route, except for a base path that ends in "/" ("/" for the root
	// group), where Gin would refuse it as a duplicate of the catch-all.
	base := ""
	if b, ok := g.(interface{ BasePath() string }); ok {
		base = b.BasePath()
	}
	if !strings.HasSuffix(base, "/") {
		mountOptions(g, base, "", cors)
	}
	mountOptions(g, base, "/*path", cors)
	// Last, so that the OPTIONS routes above run cors once, not twice.
	g.Use(cors)
}

// mountOptions registers cors for OPTIONS base+path, and turns Gin's panic
// about a conflicting route into one that says what to do.
func mountOptions(g gin.IRoutes, base, path string, cors gin.HandlerFunc) {
	defer func() {
		if r := recover(); r != nil {
			panic(fmt.Sprintf("gincors.Mount: Gin refuses OPTIONS %s%s (%v): "+
				"Mount owns every OPTIONS route on and below its group's path, so it "+
				"cannot share them with the group's own OPTIONS routes or with a Mount "+
				"on a group inside or around it; mount only one of the nested groups, "+
				"or put cors on each route and on OPTIONS for its path, or use "+
				"engine.Use(cors)", strings.TrimSuffix(base, "/"), path, r))
		}
	}()
	g.OPTIONS(path, cors)
}

// Middleware is a CORS policy that can be replaced while it serves, for
// allowed origins kept in a database. Requests in flight finish under the
// policy they started with; the next ones see the new one.
//
// The zero Middleware is ready to use and allows no origin: it answers as
// a policy whose AllowOriginFunc always returns false (Vary: Origin, no CORS
// headers, preflights ended with 204) until [Middleware.Reconfigure] gives
// it a policy.
type Middleware struct {
	policy atomic.Pointer[policy]
}

// denyAll is the zero Middleware's policy.
var denyAll = func() *policy {
	p, err := compile(Config{
		AllowOriginFunc: func(*gin.Context, string) bool { return false },
		AllowMethods:    []string{}, // nothing is reflected, so only Origin varies
		AllowHeaders:    []string{},
	})
	if err != nil {
		panic(err)
	}
	return p
}()

// NewMiddleware returns a [Middleware] that applies cfg, or
// [Config.Validate]'s error.
func NewMiddleware(cfg Config) (*Middleware, error) {
	m := new(Middleware)
	if err := m.Reconfigure(cfg); err != nil {
		return nil, err
	}
	return m, nil
}

// Handler returns the Gin middleware; every handler it returns applies the
// current policy.
func (m *Middleware) Handler() gin.HandlerFunc {
	return func(c *gin.Context) {
		p := m.policy.Load()
		if p == nil {
			p = denyAll
		}
		p.serve(c)
	}
}

// Reconfigure replaces the policy with cfg, atomically. If cfg is invalid it
// returns [Config.Validate]'s error and the current policy stays.
func (m *Middleware) Reconfigure(cfg Config) error {
	p, err := compile(cfg)
	if err != nil {
		return err
	}
	m.policy.Store(p)
	return nil
}

// Header names in canonical form, so that the request path indexes the
// header maps directly.
const (
	headerOrigin         = "Origin"
	headerRequestMethod  = "Access-Control-Request-Method"
	headerRequestHeaders = "Access-Control-Request-Headers"
	headerRequestPrivate = "Access-Control-Request-Private-Network"
	headerAllowOrigin    = "Access-Control-Allow-Origin"
	headerAllowCreds     = "Access-Control-Allow-Credentials"
	headerAllowMethods   = "Access-Control-Allow-Methods"
	headerAllowHeaders   = "Access-Control-Allow-Headers"
	headerAllowPrivate   = "Access-Control-Allow-Private-Network"
	headerExposeHeaders  = "Access-Control-Expose-Headers"
	headerMaxAge         = "Access-Control-Max-Age"
	headerVary           = "Vary"
	headerContentLength  = "Content-Length"
)

// serve classifies the request (Fetch, "HTTP requests") and writes the
// headers its class calls for.
func (p *policy) serve(c *gin.Context) {
	h := c.Writer.Header()
	origins := c.Request.Header[headerOrigin]
	switch {
	case len(origins) > 0 && c.Request.Method == http.MethodOptions && c.Request.Header[headerRequestMethod] != nil:
		// A preflight is OPTIONS with Origin and Access-Control-Request-Method;
		// any other OPTIONS is an actual request for the user's handler.
		p.servePreflight(c, h, origins)
	case len(origins) > 0 || p.anyOrigin:
		// A request without Origin is no CORS request, but a cache may give
		// its response to one later (Fetch, "CORS protocol and HTTP caches"),
		// so a "*" policy answers it as it answers every origin.
		p.serveActual(c, h, origins)
	default:
		// Any other policy says that the response depends on Origin.
		vary := h[headerVary]
		s := make(slots, 1+len(vary))
		s.vary(h, vary, p.varyActual, p.varyActualLine)
	}
}

// serveActual answers a CORS request that is not a preflight. A disallowed
// origin gets no CORS headers, and the handler runs all the same: CORS
// protects the reader, not the server, and a 403 would break clients that
// are no browsers (gin-contrib/cors#184).
func (p *policy) serveActual(c *gin.Context, h http.Header, origins []string) {
	allowed := p.allow(c, origins)
	// Read Vary only now: AllowOriginFunc may have added to it.
	vary := h[headerVary]
	n := len(vary) + 1
	if allowed {
		n = len(vary) + p.actualSlots
	}
	s := make(slots, n)
	if allowed {
		s.set(h, headerAllowOrigin, p.allowOriginValue(origins))
		if p.credentials {
			s.set(h, headerAllowCreds, "true")
		}
		if p.exposeHeaders != "" {
			s.set(h, headerExposeHeaders, p.exposeHeaders)
		}
	} else if p.debug != nil {
		p.debug(c, explainOrigin(c, "actual request", origins))
	}
	if p.varyActualLine != "" {
		s.vary(h, vary, p.varyActual, p.varyActualLine)
	}
}

// servePreflight answers a preflight (Fetch, "CORS-preflight fetch"). The
// allow-lists are sent as configured and the browser compares them with the
// request, so its console names the method or header that failed; the
// middleware itself only decides the origin.
func (p *policy) servePreflight(c *gin.Context, h http.Header, origins []string) {
	req := c.Request.Header
	allowed := p.allow(c, origins)
	var requestHeaders []string
	if allowed && p.reflectHeaders {
		lines := req[headerRequestHeaders]
		switch checkRequestHeaders(lines) {
		case headersValid:
			requestHeaders = lines
		case headersValidWithAuthorization:
			// Fetch never lets "*" cover Authorization; reflecting it for
			// "*" with credentials would.
			if !p.wildcardHeaders {
				requestHeaders = lines
			}
		}
	}
	vary := h[headerVary]
	n := len(vary) + 2 // Vary and Content-Length
	if allowed {
		n += p.preflightSlots + len(requestHeaders)
	}
	s := make(slots, n)
	if allowed {
		s.set(h, headerAllowOrigin, p.allowOriginValue(origins))
		if p.credentials {
			s.set(h, headerAllowCreds, "true")
		}
		if p.reflectMethod {
			// Reflect a single method token only, never a list the client
			// made up (google/go-safeweb#372).
			if m := req[headerRequestMethod]; len(m) == 1 && isToken(m[0]) {
				s.set(h, headerAllowMethods, m[0])
			}
		} else if p.allowMethods != "" {
			s.set(h, headerAllowMethods, p.allowMethods)
		}
		if requestHeaders != nil {
			s.setLines(h, headerAllowHeaders, requestHeaders)
		} else if p.allowHeaders != "" {
			s.set(h, headerAllowHeaders, p.allowHeaders)
		}
		if p.maxAge != "" {
			s.set(h, headerMaxAge, p.maxAge)
		}
		if p.privateNetwork {
			if v := req[headerRequestPrivate]; len(v) == 1 && v[0] == "true" {
				s.set(h, headerAllowPrivate, "true")
			}
		}
	}
	if p.debug != nil {
		if why := p.explainPreflight(c, allowed, origins, requestHeaders != nil); why != "" {
			p.debug(c, why)
		}
	}
	if p.varyPreflightLine != "" {
		s.vary(h, vary, p.varyPreflight, p.varyPreflightLine)
	}
	if p.continues {
		return
	}
	// An empty body, said explicitly as Express does, except on 204, where
	// RFC 9110 (section 8.6) forbids Content-Length and net/http drops it.
	if p.status != http.StatusNoContent {
		s.set(h, headerContentLength, "0")
	}
	c.AbortWithStatus(p.status)
}

// allow reports whether the request's origin is allowed: by "*", an exact
// entry, an any-port or subdomain pattern, a regexp, or, last, the function.
func (p *policy) allow(c *gin.Context, origins []string) bool {
	if p.anyOrigin {
		return true
	}
	// Browsers send one Origin; two would be reflected as "a, b", which no
	// browser accepts (expressjs/cors reflects them joined).
	if len(origins) != 1 {
		return false
	}
	o := origins[0]
	if len(o) > maxOriginLen {
		return false
	}
	if _, ok := p.exact[o]; ok {
		return true
	}
	// "null" is allowed only by an exact entry: any page can send it from a
	// sandboxed iframe, so neither a pattern nor the function may admit it.
	if !p.parsed || o == "null" {
		return false
	}
	scheme, host, _, ok := parseOrigin(o)
	if !ok {
		return false
	}
	if p.anyPort != nil {
		if _, ok := p.anyPort[o[:len(scheme)+len("://")+len(host)]]; ok {
			return true
		}
	}
	for i := range p.subdomains {
		d := &p.subdomains[i]
		if d.scheme != scheme {
			continue
		}
		// Try each parent domain of host, so the cost depends on the number
		// of labels, not of patterns; the label before it is never empty.
		hostPort := o[len(scheme)+len("://"):]
		for i := 1; i < len(host); i++ {
			if host[i] != '.' {
				continue
			}
			if rest := hostPort[i+1:]; d.hasLen(len(rest)) {
				if _, ok := d.ports[rest]; ok {
					return true
				}
			}
			if domain := host[i+1:]; d.hasLen(len(domain)) {
				if _, ok := d.anyPort[domain]; ok {
					return true
				}
			}
		}
	}
	for _, re := range p.regexps {
		if re.MatchString(o) {
			return true
		}
	}
	return p.originFunc != nil && p.originFunc(c, o)
}

// allowOriginValue is the ACAO of an allowed request: "*" for an any-origin
// policy, else the origin itself.
func (p *policy) allowOriginValue(origins []string) string {
	if p.anyOrigin {
		return "*"
	}
	return origins[0]
}

// Limits of the Access-Control-Request-Headers a preflight may carry to be
// reflected. A browser sends one line with one name per custom header, so
// they are generous; anything beyond is answered without scanning it
// (rs/cors#170: 1 MiB of commas cost 127 ms per request).
const (
	maxRequestHeadersLines = 16
	maxRequestHeadersLen   = 4096
)

// requestHeaders is the verdict on a preflight's
// Access-Control-Request-Headers lines.
type requestHeaders uint8

const (
	headersValid                  requestHeaders = iota // a list of header names
	headersValidWithAuthorization                       // the same, naming Authorization
	headersAbsent
	headersTooManyLines // more than maxRequestHeadersLines
	headersTooLong      // more than maxRequestHeadersLen bytes
	headersMalformed    // not a comma-separated list of tokens
)

func (v requestHeaders) valid() bool { return v <= headersValidWithAuthorization }

// checkRequestHeaders judges Access-Control-Request-Headers lines: each a
// comma-separated list of tokens with optional spaces or tabs around them.
// The limits are checked first and the scan stops at the first bad byte,
// so its cost is bounded whatever a client sends.
func checkRequestHeaders(lines []string) requestHeaders {
	switch {
	case len(lines) == 0:
		return headersAbsent
	case len(lines) > maxRequestHeadersLines:
		return headersTooManyLines
	}
	total := 0
	for _, l := range lines {
		if total += len(l); total > maxRequestHeadersLen {
			return headersTooLong
		}
	}
	verdict := headersValid
	for _, l := range lines {
		names := 0
		for i := 0; i < len(l); {
			for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
				i++
			}
			start := i
			for i < len(l) && tchar[l[i]] {
				i++
			}
			if i == start {
				return headersMalformed // an empty element or a byte that is no token
			}
			if i-start == len("authorization") && strings.EqualFold(l[start:i], "authorization") {
				verdict = headersValidWithAuthorization
			}
			names++
			for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
				i++
			}
			if i < len(l) {
				if l[i] != ',' || i == len(l)-1 {
					return headersMalformed
				}
				i++
			}
		}
		if names == 0 {
			return headersMalformed
		}
	}
	return verdict
}

// slots hands out the header values of one response from a single
// allocation. Each value gets its own slice with no spare capacity, so the
// header map never holds a slice shared with another request (rs/cors#198),
// and a handler's append copies instead of writing into a neighbour.
type slots []string

func (s *slots) set(h http.Header, key, value string) {
	b := *s
	b[0] = value
	h[key] = b[:1:1]
	*s = b[1:]
}

func (s *slots) setLines(h http.Header, key string, values []string) {
	b := *s
	n := copy(b, values)
	h[key] = b[:n:n]
	*s = b[n:]
}

// vary adds tokens to the response's Vary, whose values are old, keeping what is there, adding no
// token twice (case-insensitively) and leaving "Vary: *" alone, as Express's
// vary module does. line is the tokens joined, for the common case.
func (s *slots) vary(h http.Header, old, tokens []string, line string) {
	if len(old) == 0 {
		s.set(h, headerVary, line)
		return
	}
	if line = missingVary(old, tokens, line); line == "" {
		return
	}
	b := *s
	n := copy(b, old)
	b[n] = line
	h[headerVary] = b[: n+1 : n+1]
	*s = b[n+1:]
}

// missingVary returns the tokens not yet in the Vary values old, joined, or
// "" when none is missing or old holds "*".
func missingVary(old, tokens []string, line string) string {
	var found uint // bit i: tokens[i] is present
	for _, v := range old {
		for v != "" {
			var e string
			e, v, _ = strings.Cut(v, ",")
			e = strings.TrimSpace(e)
			if e == "*" {
				return ""
			}
			for i, t := range tokens {
				if strings.EqualFold(e, t) {
					found |= 1 << i
				}
			}
		}
	}
	switch found {
	case 0:
		return line
	case 1<<len(tokens) - 1:
		return ""
	}
	var missing []string
	for i, t := range tokens {
		if found&(1<<i) == 0 {
			missing = append(missing, t)
		}
	}
	return strings.Join(missing, ", ")
}
