package gincors

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

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
		b.Run(tc.name, func(b *testing.B) {
			e := gin.New()
			e.Use(New(tc.cfg))
			e.GET("/x", func(c *gin.Context) { c.Status(200) })
			w := &reusableWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				e.ServeHTTP(w, tc.req)
			}
		})
	}
}

// BenchmarkRequiredWork compares gincors on an allowed actual request with
// the least any middleware can do under this package's rules (one exact
// lookup, one allocation of private header values, ACAO and Vary written)
// and with no middleware at all. BENCHMARKS.md uses it to show how close
// to that floor gincors runs.
func BenchmarkRequiredWork(b *testing.B) {
	allowed := map[string]struct{}{appOrigin: {}}
	for _, tc := range []struct {
		name string
		mw   gin.HandlerFunc
	}{
		{"none", func(*gin.Context) {}},
		{"floor", func(c *gin.Context) {
			o := c.Request.Header["Origin"]
			if len(o) != 1 {
				return
			}
			if _, ok := allowed[o[0]]; !ok {
				return
			}
			h := c.Writer.Header()
			s := make([]string, 2)
			s[0], s[1] = o[0], "Origin"
			h[headerAllowOrigin] = s[0:1:1]
			h[headerVary] = s[1:2:2]
		}},
		{"gincors", New(Config{AllowOrigins: []string{appOrigin}})},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e := gin.New()
			e.Use(tc.mw)
			e.GET("/x", func(c *gin.Context) { c.Status(200) })
			w := &reusableWriter{h: http.Header{}}
			r := newRequest("GET", "/x", "Origin", appOrigin)
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				e.ServeHTTP(w, r)
			}
		})
	}
}

// TestDebugCost: with Debug set, a wholly allowed request costs no more
// allocations than without it, and a hostile one stays cheap.
func TestDebugCost(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates on its own; run without -race to count allocations")
	}
	cfg := listConfig
	cfg.Debug = func(*gin.Context, string) {}
	e := gin.New()
	e.Use(New(cfg))
	w := &reusableWriter{h: http.Header{}}
	allowed := newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type")
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { clear(w.h); e.ServeHTTP(w, allowed) }), 1.0)

	names := make([]string, 300)
	for i := range names {
		names[i] = fmt.Sprintf("x-%d", i)
	}
	for name, r := range map[string]*http.Request{
		"1 MiB of commas": newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", strings.Repeat(",", 1<<20)),
		"300 unknown":     newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", strings.Join(names, ",")),
		"1 MiB method":    newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", strings.Repeat("P", 1<<20)),
	} {
		t.Run(name, func(t *testing.T) {
			var why string
			cfg.Debug = func(_ *gin.Context, s string) { why = s }
			e := testEngine(New(cfg))
			assert.LessOrEqual(t, testing.AllocsPerRun(10, func() { do(e, r) }), 100.0)
			assert.Less(t, len(why), 1200, why)
		})
	}
}
