package gincors_test

// Load and race tests through a real HTTP server on the loopback interface.
// They take tens of seconds, so a plain `go test` skips them; GINCORS_LONG=1
// runs them, as .ci/run does:
//
//	GINCORS_LONG=1 go test -race -run '^TestLoad' -v .
//	GINCORS_LONG=1 GINCORS_LOAD_REQUESTS=200000 go test -run '^TestLoad$' -v .

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	ldApp   = "https://app.example.com"          // allowed by both policies
	ldShop  = "https://shop.example.org"         // allowed by A only, through a pattern
	ldLocal = "http://localhost:5173"            // allowed by B only, through a pattern
	ldEvil  = "https://app.example.com.evil.net" // a lookalike, allowed by neither
)

// The two policies the load test swaps between, and one Reconfigure must
// refuse.
var (
	ldConfigA = gincors.Config{
		AllowOrigins:     []string{ldApp, "https://*.example.org"},
		AllowCredentials: true,
		ExposeHeaders:    []string{"X-Total"},
		MaxAge:           10 * time.Minute,
	}
	ldConfigB = gincors.Config{
		AllowOrigins: []string{ldApp, "http://localhost:*"},
		AllowMethods: []string{"GET", "PUT"},
		AllowHeaders: []string{"Content-Type", "X-Api-Key"},
	}
	ldInvalid = gincors.Config{AllowOrigins: []string{"*"}, AllowCredentials: true}
)

// ldServer serves two engines built as the examples build them, sharing one
// Middleware: the root engine uses it engine-wide, the /api engine mounts it
// on a group. (One engine cannot do both: the engine-wide middleware would
// run before the group's, and a Reconfigure between the two could mix the
// policies in one response.)
func ldServer(m *gincors.Middleware) http.Handler {
	mark := func(name string) gin.HandlerFunc {
		return func(c *gin.Context) {
			c.Header("X-Handler", name)
			c.String(http.StatusOK, "ok")
		}
	}
	root := gin.New()
	root.Use(m.Handler())
	root.GET("/ingredients", mark("ingredients"))
	root.PUT("/items/:id", mark("items"))
	root.OPTIONS("/ingredients", mark("options")) // reached by an OPTIONS that is no preflight

	api := gin.New()
	group := api.Group("/api")
	gincors.Mount(group, m.Handler())
	group.GET("/ingredients", mark("api-ingredients"))
	group.PUT("/items/:id", mark("api-items"))

	mux := http.NewServeMux()
	mux.Handle("/", root)
	mux.Handle("/api/", api)
	return mux
}

// ldWant is a response as one policy should answer it: the status, the
// values of the checked headers ("" when absent, lines joined by "|"), and
// the handler that ran ("" for none).
type ldWant struct {
	status  int
	headers map[string]string
	handler string
}

var ldChecked = []string{
	"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
	"Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
	"Access-Control-Allow-Private-Network", "Vary",
}

func (w ldWant) diff(res *http.Response, body string) string {
	var d []string
	if res.StatusCode != w.status {
		d = append(d, fmt.Sprintf("status %d, want %d", res.StatusCode, w.status))
	}
	for _, k := range ldChecked {
		if got := strings.Join(res.Header.Values(k), "|"); got != w.headers[k] {
			d = append(d, fmt.Sprintf("%s %q, want %q", k, got, w.headers[k]))
		}
	}
	if got := res.Header.Get("X-Handler"); got != w.handler {
		d = append(d, fmt.Sprintf("handler %q, want %q", got, w.handler))
	}
	if w.handler != "" && body != "ok" {
		d = append(d, fmt.Sprintf("body %.40q", body))
	}
	return strings.Join(d, "; ")
}

// ldKind is one kind of request with its answer under each policy.
type ldKind struct {
	name         string
	method, path string
	headers      [][2]string // sent in order; a name twice sends two lines
	a, b         ldWant
	weight       int
}

func ldKinds() []ldKind {
	h := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	const (
		acao, acac, acam, acah = "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"
		aceh, acma, vary       = "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Vary"
		defaultMethods         = "GET,HEAD,PUT,PATCH,POST,DELETE"
		varyA                  = "Origin, Access-Control-Request-Headers" // A reflects request headers
	)
	actualA := func(origin, handler string) ldWant {
		return ldWant{200, h(acao, origin, acac, "true", aceh, "X-Total", vary, "Origin"), handler}
	}
	actualB := func(origin, handler string) ldWant {
		return ldWant{200, h(acao, origin, vary, "Origin"), handler}
	}
	refused := func(handler string) ldWant { return ldWant{200, h(vary, "Origin"), handler} }
	preflightA := func(origin, reflected string) ldWant {
		w := ldWant{204, h(acao, origin, acac, "true", acam, defaultMethods, acma, "600", vary, varyA), ""}
		if reflected != "" {
			w.headers[acah] = reflected
		}
		return w
	}
	preflightB := func(origin string) ldWant {
		return ldWant{204, h(acao, origin, acam, "GET,PUT", acah, "Content-Type,X-Api-Key", vary, "Origin"), ""}
	}
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("x-h%04d", i)
	}
	many, commas := strings.Join(names, ","), strings.Repeat(",", 64<<10)
	pf := func(origin, method string, kv ...string) [][2]string {
		hs := [][2]string{{"Origin", origin}, {"Access-Control-Request-Method", method}}
		for i := 0; i < len(kv); i += 2 {
			hs = append(hs, [2]string{kv[i], kv[i+1]})
		}
		return hs
	}
	origin := func(o string) [][2]string { return [][2]string{{"Origin", o}} }
	return []ldKind{
		{"allowed actual", "GET", "/ingredients", origin(ldApp), actualA(ldApp, "ingredients"), actualB(ldApp, "ingredients"), 8},
		{"actual, A only (group)", "GET", "/api/ingredients", origin(ldShop), actualA(ldShop, "api-ingredients"), refused("api-ingredients"), 6},
		{"actual, B only", "PUT", "/items/7", origin(ldLocal), refused("items"), actualB(ldLocal, "items"), 6},
		{"disallowed actual", "GET", "/api/ingredients", origin(ldEvil), refused("api-ingredients"), refused("api-ingredients"), 6},
		{"two origins", "GET", "/ingredients", [][2]string{{"Origin", ldApp}, {"Origin", ldShop}}, refused("ingredients"), refused("ingredients"), 2},
		{"no Origin", "GET", "/ingredients", nil, refused("ingredients"), refused("ingredients"), 6},
		{"OPTIONS, no preflight", "OPTIONS", "/ingredients", origin(ldApp), actualA(ldApp, "options"), actualB(ldApp, "options"), 3},
		{"OPTIONS, no preflight (group)", "OPTIONS", "/api/items/7", origin(ldApp), actualA(ldApp, ""), actualB(ldApp, ""), 2},
		{"allowed preflight", "OPTIONS", "/items/7", pf(ldApp, "PUT", "Access-Control-Request-Headers", "content-type,x-api-key"),
			preflightA(ldApp, "content-type,x-api-key"), preflightB(ldApp), 8},
		{"preflight, A only (group)", "OPTIONS", "/api/items/7", pf(ldShop, "PUT"),
			preflightA(ldShop, ""), ldWant{204, h(vary, "Origin"), ""}, 6},
		{"disallowed preflight", "OPTIONS", "/ingredients", pf(ldEvil, "DELETE"),
			ldWant{204, h(vary, varyA), ""}, ldWant{204, h(vary, "Origin"), ""}, 6},
		{"preflight, 1,000 header names", "OPTIONS", "/items/7", pf(ldApp, "PUT", "Access-Control-Request-Headers", many),
			preflightA(ldApp, ""), preflightB(ldApp), 1},
		{"preflight, 64 KiB of commas (group)", "OPTIONS", "/api/items/7", pf(ldApp, "PUT", "Access-Control-Request-Headers", commas),
			preflightA(ldApp, ""), preflightB(ldApp), 1},
	}
}

func (k ldKind) request(base string) *http.Request {
	r, err := http.NewRequest(k.method, base+k.path, nil)
	if err != nil {
		panic(err)
	}
	for _, kv := range k.headers {
		r.Header.Add(kv[0], kv[1])
	}
	return r
}

// ldHeapInuse is the heap in use after a full collection, in MiB.
func ldHeapInuse() float64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}

// skipUnlessLong skips a test that takes seconds unless GINCORS_LONG is set.
func skipUnlessLong(t *testing.T) {
	t.Helper()
	if !gincors.LongTests() {
		t.Skip("a long test: set GINCORS_LONG=1 to run it (.ci/run does)")
	}
}

func TestLoad(t *testing.T) {
	skipUnlessLong(t)
	gin.SetMode(gin.ReleaseMode)
	total := 20000
	if s := os.Getenv("GINCORS_LOAD_REQUESTS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, "GINCORS_LOAD_REQUESTS")
		total = n
	}
	warmup := max(total/10, 640)
	const workers = 64

	m, err := gincors.NewMiddleware(ldConfigA)
	require.NoError(t, err)
	traffic := newLdTraffic(t, m, workers)
	reconf := startLdReconfigurer(m)

	traffic.run(warmup)
	before := ldHeapInuse()
	start := time.Now()
	traffic.run(total)
	elapsed := time.Since(start)
	reconf.finish()
	after := ldHeapInuse()

	rate := float64(total) / elapsed.Seconds()
	errs := traffic.transportErrs.Load() + traffic.wrong.Load()
	t.Logf("%d requests (+%d warm-up) from %d goroutines in %v: %.0f req/s", total, warmup, workers, elapsed.Round(time.Millisecond), rate)
	t.Logf("transport errors %d, wrong responses %d; %d policy swaps, %d invalid configs refused",
		traffic.transportErrs.Load(), traffic.wrong.Load(), reconf.swaps.Load(), reconf.refusals.Load())
	t.Logf("heap in use after GC: %.2f MiB after warm-up, %.2f MiB after the run (%+.2f MiB)", before, after, after-before)
	fmt.Printf("load: %d requests, %.0f req/s, %d errors, heap before %.1f MiB after %.1f MiB\n", total, rate, errs, before, after)

	assert.Zero(t, traffic.transportErrs.Load(), "transport errors: %q", traffic.samples)
	assert.Zero(t, traffic.wrong.Load(), "wrong responses: %q", traffic.samples)
	assert.Empty(t, reconf.errs)
	assert.Positive(t, reconf.swaps.Load(), "Reconfigure never ran during the load")
	assert.Less(t, after-before, 8.0, "heap grew with the request count")
}

// ldTraffic sends TestLoad's requests, the kinds in proportion to their
// weights, to a loopback server, and counts what went wrong.
type ldTraffic struct {
	base     string
	client   *http.Client
	workers  int
	kinds    []ldKind
	schedule []int // kind indices, by weight

	transportErrs, wrong atomic.Int64
	mu                   sync.Mutex
	samples              []string
}

// newLdTraffic starts a loopback server for m, ended with the test.
func newLdTraffic(t *testing.T, m *gincors.Middleware, workers int) *ldTraffic {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: ldServer(m), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	tr := &http.Transport{MaxIdleConns: 2 * workers, MaxIdleConnsPerHost: workers, IdleConnTimeout: time.Minute}
	t.Cleanup(tr.CloseIdleConnections)
	l := &ldTraffic{base: "http://" + ln.Addr().String(), client: &http.Client{Transport: tr, Timeout: 30 * time.Second},
		workers: workers, kinds: ldKinds()}
	for i, k := range l.kinds {
		for range k.weight {
			l.schedule = append(l.schedule, i)
		}
	}
	return l
}

// run sends n requests from l.workers goroutines and waits for them.
func (l *ldTraffic) run(n int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				l.send(l.kinds[l.schedule[i%len(l.schedule)]])
			}
		}()
	}
	wg.Wait()
}

// send makes one request of kind k and checks that its answer is policy
// A's or policy B's: the policy may change between any two requests.
func (l *ldTraffic) send(k ldKind) {
	res, err := l.client.Do(k.request(l.base))
	if err != nil {
		l.transportErrs.Add(1)
		l.sample(k.name + ": " + err.Error())
		return
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		l.transportErrs.Add(1)
		return
	}
	if da, db := k.a.diff(res, string(body)), k.b.diff(res, string(body)); da != "" && db != "" {
		l.wrong.Add(1)
		l.sample(fmt.Sprintf("%s: as A: %s; as B: %s", k.name, da, db))
	}
}

func (l *ldTraffic) sample(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.samples) < 10 {
		l.samples = append(l.samples, s)
	}
}

// ldReconfigurer alternates the policy between A and B every millisecond,
// and tries the invalid config after each: it must be refused and leave the
// policy as it was, which an in-process probe through the same Middleware
// confirms.
type ldReconfigurer struct {
	m               *gincors.Middleware
	probe           *gin.Engine
	swaps, refusals atomic.Int64
	mu              sync.Mutex
	errs            []string
	stop            chan struct{}
	done            sync.WaitGroup
}

func startLdReconfigurer(m *gincors.Middleware) *ldReconfigurer {
	r := &ldReconfigurer{m: m, probe: gin.New(), stop: make(chan struct{})}
	r.probe.Use(m.Handler())
	r.probe.GET("/p", func(c *gin.Context) { c.Status(http.StatusOK) })
	r.done.Add(1)
	go func() {
		defer r.done.Done()
		for i := 0; ; i++ {
			select {
			case <-r.stop:
				return
			case <-time.After(time.Millisecond):
			}
			r.swap(i)
		}
	}()
	return r
}

// finish stops the swaps and waits for the last one.
func (r *ldReconfigurer) finish() {
	close(r.stop)
	r.done.Wait()
}

// swap installs A or B, then tries the invalid config.
func (r *ldReconfigurer) swap(i int) {
	cfg, only := ldConfigA, ldShop
	if i%2 == 1 {
		cfg, only = ldConfigB, ldLocal
	}
	if err := r.m.Reconfigure(cfg); err != nil {
		r.fail("valid config refused: %v", err)
		return
	}
	r.swaps.Add(1)
	var ce *gincors.ConfigError
	if err := r.m.Reconfigure(ldInvalid); !errors.As(err, &ce) {
		r.fail("invalid config not refused with a ConfigError: %v", err)
		return
	}
	r.refusals.Add(1)
	if got := r.acaoFor(only); got != only {
		r.fail("after a refused Reconfigure, %s got ACAO %q: the old policy did not stay", only, got)
	}
}

func (r *ldReconfigurer) acaoFor(origin string) string {
	w := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/p", nil)
	req.Header.Set("Origin", origin)
	r.probe.ServeHTTP(w, req)
	return w.Header().Get("Access-Control-Allow-Origin")
}

func (r *ldReconfigurer) fail(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.errs) < 5 {
		r.errs = append(r.errs, fmt.Sprintf(format, args...))
	}
}

// TestLoadHandlersMutateHeaders: handlers that overwrite every response
// header value in place and append to Vary, running concurrently with
// handlers and preflights that do not, over a real server, must leave the
// other responses intact (rs/cors#198). Run with -race. gincors_test.go's
// TestHandlersCannotCorruptLaterResponses does the same in process.
func TestLoadHandlersMutateHeaders(t *testing.T) {
	skipUnlessLong(t)
	gin.SetMode(gin.ReleaseMode)
	configs := map[string]gincors.Config{
		"star":        {AllowOrigins: []string{"*"}, ExposeHeaders: []string{"X-Total"}},
		"credentials": ldConfigA,
		"list":        ldConfigB,
	}
	reqs := []ldSpec{
		{"GET", "/clean", []string{"Origin", ldApp}},
		{"GET", "/clean", nil},
		{"OPTIONS", "/clean", []string{"Origin", ldApp, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"}},
		{"GET", "/clean", []string{"Origin", ldEvil}},
	}
	vandal := ldSpec{"GET", "/vandal", []string{"Origin", ldApp}}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(ldVandalEngine(cfg))
			defer srv.Close()
			client := srv.Client()
			client.Transport.(*http.Transport).MaxIdleConnsPerHost = 16
			get := func(s ldSpec) (http.Header, error) { return s.get(client, srv.URL) }
			want := make([]http.Header, len(reqs))
			for i, r := range reqs {
				h, err := get(r)
				require.NoError(t, err)
				want[i] = h
			}
			var wg sync.WaitGroup
			var bad atomic.Int64
			var first atomic.Value
			for g := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 100 {
						if (g+i)%2 == 0 {
							if _, err := get(vandal); err != nil {
								bad.Add(1)
							}
							continue
						}
						k := (g + i) % len(reqs)
						if h, err := get(reqs[k]); err != nil || fmt.Sprint(h) != fmt.Sprint(want[k]) {
							bad.Add(1)
							first.CompareAndSwap(nil, fmt.Sprintf("request %d: %v %v, want %v", k, err, h, want[k]))
						}
					}
				}()
			}
			wg.Wait()
			assert.Zero(t, bad.Load(), "%v", first.Load())
			for i, r := range reqs {
				h, err := get(r)
				require.NoError(t, err)
				assert.Equal(t, want[i], h, "request %d after the vandals", i)
			}
		})
	}
}

// ldVandalEngine serves cfg engine-wide, with /vandal overwriting every
// response header value in place and appending to Vary, and /clean not.
func ldVandalEngine(cfg gincors.Config) *gin.Engine {
	e := gin.New()
	e.Use(gincors.New(cfg))
	e.GET("/vandal", func(c *gin.Context) {
		h := c.Writer.Header()
		for _, v := range h {
			for i := range v {
				v[i] = "mutated"
			}
		}
		h["Vary"] = append(h["Vary"], "Mutated")
		c.Status(http.StatusOK)
	})
	e.GET("/clean", func(c *gin.Context) { c.Status(http.StatusOK) })
	return e
}

// ldSpec is a request, built anew for each use: a sent *http.Request is not
// to be shared between goroutines.
type ldSpec struct {
	method, path string
	kv           []string
}

// get sends s to base and returns the response's headers, Date aside.
func (s ldSpec) get(client *http.Client, base string) (http.Header, error) {
	r, err := http.NewRequest(s.method, base+s.path, nil)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(s.kv); i += 2 {
		r.Header.Add(s.kv[i], s.kv[i+1])
	}
	res, err := client.Do(r)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	res.Header.Del("Date")
	return res.Header, nil
}
