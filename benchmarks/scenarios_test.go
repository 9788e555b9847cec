package benchmarks

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

const (
	host       = "api.example.net" // the server; no origin is same-origin with it
	evilOrigin = "https://evil.example.org"
	path       = "/x"
)

// The adversarial Access-Control-Request-Headers values, built once and only
// by the scenarios that use them.
var (
	manyNames = sync.OnceValue(func() string {
		names := make([]string, 1000)
		for i := range names {
			names[i] = fmt.Sprintf("x-custom-%04d", i)
		}
		return strings.Join(names, ",")
	})
	mibOfCommas = sync.OnceValue(func() string { return strings.Repeat(",", 1<<20) })
)

// response is what the comparison looks at in an answer.
type response struct {
	Status     int
	ACAO       string // Access-Control-Allow-Origin
	ACAC       string // Access-Control-Allow-Credentials
	ACAM       string // Access-Control-Allow-Methods
	ACAH       string // Access-Control-Allow-Headers
	ACMA       string // Access-Control-Max-Age
	Vary       string
	HandlerRan bool
}

// scenario is one request against one policy.
type scenario struct {
	name   string
	policy func() policy
	method string
	origin string // "" for none
	acrm   string // "" for none
	acrh   func() string
	// want is gincors's answer, asserted; the peers' differences from it are
	// only reported.
	want response
	// debug adds the gincors-debug contender; debugCalls is how often its
	// sink must be called (-1: not asserted, only reported).
	debug      bool
	debugCalls int
}

// request builds the scenario's request, reused across iterations.
func (s scenario) request() *http.Request {
	r, err := http.NewRequest(s.method, "http://"+host+path, nil)
	if err != nil {
		panic(err)
	}
	r.Host = host
	if s.origin != "" {
		r.Header.Set("Origin", s.origin)
	}
	if s.acrm != "" {
		r.Header.Set("Access-Control-Request-Method", s.acrm)
	}
	if s.acrh != nil {
		r.Header.Set("Access-Control-Request-Headers", s.acrh())
	}
	return r
}

func origins(n int) func() policy {
	return func() policy { return policy{origins: originList(n)} }
}

func constant(s string) func() string { return func() string { return s } }

// Expected gincors answers.
var (
	actualAllowed = func(origin string) response {
		return response{Status: 200, ACAO: origin, Vary: "Origin", HandlerRan: true}
	}
	actualRejected = response{Status: 200, Vary: "Origin", HandlerRan: true}
	preflightOK    = func(origin string) response {
		return response{
			Status: 204, ACAO: origin,
			ACAM: "GET,POST,PUT,DELETE", ACAH: "Authorization,Content-Type,X-Requested-With", ACMA: "600",
			Vary: "Origin",
		}
	}
	preflightRejected = response{Status: 204, Vary: "Origin"}
)

func withCreds(r response) response { r.ACAC = "true"; return r }

// scenarios is the benchmark grid. The -nN suffix is the number of allowed
// origins; requests come from the last one.
var scenarios = func() []scenario {
	var list []scenario
	for _, n := range []int{1, 500, 10000} {
		last := appOrigin(n - 1)
		list = append(list, scenario{
			name: fmt.Sprintf("actual-allowed-n%d", n), policy: origins(n),
			method: "GET", origin: last, want: actualAllowed(last),
			debug: n == 1,
		})
	}
	for _, n := range []int{1, 500} {
		list = append(list, scenario{
			name: fmt.Sprintf("actual-disallowed-n%d", n), policy: origins(n),
			method: "GET", origin: evilOrigin, want: actualRejected,
			debug: n == 1, debugCalls: 1,
		})
	}
	for _, n := range []int{1, 500} {
		list = append(list, scenario{
			name: fmt.Sprintf("actual-no-origin-n%d", n), policy: origins(n),
			method: "GET", want: actualRejected,
		})
	}
	for _, n := range []int{1, 500} {
		last := appOrigin(n - 1)
		list = append(list, scenario{
			name: fmt.Sprintf("preflight-allowed-n%d", n), policy: origins(n),
			method: "OPTIONS", origin: last, acrm: "PUT", acrh: constant("authorization,content-type"),
			want:  preflightOK(last),
			debug: n == 1,
		})
	}
	for _, n := range []int{1, 500} {
		list = append(list, scenario{
			name: fmt.Sprintf("preflight-disallowed-n%d", n), policy: origins(n),
			method: "OPTIONS", origin: evilOrigin, acrm: "PUT", acrh: constant("authorization,content-type"),
			want:  preflightRejected,
			debug: n == 1, debugCalls: 1,
		})
	}
	first := appOrigin(0)
	list = append(list,
		// gincors sends its configured list whatever the request asks for;
		// the browser fails the preflight. Debug explains it once.
		scenario{
			name: "preflight-adversarial-names1000-n1", policy: origins(1),
			method: "OPTIONS", origin: first, acrm: "PUT", acrh: manyNames,
			want:  preflightOK(first),
			debug: true, debugCalls: 1,
		},
		scenario{
			name: "preflight-adversarial-commas1MiB-n1", policy: origins(1),
			method: "OPTIONS", origin: first, acrm: "PUT", acrh: mibOfCommas,
			want:  preflightOK(first),
			debug: true, debugCalls: -1,
		},
		scenario{
			name:   "actual-credentials-n1",
			policy: func() policy { return policy{origins: []string{first}, credentials: true} },
			method: "GET", origin: first, want: withCreds(actualAllowed(first)),
		},
		scenario{
			name:   "preflight-credentials-n1",
			policy: func() policy { return policy{origins: []string{first}, credentials: true} },
			method: "OPTIONS", origin: first, acrm: "PUT", acrh: constant("authorization,content-type"),
			want: withCreds(preflightOK(first)),
		},
	)
	sub := "https://app499.eu.example.com"
	subdomains := func() policy { return policy{origins: []string{"https://*.example.com"}} }
	list = append(list,
		scenario{
			name: "actual-subdomain", policy: subdomains,
			method: "GET", origin: sub, want: actualAllowed(sub),
		},
		scenario{
			name: "preflight-subdomain", policy: subdomains,
			method: "OPTIONS", origin: sub, acrm: "PUT", acrh: constant("authorization,content-type"),
			want: preflightOK(sub),
		},
	)
	return list
}()

// recorder is a reusable http.ResponseWriter: reset clears its header map,
// keeping its buckets, so an iteration allocates only what the middleware
// and Gin allocate.
type recorder struct {
	header http.Header
	status int
	body   int
}

func newRecorder() *recorder { return &recorder{header: make(http.Header)} }

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *recorder) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body += len(p)
	return len(p), nil
}

func (w *recorder) reset() {
	clear(w.header)
	w.status = 0
	w.body = 0
}

// app is one contender's engine for one scenario.
type app struct {
	engine *gin.Engine
	w      *recorder
	req    *http.Request
	ran    *int
}

// setup builds the contender's engine for the scenario and the reused
// request and writer.
func setup(c contender, s scenario) app {
	ran := new(int)
	var mw gin.HandlerFunc
	if c.build != nil {
		mw = c.build(s.policy())
	}
	return app{engine: newEngine(mw, ran), w: newRecorder(), req: s.request(), ran: ran}
}

// serve runs one request and returns what the comparison looks at.
func (a app) serve() response {
	a.w.reset()
	before := *a.ran
	a.engine.ServeHTTP(a.w, a.req)
	h := a.w.header
	status := a.w.status
	if status == 0 {
		status = http.StatusOK
	}
	return response{
		Status:     status,
		ACAO:       strings.Join(h["Access-Control-Allow-Origin"], ", "),
		ACAC:       strings.Join(h["Access-Control-Allow-Credentials"], ", "),
		ACAM:       strings.Join(h["Access-Control-Allow-Methods"], ", "),
		ACAH:       strings.Join(h["Access-Control-Allow-Headers"], ", "),
		ACMA:       strings.Join(h["Access-Control-Max-Age"], ", "),
		Vary:       strings.Join(h["Vary"], ", "),
		HandlerRan: *a.ran > before,
	}
}

// diff lists how got differs from want. Lists are compared as sets of
// trimmed elements (case-insensitively for header names and Vary, not for
// methods), so "GET, POST" and "GET,POST" are the same answer.
func diff(got, want response) []string {
	var d []string
	field := func(name, g, w string, equal bool) {
		if !equal {
			d = append(d, fmt.Sprintf("%s %s, want %s", name, show(g), show(w)))
		}
	}
	if got.Status != want.Status {
		d = append(d, fmt.Sprintf("status %d, want %d", got.Status, want.Status))
	}
	field("ACAO", got.ACAO, want.ACAO, got.ACAO == want.ACAO)
	field("ACAC", got.ACAC, want.ACAC, got.ACAC == want.ACAC)
	field("ACAM", got.ACAM, want.ACAM, sameList(got.ACAM, want.ACAM, false))
	field("ACAH", got.ACAH, want.ACAH, sameList(got.ACAH, want.ACAH, true))
	field("ACMA", got.ACMA, want.ACMA, got.ACMA == want.ACMA)
	field("Vary", got.Vary, want.Vary, sameList(got.Vary, want.Vary, true))
	if got.HandlerRan != want.HandlerRan {
		d = append(d, fmt.Sprintf("handler ran %v, want %v", got.HandlerRan, want.HandlerRan))
	}
	return d
}

func show(s string) string {
	const max = 100
	if s == "" {
		return "(none)"
	}
	if len(s) > max {
		return fmt.Sprintf("%q... (%d bytes)", s[:max], len(s))
	}
	return fmt.Sprintf("%q", s)
}

func sameList(a, b string, fold bool) bool {
	return slices.Equal(elements(a, fold), elements(b, fold))
}

func elements(s string, fold bool) []string {
	var list []string
	for e := range strings.SplitSeq(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			if fold {
				e = strings.ToLower(e)
			}
			list = append(list, e)
		}
	}
	slices.Sort(list)
	return list
}

// check serves the scenario once through the contender and returns the
// differences from gincors's expected answer (for gincors-debug, also whether
// its Debug sink was called as often as it must be), the app ready for
// timing, and how often the Debug sink was called.
func check(c contender, s scenario) (differences []string, a app, debugN int) {
	a = setup(c, s)
	calls := 0
	if c.debugCalls != nil {
		calls = *c.debugCalls
	}
	got := a.serve()
	differences = diff(got, s.want)
	if c.debugCalls != nil {
		debugN = *c.debugCalls - calls
		if want := s.debugCalls; want >= 0 && debugN != want {
			differences = append(differences, fmt.Sprintf("Debug called %d times, want %d", debugN, want))
		}
	}
	return differences, a, debugN
}

// contendersFor lists the contenders a scenario is run with.
func contendersFor(s scenario) []contender {
	var list []contender
	for _, c := range contenders {
		if c.name == mwGincorsDebug && !s.debug {
			continue
		}
		list = append(list, c)
	}
	return list
}

// reportOnce logs a peer's differences once per process, however often
// -count runs the benchmark.
var reported sync.Map

func reportOnce(key string, log func(...any), differences []string) {
	if len(differences) == 0 {
		return
	}
	if _, loaded := reported.LoadOrStore(key, true); loaded {
		return
	}
	log(key + " differs from gincors: " + strings.Join(differences, "; "))
}
