package gincors

import (
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// longTests reports whether the long runs are asked for, as .ci/run does
// with GINCORS_LONG=1.
func longTests() bool { return os.Getenv("GINCORS_LONG") != "" }

// LongTests is longTests for the external test package (load_test.go), so
// that one function reads the variable.
var LongTests = longTests

// propertyRuns is how many generated cases each property test checks in a
// default run; GINCORS_LONG=1 (set by .ci/run) multiplies it by 20.
func propertyRuns() int {
	if longTests() {
		return 20 * 2000
	}
	return 2000
}

// TestResponseProperties checks, for generated configurations and
// requests (FuzzLimits's generator fed with pseudo-random bytes, not
// hand-picked ones), what every response must satisfy: no panic, at most
// one Access-Control-Allow-Origin, never "*" with credentials, every Vary
// token set before gincors ran still there, explanations within their
// bound, the origin decided as the reference model decides it.
func TestResponseProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 96)
	for i := range propertyRuns() {
		for j := range data {
			data[j] = byte(rng.Uint32())
		}
		if !t.Run("", func(t *testing.T) { checkLimits(t, data) }) {
			t.Fatalf("case %d failed; replay it as a FuzzLimits seed: %q", i, data)
		}
	}
}

// TestValidateProperties checks, for generated configurations that are
// mostly wrong, that Validate never panics and that New accepts exactly
// what Validate accepts, panicking with Validate's error otherwise.
func TestValidateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	accepted := 0
	for range propertyRuns() {
		cfg := randomConfig(rng)
		var err error
		require.NotPanics(t, func() { err = cfg.Validate() }, "Validate(%#v)", cfg)
		if _, ok := newOrError(t, cfg); ok {
			accepted++
		}
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				require.True(t, strings.HasPrefix(line, "gincors: "), "error line %q", line)
			}
		}
	}
	// The generator must produce both kinds, or the property says little.
	require.Greater(t, accepted, propertyRuns()/20, "valid configurations generated")
	require.Less(t, accepted, propertyRuns()*19/20, "valid configurations generated")
}

// randomConfig returns a configuration whose fields are drawn from values
// that are valid, near-valid and hostile; about a third of them are drawn
// from valid values only.
func randomConfig(rng *rand.Rand) Config {
	valid := rng.IntN(3) == 0
	pick := func(good []string, bad ...string) string {
		if valid || rng.IntN(2) == 0 {
			return good[rng.IntN(len(good))]
		}
		return bad[rng.IntN(len(bad))]
	}
	some := func(n int, f func() string) []string {
		if rng.IntN(4) == 0 {
			return nil
		}
		out := make([]string, 1+rng.IntN(n))
		for i := range out {
			out[i] = f()
		}
		return out
	}
	garbage := func() string {
		const alphabet = "az09.:/*[]@%-_ \x00\xe9AZ"
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	var cfg Config
	cfg.AllowOrigins = some(3, func() string {
		return pick([]string{"https://a.example.com", "https://*.example.com", "http://localhost:*", "null", "http://[::1]:*",
			"https://*.example.com:8443", "HTTPS://B.example.com:443"},
			"*", garbage(), "https://"+garbage(), "https://a.example.com/", "https://*.com", "/^https://a\\.com$/", "ws://"+garbage())
	})
	if !valid && rng.IntN(4) == 0 || cfg.AllowOrigins == nil && rng.IntN(2) == 0 {
		cfg.AllowOrigins = []string{"*"}
	}
	for range rng.IntN(3) {
		src := pick([]string{`^https://a\.com$`, `^https://[a-z]+\.example\.net$`}, `a\.com`, `^a\.com$`, `(?m)^https://a\.com$`, `^https://a\.com/$`, garbage())
		if re, err := regexp.Compile(src); err == nil {
			cfg.AllowOriginRegexps = append(cfg.AllowOriginRegexps, re)
		}
	}
	if rng.IntN(4) == 0 {
		cfg.AllowOriginFunc = func(*gin.Context, string) bool { return true }
	}
	cfg.AllowMethods = some(3, func() string { return pick([]string{"GET", "put", "PATCH", "PURGE"}, "*", "TRACE", "", garbage()) })
	cfg.AllowHeaders = some(3, func() string { return pick([]string{"Content-Type", "X-A", "Authorization"}, "*", "X A", garbage()) })
	cfg.ExposeHeaders = some(2, func() string { return pick([]string{"X-Total", "X-Id"}, "*", "Set-Cookie", garbage()) })
	cfg.AllowCredentials = rng.IntN(2) == 0
	if valid {
		cfg.MaxAge = []time.Duration{0, -1, 10 * time.Minute, 24 * time.Hour}[rng.IntN(4)]
		cfg.OptionsSuccessStatus = []int{0, 200, 204, 299}[rng.IntN(4)]
	} else {
		cfg.MaxAge = []time.Duration{600, 1500 * time.Millisecond, 25 * time.Hour, time.Duration(rng.Int64())}[rng.IntN(4)]
		cfg.OptionsSuccessStatus = []int{300, 403, rng.IntN(1000)}[rng.IntN(3)]
	}
	cfg.PreflightContinue = rng.IntN(2) == 0
	cfg.AllowPrivateNetwork = rng.IntN(2) == 0
	return cfg
}
