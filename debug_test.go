package gincors

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDebug shows that Debug is called once, with one line, for each
// request the policy refuses or only partly allows, naming the rule that
// failed and the field to change; that it is not called for requests that
// are wholly allowed or no CORS requests; and that it changes no response.
func TestDebug(t *testing.T) {
	var got []string
	cfg := Config{
		AllowOrigins: []string{appOrigin},
		AllowMethods: []string{"GET", "PUT", "PATCH"},
		AllowHeaders: []string{"Content-Type"},
		Debug:        func(c *gin.Context, why string) { got = append(got, why) },
	}
	star := cfg
	star.AllowHeaders = []string{"*"}
	reflecting := cfg
	reflecting.AllowHeaders = nil
	pf := func(kv ...string) *http.Request {
		return newRequest("OPTIONS", "/x", append([]string{"Origin", appOrigin}, kv...)...)
	}
	cases := []struct {
		name string
		cfg  Config
		req  *http.Request
		want []string // substrings of the one explanation; nil: no call
	}{
		{"allowed actual request", cfg, newRequest("GET", "/x", "Origin", appOrigin), nil},
		{"no CORS request", cfg, newRequest("GET", "/x"), nil},
		{"cookies without AllowCredentials", cfg, newRequest("GET", "/x", "Origin", appOrigin, "Cookie", "session=1"),
			[]string{`actual request GET /x from "https://app.example.com": the request carries cookies`, "(set AllowCredentials)"}},
		{"cookies under \"*\"", Config{AllowOrigins: []string{"*"}, Debug: cfg.Debug}, newRequest("GET", "/x", "Origin", appOrigin, "Cookie", "session=1"),
			[]string{"carries cookies", `listing the origins instead of "*"`}},
		{"cookies with AllowCredentials", Config{AllowOrigins: []string{appOrigin}, AllowCredentials: true, Debug: cfg.Debug},
			newRequest("GET", "/x", "Origin", appOrigin, "Cookie", "session=1"), nil},
		{"allowed preflight", cfg, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), nil},
		{"safelisted method", cfg, pf("Access-Control-Request-Method", "POST"), nil},
		{"origin", cfg, newRequest("GET", "/x", "Origin", evilOrigin),
			[]string{"actual request GET /x", `"https://evil.example.net"`, `not allowed by AllowOrigins, which lists "https://app.example.com" (add it`}},
		{"origin, many listed", Config{AllowOrigins: []string{"HTTPS://A.example.com:443", "https://*.b.example.com", "http://localhost:*", "null", "https://c.example.com"},
			Debug: cfg.Debug}, newRequest("GET", "/x", "Origin", evilOrigin),
			[]string{`which lists "https://a.example.com", "https://*.b.example.com", "http://localhost:*" and 2 more (add it`}},
		{"preflight origin", cfg, newRequest("OPTIONS", "/x", "Origin", evilOrigin, "Access-Control-Request-Method", "PUT"),
			[]string{"preflight OPTIONS /x", "origin not allowed"}},
		{"malformed origin", cfg, newRequest("GET", "/x", "Origin", "https://APP.example.com"), []string{"not serialized"}},
		{"two origins", cfg, newRequest("GET", "/x", "Origin", appOrigin, "Origin", evilOrigin), []string{"2 Origin headers"}},
		{"long origin", cfg, newRequest("GET", "/x", "Origin", strings.Repeat("a", 600)), []string{"600 bytes"}},
		{"method", cfg, pf("Access-Control-Request-Method", "DELETE"), []string{`method "DELETE" is not in AllowMethods`}},
		{"method case", cfg, pf("Access-Control-Request-Method", "patch"), []string{`which lists "PATCH"`, "case-sensitive", `add "patch" to AllowMethods`}},
		{"header", cfg, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,x-api-key"),
			[]string{`preflight OPTIONS /x from "https://app.example.com" for "PUT" with headers "content-type,x-api-key": `,
				`header "x-api-key" is not in AllowHeaders (add "x-api-key" to AllowHeaders)`}},
		{"authorization and the wildcard", star, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"),
			[]string{`"authorization" is not covered by "*"`}},
		{"malformed request headers", reflecting, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "a,,b"),
			[]string{"not a comma-separated list of header names"}},
		{"too long a header list", cfg, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", strings.Repeat("a,", 3000)),
			[]string{"longer than the 4096 bytes gincors reads"}},
		{"too many header lines", reflecting, pf(append([]string{"Access-Control-Request-Method", "PUT"},
			repeatPairs("Access-Control-Request-Headers", "x-a", maxRequestHeadersLines+1)...)...),
			[]string{"has 17 lines, more than the 16 gincors reads"}},
		{"the wildcard with credentials and Authorization", Config{AllowOrigins: []string{appOrigin}, AllowCredentials: true,
			AllowHeaders: []string{"*"}, Debug: cfg.Debug}, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"),
			[]string{`"authorization" is not covered by "*"`, `add "Authorization" to AllowHeaders`}},
		{"null", cfg, newRequest("GET", "/x", "Origin", "null"), []string{`add "null" to AllowOrigins`}},
		{"private network", cfg, pf("Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Network", "true"),
			[]string{"AllowPrivateNetwork"}},
		{"several problems, one line", cfg, pf("Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-a"),
			[]string{"DELETE", `"x-a"`, "; "}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			do(testEngine(New(tc.cfg)), tc.req)
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
		for _, tc := range cases {
			require.NotNil(t, tc.cfg.Debug, tc.name)
			quiet := tc.cfg
			quiet.Debug = nil
			a, b := do(testEngine(New(tc.cfg)), tc.req), do(testEngine(New(quiet)), tc.req)
			assert.Equal(t, b.Code, a.Code, tc.name)
			assert.Equal(t, b.Header(), a.Header(), tc.name)
			assert.Equal(t, b.Body.String(), a.Body.String(), tc.name)
		}
	})
}
