package gincors

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression tests for the bugs an outside audit found. Each case fails on
// the code before its fix.

// longHost returns a valid host name of exactly n bytes (n >= 3): labels of
// at most 63 bytes joined by dots, ending in ".com".
func longHost(n int) string {
	var b strings.Builder
	for b.Len() < n-len(".com") {
		room := n - len(".com") - b.Len()
		if b.Len() > 0 {
			b.WriteByte('.')
			room--
		}
		l := min(room, maxLabelLen)
		if room-l == 1 { // never leave room for a lone dot
			l--
		}
		b.WriteString(strings.Repeat("a", l))
	}
	b.WriteString(".com")
	return b.String()
}

func TestLongHost(t *testing.T) {
	for _, n := range []int{5, 63, 64, 200, 251, maxHostLen} {
		h := longHost(n)
		require.Len(t, h, n)
		require.True(t, validHost(h), "longHost(%d) = %q", n, h)
	}
}

func TestSubdomainPatternLongOrigin(t *testing.T) {
	// A subdomain pattern indexed a 256-entry table by the length of the
	// text after a dot of the request's host, port included: a 251-byte
	// host after "a." plus ":12345" went past it and panicked on every
	// request (denial of service), whatever the host's domain.
	patterns := []string{"https://*.example.com", "https://*.example.com:*", "https://*.example.com:8443"}
	origins := []string{
		"https://a." + longHost(251) + ":12345",
		"https://a." + longHost(251),
		"https://" + longHost(maxHostLen) + ":65535",
		"https://a." + longHost(maxHostLen-len("a.")-len(".example.com")) + ".example.com:8443",
		"https://a." + longHost(maxHostLen-len("a.")-len(".example.com")) + ".example.com:65535",
		"https://a." + longHost(maxHostLen-len("a.")-len(".example.com")) + ".example.com",
	}
	for _, pat := range patterns {
		h := New(Config{AllowOrigins: []string{pat}})
		for _, o := range origins {
			t.Run(pat+" "+o[len(o)-16:], func(t *testing.T) {
				e := testEngine(h)
				var w *httptest.ResponseRecorder
				require.NotPanics(t, func() { w = do(e, newRequest("GET", "/", "Origin", o)) })
				_, _, port, ok := parseOrigin(o)
				require.True(t, ok, "the origin is well formed")
				_, patPort, _ := strings.Cut(strings.TrimPrefix(pat, "https://"), ":")
				wantAllowed := strings.HasSuffix(strings.TrimSuffix(o, ":"+port), ".example.com") &&
					(patPort == "*" || port == patPort)
				if wantAllowed {
					assert.Equal(t, o, w.Header().Get(headerAllowOrigin))
				} else {
					assert.Empty(t, w.Header().Get(headerAllowOrigin))
				}
			})
		}
	}
	t.Run("Validate", func(t *testing.T) {
		// The same table was filled from the pattern's host and port, so a
		// long enough pattern panicked in Validate instead of being refused
		// or accepted.
		for _, pat := range []string{
			"https://*." + longHost(maxHostLen) + ":65535",
			"https://*." + longHost(maxHostLen) + ":*",
			"https://*." + longHost(maxHostLen),
			"https://*." + longHost(maxHostLen+1) + ":8443",
		} {
			var err error
			require.NotPanics(t, func() { err = Config{AllowOrigins: []string{pat}}.Validate() }, "%.40q", pat)
			if strings.Contains(pat, longHost(maxHostLen+1)) {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
		}
	})
}

func TestVaryFromOriginFunc(t *testing.T) {
	// serveActual read Vary before calling AllowOriginFunc and wrote that
	// stale copy back, dropping what the function had added for caches.
	byTenant := func(c *gin.Context, origin string) bool {
		c.Writer.Header().Add(headerVary, "X-Tenant")
		return c.GetHeader("X-Tenant") == "a" && origin == "https://a.example.com"
	}
	earlier := func(c *gin.Context) { c.Writer.Header().Add(headerVary, "Accept-Encoding") }
	for _, tc := range []struct {
		name    string
		req     []string
		allowed bool
	}{
		{"actual allowed", []string{"X-Tenant", "a"}, true},
		{"actual refused", []string{"X-Tenant", "b"}, false},
		{"preflight allowed", []string{"X-Tenant", "a", headerRequestMethod, "PUT"}, true},
		{"preflight refused", []string{"X-Tenant", "b", headerRequestMethod, "PUT"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := gin.New()
			e.Use(earlier, New(Config{AllowOriginFunc: byTenant}))
			e.Any("/x", func(c *gin.Context) { c.Status(http.StatusOK) })
			method := "GET"
			if len(tc.req) > 2 {
				method = "OPTIONS"
			}
			w := do(e, newRequest(method, "/x", append([]string{"Origin", "https://a.example.com"}, tc.req...)...))
			got := strings.Join(w.Header().Values(headerVary), ", ")
			for _, token := range []string{"Accept-Encoding", "X-Tenant", "Origin"} {
				assert.Contains(t, got, token, "Vary %q", got)
			}
			assert.Equal(t, tc.allowed, w.Header().Get(headerAllowOrigin) != "")
		})
	}
}

func TestZeroMiddleware(t *testing.T) {
	// The zero Middleware held no policy, and its handler dereferenced nil
	// on the first request. It now answers as a policy that allows no
	// origin, until Reconfigure gives it one.
	var m Middleware
	e := testEngine(m.Handler())
	for _, r := range []*http.Request{
		newRequest("GET", "/x"),
		newRequest("GET", "/x", "Origin", "https://app.example.com"),
		newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", headerRequestMethod, "PUT"),
	} {
		var w *httptest.ResponseRecorder
		require.NotPanics(t, func() { w = do(e, r) }, "%s %v", r.Method, r.Header)
		assert.Empty(t, w.Header().Get(headerAllowOrigin))
		assert.Equal(t, "Origin", w.Header().Get(headerVary))
		if r.Method == "OPTIONS" {
			assert.Equal(t, http.StatusNoContent, w.Code)
		} else {
			assert.Equal(t, "ran", w.Header().Get("X-Handler"))
		}
	}
	require.NoError(t, m.Reconfigure(Config{AllowOrigins: []string{"https://app.example.com"}}))
	w := do(e, newRequest("GET", "/x", "Origin", "https://app.example.com"))
	assert.Equal(t, "https://app.example.com", w.Header().Get(headerAllowOrigin))
}

// hostileRequests are requests whose every part is as large as a client
// may make it, each with something a policy may refuse.
func hostileRequests() map[string]*http.Request {
	big := strings.Repeat("\x01", 1<<20)
	withPath := func(r *http.Request, path string) *http.Request { r.URL.Path = path; return r }
	return map[string]*http.Request{
		"1 MiB origin, method refused": newRequest("OPTIONS", "/x", "Origin", "https://"+big, headerRequestMethod, "DELETE"),
		"1 MiB origin":                 newRequest("GET", "/x", "Origin", "https://"+big),
		"64 KiB path":                  withPath(newRequest("GET", "/x", "Origin", "https://evil.example.net"), "/"+strings.Repeat("p\n", 32<<10)),
		"64 KiB path, preflight": withPath(newRequest("OPTIONS", "/x", "Origin", "https://app.example.com",
			headerRequestMethod, "DELETE"), "/"+strings.Repeat("p", 64<<10)),
		"1 MiB method":         newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", headerRequestMethod, strings.Repeat("P", 1<<20)),
		"1 MiB header names":   newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", headerRequestMethod, "PUT", headerRequestHeaders, strings.Repeat("x-a,", 1<<18)+"x"),
		"4096 bytes of names":  newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", headerRequestMethod, "PUT", headerRequestHeaders, strings.Repeat("x,", 2047)+"x"),
		"one 4096-byte name":   newRequest("OPTIONS", "/x", "Origin", "https://app.example.com", headerRequestMethod, "PUT", headerRequestHeaders, strings.Repeat("\x7e", 4096)),
		"10,000 header lines":  newRequest("OPTIONS", "/x", append([]string{"Origin", "https://app.example.com", headerRequestMethod, "PUT"}, repeatPairs(headerRequestHeaders, "x-a", 10000)...)...),
		"10,000 Origin values": newRequest("GET", "/x", repeatPairs("Origin", big[:100], 10000)...),
	}
}

func TestDebugIsBounded(t *testing.T) {
	// Under "*", a 1 MiB Origin with a refused method once produced a 1 MiB
	// log line in about 12 ms, and a 64 KiB path a 65 KB line: every
	// request value is now quoted cut to maxQuotedLen bytes.
	configs := map[string]Config{
		"any origin":       {AllowOrigins: []string{"*"}, AllowMethods: []string{"GET"}, AllowHeaders: []string{"X-A"}},
		"any origin, star": {AllowOrigins: []string{"*"}, AllowHeaders: []string{"*"}},
		"list":             {AllowOrigins: []string{"https://app.example.com"}, AllowHeaders: []string{"Content-Type"}},
		"reflecting":       {AllowOrigins: []string{"https://app.example.com", "https://*.example.org"}, AllowCredentials: true, AllowHeaders: []string{"*"}},
	}
	for cname, cfg := range configs {
		for rname, r := range hostileRequests() {
			t.Run(cname+"/"+rname, func(t *testing.T) {
				var why string
				cfg.Debug = func(_ *gin.Context, s string) { why = s }
				e := testEngine(New(cfg))
				allocated := bytesAllocated(func() { do(e, r) })
				assert.LessOrEqual(t, len(why), maxExplanationLen)
				assert.NotContains(t, why, "\n")
				// The request is 1 MiB at most; its explanation must cost a
				// small, fixed amount whatever its size.
				assert.Less(t, allocated, uint64(64<<10), "bytes allocated to answer and explain")
			})
		}
	}
}

// bytesAllocated returns how many bytes f allocates on the heap.
func bytesAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestWHATWGDisagreements(t *testing.T) {
	// Found by the WHATWG URL differential in conformance/.
	for _, tc := range []struct{ entry, wantInError string }{
		// The URL Standard reads a last label "0x..." as an IPv4 number,
		// so a browser never sends these hosts as written: the entries
		// were accepted and could never match.
		{"http://0x", "host"},
		{"http://1.0x", "host"},
		{"http://0x7f.0x0.0x0.0x1", "host"},
		{"http://a.0x1", "host"},
		{"https://*.a.0xff", "IP address"},
		// The empty label after a trailing dot was taken for a number.
		{"https://*.example.com.", "host"},
	} {
		t.Run(tc.entry, func(t *testing.T) {
			err := Config{AllowOrigins: []string{tc.entry}}.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantInError)
		})
	}
	for _, ok := range []string{"http://0xg.com", "http://a.0xg", "http://x0.com", "https://*.0x.example"} {
		assert.NoError(t, Config{AllowOrigins: []string{ok}}.Validate(), ok)
	}
}

func TestPunycodeLabels(t *testing.T) {
	// "xn--" labels that are not punycode make the URL invalid to the URL
	// Standard; such entries were accepted and could never match.
	for _, bad := range []string{"https://xn--a.com", "https://xn--.com", "https://a.xn--.com", "https://xn--abc-.com", "https://xn--zzzzzzzzzzzzzzzzzzzz.com"} {
		assert.Error(t, Config{AllowOrigins: []string{bad}}.Validate(), bad)
	}
	// A subdomain pattern reads the labels in front of its domain with the
	// same rule, so it admits no such label either.
	sub := testEngine(New(Config{AllowOrigins: []string{"https://*.example.com"}}))
	for o, want := range map[string]string{"https://xn--a.example.com": "", "https://xn--bcher-kva.example.com": "https://xn--bcher-kva.example.com"} {
		assert.Equal(t, want, do(sub, newRequest("GET", "/x", "Origin", o)).Header().Get(headerAllowOrigin), o)
	}
	// Labels as browsers send them (bücher, münchen, пример, 例え).
	for _, good := range []string{"https://xn--bcher-kva.example", "https://xn--mnchen-3ya.de", "https://xn--e1afmkfd.xn--p1ai", "https://xn--r8jz45g.jp"} {
		assert.NoError(t, Config{AllowOrigins: []string{good}}.Validate(), good)
		h := New(Config{AllowOrigins: []string{good}})
		w := do(testEngine(h), newRequest("GET", "/x", "Origin", good))
		assert.Equal(t, good, w.Header().Get(headerAllowOrigin))
	}
}
