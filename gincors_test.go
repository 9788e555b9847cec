package gincors

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// newRequest builds a request; kv holds header names and values, and a name
// given twice adds a second field line.
func newRequest(method, path string, kv ...string) *http.Request {
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(kv); i += 2 {
		r.Header.Add(kv[i], kv[i+1])
	}
	return r
}

// testEngine serves GET, POST, PUT, DELETE and PATCH on /x and an OPTIONS
// handler on /opt, each marking the response "X-Handler: ran", behind mw
// used engine-wide.
func testEngine(mw gin.HandlerFunc) *gin.Engine {
	e := gin.New()
	e.Use(mw)
	ran := func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		c.String(http.StatusOK, "handler")
	}
	for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
		e.Handle(m, "/x", ran)
	}
	e.OPTIONS("/opt", ran)
	return e
}

func do(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// corsHeaders are the response headers a test compares; a missing one must
// be absent.
var corsHeaders = []string{
	headerAllowOrigin, headerAllowCreds, headerAllowMethods, headerAllowHeaders,
	headerExposeHeaders, headerMaxAge, headerAllowPrivate, headerVary, headerContentLength, "X-Handler",
}

// assertHeaders checks every header of corsHeaders against want, where a
// name absent from want must be absent from the response.
func assertHeaders(t *testing.T, want map[string]string, got http.Header) {
	t.Helper()
	for _, k := range corsHeaders {
		w, ok := want[k]
		if !ok {
			assert.Empty(t, got.Values(k), "header %s", k)
			continue
		}
		assert.Equal(t, w, strings.Join(got.Values(k), " | "), "header %s", k)
	}
}

const (
	appOrigin  = "https://app.example.com"
	evilOrigin = "https://evil.example.net"
)

var listConfig = Config{
	AllowOrigins:  []string{appOrigin},
	AllowMethods:  []string{"GET", "POST", "PUT", "DELETE"},
	AllowHeaders:  []string{"Authorization", "Content-Type"},
	ExposeHeaders: []string{"X-Total"},
	MaxAge:        10 * time.Minute,
}

// TestClassification covers point 1 of the behaviour: which requests are
// preflights, actual requests or no CORS requests at all.
func TestClassification(t *testing.T) {
	e := testEngine(New(listConfig))
	cases := []struct {
		name   string
		req    *http.Request
		status int
		want   map[string]string
	}{
		{"preflight", newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"), 204, map[string]string{
			headerAllowOrigin: appOrigin, headerAllowMethods: "GET,POST,PUT,DELETE", headerAllowHeaders: "Authorization,Content-Type",
			headerMaxAge: "600", headerVary: "Origin"}},
		{"preflight with an empty request method", newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", ""), 204, map[string]string{
			headerAllowOrigin: appOrigin, headerAllowMethods: "GET,POST,PUT,DELETE", headerAllowHeaders: "Authorization,Content-Type",
			headerMaxAge: "600", headerVary: "Origin"}},
		{"OPTIONS without request method is an actual request", newRequest("OPTIONS", "/opt", "Origin", appOrigin), 200, map[string]string{
			headerAllowOrigin: appOrigin, headerExposeHeaders: "X-Total", headerVary: "Origin", "X-Handler": "ran"}},
		{"OPTIONS without Origin is no CORS request", newRequest("OPTIONS", "/opt", "Access-Control-Request-Method", "PUT"), 200, map[string]string{
			headerVary: "Origin", "X-Handler": "ran"}},
		{"lower-case options is no preflight", newRequest("options", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"), 404, map[string]string{
			headerAllowOrigin: appOrigin, headerExposeHeaders: "X-Total", headerVary: "Origin"}},
		{"GET with Origin", newRequest("GET", "/x", "Origin", appOrigin), 200, map[string]string{
			headerAllowOrigin: appOrigin, headerExposeHeaders: "X-Total", headerVary: "Origin", "X-Handler": "ran"}},
		{"GET without Origin", newRequest("GET", "/x"), 200, map[string]string{headerVary: "Origin", "X-Handler": "ran"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(e, tc.req)
			assert.Equal(t, tc.status, w.Code)
			assertHeaders(t, tc.want, w.Header())
		})
	}
}

// TestOriginMatching covers point 2: exact origins, subdomain and any-port
// patterns, "null", regexps and the function, with the lookalikes that
// peers have admitted.
func TestOriginMatching(t *testing.T) {
	p, err := compile(Config{AllowOrigins: []string{
		"https://app.example.com", "https://*.example.org", "http://localhost:*",
		"https://api.example.net:8443", "http://[::1]:3000", "http://127.0.0.1:*", "https://*.staging.example.io:*",
	}})
	require.NoError(t, err)
	cases := []struct {
		origin string
		want   bool
	}{
		{"https://app.example.com", true},
		{"https://APP.example.com", false}, // browsers send lower case; compare bytes (Fetch, CORS check)
		{"https://app.example.com:443", false},
		{"https://app.example.com/", false},
		{"http://app.example.com", false},
		{"https://app.example.com.evil.net", false},
		{"https://a.example.org", true},
		{"https://a.b.example.org", true},
		{"https://example.org", false}, // never the apex
		{"https://evilexample.org", false},
		{"https://example.org.evil.net", false},
		{"https://evil.com/.example.org", false},
		{"https://a.example.org:8443", false},
		{"http://a.example.org", false},
		{"https://.example.org", false},
		{"https://a..example.org", false},
		{"https://A.example.org", false},
		{"http://localhost", true},
		{"http://localhost:3000", true},
		{"http://localhost:65535", true},
		{"http://localhost.evil.com", false},
		{"http://localhost:evil.com", false},
		{"http://localhost:3000.evil.com", false},
		{"https://localhost:3000", false},
		{"http://localhost:", false},
		{"http://localhost:03000", false},
		{"https://api.example.net:8443", true},
		{"https://api.example.net", false},
		{"http://[::1]:3000", true},
		{"http://[::1]:3001", false},
		{"http://127.0.0.1", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.0.0.01:8080", false},
		{"https://x.staging.example.io:9000", true},
		{"https://x.staging.example.io", true},
		{"https://staging.example.io", false},
		{"null", false},
		{"", false},
		{"*", false},
		{"https://app.example.com\x00", false},
		{"https://app.exämple.org", false},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%q", tc.origin), func(t *testing.T) {
			assert.Equal(t, tc.want, p.origins.allows(nil, []string{tc.origin}))
		})
	}
	t.Run("two Origin headers", func(t *testing.T) {
		assert.False(t, p.origins.allows(nil, []string{appOrigin, appOrigin}))
	})
	t.Run("8 KiB origin", func(t *testing.T) {
		assert.False(t, p.origins.allows(nil, []string{"https://" + strings.Repeat("a", 8192) + ".example.org"}))
	})
}

func TestOriginNull(t *testing.T) {
	listed := New(Config{AllowOrigins: []string{"null", appOrigin}})
	w := do(testEngine(listed), newRequest("GET", "/x", "Origin", "null"))
	assert.Equal(t, "null", w.Header().Get(headerAllowOrigin))

	// Neither a function nor a regexp may admit null: any page can send it.
	var asked []string
	reflectAll := New(Config{
		AllowOriginFunc:    func(c *gin.Context, o string) bool { asked = append(asked, o); return true },
		AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^.*$`)},
	})
	w = do(testEngine(reflectAll), newRequest("GET", "/x", "Origin", "null"))
	assert.Empty(t, w.Header().Get(headerAllowOrigin))
	assert.Empty(t, asked)

	// "*" answers every origin with a public response, "null" included.
	w = do(testEngine(Default()), newRequest("GET", "/x", "Origin", "null"))
	assert.Equal(t, "*", w.Header().Get(headerAllowOrigin))
}

func TestOriginFuncAndRegexps(t *testing.T) {
	var asked []string
	mw := New(Config{
		AllowOrigins:       []string{appOrigin},
		AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://[a-z]+\.example\.io$`)},
		AllowOriginFunc: func(c *gin.Context, o string) bool {
			require.NotNil(t, c)
			asked = append(asked, o)
			return o == "https://tenant.example.dev"
		},
	})
	e := testEngine(mw)
	cases := []struct {
		origin string
		allow  bool
		asked  bool
	}{
		{appOrigin, true, false},
		{"https://ok.example.io", true, false},
		{"https://ok.example.io.evil.net", false, true},
		{"https://tenant.example.dev", true, true},
		{evilOrigin, false, true},
		{"https://evil.com/x.example.io", false, false}, // not an origin: nobody is asked
		{"HTTPS://TENANT.EXAMPLE.DEV", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.origin, func(t *testing.T) {
			asked = nil
			w := do(e, newRequest("GET", "/x", "Origin", tc.origin))
			if tc.allow {
				assert.Equal(t, tc.origin, w.Header().Get(headerAllowOrigin))
			} else {
				assert.Empty(t, w.Header().Get(headerAllowOrigin))
			}
			assert.Equal(t, tc.asked, len(asked) == 1, "function asked: %v", asked)
		})
	}
}

// TestExactLookupScales covers "exact lookups cost the same for 1 or 10,000
// origins": the matcher is a map, so it does the same work for both.
func TestExactLookupScales(t *testing.T) {
	origins := make([]string, 10000)
	for i := range origins {
		origins[i] = fmt.Sprintf("https://app%05d.example.com", i)
	}
	p, err := compile(Config{AllowOrigins: origins})
	require.NoError(t, err)
	assert.Len(t, p.origins.exact, 10000)
	assert.True(t, p.origins.subdomains == nil && p.origins.anyPort == nil && p.origins.regexps == nil && p.origins.originFunc == nil, "exact origins need no parsing")
	assert.True(t, p.origins.allows(nil, []string{origins[9999]}))
	assert.False(t, p.origins.allows(nil, []string{"https://app10000.example.com"}))
}

// TestActualRequests covers points 3, 5 and 7 on actual requests.
func TestActualRequests(t *testing.T) {
	cases := []struct {
		name   string
		cfg    Config
		origin string
		want   map[string]string
	}{
		{"allowed", listConfig, appOrigin, map[string]string{
			headerAllowOrigin: appOrigin, headerExposeHeaders: "X-Total", headerVary: "Origin", "X-Handler": "ran"}},
		{"disallowed: no CORS headers, handler runs", listConfig, evilOrigin, map[string]string{
			headerVary: "Origin", "X-Handler": "ran"}},
		{"credentials", Config{AllowOrigins: []string{appOrigin}, AllowCredentials: true}, appOrigin, map[string]string{
			headerAllowOrigin: appOrigin, headerAllowCreds: "true", headerVary: "Origin", "X-Handler": "ran"}},
		{"credentials, disallowed", Config{AllowOrigins: []string{appOrigin}, AllowCredentials: true}, evilOrigin, map[string]string{
			headerVary: "Origin", "X-Handler": "ran"}},
		{"any origin", Config{AllowOrigins: []string{"*"}, ExposeHeaders: []string{"*"}}, evilOrigin, map[string]string{
			headerAllowOrigin: "*", headerExposeHeaders: "*", "X-Handler": "ran"}},
		{"function with credentials reflects", Config{AllowOriginFunc: func(*gin.Context, string) bool { return true }, AllowCredentials: true}, evilOrigin, map[string]string{
			headerAllowOrigin: evilOrigin, headerAllowCreds: "true", headerVary: "Origin", "X-Handler": "ran"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(testEngine(New(tc.cfg)), newRequest("POST", "/x", "Origin", tc.origin))
			assert.Equal(t, 200, w.Code)
			assertHeaders(t, tc.want, w.Header())
		})
	}
}

// TestPreflights covers points 4, 5 and 7 on preflights.
func TestPreflights(t *testing.T) {
	cred := func(c Config) Config { c.AllowCredentials = true; return c }
	cases := []struct {
		name   string
		cfg    Config
		req    *http.Request
		status int
		want   map[string]string
	}{
		{"allowed", listConfig,
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: "GET,POST,PUT,DELETE",
				headerAllowHeaders: "Authorization,Content-Type", headerMaxAge: "600", headerVary: "Origin"}},
		{"disallowed origin: no CORS headers, chain ends", listConfig,
			newRequest("OPTIONS", "/x", "Origin", evilOrigin, "Access-Control-Request-Method", "PUT"),
			204, map[string]string{headerVary: "Origin"}},
		{"method not listed: the browser decides", listConfig,
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PATCH"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: "GET,POST,PUT,DELETE",
				headerAllowHeaders: "Authorization,Content-Type", headerMaxAge: "600", headerVary: "Origin"}},
		{"defaults reflect request headers", DefaultConfig(),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a,x-b"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods, headerAllowHeaders: "x-a,x-b",
				headerVary: "Access-Control-Request-Headers"}},
		{"reflection keeps the client's spelling", DefaultConfig(),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "X-Foo ,  Content-Type"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods, headerAllowHeaders: "X-Foo ,  Content-Type",
				headerVary: "Access-Control-Request-Headers"}},
		{"reflection of several field lines", DefaultConfig(),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a", "Access-Control-Request-Headers", "x-b"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods, headerAllowHeaders: "x-a | x-b",
				headerVary: "Access-Control-Request-Headers"}},
		{"malformed request headers are not reflected", DefaultConfig(),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a,,x-b"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods,
				headerVary: "Access-Control-Request-Headers"}},
		{"no request headers, nothing reflected", DefaultConfig(),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods,
				headerVary: "Access-Control-Request-Headers"}},
		{"empty lists send no headers", Config{AllowOrigins: []string{appOrigin}, AllowMethods: []string{}, AllowHeaders: []string{}},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-a"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerVary: "Origin"}},
		{"wildcards without credentials", Config{AllowOrigins: []string{"*"}, AllowMethods: []string{"*"}, AllowHeaders: []string{"*"}},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PURGE", "Access-Control-Request-Headers", "x-a"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: "*", headerAllowHeaders: "*"}},
		{"wildcard and Authorization", Config{AllowOrigins: []string{"*"}, AllowHeaders: []string{"*", "Authorization"}},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"),
			204, map[string]string{headerAllowOrigin: "*", headerAllowMethods: defaultMethods, headerAllowHeaders: "*, Authorization"}},
		{"wildcards with credentials reflect", cred(Config{AllowOrigins: []string{appOrigin}, AllowMethods: []string{"*"}, AllowHeaders: []string{"*"}}),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PURGE", "Access-Control-Request-Headers", "x-b,x-a"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowCreds: "true", headerAllowMethods: "PURGE", headerAllowHeaders: "x-b,x-a",
				headerVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}},
		{"the wildcard with credentials never reflects Authorization", cred(Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{"*"}}),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a,Authorization"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowCreds: "true", headerAllowMethods: defaultMethods,
				headerVary: "Origin, Access-Control-Request-Headers"}},
		{"the wildcard and Authorization with credentials reflect it", cred(Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{"*", "Authorization"}}),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,x-a"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowCreds: "true", headerAllowMethods: defaultMethods, headerAllowHeaders: "authorization,x-a",
				headerVary: "Origin, Access-Control-Request-Headers"}},
		{"a method list is never reflected", cred(Config{AllowOrigins: []string{appOrigin}, AllowMethods: []string{"*"}}),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "GET, DELETE"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowCreds: "true",
				headerVary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}},
		{"credentials", cred(listConfig),
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "DELETE"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowCreds: "true", headerAllowMethods: "GET,POST,PUT,DELETE",
				headerAllowHeaders: "Authorization,Content-Type", headerMaxAge: "600", headerVary: "Origin"}},
		{"negative max age disables the cache", Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{}, MaxAge: -1},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: defaultMethods, headerMaxAge: "0", headerVary: "Origin"}},
		{"options success status", Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{}, OptionsSuccessStatus: 200},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"),
			200, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: defaultMethods, headerVary: "Origin", headerContentLength: "0"}},
		{"private network asked and allowed", Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{}, AllowPrivateNetwork: true},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Network", "true"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: defaultMethods, headerAllowPrivate: "true",
				headerVary: "Origin, Access-Control-Request-Private-Network"}},
		{"private network allowed but not asked", Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{}, AllowPrivateNetwork: true},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: defaultMethods,
				headerVary: "Origin, Access-Control-Request-Private-Network"}},
		{"private network asked, not allowed", Config{AllowOrigins: []string{appOrigin}, AllowHeaders: []string{}},
			newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Network", "true"),
			204, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: defaultMethods, headerVary: "Origin"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(testEngine(New(tc.cfg)), tc.req)
			assert.Equal(t, tc.status, w.Code)
			assertHeaders(t, tc.want, w.Header())
		})
	}
}

func TestPreflightContinue(t *testing.T) {
	cfg := listConfig
	cfg.PreflightContinue = true
	e := testEngine(New(cfg))
	t.Run("allowed", func(t *testing.T) {
		w := do(e, newRequest("OPTIONS", "/opt", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"))
		assert.Equal(t, 200, w.Code)
		assertHeaders(t, map[string]string{headerAllowOrigin: appOrigin, headerAllowMethods: "GET,POST,PUT,DELETE",
			headerAllowHeaders: "Authorization,Content-Type", headerMaxAge: "600", headerVary: "Origin", "X-Handler": "ran"}, w.Header())
	})
	t.Run("disallowed", func(t *testing.T) {
		w := do(e, newRequest("OPTIONS", "/opt", "Origin", evilOrigin, "Access-Control-Request-Method", "PUT"))
		assert.Equal(t, 200, w.Code)
		assertHeaders(t, map[string]string{headerVary: "Origin", "X-Handler": "ran"}, w.Header())
	})
}

// TestVary covers point 6.
func TestVary(t *testing.T) {
	withVary := func(mw gin.HandlerFunc, vary ...string) *gin.Engine {
		return testEngine(func(c *gin.Context) {
			for _, v := range vary {
				c.Writer.Header().Add("Vary", v)
			}
			mw(c)
		})
	}
	list := New(Config{AllowOrigins: []string{appOrigin}})
	star := New(Config{AllowOrigins: []string{"*"}, AllowHeaders: []string{}})
	reflecting := New(Config{AllowOrigins: []string{appOrigin, "https://*.example.org"}})
	preflight := func(origin string) *http.Request {
		return newRequest("OPTIONS", "/x", "Origin", origin, "Access-Control-Request-Method", "PUT")
	}
	cases := []struct {
		name string
		e    *gin.Engine
		req  *http.Request
		want []string
	}{
		{"list, allowed", withVary(list), newRequest("GET", "/x", "Origin", appOrigin), []string{"Origin"}},
		{"list, disallowed", withVary(list), newRequest("GET", "/x", "Origin", evilOrigin), []string{"Origin"}},
		{"list, no Origin", withVary(list), newRequest("GET", "/x"), []string{"Origin"}},
		{"star, allowed", withVary(star), newRequest("GET", "/x", "Origin", appOrigin), nil},
		{"star, no Origin", withVary(star), newRequest("GET", "/x"), nil},
		{"star, preflight", withVary(star), preflight(appOrigin), nil},
		{"keeps earlier values", withVary(list, "Accept-Encoding"), newRequest("GET", "/x", "Origin", appOrigin), []string{"Accept-Encoding", "Origin"}},
		{"no duplicate, any case", withVary(list, "accept-encoding, ORIGIN"), newRequest("GET", "/x", "Origin", appOrigin), []string{"accept-encoding, ORIGIN"}},
		{"no duplicate on a second line", withVary(list, "Accept", "origin"), newRequest("GET", "/x"), []string{"Accept", "origin"}},
		{"star stays alone", withVary(list, "*"), newRequest("GET", "/x", "Origin", appOrigin), []string{"*"}},
		{"preflight, reflecting", withVary(reflecting), preflight(appOrigin), []string{"Origin, Access-Control-Request-Headers"}},
		{"preflight, disallowed", withVary(reflecting), preflight(evilOrigin), []string{"Origin, Access-Control-Request-Headers"}},
		{"preflight adds only what is missing", withVary(reflecting, "Origin"), preflight(appOrigin), []string{"Origin", "Access-Control-Request-Headers"}},
		{"preflight, nothing missing", withVary(reflecting, "Access-Control-Request-Headers, Origin"), preflight(appOrigin), []string{"Access-Control-Request-Headers, Origin"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(tc.e, tc.req)
			assert.Equal(t, tc.want, w.Header().Values("Vary"))
		})
	}
	t.Run("star sends ACAO on every response", func(t *testing.T) {
		w := do(withVary(star), newRequest("GET", "/x"))
		assert.Equal(t, "*", w.Header().Get(headerAllowOrigin))
	})
	t.Run("star: OPTIONS without Origin is no preflight", func(t *testing.T) {
		w := do(withVary(star), newRequest("OPTIONS", "/opt", "Access-Control-Request-Method", "PUT"))
		assert.Equal(t, 200, w.Code)
		assertHeaders(t, map[string]string{headerAllowOrigin: "*", "X-Handler": "ran"}, w.Header())
	})
}

// TestRouting covers point 8: engine, group and single-route use, with and
// without HandleMethodNotAllowed.
func TestRouting(t *testing.T) {
	preflight := func(path string) *http.Request {
		return newRequest("OPTIONS", path, "Origin", appOrigin, "Access-Control-Request-Method", "PUT")
	}
	ok := func(c *gin.Context) { c.String(200, "ok") }
	for _, methodNotAllowed := range []bool{false, true} {
		t.Run(fmt.Sprintf("HandleMethodNotAllowed=%v", methodNotAllowed), func(t *testing.T) {
			newEngine := func() *gin.Engine {
				e := gin.New()
				e.HandleMethodNotAllowed = methodNotAllowed
				return e
			}
			cors := New(Config{AllowOrigins: []string{appOrigin}})

			engine := newEngine()
			engine.Use(cors)
			engine.PUT("/items/:id", ok)

			group := newEngine()
			api := group.Group("/api")
			Mount(api, cors)
			api.PUT("/items/:id", ok)
			group.PUT("/other", ok)

			route := newEngine()
			route.PUT("/items/:id", cors, ok)
			route.OPTIONS("/items/:id", cors)

			bare := newEngine()
			bare.Group("/api", cors).PUT("/items/:id", ok)

			cases := []struct {
				name   string
				e      *gin.Engine
				req    *http.Request
				status int
				acao   string
			}{
				{"engine preflight", engine, preflight("/items/1"), 204, appOrigin},
				{"engine preflight, unknown path", engine, preflight("/nowhere"), 204, appOrigin},
				{"engine actual", engine, newRequest("PUT", "/items/1", "Origin", appOrigin), 200, appOrigin},
				{"group preflight", group, preflight("/api/items/1"), 204, appOrigin},
				{"group actual", group, newRequest("PUT", "/api/items/1", "Origin", appOrigin), 200, appOrigin},
				{"outside the group", group, newRequest("PUT", "/other", "Origin", appOrigin), 200, ""},
				{"route preflight", route, preflight("/items/1"), 204, appOrigin},
				{"route actual", route, newRequest("PUT", "/items/1", "Origin", appOrigin), 200, appOrigin},
				{"group without Mount misses preflights", bare, preflight("/api/items/1"), map[bool]int{false: 404, true: 405}[methodNotAllowed], ""},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					w := do(tc.e, tc.req)
					assert.Equal(t, tc.status, w.Code)
					assert.Equal(t, tc.acao, w.Header().Get(headerAllowOrigin))
				})
			}
		})
	}
}

// TestAdversarialInput covers point 10: nothing from the network panics or
// costs more than a bounded scan.
func TestAdversarialInput(t *testing.T) {
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("x-custom-%05d", i)
	}
	many := strings.Join(names, ",")
	commas := strings.Repeat(",", 1<<20)
	long := "https://" + strings.Repeat("a", 8192) + ".example.com"
	configs := map[string]Config{
		"reflecting": DefaultConfig(),
		"list":       listConfig,
		"patterns": {AllowOrigins: []string{"https://*.example.com", "http://localhost:*"}, AllowCredentials: true,
			AllowMethods: []string{"*"}, AllowHeaders: []string{"*"}, Debug: func(*gin.Context, string) {}},
	}
	requests := map[string]*http.Request{
		"1 MiB of commas":        newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", commas),
		"10,000 header names":    newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", many),
		"8 KiB origin":           newRequest("OPTIONS", "/x", "Origin", long, "Access-Control-Request-Method", "PUT"),
		"two origins":            newRequest("GET", "/x", "Origin", appOrigin, "Origin", evilOrigin),
		"non-ASCII origin":       newRequest("GET", "/x", "Origin", "https://\xff\xfe.example.com"),
		"non-ASCII headers":      newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "P\xffT", "Access-Control-Request-Headers", "x-\xe9t\xe9"),
		"10,000 header lines":    newRequest("OPTIONS", "/x", append([]string{"Origin", appOrigin, "Access-Control-Request-Method", "PUT"}, repeatPairs("Access-Control-Request-Headers", "x-a", 10000)...)...),
		"control bytes in names": newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a\x00,\r\nx-b"),
	}
	for cname, cfg := range configs {
		e := testEngine(New(cfg))
		for rname, req := range requests {
			t.Run(cname+"/"+rname, func(t *testing.T) {
				start := time.Now()
				var w *httptest.ResponseRecorder
				require.NotPanics(t, func() { w = do(e, req) })
				assert.Less(t, time.Since(start), time.Second)
				acao := w.Header().Get(headerAllowOrigin)
				assert.True(t, acao == "" || acao == "*" || acao == appOrigin, "ACAO %q", acao)
				assert.LessOrEqual(t, len(w.Header().Get(headerAllowHeaders)), maxRequestHeadersLen)
			})
		}
	}
	t.Run("rejecting a long list does not scan it", func(t *testing.T) {
		// 1,000 checks of 1 MiB would take seconds if each scanned it.
		lines := []string{commas}
		start := time.Now()
		for range 1000 {
			require.False(t, checkRequestHeaders(lines).valid())
		}
		assert.Less(t, time.Since(start), 100*time.Millisecond)
	})
}

func repeatPairs(k, v string, n int) []string {
	kv := make([]string, 0, 2*n)
	for range n {
		kv = append(kv, k, v)
	}
	return kv
}

func TestValidRequestHeaders(t *testing.T) {
	cases := []struct {
		lines []string
		want  bool
	}{
		{[]string{"x-a"}, true},
		{[]string{"authorization,content-type"}, true},
		{[]string{" X-Foo ,\tContent-Type "}, true},
		{[]string{"x-a", "x-b"}, true},
		{[]string{""}, false},
		{[]string{"x-a,"}, false},
		{[]string{",x-a"}, false},
		{[]string{"x-a,,x-b"}, false},
		{[]string{"x a"}, false},
		{[]string{"x-a;x-b"}, false},
		{[]string{"x-\xe9"}, false},
		{[]string{strings.Repeat("a", maxRequestHeadersLen)}, true},
		{[]string{strings.Repeat("a", maxRequestHeadersLen+1)}, false},
		{make([]string, 17), false},
		{nil, false},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%.40q", tc.lines), func(t *testing.T) {
			assert.Equal(t, tc.want, checkRequestHeaders(tc.lines).valid())
		})
	}
}

// TestHandlersCannotCorruptLaterResponses covers point 11: a handler that
// overwrites every header value in place, and appends to Vary, under
// concurrent requests, must not change what later responses carry
// (rs/cors#198). Run with -race.
func TestHandlersCannotCorruptLaterResponses(t *testing.T) {
	configs := map[string]Config{
		"star":        {AllowOrigins: []string{"*"}, ExposeHeaders: []string{"X-Total"}},
		"list":        listConfig,
		"credentials": {AllowOrigins: []string{appOrigin}, AllowCredentials: true, ExposeHeaders: []string{"X-Total"}, MaxAge: time.Hour},
	}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			e := gin.New()
			e.HandleMethodNotAllowed = true
			e.Use(New(cfg))
			vandal := func(c *gin.Context) {
				for _, v := range c.Writer.Header() {
					for i := range v {
						v[i] = "mutated"
					}
				}
				c.Writer.Header()["Vary"] = append(c.Writer.Header()["Vary"], "Mutated")
				c.Status(200)
			}
			e.GET("/x", vandal)
			e.OPTIONS("/x", func(c *gin.Context) { vandal(c) }) // reached by non-preflight OPTIONS
			clean := testEngine(New(cfg))
			reqs := []func() *http.Request{
				func() *http.Request { return newRequest("GET", "/x", "Origin", appOrigin) },
				func() *http.Request { return newRequest("GET", "/x") },
				func() *http.Request { return newRequest("OPTIONS", "/x", "Origin", appOrigin) },
				func() *http.Request {
					return newRequest("OPTIONS", "/y", "Origin", appOrigin, "Access-Control-Request-Method", "PUT")
				},
			}
			want := make([]http.Header, len(reqs))
			for i, r := range reqs {
				w := do(clean, r())
				w.Header().Del("X-Handler")
				w.Header().Del("Content-Type")
				want[i] = w.Header()
			}
			var wg sync.WaitGroup
			var failures atomic.Int32
			for g := 0; g < 8; g++ {
				wg.Go(func() {
					for i := 0; i < 200; i++ {
						k := (g + i) % len(reqs)
						if k != 3 {
							do(e, reqs[k]()) // the vandal runs
							continue
						}
						// A preflight the vandal never sees: its headers must be intact.
						w := do(e, reqs[k]())
						if fmt.Sprint(w.Header()) != fmt.Sprint(want[k]) {
							failures.Add(1)
						}
					}
				})
			}
			wg.Wait()
			assert.Zero(t, failures.Load())
			for i, r := range reqs {
				w := do(clean, r())
				w.Header().Del("X-Handler")
				w.Header().Del("Content-Type")
				assert.Equal(t, want[i], w.Header(), "request %d after the vandals", i)
			}
		})
	}
}

// TestDebug covers point 12.
func TestDebug(t *testing.T) {
	var got []string
	cfg := Config{
		AllowOrigins: []string{appOrigin},
		AllowMethods: []string{"GET", "PUT", "PATCH"},
		AllowHeaders: []string{"Content-Type"},
		Debug:        func(c *gin.Context, why string) { got = append(got, why) },
	}
	e := testEngine(New(cfg))
	star := cfg
	star.AllowHeaders = []string{"*"}
	reflecting := cfg
	reflecting.AllowHeaders = nil
	pf := func(kv ...string) *http.Request {
		return newRequest("OPTIONS", "/x", append([]string{"Origin", appOrigin}, kv...)...)
	}
	cases := []struct {
		name string
		e    *gin.Engine
		req  *http.Request
		want []string // substrings of the one explanation; nil: no call
	}{
		{"allowed actual request", e, newRequest("GET", "/x", "Origin", appOrigin), nil},
		{"no CORS request", e, newRequest("GET", "/x"), nil},
		{"allowed preflight", e, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), nil},
		{"safelisted method", e, pf("Access-Control-Request-Method", "POST"), nil},
		{"origin", e, newRequest("GET", "/x", "Origin", evilOrigin),
			[]string{"actual request GET /x", `"https://evil.example.net"`, "AllowOrigins"}},
		{"preflight origin", e, newRequest("OPTIONS", "/x", "Origin", evilOrigin, "Access-Control-Request-Method", "PUT"),
			[]string{"preflight OPTIONS /x", "origin not allowed"}},
		{"malformed origin", e, newRequest("GET", "/x", "Origin", "https://APP.example.com"), []string{"not serialized"}},
		{"two origins", e, newRequest("GET", "/x", "Origin", appOrigin, "Origin", evilOrigin), []string{"2 Origin headers"}},
		{"long origin", e, newRequest("GET", "/x", "Origin", strings.Repeat("a", 600)), []string{"600 bytes"}},
		{"method", e, pf("Access-Control-Request-Method", "DELETE"), []string{`method "DELETE" is not in AllowMethods`}},
		{"method case", e, pf("Access-Control-Request-Method", "patch"), []string{`which lists "PATCH"`, "case-sensitive", `add "patch" to AllowMethods`}},
		{"header", e, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,x-api-key"),
			[]string{`preflight OPTIONS /x from "https://app.example.com" for "PUT" with headers "content-type,x-api-key": `,
				`header "x-api-key" is not in AllowHeaders (add "x-api-key" to AllowHeaders)`}},
		{"authorization and the wildcard", testEngine(New(star)), pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"),
			[]string{`"authorization" is not covered by "*"`}},
		{"malformed request headers", testEngine(New(reflecting)), pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "a,,b"),
			[]string{"not a comma-separated list of header names"}},
		{"too long a header list", e, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", strings.Repeat("a,", 3000)),
			[]string{"longer than the 4096 bytes gincors reads"}},
		{"too many header lines", testEngine(New(reflecting)), pf(append([]string{"Access-Control-Request-Method", "PUT"},
			repeatPairs("Access-Control-Request-Headers", "x-a", maxRequestHeadersLines+1)...)...),
			[]string{"has 17 lines, more than the 16 gincors reads"}},
		{"the wildcard with credentials and Authorization", testEngine(New(Config{AllowOrigins: []string{appOrigin}, AllowCredentials: true,
			AllowHeaders: []string{"*"}, Debug: cfg.Debug})), pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"),
			[]string{`"authorization" is not covered by "*"`, `add "Authorization" to AllowHeaders`}},
		{"null", e, newRequest("GET", "/x", "Origin", "null"), []string{`add "null" to AllowOrigins`}},
		{"private network", e, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Network", "true"),
			[]string{"AllowPrivateNetwork"}},
		{"several problems, one line", e, pf("Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-a"),
			[]string{"DELETE", `"x-a"`, "; "}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			do(tc.e, tc.req)
			if tc.want == nil {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.NotContains(t, got[0], "\n")
			assert.True(t, strings.HasPrefix(got[0], "gincors: "), got[0])
			for _, w := range tc.want {
				assert.Contains(t, got[0], w)
			}
		})
	}
	t.Run("debug changes no response", func(t *testing.T) {
		quiet := cfg
		quiet.Debug = nil
		for _, tc := range cases {
			a, b := do(tc.e, tc.req), do(testEngine(New(quiet)), tc.req)
			if tc.e == e {
				assert.Equal(t, b.Code, a.Code, tc.name)
				assert.Equal(t, b.Header(), a.Header(), tc.name)
			}
		}
	})
}

// TestReconfigure covers point 13.
func TestReconfigure(t *testing.T) {
	m, err := NewMiddleware(Config{AllowOrigins: []string{appOrigin}})
	require.NoError(t, err)
	e := testEngine(m.Handler())
	acao := func(origin string) string {
		return do(e, newRequest("GET", "/x", "Origin", origin)).Header().Get(headerAllowOrigin)
	}
	assert.Equal(t, appOrigin, acao(appOrigin))

	require.NoError(t, m.Reconfigure(Config{AllowOrigins: []string{"https://other.example.com"}}))
	assert.Empty(t, acao(appOrigin))
	assert.Equal(t, "https://other.example.com", acao("https://other.example.com"))

	err = m.Reconfigure(Config{AllowOrigins: []string{"https://bad.example.com/"}})
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "https://other.example.com", acao("https://other.example.com"), "the old policy stays")

	_, err = NewMiddleware(Config{})
	require.Error(t, err)
}

func TestReconfigureUnderLoad(t *testing.T) {
	a := Config{AllowOrigins: []string{appOrigin}}
	b := Config{AllowOrigins: []string{"https://other.example.com"}, AllowCredentials: true}
	m, err := NewMiddleware(a)
	require.NoError(t, err)
	e := testEngine(m.Handler())
	var wg sync.WaitGroup
	var bad atomic.Int32
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			cfg := a
			if i%2 == 1 {
				cfg = b
			}
			if m.Reconfigure(cfg) != nil || m.Reconfigure(Config{}) == nil {
				bad.Add(1)
			}
		}
	})
	var clients sync.WaitGroup
	for g := 0; g < 4; g++ {
		clients.Go(func() {
			for range 300 {
				h := do(e, newRequest("GET", "/x", "Origin", appOrigin)).Header()
				// Either policy, never a mixture: a's ACAO comes without ACAC.
				if h.Get(headerAllowOrigin) != "" && (h.Get(headerAllowOrigin) != appOrigin || h.Get(headerAllowCreds) != "") {
					bad.Add(1)
				}
				h = do(e, newRequest("GET", "/x", "Origin", "https://other.example.com")).Header()
				if h.Get(headerAllowOrigin) != "" && h.Get(headerAllowCreds) != "true" {
					bad.Add(1)
				}
			}
		})
	}
	clients.Wait()
	close(stop)
	wg.Wait()
	assert.Zero(t, bad.Load())
}

// TestNewKeepsNoReferences is Express's "does not alter options" (T01) and
// the rule that New copies what it keeps.
func TestNewKeepsNoReferences(t *testing.T) {
	cfg := Config{
		AllowOrigins:  []string{appOrigin},
		AllowMethods:  []string{"get", "PUT"},
		AllowHeaders:  []string{"X-A"},
		ExposeHeaders: []string{"X-B"},
	}
	mw := New(cfg)
	assert.Equal(t, []string{"get", "PUT"}, cfg.AllowMethods, "New changed the caller's slice")
	cfg.AllowOrigins[0] = evilOrigin
	cfg.AllowMethods[0] = "DELETE"
	cfg.AllowHeaders[0] = "X-Evil"
	cfg.ExposeHeaders[0] = "X-Evil"
	e := testEngine(mw)
	w := do(e, newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT"))
	assert.Equal(t, appOrigin, w.Header().Get(headerAllowOrigin))
	assert.Equal(t, "GET,PUT", w.Header().Get(headerAllowMethods))
	assert.Equal(t, "X-A", w.Header().Get(headerAllowHeaders))
	w = do(e, newRequest("GET", "/x", "Origin", appOrigin))
	assert.Equal(t, "X-B", w.Header().Get(headerExposeHeaders))
}

func TestNewPanicsWithValidateError(t *testing.T) {
	cfg := Config{AllowOrigins: []string{"https://app.com/"}}
	err := cfg.Validate()
	require.Error(t, err)
	assert.PanicsWithError(t, err.Error(), func() { New(cfg) })
}

// reusableWriter is a ResponseWriter whose header map is cleared per
// request, so allocation counts are the middleware's and Gin's.
type reusableWriter struct {
	h      http.Header
	status int
}

func (w *reusableWriter) Header() http.Header         { return w.h }
func (w *reusableWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *reusableWriter) WriteHeader(s int)           { w.status = s }

// TestAllocations covers issue 3's allocation budget: at most one
// allocation per request on every path, with Debug off.
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
