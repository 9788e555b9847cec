package gincors

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestClassification shows which requests are answered as preflights, as
// actual requests or as no CORS requests at all.
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

// TestActualRequests shows the headers of actual requests, allowed or not,
// with and without credentials, and that the handler runs in every case.
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

// TestPreflights shows the headers and status of preflights: the lists as
// configured, reflection and its limits, wildcards with and without
// credentials, max age, the success status and private network access.
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

// TestRouting shows that preflights and actual requests get their headers
// with the middleware on the engine, on a group with Mount and on a single
// route, with and without HandleMethodNotAllowed.
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

// TestHandlersCannotCorruptLaterResponses shows that a handler that
// overwrites every header value in place, and appends to Vary, under
// concurrent requests, must not change what later responses carry
// (rs/cors#198). Run with -race.
func TestHandlersCannotCorruptLaterResponses(t *testing.T) {
	configs := map[string]Config{
		"star":        {AllowOrigins: []string{"*"}, ExposeHeaders: []string{"X-Total"}},
		"list":        listConfig,
		"credentials": {AllowOrigins: []string{appOrigin}, AllowCredentials: true, ExposeHeaders: []string{"X-Total"}, MaxAge: time.Hour},
	}
	reqs := []func() *http.Request{
		func() *http.Request { return newRequest("GET", "/x", "Origin", appOrigin) },
		func() *http.Request { return newRequest("GET", "/x") },
		func() *http.Request { return newRequest("OPTIONS", "/x", "Origin", appOrigin) },
		func() *http.Request {
			return newRequest("OPTIONS", "/y", "Origin", appOrigin, "Access-Control-Request-Method", "PUT")
		},
	}
	const untouched = 3 // the preflight, which no vandal sees
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			e, clean := vandalEngine(cfg), testEngine(New(cfg))
			want := make([]http.Header, len(reqs))
			for i, r := range reqs {
				want[i] = corsOnly(do(clean, r()).Header())
			}
			var wg sync.WaitGroup
			var failures atomic.Int32
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 200; i++ {
						k := (g + i) % len(reqs)
						w := do(e, reqs[k]()) // a vandal runs but for untouched
						if k == untouched && fmt.Sprint(w.Header()) != fmt.Sprint(want[k]) {
							failures.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			assert.Zero(t, failures.Load())
			for i, r := range reqs {
				assert.Equal(t, want[i], corsOnly(do(clean, r()).Header()), "request %d after the vandals", i)
			}
		})
	}
}

// vandalEngine serves cfg engine-wide with handlers on GET and OPTIONS /x
// that overwrite every response header value in place and append to Vary.
func vandalEngine(cfg Config) *gin.Engine {
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
	e.OPTIONS("/x", vandal) // reached by non-preflight OPTIONS
	return e
}

// corsOnly drops the headers testEngine's handler and Gin add.
func corsOnly(h http.Header) http.Header {
	h.Del("X-Handler")
	h.Del("Content-Type")
	return h
}

// TestReconfigure shows that Reconfigure replaces the policy for the next
// requests, and that an invalid configuration is refused and leaves the
// current policy in place.
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
	wg.Add(1)
	go func() {
		defer wg.Done()
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
	}()
	var clients sync.WaitGroup
	for g := 0; g < 4; g++ {
		clients.Add(1)
		go func() {
			defer clients.Done()
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
		}()
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
