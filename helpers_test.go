package gincors

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
)

// Helpers shared by the package's tests: requests, a test engine, header
// assertions and the policies most tests use.

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

func repeatPairs(k, v string, n int) []string {
	kv := make([]string, 0, 2*n)
	for range n {
		kv = append(kv, k, v)
	}
	return kv
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

// fastest returns, for each f, the least time n calls of it take over
// rounds that run them in turn. Other processes can make a round slower,
// never faster, and interleaving spreads their load over every f, so the
// least times are the figures a test compares with each other: a ratio
// measured in one run, not a wall-clock limit.
func fastest(n int, fs ...func()) []time.Duration {
	least := make([]time.Duration, len(fs))
	for i := range least {
		least[i] = math.MaxInt64
	}
	for range 15 {
		for i, f := range fs {
			start := time.Now()
			for range n {
				f()
			}
			least[i] = min(least[i], time.Since(start))
		}
	}
	return least
}
