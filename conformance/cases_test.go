package conformance

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// testCase is one request replayed against Express's cors and gincors.
type testCase struct {
	ID     string
	Name   string
	Oracle string         // the oracle's JSON config (format: oracle/oracle.js)
	Cfg    gincors.Config // the equivalent, or nearest valid, gincors config
	Setup  setup          // nil: the Gin twin of Oracle's app (setupFromOracle)
	Req    request
	// Invalid are literal translations of Oracle's config that gincors must
	// refuse, each with the fields Validate names.
	Invalid []invalid
	Diffs   []diff
	Note    string // how the config was translated
	Body    bool   // compare bodies even where the handler did not run
}

type invalid struct {
	Cfg    gincors.Config
	Fields []string
}

// notApplicable is an Express case with no HTTP or no gincors counterpart.
type notApplicable struct{ ID, Name, Reason string }

// Requests. def is upstream's FakeRequest default (Origin and
// Access-Control-Request-Headers, no Access-Control-Request-Method).
const (
	example = "http://example.com"
	app     = "https://app.example.com"
)

func hdr(kv ...string) [][2]string {
	var h [][2]string
	for i := 0; i+1 < len(kv); i += 2 {
		h = append(h, [2]string{kv[i], kv[i+1]})
	}
	return h
}

func defReq(method, target string) request {
	return request{method, target, hdr("Origin", example, acrh, "x-header-1, x-header-2")}
}

// pre is a real preflight: Origin app, ACRM PUT, ACRH content-type,x-token,
// then extra headers (name, value, ...).
func pre(target string, extra ...string) request {
	return request{http.MethodOptions, target,
		append(hdr("Origin", app, acrm, "PUT", acrh, "content-type,x-token"), hdr(extra...)...)}
}

// preFrom is a preflight from origin, for method, with headers (no ACRH when "").
func preFrom(target, origin, method, headers string) request {
	h := hdr("Origin", origin, acrm, method)
	if headers != "" {
		h = append(h, [2]string{acrh, headers})
	}
	return request{http.MethodOptions, target, h}
}

// req is a request with the given headers (name, value, ...).
func req(method, target string, headers ...string) request {
	return request{method, target, hdr(headers...)}
}

// Configs.
var (
	star      = gincors.DefaultConfig()
	allowAll  = func(*gin.Context, string) bool { return true }
	denyAll   = func(*gin.Context, string) bool { return false }
	re        = regexp.MustCompile
	sec       = time.Second
	defHeader = "x-header-1, x-header-2"
)

func allowList(list ...string) func(*gin.Context, string) bool {
	return func(_ *gin.Context, o string) bool {
		for _, l := range list {
			if l == o {
				return true
			}
		}
		return false
	}
}

func with(cfg gincors.Config, edit func(*gincors.Config)) gincors.Config {
	edit(&cfg)
	return cfg
}

// errorApp is the Gin twin of error-response.js: r.Use(cors) and two routes;
// /four-oh-four has no route, so Gin's 404 chain (which runs engine
// middleware) answers it as Express's finalhandler does.
func errorApp(r *gin.Engine, cors gin.HandlerFunc) {
	r.Use(cors)
	r.POST("/five-hundred", handler)
	r.POST("/four-oh-one", handler)
}

// longACRH is a well-formed Access-Control-Request-Headers longer than 4096 bytes.
var longACRH = func() string {
	var names []string
	for i := 0; i < 500; i++ {
		names = append(names, fmt.Sprintf("x-hdr-%03d", i))
	}
	return strings.Join(names, ",")
}()

// notApplicableCases are listed in the printed table; they run nothing.
var notApplicableCases = []notApplicable{
	{"T01", "does not alter options configuration object",
		"not over HTTP (a frozen options object); the root package's unit tests check that New leaves the Config unchanged"},
	{"T06", "normalizes method names (lowercase options)",
		"no oracle: Node answers a lowercase `options` request line with 400 before Express runs; browsers send OPTIONS"},
	{"NA-REGEX-G", "RegExp with the g or y flag",
		"JS RegExp.test is stateful with g/y (alternating answers); Go regexps have no such state, so no config is equivalent"},
	{"NA-DELEGATE", "per-request options delegate (cors((req, cb) => ...))",
		"no gincors form; T37-T39 and P31/P32 use the nearest: a fixed config, or per-route/group middlewares"},
}

// cases returns the whole table: the upstream suite (T, E, X, I), the extra
// cases of express-cors-cases.md (P), and this test's own (G).
func cases() []testCase {
	var cs []testCase
	cs = append(cs, upstreamCases()...)
	cs = append(cs, extraCases()...)
	cs = append(cs, ownCases()...)
	return cs
}

func upstreamCases() []testCase {
	overrides := gincors.Config{AllowOrigins: []string{example}, AllowMethods: []string{"FOO", "bar"},
		AllowHeaders: []string{"FIZZ", "buzz"}, AllowCredentials: true, MaxAge: 123 * sec}
	headers12 := with(star, func(c *gincors.Config) { c.AllowHeaders = []string{"header1", "header2"} })
	delegate := gincors.Config{AllowOrigins: []string{"https://delegate.com"}}
	issue2 := gincors.Config{AllowOriginFunc: allowAll, AllowMethods: []string{"POST"},
		AllowCredentials: true, MaxAge: 3600 * sec}
	const issue2Oracle = `{"origin":true,"methods":["POST"],"credentials":true,"maxAge":3600,` +
		`"$routes":[{"method":"options","path":"/api/login"},{"method":"post","path":"/api/login"}]}`
	const simpleApp = `{"$routes":[{"method":"head","path":"/","cors":true},{"method":"get","path":"/","cors":true},{"method":"post","path":"/","cors":true}]}`
	const complexApp = `{"$routes":[{"method":"options","path":"/","cors":true},{"method":"delete","path":"/","cors":true}]}`

	return []testCase{
		{ID: "T02", Name: "passes control to next middleware", Oracle: `{}`, Cfg: star, Req: defReq("GET", "/")},
		{ID: "T03", Name: "shortcircuits preflight requests", Oracle: `{}`, Cfg: star, Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "T04", Name: "can configure preflight success response status code", Oracle: `{"optionsSuccessStatus":200}`,
			Cfg: with(star, func(c *gincors.Config) { c.OptionsSuccessStatus = 200 }), Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "T05", Name: "doesn't shortcircuit preflight requests with preflightContinue option", Oracle: `{"preflightContinue":true}`,
			Cfg: with(star, func(c *gincors.Config) { c.PreflightContinue = true }), Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "T07", Name: "includes Content-Length response header", Oracle: `{}`, Cfg: star, Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "T08", Name: "no options enables default CORS to all origins", Oracle: `{}`, Cfg: star, Req: defReq("GET", "/")},
		{ID: "T09", Name: "OPTION call with no options enables default CORS to all origins and methods", Oracle: `{}`,
			Cfg: star, Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T10", Name: "overrides defaults",
			Oracle: `{"origin":"http://example.com","methods":["FOO","bar"],"headers":["FIZZ","buzz"],"credentials":true,"maxAge":123}`,
			Cfg:    overrides, Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T11", Name: "matches request origin against regexp",
			Oracle: `{"origin":{"regex":":\\/\\/(.+\\.)?example.com$"}}`,
			Invalid: []invalid{{gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`:\/\/(.+\.)?example.com$`)}},
				[]string{"AllowOriginRegexps[0]"}}},
			Cfg: gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https?://(.+\.)?example\.com$`)}},
			Req: defReq("GET", "/"), Diffs: []diff{dRegex()},
			Note: "unanchored RegExp refused; anchored ^https?://(.+\\.)?example\\.com$"},
		{ID: "T12", Name: "matches request origin against array of origin checks",
			Oracle: `{"origin":[{"regex":"foo\\.com$"},"http://example.com"]}`,
			Invalid: []invalid{{gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`foo\.com$`)}, AllowOrigins: []string{example}},
				[]string{"AllowOriginRegexps[0]"}}},
			Cfg: gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https?://(.+\.)?foo\.com$`)}, AllowOrigins: []string{example}},
			Req: defReq("GET", "/"), Diffs: []diff{dRegex()},
			Note: "unanchored RegExp refused; anchored"},
		{ID: "T13", Name: "doesn't match request origin against array of invalid origin checks",
			Oracle: `{"origin":[{"regex":"foo\\.com$"},"bar.com"]}`,
			Invalid: []invalid{{gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`foo\.com$`)}, AllowOrigins: []string{"bar.com"}},
				[]string{"AllowOriginRegexps[0]", "AllowOrigins[0]"}}},
			Cfg: gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https?://(.+\.)?foo\.com$`)}, AllowOrigins: []string{"https://bar.com"}},
			Req: defReq("GET", "/"), Diffs: []diff{dRegex(), dBadOrigin()},
			Note: `regexp anchored, "bar.com" -> "https://bar.com"`},
		{ID: "T14", Name: "origin of false disables cors",
			Oracle: `{"origin":false,"methods":["FOO","bar"],"headers":["FIZZ","buzz"],"credentials":true,"maxAge":123}`,
			Cfg:    with(overrides, func(c *gincors.Config) { c.AllowOrigins, c.AllowOriginFunc = nil, denyAll }),
			Req:    defReq("GET", "/"), Diffs: []diff{dVaryAlways()},
			Note: "origin:false -> AllowOriginFunc that denies (no gincors 'off' switch but not installing it)"},
		{ID: "T15", Name: "can override origin", Oracle: `{"origin":"http://example.com"}`,
			Cfg: gincors.Config{AllowOrigins: []string{example}}, Req: defReq("GET", "/")},
		{ID: "T16", Name: "includes Vary header for specific origins", Oracle: `{"origin":"http://example.com"}`,
			Cfg: gincors.Config{AllowOrigins: []string{example}}, Req: defReq("GET", "/")},
		{ID: "T17", Name: "appends to an existing Vary header", Oracle: `{"origin":"http://example.com","$preVary":"Foo"}`,
			Cfg: gincors.Config{AllowOrigins: []string{example}}, Req: defReq("GET", "/")},
		{ID: "T18", Name: "origin defaults to *", Oracle: `{}`, Cfg: star, Req: defReq("GET", "/")},
		{ID: "T19", Name: "specifying true for origin reflects requesting origin", Oracle: `{"origin":true}`,
			Cfg: gincors.Config{AllowOriginFunc: allowAll}, Req: defReq("GET", "/"), Note: "origin:true -> AllowOriginFunc true"},
		{ID: "T20", Name: "should allow origin when callback returns true", Oracle: `{"origin":{"fn":"const","value":true}}`,
			Cfg: gincors.Config{AllowOriginFunc: allowAll}, Req: defReq("GET", "/")},
		{ID: "T21", Name: "should not allow origin when callback returns false", Oracle: `{"origin":{"fn":"const","value":false}}`,
			Cfg: gincors.Config{AllowOriginFunc: denyAll}, Req: defReq("GET", "/"), Diffs: []diff{dVaryAlways()}},
		{ID: "T22a", Name: "should not override options.origin callback (request 1)",
			Oracle: `{"origin":{"fn":"allowList","list":["http://example.com"]}}`,
			Cfg:    gincors.Config{AllowOriginFunc: allowList(example)}, Req: defReq("GET", "/")},
		{ID: "T22b", Name: "should not override options.origin callback (request 2)",
			Oracle: `{"origin":{"fn":"allowList","list":["http://example.com"]}}`,
			Cfg:    gincors.Config{AllowOriginFunc: allowList(example)}, Req: req("GET", "/", "Origin", "http://localhost"),
			Diffs: []diff{dVaryAlways()}},
		{ID: "T23", Name: "can override methods", Oracle: `{"methods":["method1","method2"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowMethods = []string{"method1", "method2"} }),
			Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T24", Name: "methods defaults to GET, HEAD, PUT, PATCH, POST, DELETE", Oracle: `{}`, Cfg: star,
			Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T25", Name: "can specify allowed headers as array", Oracle: `{"allowedHeaders":["header1","header2"]}`,
			Cfg: headers12, Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T26", Name: "can specify allowed headers as string", Oracle: `{"allowedHeaders":"header1,header2"}`,
			Cfg: headers12, Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T27", Name: "empty list of allowed headers: no ACAH", Oracle: `{"allowedHeaders":[]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowHeaders = []string{} }), Req: defReq("GET", "/")},
		{ID: "T28", Name: "no allowed headers: reflects requested headers", Oracle: `{}`, Cfg: star,
			Req: defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true)}},
		{ID: "T29", Name: "can specify exposed headers as array", Oracle: `{"exposedHeaders":["custom-header1","custom-header2"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{"custom-header1", "custom-header2"} }),
			Req: defReq("GET", "/")},
		{ID: "T30", Name: "can specify exposed headers as string", Oracle: `{"exposedHeaders":"custom-header1,custom-header2"}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{"custom-header1", "custom-header2"} }),
			Req: defReq("GET", "/")},
		{ID: "T31", Name: "empty list of exposed headers: no ACEH", Oracle: `{"exposedHeaders":[]}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{} }), Req: defReq("GET", "/")},
		{ID: "T32", Name: "includes credentials if explicitly enabled", Oracle: `{"credentials":true}`,
			Invalid: []invalid{{with(star, func(c *gincors.Config) { c.AllowCredentials = true }), []string{"AllowOrigins[0]"}}},
			Cfg:     gincors.Config{AllowOriginFunc: allowAll, AllowCredentials: true},
			Req:     defReq("OPTIONS", "/"), Diffs: []diff{dOptions(true), dCredStar()},
			Note: `"*"+credentials refused; AllowOriginFunc true + credentials`},
		{ID: "T33", Name: "does not include credentials unless explicitly enabled", Oracle: `{}`, Cfg: star, Req: defReq("GET", "/")},
		{ID: "T34", Name: "includes maxAge when specified", Oracle: `{"maxAge":456}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = 456 * sec }), Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "T35", Name: "includes maxAge when specified and equals to zero", Oracle: `{"maxAge":0}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = -sec }), Req: defReq("OPTIONS", "/"),
			Diffs: []diff{dOptions(true), dMaxAge()}, Note: "maxAge:0 -> MaxAge: -time.Second (sends \"0\")"},
		{ID: "T36", Name: "does not include maxAge unless specified", Oracle: `{}`, Cfg: star, Req: defReq("GET", "/")},
		{ID: "T37", Name: "handles options specified via callback",
			Oracle:  `{"$delegate":{"byPath":[["",{"origin":"delegate.com"}]]}}`,
			Invalid: []invalid{{gincors.Config{AllowOrigins: []string{"delegate.com"}}, []string{"AllowOrigins[0]"}}},
			Cfg:     delegate, Req: defReq("GET", "/"), Diffs: []diff{dBadOrigin(), dStatic()},
			Note: `delegate -> fixed config; "delegate.com" -> "https://delegate.com"`},
		{ID: "T38", Name: "handles options specified via callback for preflight",
			Oracle:  `{"$delegate":{"byPath":[["",{"origin":"delegate.com","maxAge":1000}]]}}`,
			Invalid: []invalid{{gincors.Config{AllowOrigins: []string{"delegate.com"}, MaxAge: 1000 * sec}, []string{"AllowOrigins[0]"}}},
			Cfg:     with(delegate, func(c *gincors.Config) { c.MaxAge = 1000 * sec }),
			Req:     defReq("OPTIONS", "/"), Diffs: []diff{dBadOrigin(), dOptions(true), dStatic()},
			Note: `delegate -> fixed config; "delegate.com" -> "https://delegate.com"`},
		{ID: "T39", Name: "handles error specified via callback", Oracle: `{"$delegate":{"error":"some error"}}`,
			Cfg: gincors.Config{AllowOriginFunc: denyAll}, Req: defReq("GET", "/"),
			Diffs: []diff{dFnError(), dVaryAlways()}, Note: "delegate error -> AllowOriginFunc that denies"},

		{ID: "E1", Name: "error response: 500", Oracle: `{}`, Cfg: star, Setup: errorApp,
			Req: req("POST", "/five-hundred?error=nope")},
		{ID: "E2", Name: "error response: 401", Oracle: `{}`, Cfg: star, Setup: errorApp,
			Req: req("POST", "/four-oh-one?error=401"), Body: true},
		{ID: "E3", Name: "error response: 404", Oracle: `{}`, Cfg: star, Setup: errorApp,
			Req: req("POST", "/four-oh-four?next"), Note: "Gin: no route, engine middleware on the 404 chain"},

		{ID: "X1", Name: "simple methods: GET works", Oracle: simpleApp, Cfg: star, Req: req("GET", "/")},
		{ID: "X2", Name: "simple methods: HEAD works", Oracle: simpleApp, Cfg: star, Req: req("HEAD", "/?status=204")},
		{ID: "X3", Name: "simple methods: POST works", Oracle: simpleApp, Cfg: star, Req: req("POST", "/")},
		{ID: "X4", Name: "complex methods: OPTIONS works", Oracle: complexApp, Cfg: star, Req: req("OPTIONS", "/"),
			Diffs: []diff{dOptions(false)}},
		{ID: "X5", Name: "complex methods: DELETE works", Oracle: complexApp, Cfg: star, Req: req("DELETE", "/")},

		{ID: "I1", Name: "issue #2: OPTIONS works", Oracle: issue2Oracle, Cfg: issue2,
			Req: req("OPTIONS", "/api/login", "Origin", example), Diffs: []diff{dOptions(false)}},
		{ID: "I2", Name: "issue #2: POST works", Oracle: issue2Oracle, Cfg: issue2,
			Req: req("POST", "/api/login", "Origin", example)},

		// Real preflights for the upstream cases that send none.
		{ID: "T03p", Name: "T03 as a real preflight", Oracle: `{}`, Cfg: star, Req: preFrom("/", example, "PUT", defHeader)},
		{ID: "T04p", Name: "T04 as a real preflight", Oracle: `{"optionsSuccessStatus":200}`,
			Cfg: with(star, func(c *gincors.Config) { c.OptionsSuccessStatus = 200 }), Req: preFrom("/", example, "PUT", defHeader)},
		{ID: "T05p", Name: "T05 as a real preflight", Oracle: `{"preflightContinue":true}`,
			Cfg: with(star, func(c *gincors.Config) { c.PreflightContinue = true }), Req: preFrom("/", example, "PUT", defHeader)},
		{ID: "T10p", Name: "T10 as a real preflight",
			Oracle: `{"origin":"http://example.com","methods":["FOO","bar"],"headers":["FIZZ","buzz"],"credentials":true,"maxAge":123}`,
			Cfg:    overrides, Req: preFrom("/", example, "FOO", "FIZZ")},
		{ID: "T23p", Name: "T23 as a real preflight", Oracle: `{"methods":["method1","method2"]}`,
			Invalid: []invalid{{gincors.Config{AllowMethods: []string{"method1", "method2"}}, []string{"AllowOrigins"}}},
			Cfg:     with(star, func(c *gincors.Config) { c.AllowMethods = []string{"method1", "method2"} }),
			Req:     preFrom("/", example, "method1", defHeader), Diffs: []diff{{ID: "D-NO-DEFAULT-ORIGIN"}},
			Note: `no origin option: Express defaults to "*", gincors asks for AllowOrigins: []string{"*"}`},
		{ID: "T25p", Name: "T25 as a real preflight", Oracle: `{"allowedHeaders":["header1","header2"]}`,
			Cfg: headers12, Req: preFrom("/", example, "PUT", defHeader)},
		{ID: "T32p", Name: "T32 as a real preflight", Oracle: `{"credentials":true}`,
			Invalid: []invalid{{with(star, func(c *gincors.Config) { c.AllowCredentials = true }), []string{"AllowOrigins[0]"}}},
			Cfg:     gincors.Config{AllowOriginFunc: allowAll, AllowCredentials: true},
			Req:     preFrom("/", example, "PUT", defHeader), Diffs: []diff{dCredStar()},
			Note: `"*"+credentials refused; AllowOriginFunc true + credentials`},
		{ID: "T34p", Name: "T34 as a real preflight", Oracle: `{"maxAge":456}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = 456 * sec }), Req: preFrom("/", example, "PUT", defHeader)},
		{ID: "T35p", Name: "T35 as a real preflight", Oracle: `{"maxAge":0}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = -sec }), Req: preFrom("/", example, "PUT", defHeader),
			Diffs: []diff{dMaxAge()}, Note: "maxAge:0 -> MaxAge: -time.Second (sends \"0\")"},
		{ID: "T38p", Name: "T38 as a real preflight",
			Oracle: `{"$delegate":{"byPath":[["",{"origin":"delegate.com","maxAge":1000}]]}}`,
			Cfg:    with(delegate, func(c *gincors.Config) { c.MaxAge = 1000 * sec }),
			Req:    preFrom("/", example, "PUT", defHeader), Diffs: []diff{dBadOrigin(), dStatic()},
			Note: `"delegate.com" -> "https://delegate.com"`},
		{ID: "I1p", Name: "issue #2 as a real preflight", Oracle: issue2Oracle, Cfg: issue2,
			Req: preFrom("/api/login", example, "POST", "")},
	}
}

func extraCases() []testCase {
	other := gincors.Config{AllowOrigins: []string{"https://other.example"}}
	fixed := gincors.Config{AllowOrigins: []string{"https://fixed.example"}}
	reflect := gincors.Config{AllowOriginFunc: allowAll}
	return []testCase{
		{ID: "P01", Name: "real preflight, defaults", Oracle: `{}`, Cfg: star, Req: pre("/")},
		{ID: "P02", Name: "OPTIONS without Origin and ACRM", Oracle: `{}`, Cfg: star, Req: req("OPTIONS", "/"),
			Diffs: []diff{dOptions(true)}},
		{ID: "P03", Name: "preflight without ACRH", Oracle: `{}`, Cfg: star, Req: preFrom("/", app, "PUT", "")},
		{ID: "P04", Name: "allowedHeaders [] on a preflight", Oracle: `{"allowedHeaders":[]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowHeaders = []string{} }), Req: pre("/")},
		{ID: "P05", Name: `allowedHeaders "" reflects`, Oracle: `{"allowedHeaders":""}`, Cfg: star, Req: pre("/")},
		{ID: "P06", Name: "preflight, origin not in list", Oracle: `{"origin":["https://other.example"]}`, Cfg: other,
			Req: pre("/"), Diffs: []diff{dReject()}},
		{ID: "P07", Name: "GET, origin not in list: handler runs", Oracle: `{"origin":["https://other.example"]}`, Cfg: other,
			Req: req("GET", "/", "Origin", app)},
		{ID: "P08", Name: "origin:true, no Origin", Oracle: `{"origin":true}`, Cfg: reflect, Req: req("GET", "/")},
		{ID: "P09", Name: "origin string, no Origin", Oracle: `{"origin":"https://fixed.example"}`, Cfg: fixed,
			Req: req("GET", "/"), Diffs: []diff{dStatic()}},
		{ID: "P10", Name: "origin string, another Origin", Oracle: `{"origin":"https://fixed.example"}`, Cfg: fixed,
			Req: req("GET", "/", "Origin", app), Diffs: []diff{dStatic()}},
		{ID: "P11", Name: `origin ["*"]`, Oracle: `{"origin":["*"]}`, Cfg: gincors.Config{AllowOrigins: []string{"*"}},
			Req: req("GET", "/", "Origin", app), Diffs: []diff{dStarInList(`{"origin":"*"}`)}},
		{ID: "P12", Name: `origin "*" + credentials`, Oracle: `{"credentials":true}`,
			Invalid: []invalid{{with(star, func(c *gincors.Config) { c.AllowCredentials = true }), []string{"AllowOrigins[0]"}}},
			Cfg:     gincors.Config{AllowOriginFunc: allowAll, AllowCredentials: true},
			Req:     req("GET", "/", "Origin", app), Diffs: []diff{dCredStar()}},
		{ID: "P13", Name: "origin:true + Origin: null", Oracle: `{"origin":true}`, Cfg: reflect,
			Req: req("GET", "/", "Origin", "null"), Diffs: []diff{dNull()}},
		{ID: "P14", Name: "origin fn error, GET", Oracle: `{"origin":{"fn":"error","message":"Not allowed by CORS"}}`,
			Cfg: gincors.Config{AllowOriginFunc: denyAll}, Req: req("GET", "/", "Origin", app),
			Diffs: []diff{dFnError(), dVaryAlways()}},
		{ID: "P15", Name: "origin fn error, preflight", Oracle: `{"origin":{"fn":"error","message":"Not allowed by CORS"}}`,
			Cfg: gincors.Config{AllowOriginFunc: denyAll}, Req: pre("/"),
			Diffs: []diff{dFnError(), dReject(), dVaryAlways()}},
		{ID: "P16", Name: "origin fn false, preflight", Oracle: `{"origin":{"fn":"const","value":false}}`,
			Cfg: gincors.Config{AllowOriginFunc: denyAll}, Req: pre("/"), Diffs: []diff{dReject(), dVaryAlways()}},
		{ID: "P17", Name: "origin fn echo, no Origin", Oracle: `{"origin":{"fn":"echo"}}`, Cfg: reflect,
			Req: req("GET", "/"), Diffs: []diff{dVaryAlways()}},
		{ID: "P18", Name: `origin fn const "*"`, Oracle: `{"origin":{"fn":"const","value":"*"}}`, Cfg: star,
			Req: req("GET", "/", "Origin", app), Note: `a function answering "*" -> AllowOrigins ["*"]`},
		{ID: "P19", Name: "origin fn const regex", Oracle: `{"origin":{"fn":"const","value":{"regex":"^https://app\\."}}}`,
			Invalid: []invalid{{gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https://app\.`)}}, []string{"AllowOriginRegexps[0]"}}},
			Cfg:     gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https://app\..*$`)}},
			Req:     req("GET", "/", "Origin", app), Diffs: []diff{dRegex()}, Note: `anchored ^https://app\..*$`},
		{ID: "P20", Name: "exposedHeaders on a preflight", Oracle: `{"exposedHeaders":["X-Total"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{"X-Total"} }), Req: pre("/"),
			Diffs: []diff{dACEHPreflight()}},
		{ID: "P21", Name: `maxAge "600"`, Oracle: `{"maxAge":"600"}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = 600 * sec }), Req: pre("/")},
		{ID: "P22", Name: `maxAge "" omitted`, Oracle: `{"maxAge":""}`, Cfg: star, Req: pre("/")},
		{ID: "P23", Name: "maxAge not on actual requests", Oracle: `{"maxAge":600}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = 600 * sec }), Req: req("GET", "/", "Origin", app)},
		{ID: "P24", Name: "methods as string", Oracle: `{"methods":"GET,POST"}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowMethods = []string{"GET", "POST"} }), Req: pre("/")},
		{ID: "P25", Name: `credentials "true" (string) ignored`, Oracle: `{"credentials":"true"}`, Cfg: star,
			Req: req("GET", "/", "Origin", app)},
		{ID: "P26", Name: `preVary "*" kept`, Oracle: `{"origin":true,"$preVary":"*"}`, Cfg: reflect,
			Req: req("GET", "/", "Origin", app)},
		{ID: "P27", Name: `preVary "origin" not duplicated`, Oracle: `{"origin":true,"$preVary":"origin"}`, Cfg: reflect,
			Req: req("GET", "/", "Origin", app)},
		{ID: "P28", Name: "preflightContinue + origin:true", Oracle: `{"origin":true,"preflightContinue":true}`,
			Cfg: gincors.Config{AllowOriginFunc: allowAll, PreflightContinue: true}, Req: pre("/")},
		{ID: "P29", Name: "per-route OPTIONS with cors only + preflightContinue",
			Oracle: `{"preflightContinue":true,"$routes":[{"method":"options","path":"/p"},{"method":"get","path":"/p"}]}`,
			Cfg:    with(star, func(c *gincors.Config) { c.PreflightContinue = true }), Req: pre("/p")},
		{ID: "P30", Name: "per-route GET only, preflight", Oracle: `{"$routes":[{"method":"get","path":"/p"}]}`,
			Cfg: star, Req: pre("/p"), Diffs: []diff{uRouterAutoOptions()},
			Note: "r.GET(path, cors, h) without r.OPTIONS(path, cors): Gin has no automatic OPTIONS answer"},
		{ID: "P31", Name: "per-path options: /auth/connect/twitter",
			Oracle: `{"origin":"*","$delegate":{"byPath":[["/auth/connect/",{"origin":"http://mydomain.com","credentials":true}]]}}`,
			Cfg:    gincors.Config{AllowOrigins: []string{"http://mydomain.com"}, AllowCredentials: true},
			Setup:  byPathApp, Req: req("GET", "/auth/connect/twitter", "Origin", "http://mydomain.com"),
			Note: "delegate by path -> a route with its own middleware"},
		{ID: "P32", Name: "per-path options: /public",
			Oracle: `{"origin":"*","$delegate":{"byPath":[["/auth/connect/",{"origin":"http://mydomain.com","credentials":true}]]}}`,
			Cfg:    star, Setup: byPathApp, Req: req("GET", "/public", "Origin", "http://mydomain.com"),
			Note: "delegate by path -> a route with its own middleware"},
		{ID: "P33", Name: "regex with flag i", Oracle: `{"origin":{"regex":"^https://APP\\.example\\.com$","flags":"i"}}`,
			Cfg: gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`(?i)^https://APP\.example\.com$`)}},
			Req: req("GET", "/", "Origin", app), Note: "flag i -> (?i)"},
		{ID: "P34", Name: "unanchored regex matches a lookalike", Oracle: `{"origin":{"regex":"example\\.com$"}}`,
			Invalid: []invalid{{gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`example\.com$`)}}, []string{"AllowOriginRegexps[0]"}}},
			Cfg:     gincors.Config{AllowOriginRegexps: []*regexp.Regexp{re(`^https://([a-z0-9-]+\.)*example\.com$`)}},
			Req:     req("GET", "/", "Origin", "https://evil-example.com"), Diffs: []diff{dRegexRejects()},
			Note: `anchored ^https://([a-z0-9-]+\.)*example\.com$`},
		{ID: "P35", Name: `origin "" disables cors`, Oracle: `{"origin":""}`, Cfg: gincors.Config{AllowOriginFunc: denyAll},
			Req: req("GET", "/", "Origin", app), Diffs: []diff{dVaryAlways()}, Note: `origin "" -> AllowOriginFunc that denies`},
		{ID: "P36", Name: "optionsSuccessStatus 200 + preflight", Oracle: `{"optionsSuccessStatus":200}`,
			Cfg: with(star, func(c *gincors.Config) { c.OptionsSuccessStatus = 200 }), Req: pre("/")},
		{ID: "P37", Name: "ACRH reflected verbatim", Oracle: `{}`, Cfg: star,
			Req: preFrom("/", app, "PUT", "X-Foo ,  Content-Type")},
		{ID: "P38", Name: "HEAD with origin:true", Oracle: `{"origin":true}`, Cfg: reflect, Req: req("HEAD", "/", "Origin", app)},
	}
}

// byPathApp is the Gin form of P31/P32's per-path delegate: the
// /auth/connect/ routes have the case's middleware, the others Default().
func byPathApp(r *gin.Engine, cors gin.HandlerFunc) {
	r.Any("/auth/connect/*rest", cors, handler)
	r.Any("/public", mark(gincors.Default()), handler)
}

func ownCases() []testCase {
	const (
		a = "https://a.example"
		b = "https://b.example"
		c = "https://c.example"
	)
	credList := gincors.Config{AllowOrigins: []string{a, b}, AllowCredentials: true}
	const credListOracle = `{"origin":["https://a.example","https://b.example"],"credentials":true}`
	regexList := gincors.Config{AllowOrigins: []string{b},
		AllowOriginRegexps: []*regexp.Regexp{re(`^https://([a-z0-9-]+\.)*a\.example$`)}}
	const regexListOracle = `{"origin":[{"regex":"^https://([a-z0-9-]+\\.)*a\\.example$"},"https://b.example"]}`
	appList := gincors.Config{AllowOrigins: []string{app}}
	const appListOracle = `{"origin":["https://app.example.com"]}`
	group := `{"origin":["https://app.example.com"],"$group":"/api","$use":true,"$routes":[{"method":"get","path":"/items","cors":false}]}`
	perRoute := `{"origin":["https://app.example.com"],"$routes":[{"method":"options","path":"/items"},{"method":"get","path":"/items"}]}`
	engineRoutes := `{"origin":["https://app.example.com"],"$use":true,"$routes":[{"method":"get","path":"/items","cors":false}]}`

	return []testCase{
		// Credentials with a list.
		{ID: "G01", Name: "credentials + list, allowed GET", Oracle: credListOracle, Cfg: credList, Req: req("GET", "/", "Origin", b)},
		{ID: "G02", Name: "credentials + list, disallowed GET", Oracle: credListOracle, Cfg: credList,
			Req: req("GET", "/", "Origin", c), Diffs: []diff{dReject()}},
		{ID: "G03", Name: "credentials + list, allowed preflight", Oracle: credListOracle, Cfg: credList,
			Req: preFrom("/", a, "DELETE", "authorization")},
		{ID: "G04", Name: "credentials + list, disallowed preflight", Oracle: credListOracle, Cfg: credList,
			Req: preFrom("/", c, "DELETE", "authorization"), Diffs: []diff{dReject()}},
		{ID: "G05", Name: "credentials + list, no Origin", Oracle: credListOracle, Cfg: credList, Req: req("GET", "/"),
			Diffs: []diff{uNoOrigin()}},
		{ID: "G06", Name: "credentials + list, OPTIONS without ACRM", Oracle: credListOracle, Cfg: credList,
			Req: req("OPTIONS", "/", "Origin", a), Diffs: []diff{dOptions(true)}},

		// Regexps beside a list; patterns against their regexp equivalents.
		{ID: "G07", Name: "regex + list, regex match", Oracle: regexListOracle, Cfg: regexList,
			Req: req("GET", "/", "Origin", "https://x.a.example")},
		{ID: "G08", Name: "regex + list, preflight from neither", Oracle: regexListOracle, Cfg: regexList, Req: pre("/"),
			Diffs: []diff{dReject()}},
		{ID: "G09", Name: "regex + list, list match preflight", Oracle: regexListOracle, Cfg: regexList,
			Req: preFrom("/", b, "PATCH", "x-token")},
		{ID: "G10", Name: "regex + list, suffix lookalike", Oracle: regexListOracle, Cfg: regexList,
			Req: req("GET", "/", "Origin", "https://a.example.evil")},
		{ID: "G11", Name: "subdomain pattern vs regex, deep subdomain",
			Oracle: `{"origin":{"regex":"^https://([a-z0-9-]+\\.)+a\\.example$"}}`,
			Cfg:    gincors.Config{AllowOrigins: []string{"https://*.a.example"}}, Req: req("GET", "/", "Origin", "https://x.y.a.example")},
		{ID: "G12", Name: "subdomain pattern vs regex, apex not matched",
			Oracle: `{"origin":{"regex":"^https://([a-z0-9-]+\\.)+a\\.example$"}}`,
			Cfg:    gincors.Config{AllowOrigins: []string{"https://*.a.example"}}, Req: req("GET", "/", "Origin", a)},
		{ID: "G13", Name: "subdomain pattern vs regex, other scheme",
			Oracle: `{"origin":{"regex":"^https://([a-z0-9-]+\\.)+a\\.example$"}}`,
			Cfg:    gincors.Config{AllowOrigins: []string{"https://*.a.example"}}, Req: req("GET", "/", "Origin", "http://x.a.example")},
		{ID: "G14", Name: "any-port pattern vs regex", Oracle: `{"origin":{"regex":"^http://localhost(:[0-9]+)?$"}}`,
			Cfg: gincors.Config{AllowOrigins: []string{"http://localhost:*"}}, Req: preFrom("/", "http://localhost:5173", "PUT", "")},
		{ID: "G15", Name: "any-port pattern vs regex, no port", Oracle: `{"origin":{"regex":"^http://localhost(:[0-9]+)?$"}}`,
			Cfg: gincors.Config{AllowOrigins: []string{"http://localhost:*"}}, Req: req("GET", "/", "Origin", "http://localhost")},
		{ID: "G16", Name: "origin written in upper case with default port", Oracle: appListOracle,
			Cfg: gincors.Config{AllowOrigins: []string{"HTTPS://App.Example.COM:443"}}, Req: req("GET", "/", "Origin", app),
			Note: "gincors normalises the configured origin to https://app.example.com"},
		{ID: "G17", Name: `"null" listed`, Oracle: `{"origin":["null"]}`, Cfg: gincors.Config{AllowOrigins: []string{"null"}},
			Req: req("GET", "/", "Origin", "null")},
		{ID: "G18", Name: `"null" by an origin function`, Oracle: `{"origin":{"fn":"allowList","list":["null"]}}`,
			Cfg: gincors.Config{AllowOriginFunc: allowList("null")}, Req: req("GET", "/", "Origin", "null"),
			Diffs: []diff{dNull()}},
		{ID: "G19", Name: "origin function allow-list, preflight", Oracle: `{"origin":{"fn":"allowList","list":["https://app.example.com"]}}`,
			Cfg: gincors.Config{AllowOriginFunc: allowList(app)}, Req: pre("/")},

		// Max age.
		{ID: "G20", Name: "maxAge 86400 = 24h", Oracle: `{"maxAge":86400}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = 24 * time.Hour }), Req: pre("/")},
		{ID: "G21", Name: "maxAge -1", Oracle: `{"maxAge":-1}`,
			Cfg: with(star, func(c *gincors.Config) { c.MaxAge = -sec }), Req: pre("/"), Diffs: []diff{dMaxAge("0")}},
		{ID: "G22", Name: "maxAge 0 vs MaxAge 0", Oracle: `{"maxAge":0}`, Cfg: star, Req: pre("/"), Diffs: []diff{dMaxAge("")}},
		{ID: "G23", Name: "maxAge 1.5", Oracle: `{"maxAge":1.5}`,
			Invalid: []invalid{{with(star, func(c *gincors.Config) { c.MaxAge = 1500 * time.Millisecond }), []string{"MaxAge"}}},
			Cfg:     with(star, func(c *gincors.Config) { c.MaxAge = 2 * sec }), Req: pre("/"), Diffs: []diff{dMaxAge("2")},
			Note: "sub-second MaxAge refused; 2s"},
		{ID: "G24", Name: "maxAge 90000 (> 24h)", Oracle: `{"maxAge":90000}`,
			Invalid: []invalid{{with(star, func(c *gincors.Config) { c.MaxAge = 90000 * sec }), []string{"MaxAge"}}},
			Cfg:     with(star, func(c *gincors.Config) { c.MaxAge = 24 * time.Hour }), Req: pre("/"), Diffs: []diff{dMaxAge("86400")},
			Note: "MaxAge above 24h refused; 24h"},

		// optionsSuccessStatus and preflightContinue.
		{ID: "G25", Name: "optionsSuccessStatus 200, disallowed origin", Oracle: `{"origin":["https://app.example.com"],"optionsSuccessStatus":200}`,
			Cfg: with(appList, func(c *gincors.Config) { c.OptionsSuccessStatus = 200 }), Req: preFrom("/", c, "PUT", "x-a"),
			Diffs: []diff{dReject()}},
		{ID: "G26", Name: "optionsSuccessStatus 204 explicit", Oracle: `{"optionsSuccessStatus":204}`,
			Cfg: with(star, func(c *gincors.Config) { c.OptionsSuccessStatus = 204 }), Req: pre("/")},
		{ID: "G27", Name: "preflightContinue, allowed origin", Oracle: `{"origin":["https://app.example.com"],"preflightContinue":true}`,
			Cfg: with(appList, func(c *gincors.Config) { c.PreflightContinue = true }), Req: pre("/?status=202")},
		{ID: "G28", Name: "preflightContinue, disallowed origin", Oracle: `{"origin":["https://app.example.com"],"preflightContinue":true}`,
			Cfg: with(appList, func(c *gincors.Config) { c.PreflightContinue = true }), Req: preFrom("/", c, "PUT", "x-a"),
			Diffs: []diff{dReject()}},
		{ID: "G29", Name: "preflightContinue + optionsSuccessStatus", Oracle: `{"preflightContinue":true,"optionsSuccessStatus":200}`,
			Cfg: with(star, func(c *gincors.Config) { c.PreflightContinue, c.OptionsSuccessStatus = true, 200 }), Req: pre("/")},

		// Exposed headers.
		{ID: "G30", Name: "exposed headers + credentials + list", Oracle: `{"origin":["https://a.example"],"credentials":true,"exposedHeaders":["X-Total","X-Page"]}`,
			Cfg: gincors.Config{AllowOrigins: []string{a}, AllowCredentials: true, ExposeHeaders: []string{"X-Total", "X-Page"}},
			Req: req("GET", "/", "Origin", a)},
		{ID: "G31", Name: `exposedHeaders "*"`, Oracle: `{"exposedHeaders":"*"}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{"*"} }), Req: req("GET", "/", "Origin", app)},
		{ID: "G32", Name: "exposed headers without Origin, star policy", Oracle: `{"exposedHeaders":["X-Total"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.ExposeHeaders = []string{"X-Total"} }), Req: req("GET", "/")},
		{ID: "G78", Name: "exposed headers + list, no Origin", Oracle: `{"origin":["https://app.example.com"],"exposedHeaders":["X-Total"]}`,
			Cfg: with(appList, func(c *gincors.Config) { c.ExposeHeaders = []string{"X-Total"} }), Req: req("GET", "/"),
			Diffs: []diff{uNoOrigin()}},
		{ID: "G33", Name: "exposed headers on a disallowed origin", Oracle: `{"origin":["https://app.example.com"],"exposedHeaders":["X-Total"]}`,
			Cfg: with(appList, func(c *gincors.Config) { c.ExposeHeaders = []string{"X-Total"} }), Req: req("GET", "/", "Origin", c),
			Diffs: []diff{dReject()}},

		// Methods and headers.
		{ID: "G34", Name: `methods "*"`, Oracle: `{"methods":"*"}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowMethods = []string{"*"} }), Req: pre("/")},
		{ID: "G35", Name: `methods "*" + credentials`, Oracle: `{"origin":["https://app.example.com"],"credentials":true,"methods":"*"}`,
			Cfg: with(appList, func(c *gincors.Config) { c.AllowCredentials, c.AllowMethods = true, []string{"*"} }),
			Req: pre("/"), Diffs: []diff{uWildcardCred()}},
		{ID: "G36", Name: `allowedHeaders "*"`, Oracle: `{"allowedHeaders":"*"}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowHeaders = []string{"*"} }), Req: pre("/")},
		{ID: "G37", Name: `allowedHeaders "*" + Authorization`, Oracle: `{"allowedHeaders":["*","Authorization"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowHeaders = []string{"*", "Authorization"} }),
			Req: preFrom("/", app, "PUT", "authorization,x-token")},
		{ID: "G38", Name: `allowedHeaders "*" + credentials`, Oracle: `{"origin":["https://app.example.com"],"credentials":true,"allowedHeaders":"*"}`,
			Cfg: with(appList, func(c *gincors.Config) { c.AllowCredentials, c.AllowHeaders = true, []string{"*"} }),
			Req: pre("/"), Diffs: []diff{uWildcardCred()}},
		{ID: "G39", Name: "lower-case methods", Oracle: `{"methods":["put","patch"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowMethods = []string{"put", "patch"} }), Req: pre("/"),
			Diffs: []diff{uMethodCase("PUT,patch")}},
		{ID: "G40", Name: "methods [] sends no ACAM", Oracle: `{"methods":[]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowMethods = []string{} }), Req: pre("/")},
		{ID: "G41", Name: "allowedHeaders list, preflight without ACRH", Oracle: `{"allowedHeaders":["x-token"]}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowHeaders = []string{"x-token"} }), Req: preFrom("/", app, "PUT", "")},
		{ID: "G42", Name: "malformed ACRH", Oracle: `{}`, Cfg: star, Req: preFrom("/", app, "PUT", "x-a,,x-b"),
			Diffs: []diff{dACRH()}},
		{ID: "G43", Name: "ACRH over 4096 bytes", Oracle: `{}`, Cfg: star, Req: preFrom("/", app, "PUT", longACRH),
			Diffs: []diff{dACRH()}},
		{ID: "G44", Name: "ACRH in two field lines", Oracle: `{}`, Cfg: star,
			Req: req("OPTIONS", "/", "Origin", app, acrm, "PUT", acrh, "x-a", acrh, "x-b")},
		{ID: "G45", Name: "ACRH with a tab", Oracle: `{}`, Cfg: star, Req: preFrom("/", app, "PUT", "x-a,\tx-b")},

		// Private network access.
		{ID: "G46", Name: "PNA requested, not enabled", Oracle: `{}`, Cfg: star, Req: pre("/", acrpn, "true")},
		{ID: "G47", Name: "PNA requested, enabled", Oracle: `{}`,
			Cfg: with(star, func(c *gincors.Config) { c.AllowPrivateNetwork = true }), Req: pre("/", acrpn, "true"),
			Diffs: []diff{uPNA()}},

		// Two Origin headers.
		{ID: "G48", Name: "two Origin headers, origin:true", Oracle: `{"origin":true}`, Cfg: gincors.Config{AllowOriginFunc: allowAll},
			Req: req("GET", "/", "Origin", a, "Origin", b), Diffs: []diff{dTwoOrig()}},
		{ID: "G49", Name: "two Origin headers, list", Oracle: credListOracle, Cfg: credList,
			Req: req("GET", "/", "Origin", a, "Origin", b), Diffs: []diff{dReject()}},
		{ID: "G50", Name: "two Origin headers, star", Oracle: `{}`, Cfg: star, Req: req("GET", "/", "Origin", a, "Origin", b)},

		// Vary.
		{ID: "G51", Name: "pre-set Vary on a list preflight", Oracle: `{"origin":["https://app.example.com"],"$preVary":"Accept-Encoding"}`,
			Cfg: appList, Req: pre("/")},
		{ID: "G52", Name: "pre-set Vary, star policy", Oracle: `{"$preVary":"Accept-Encoding"}`, Cfg: star, Req: pre("/")},

		// Per-route use: r.OPTIONS(path, cors) + r.GET(path, cors, h) vs app.options(path, cors()) + app.get(path, cors(), h).
		{ID: "G53", Name: "per-route preflight", Oracle: perRoute, Cfg: appList, Req: pre("/items")},
		{ID: "G54", Name: "per-route GET", Oracle: perRoute, Cfg: appList, Req: req("GET", "/items", "Origin", app)},
		{ID: "G55", Name: "per-route preflight, disallowed", Oracle: perRoute, Cfg: appList,
			Req: preFrom("/items", c, "PUT", "x-a"), Diffs: []diff{dReject()}},
		{ID: "G56", Name: "per-route, path without routes", Oracle: perRoute, Cfg: appList, Req: pre("/other")},
		{ID: "G57", Name: "per-route, route without cors", Oracle: `{"origin":["https://app.example.com"],"$routes":[{"method":"get","path":"/plain","cors":false}]}`,
			Cfg: appList, Req: req("GET", "/plain", "Origin", app)},

		// Engine-wide use answers preflights with no OPTIONS route.
		{ID: "G58", Name: "engine-wide, preflight with no OPTIONS route", Oracle: engineRoutes, Cfg: appList, Req: pre("/items")},
		{ID: "G59", Name: "engine-wide, GET on an unknown path (404)", Oracle: engineRoutes, Cfg: appList,
			Req: req("GET", "/missing", "Origin", app)},
		{ID: "G60", Name: "engine-wide, preflight with HandleMethodNotAllowed", Oracle: engineRoutes, Cfg: appList,
			Setup: func(r *gin.Engine, cors gin.HandlerFunc) {
				r.HandleMethodNotAllowed = true
				r.Use(cors)
				r.GET("/items", handler)
			}, Req: pre("/items")},

		// Group via gincors.Mount vs app.use('/api', router) with router.use(cors()).
		{ID: "G61", Name: "group preflight", Oracle: group, Cfg: appList, Req: pre("/api/items")},
		{ID: "G62", Name: "group GET", Oracle: group, Cfg: appList, Req: req("GET", "/api/items", "Origin", app)},
		{ID: "G63", Name: "group preflight to a path without route", Oracle: group, Cfg: appList, Req: pre("/api/unknown")},
		{ID: "G64", Name: "group GET to a path without route", Oracle: group, Cfg: appList,
			Req: req("GET", "/api/unknown", "Origin", app), Diffs: []diff{uGroup404()}},
		{ID: "G65", Name: "outside the group", Oracle: group, Cfg: appList, Req: pre("/elsewhere")},
		{ID: "G66", Name: "group, disallowed preflight", Oracle: group, Cfg: appList,
			Req: preFrom("/api/items", c, "PUT", ""), Diffs: []diff{dReject()}},

		// Constructors other than New.
		{ID: "G67", Name: "Default() vs cors()", Oracle: `{}`, Cfg: star,
			Setup: func(r *gin.Engine, _ gin.HandlerFunc) {
				r.Use(mark(gincors.Default()))
				r.Any("/*path", handler)
			}, Req: pre("/")},
		{ID: "G68", Name: "Middleware reconfigured from * to a list", Oracle: appListOracle, Cfg: appList,
			Setup: func(r *gin.Engine, _ gin.HandlerFunc) {
				m, err := gincors.NewMiddleware(star)
				if err != nil {
					panic(err)
				}
				if err := m.Reconfigure(appList); err != nil {
					panic(err)
				}
				r.Use(mark(m.Handler()))
				r.Any("/*path", handler)
			}, Req: pre("/")},
		{ID: "G69", Name: "Middleware kept after an invalid Reconfigure", Oracle: appListOracle, Cfg: appList,
			Setup: func(r *gin.Engine, _ gin.HandlerFunc) {
				m, err := gincors.NewMiddleware(appList)
				if err != nil {
					panic(err)
				}
				if err := m.Reconfigure(gincors.Config{AllowOrigins: []string{"*"}, AllowCredentials: true}); err == nil {
					panic("Reconfigure accepted * + credentials")
				}
				r.Use(mark(m.Handler()))
				r.Any("/*path", handler)
			}, Req: req("GET", "/", "Origin", c)},

		// Miscellaneous.
		{ID: "G70", Name: "handler status passes through", Oracle: appListOracle, Cfg: appList,
			Req: req("POST", "/?status=201", "Origin", app)},
		{ID: "G71", Name: "origin:true + credentials preflight", Oracle: `{"origin":true,"credentials":true,"maxAge":600}`,
			Cfg: gincors.Config{AllowOriginFunc: allowAll, AllowCredentials: true, MaxAge: 600 * sec},
			Req: preFrom("/", "http://localhost:3000", "PATCH", "content-type")},
		{ID: "G72", Name: "origin with a port", Oracle: `{"origin":["http://localhost:3000"]}`,
			Cfg: gincors.Config{AllowOrigins: []string{"http://localhost:3000"}}, Req: req("GET", "/", "Origin", "http://localhost:3000")},
		{ID: "G73", Name: "origin with another port", Oracle: `{"origin":["http://localhost:3000"]}`,
			Cfg: gincors.Config{AllowOrigins: []string{"http://localhost:3000"}}, Req: req("GET", "/", "Origin", "http://localhost:3001")},
		{ID: "G74", Name: "origin with a trailing slash (not an origin)", Oracle: appListOracle, Cfg: appList,
			Req: req("GET", "/", "Origin", app+"/")},
		{ID: "G75", Name: "origin string, same origin preflight", Oracle: `{"origin":"https://app.example.com","maxAge":60}`,
			Cfg: gincors.Config{AllowOrigins: []string{app}, MaxAge: time.Minute}, Req: pre("/")},
		{ID: "G76", Name: "origin string, other origin preflight", Oracle: `{"origin":"https://app.example.com","maxAge":60}`,
			Cfg: gincors.Config{AllowOrigins: []string{app}, MaxAge: time.Minute}, Req: preFrom("/", c, "PUT", "x-a"),
			Diffs: []diff{dStatic()}},
		{ID: "G79", Name: "Origin in upper case (not as browsers serialize)", Oracle: appListOracle, Cfg: appList,
			Req: req("GET", "/", "Origin", "HTTPS://APP.EXAMPLE.COM")},
		{ID: "G80", Name: "Origin with an explicit default port", Oracle: appListOracle, Cfg: appList,
			Req: preFrom("/", "https://app.example.com:443", "PUT", ""), Diffs: []diff{dReject()}},
		{ID: "G81", Name: "IPv6 origin", Oracle: `{"origin":["http://[::1]:8080"]}`,
			Cfg: gincors.Config{AllowOrigins: []string{"http://[::1]:8080"}}, Req: preFrom("/", "http://[::1]:8080", "PUT", "x-a")},
		{ID: "G82", Name: "subdomain pattern with a port vs regex", Oracle: `{"origin":{"regex":"^https://([a-z0-9-]+\\.)+a\\.example:8443$"}}`,
			Cfg: gincors.Config{AllowOrigins: []string{"https://*.a.example:8443"}}, Req: req("GET", "/", "Origin", "https://x.a.example:8443")},
		{ID: "G83", Name: "subdomain pattern with a port, other port", Oracle: `{"origin":{"regex":"^https://([a-z0-9-]+\\.)+a\\.example:8443$"}}`,
			Cfg: gincors.Config{AllowOrigins: []string{"https://*.a.example:8443"}}, Req: req("GET", "/", "Origin", "https://x.a.example")},
		{ID: "G84", Name: "list, regexp and function together", Oracle: `{"origin":{"fn":"allowList","list":["https://fn.example"]}}`,
			Cfg: gincors.Config{AllowOrigins: []string{b}, AllowOriginRegexps: []*regexp.Regexp{re(`^https://r\.example$`)},
				AllowOriginFunc: allowList("https://fn.example")},
			Req: preFrom("/", "https://fn.example", "PUT", "x-a"), Note: "the function is asked last; Express's allow-list function"},
		{ID: "G77", Name: "star policy, no Origin, OPTIONS with ACRM", Oracle: `{}`, Cfg: star,
			Req: req("OPTIONS", "/", acrm, "PUT"), Diffs: []diff{dOptions(true)}},
	}
}
