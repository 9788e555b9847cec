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

// serve classifies the request (Fetch, "HTTP requests"), asks the origin
// matcher, and writes the headers the answer calls for.
func (p *policy) serve(c *gin.Context) {
	h := c.Writer.Header()
	origins := c.Request.Header[headerOrigin]
	switch {
	case len(origins) > 0 && c.Request.Method == http.MethodOptions && c.Request.Header[headerRequestMethod] != nil:
		// A preflight is OPTIONS with Origin and Access-Control-Request-Method;
		// any other OPTIONS is an actual request for the user's handler.
		p.servePreflight(c, h, origins)
	case len(origins) > 0:
		p.serveActual(c, h, origins)
	case p.origins.anyOrigin:
		// A request without Origin is no CORS request, but a cache may give
		// its response to one later (Fetch, "CORS protocol and HTTP caches"),
		// so a "*" policy answers it as it answers every origin.
		p.servePublic(h)
	default:
		// Any other policy says that the response depends on Origin.
		vary := h[headerVary]
		s := make(slots, 1+len(vary))
		s.vary(h, vary, p.varyActual, p.varyActualLine)
	}
}

// servePublic answers a request without Origin under "*": the headers of an
// allowed actual request, which a "*" policy sends to every origin. It adds
// no Vary, since a "*" response does not depend on Origin.
func (p *policy) servePublic(h http.Header) {
	s := make(slots, p.actualSlots)
	p.writeActualHeaders(h, &s, "*")
}

// serveActual answers a CORS request that is not a preflight. A disallowed
// origin gets no CORS headers, and the handler runs all the same: CORS
// protects the reader, not the server, and a 403 would break clients that
// are no browsers (gin-contrib/cors#184).
func (p *policy) serveActual(c *gin.Context, h http.Header, origins []string) {
	allowed := p.origins.allows(c, origins)
	// Read Vary only now: AllowOriginFunc may have added to it.
	vary := h[headerVary]
	n := len(vary) + 1
	if allowed {
		n = len(vary) + p.actualSlots
	}
	s := make(slots, n)
	switch {
	case allowed:
		p.writeActualHeaders(h, &s, p.origins.allowOriginValue(origins))
		if p.debug != nil && !p.credentials {
			if why := p.explainCredentials(c, origins); why != "" {
				p.debug(c, why)
			}
		}
	case p.debug != nil:
		p.debug(c, p.explainOrigin(c, "actual request", origins))
	}
	if p.varyActualLine != "" {
		s.vary(h, vary, p.varyActual, p.varyActualLine)
	}
}

// writeActualHeaders writes the CORS headers of an allowed actual request.
func (p *policy) writeActualHeaders(h http.Header, s *slots, allowOrigin string) {
	s.set(h, headerAllowOrigin, allowOrigin)
	if p.credentials {
		s.set(h, headerAllowCreds, "true")
	}
	if p.exposeHeaders != "" {
		s.set(h, headerExposeHeaders, p.exposeHeaders)
	}
}

// servePreflight answers a preflight (Fetch, "CORS-preflight fetch"). The
// allow-lists are sent as configured and the browser compares them with the
// request, so its console names the method or header that failed; the
// middleware itself only decides the origin.
func (p *policy) servePreflight(c *gin.Context, h http.Header, origins []string) {
	allowed := p.origins.allows(c, origins)
	var reflected []string // the request headers to reflect, if any
	if allowed && p.reflectHeaders {
		lines := c.Request.Header[headerRequestHeaders]
		switch checkRequestHeaders(lines) {
		case headersValid:
			reflected = lines
		case headersValidWithAuthorization:
			// Fetch never lets "*" cover Authorization; reflecting it for
			// "*" with credentials would.
			if !p.wildcardHeaders {
				reflected = lines
			}
		}
	}
	vary := h[headerVary]
	n := len(vary) + p.preflightEndSlots
	if allowed {
		n += p.preflightSlots + len(reflected)
	}
	s := make(slots, n)
	if allowed {
		p.writePreflightHeaders(c.Request.Header, h, &s, p.origins.allowOriginValue(origins), reflected)
	}
	if p.debug != nil {
		if why := p.explainPreflight(c, allowed, origins, reflected != nil); why != "" {
			p.debug(c, why)
		}
	}
	if p.varyPreflightLine != "" {
		s.vary(h, vary, p.varyPreflight, p.varyPreflightLine)
	}
	if p.preflightContinue {
		return
	}
	// An empty body, said explicitly as Express does, except on 204, where
	// RFC 9110 (section 8.6) forbids Content-Length and net/http drops it.
	if p.preflightStatus != http.StatusNoContent {
		s.set(h, headerContentLength, "0")
	}
	c.AbortWithStatus(p.preflightStatus)
}

// writePreflightHeaders writes the CORS headers of an allowed preflight;
// req is the request's header, reflected the request headers to reflect.
func (p *policy) writePreflightHeaders(req, h http.Header, s *slots, allowOrigin string, reflected []string) {
	s.set(h, headerAllowOrigin, allowOrigin)
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
	if reflected != nil {
		s.setLines(h, headerAllowHeaders, reflected)
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
