package gincors

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
)

// Allocation budgets and benchmarks of the request path. The comparison
// with peers lives in the benchmarks module.

// TestAllocations shows that, with Debug off, every path of the request
// makes at most one allocation: the header values it writes.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own; run without -race to count allocations")
	}
	many := make([]string, 500)
	for i := range many {
		many[i] = fmt.Sprintf("https://app%03d.example.com", i)
	}
	policies := map[string]Config{
		"list":     listConfig,
		"many":     {AllowOrigins: many, AllowCredentials: true},
		"star":     DefaultConfig(),
		"patterns": {AllowOrigins: []string{"https://*.example.com"}, AllowHeaders: []string{"*"}, AllowCredentials: true},
	}
	requests := map[string]*http.Request{
		"actual allowed":     newRequest("GET", "/x", "Origin", "https://app.example.com"),
		"actual from many":   newRequest("GET", "/x", "Origin", "https://app499.example.com"),
		"actual disallowed":  newRequest("GET", "/x", "Origin", evilOrigin),
		"no Origin":          newRequest("GET", "/x"),
		"preflight allowed":  newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type"),
		"preflight rejected": newRequest("OPTIONS", "/x", "Origin", evilOrigin, "Access-Control-Request-Method", "PUT"),
		"preflight 1 MiB":    newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", strings.Repeat(",", 1<<20)),
	}
	for pname, cfg := range policies {
		e := gin.New()
		e.Use(New(cfg))
		e.GET("/x", func(c *gin.Context) { c.Status(200) })
		w := &reusableWriter{h: http.Header{}}
		for rname, r := range requests {
			t.Run(pname+"/"+rname, func(t *testing.T) {
				allocs := testing.AllocsPerRun(100, func() {
					clear(w.h)
					e.ServeHTTP(w, r)
				})
				assert.LessOrEqual(t, allocs, 1.0)
			})
		}
	}
}

// BenchmarkServe measures the middleware alone, for profiling; the
// comparison with peers lives in the benchmarks module.
func BenchmarkServe(b *testing.B) {
	quiet := listConfig
	debug := listConfig
	debug.Debug = func(*gin.Context, string) {}
	for _, tc := range []struct {
		name string
		cfg  Config
		req  *http.Request
	}{
		{"actual", quiet, newRequest("GET", "/x", "Origin", appOrigin)},
		{"actual/debug", debug, newRequest("GET", "/x", "Origin", appOrigin)},
		{"preflight", quiet, newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT")},
		{"preflight/debug", debug, newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT")},
	} {
		b.Run(tc.name, func(b *testing.B) { benchmarkMiddleware(b, New(tc.cfg), tc.req) })
	}
}

// benchmarkMiddleware measures an engine that runs mw before a handler
// that only sets the status, answering r into a header map cleared each
// time, so that allocations are the middleware's and Gin's.
func benchmarkMiddleware(b *testing.B, mw gin.HandlerFunc, r *http.Request) {
	e := gin.New()
	e.Use(mw)
	e.GET("/x", func(c *gin.Context) { c.Status(200) })
	w := &reusableWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		e.ServeHTTP(w, r)
	}
}

// BenchmarkRequiredWork compares gincors, path by path, with the least any
// middleware can do there under this package's rules (requiredWorkPaths),
// and with no middleware at all. BENCHMARKS.md uses it to show how close to
// that floor gincors runs.
//
//	go test -run '^$' -bench RequiredWork -count 6 -benchtime 300ms .
func BenchmarkRequiredWork(b *testing.B) {
	for _, path := range requiredWorkPaths() {
		for _, mw := range []struct {
			name string
			h    gin.HandlerFunc
		}{{"none", func(*gin.Context) {}}, {"floor", path.floor}, {"gincors", New(path.cfg)}} {
			b.Run("path="+path.name+"/mw="+mw.name, func(b *testing.B) { benchmarkMiddleware(b, mw.h, path.req) })
		}
	}
}

// requiredWorkPath is a path of the request through the middleware: a
// request, the policy gincors applies to it, and the floor, a middleware
// that gives the same answer doing only what the rules require.
type requiredWorkPath struct {
	name  string
	req   *http.Request
	floor gin.HandlerFunc
	cfg   Config
}

// requiredWorkPaths returns the paths BenchmarkRequiredWork measures. The
// floor reads Vary (it must append to it, never replace it), tells a
// preflight by its Access-Control-Request-Method, finds the origin (one
// exact lookup; for a subdomain pattern, a prefix, a suffix and the labels
// in front), makes one allocation for the header values, private to the
// response, and writes them; a preflight also ends the chain with 204.
func requiredWorkPaths() []requiredWorkPath {
	allowed := map[string]struct{}{appOrigin: {}}
	exact := func(o []string) bool {
		if len(o) != 1 {
			return false
		}
		_, ok := allowed[o[0]]
		return ok
	}
	subdomain := func(o []string) bool {
		if len(o) != 1 || !strings.HasPrefix(o[0], "https://") || !strings.HasSuffix(o[0], ".example.com") {
			return false
		}
		return validLabels(o[0][len("https://") : len(o[0])-len(".example.com")])
	}
	actual := func(match func([]string) bool) gin.HandlerFunc {
		return func(c *gin.Context) {
			readVary(c.Writer.Header())
			if o := c.Request.Header[headerOrigin]; match(o) {
				writeFromOneAllocation(c.Writer.Header(), headerAllowOrigin, o[0], headerVary, "Origin")
			} else {
				writeFromOneAllocation(c.Writer.Header(), headerVary, "Origin")
			}
		}
	}
	preflight := func(c *gin.Context) {
		if c.Request.Method != http.MethodOptions || c.Request.Header[headerRequestMethod] == nil {
			return // no preflight: classifying it is required work too
		}
		readVary(c.Writer.Header())
		if o := c.Request.Header[headerOrigin]; exact(o) {
			writeFromOneAllocation(c.Writer.Header(), headerAllowOrigin, o[0], headerAllowMethods, "GET,POST,PUT,DELETE",
				headerAllowHeaders, "Authorization,Content-Type", headerMaxAge, "600", headerVary, "Origin")
		} else {
			writeFromOneAllocation(c.Writer.Header(), headerVary, "Origin")
		}
		c.AbortWithStatus(http.StatusNoContent)
	}
	exactOnly := Config{AllowOrigins: []string{appOrigin}}
	preflights := Config{AllowOrigins: []string{appOrigin}, AllowMethods: []string{"GET", "POST", "PUT", "DELETE"},
		AllowHeaders: []string{"Authorization", "Content-Type"}, MaxAge: 10 * time.Minute}
	pf := func(origin string) *http.Request {
		return newRequest("OPTIONS", "/x", "Origin", origin, headerRequestMethod, "PUT")
	}
	return []requiredWorkPath{
		{"actual-allowed", newRequest("GET", "/x", "Origin", appOrigin), actual(exact), exactOnly},
		{"actual-disallowed", newRequest("GET", "/x", "Origin", evilOrigin), actual(exact), exactOnly},
		{"actual-no-origin", newRequest("GET", "/x"), actual(exact), exactOnly},
		{"actual-subdomain", newRequest("GET", "/x", "Origin", "https://app499.eu.example.com"), actual(subdomain),
			Config{AllowOrigins: []string{"https://*.example.com"}}},
		{"preflight-allowed", pf(appOrigin), preflight, preflights},
		{"preflight-disallowed", pf(evilOrigin), preflight, preflights},
	}
}

// writeFromOneAllocation writes header values, kv holding names and values
// in turn, each in its own slice cut from one allocation.
func writeFromOneAllocation(h http.Header, kv ...string) {
	s := make([]string, len(kv)/2)
	for i := range s {
		s[i] = kv[2*i+1]
		h[kv[2*i]] = s[i : i+1 : i+1]
	}
}

// readVary reads the response's Vary, as a middleware that appends to it
// must. The benchmark's responses have none, so the floor writes Vary
// whole; it fails loudly if that ever changes.
func readVary(h http.Header) {
	if len(h[headerVary]) > 0 {
		panic("the floor appends to no earlier Vary")
	}
}
