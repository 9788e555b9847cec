package gincors

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVary shows that Vary gets the tokens each response depends on, keeps
// what was there, adds no token twice in any case, and leaves "*" alone.
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

// TestAdversarialInput shows that hostile requests neither panic nor cost
// more than an ordinary one: each is answered exactly as the policy says
// (ACAO only for the one allowed origin, no hostile list reflected), and
// takes, in this run, at most adversarialCostFactor times as long as an
// ordinary preflight on the same engine. Scanning the 1 MiB or 150 KB
// values would cost hundreds of times more.
func TestAdversarialInput(t *testing.T) {
	configs := map[string]Config{
		"reflecting": DefaultConfig(),
		"list":       listConfig,
		"patterns": {AllowOrigins: []string{"https://*.example.com", "http://localhost:*"}, AllowCredentials: true,
			AllowMethods: []string{"*"}, AllowHeaders: []string{"*"}, Debug: func(*gin.Context, string) {}},
	}
	requests := adversarialRequests()
	ordinary := newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a")
	for cname, cfg := range configs {
		e := testEngine(New(cfg))
		for rname, req := range requests {
			t.Run(cname+"/"+rname, func(t *testing.T) {
				var w *httptest.ResponseRecorder
				require.NotPanics(t, func() { w = do(e, req) })
				// Every policy here allows appOrigin, and only "*" any other.
				wantACAO := ""
				switch origins := req.Header.Values("Origin"); {
				case cname == "reflecting":
					wantACAO = "*"
				case len(origins) == 1 && origins[0] == appOrigin:
					wantACAO = appOrigin
				}
				assert.Equal(t, wantACAO, strings.Join(w.Header().Values(headerAllowOrigin), "|"), "ACAO")
				// No hostile list is valid, so only a configured list is sent.
				wantACAH := ""
				if cname == "list" && req.Method == "OPTIONS" && wantACAO != "" {
					wantACAH = "Authorization,Content-Type"
				}
				assert.Equal(t, wantACAH, strings.Join(w.Header().Values(headerAllowHeaders), "|"), "ACAH")
				least := fastest(10, func() { do(e, ordinary) }, func() { do(e, req) })
				baseline, cost := least[0], least[1]
				assert.LessOrEqual(t, cost, adversarialCostFactor*baseline, "%v against %v for an ordinary preflight", cost, baseline)
			})
		}
	}
}

// adversarialRequests are requests with values a client can make large or
// malformed, all from appOrigin but two.
func adversarialRequests() map[string]*http.Request {
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("x-custom-%05d", i)
	}
	many := strings.Join(names, ",")
	commas := strings.Repeat(",", 1<<20)
	long := "https://" + strings.Repeat("a", 8192) + ".example.com"
	return map[string]*http.Request{
		"1 MiB of commas":        newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", commas),
		"10,000 header names":    newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", many),
		"8 KiB origin":           newRequest("OPTIONS", "/x", "Origin", long, "Access-Control-Request-Method", "PUT"),
		"two origins":            newRequest("GET", "/x", "Origin", appOrigin, "Origin", evilOrigin),
		"non-ASCII origin":       newRequest("GET", "/x", "Origin", "https://\xff\xfe.example.com"),
		"non-ASCII headers":      newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "P\xffT", "Access-Control-Request-Headers", "x-\xe9t\xe9"),
		"10,000 header lines":    newRequest("OPTIONS", "/x", append([]string{"Origin", appOrigin, "Access-Control-Request-Method", "PUT"}, repeatPairs("Access-Control-Request-Headers", "x-a", 10000)...)...),
		"control bytes in names": newRequest("OPTIONS", "/x", "Origin", appOrigin, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-a\x00,\r\nx-b"),
	}
}

// TestLongHeaderListIsNotScanned shows that the limits on
// Access-Control-Request-Headers are checked before any byte is read: a
// 1 MiB list of valid names is refused for its length, 17 lines for their
// number, and refusing the 1 MiB list costs no more than reading the
// longest list that is accepted. A scan would cost 256 times as much.
func TestLongHeaderListIsNotScanned(t *testing.T) {
	longest := []string{strings.Repeat("a,", maxRequestHeadersLen/2-1) + "aa"}
	require.Len(t, longest[0], maxRequestHeadersLen)
	require.Equal(t, headersValid, checkRequestHeaders(longest))
	huge := []string{strings.Repeat("a,", 1<<19) + "a"}
	require.Equal(t, headersTooLong, checkRequestHeaders(huge))
	require.Equal(t, headersTooManyLines, checkRequestHeaders(repeatPairs("a", "a", maxRequestHeadersLines)[:maxRequestHeadersLines+1]))
	var sink headersVerdict
	least := fastest(100, func() { sink = checkRequestHeaders(longest) }, func() { sink = checkRequestHeaders(huge) })
	read, refuse := least[0], least[1]
	assert.LessOrEqual(t, refuse, read, "refusing 1 MiB: %v; reading 4096 bytes: %v", refuse, read)
	_ = sink
}

// adversarialCostFactor bounds a hostile request's cost against an
// ordinary one's. Explaining a refusal with Debug costs a few times more;
// scanning what the client made large would cost hundreds of times more.
const adversarialCostFactor = 20

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
