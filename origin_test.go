package gincors

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOriginMatching shows which origins exact entries, subdomain and
// any-port patterns admit, and that the lookalikes peers have admitted are
// refused.
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
		// The subdomain matcher compares a suffix and checks the labels in
		// front of it; these are the texts that end right but are no
		// subdomain.
		{"https://a:b.example.org", false},
		{"https://a.example.org.", false},
		{"https://[a.example.org]", false},
		{"https://a.example.org:", false},
		{"https://a_b-c.example.org", true},
		{"https://" + strings.Repeat("a", maxLabelLen) + ".example.org", true},
		{"https://" + strings.Repeat("a", maxLabelLen+1) + ".example.org", false},
		{"https://a/.example.org", false},
		{"https://a@b.example.org", false},
		{"https://x.staging.example.io:", false},
		{"https://x.staging.example.io:0", false},
		{"https://x.staging.example.io:08080", false},
		{"https://x.staging.example.io:65536", false},
		{"https://x.staging.example.io:8080:8080", false},
		{"https://x.staging.example.io.:8080", false},
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

// TestExactLookupScales shows that an exact origin costs the same among
// 10,000 as alone: the matcher holds them in one map and has no other rule
// to try, and a request through Gin takes, in this run, at most
// scalingCostFactor times as long with 10,000 origins as with one. A scan of
// the list would cost thousands of times more.
func TestExactLookupScales(t *testing.T) {
	origins := make([]string, 10000)
	for i := range origins {
		origins[i] = fmt.Sprintf("https://app%05d.example.com", i)
	}
	p, err := compile(Config{AllowOrigins: origins})
	require.NoError(t, err)
	assert.Len(t, p.origins.exact, 10000)
	assert.True(t, p.origins.subdomains == nil && p.origins.anyPort == nil && p.origins.regexps == nil && p.origins.originFunc == nil,
		"exact origins leave no other rule to try")
	assert.True(t, p.origins.allows(nil, []string{origins[9999]}))
	assert.False(t, p.origins.allows(nil, []string{"https://app10000.example.com"}))

	last := newRequest("GET", "/x", "Origin", origins[9999])
	one, all := testEngine(New(Config{AllowOrigins: origins[9999:]})), testEngine(New(Config{AllowOrigins: origins}))
	require.Equal(t, origins[9999], do(all, last).Header().Get(headerAllowOrigin))
	least := fastest(50, func() { do(one, last) }, func() { do(all, last) })
	alone, among := least[0], least[1]
	assert.LessOrEqual(t, float64(among), scalingCostFactor*float64(alone), "among 10,000: %v; alone: %v", among, alone)
}

// scalingCostFactor bounds the cost of an exact origin among 10,000
// against its cost alone. BENCHMARKS.md measures about 1.07.
const scalingCostFactor = 1.5
