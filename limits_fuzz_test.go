package gincors

// FuzzLimits drives the whole middleware with configurations and requests
// built by a structured generator from the fuzzer's bytes. Where the other
// targets take strings, which the fuzzer rarely grows to the sizes where
// limits sit, this one spends each byte on a choice: a size is picked from
// both sides of every limit (a label of 63 or 64 bytes, a host of 253 or
// 254, a port of 5 or 6 digits, an origin of maxOriginLen ±1, request
// headers of maxRequestHeadersLen ±1 bytes and maxRequestHeadersLines ±1
// lines, 0, 1, 64 or 65 Vary tokens already set) or at random. The seeds
// below reach each edge in every `go test`; .ci/fuzz.sh explores further.
//
//	go test -run '^$' -fuzz '^FuzzLimits$' -fuzztime 30s .

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// choices hands out the fuzzer's bytes one decision at a time; when they run
// out, every decision is 0.
type choices struct{ b []byte }

func (c *choices) next() int {
	if len(c.b) == 0 {
		return 0
	}
	v := c.b[0]
	c.b = c.b[1:]
	return int(v)
}

// pick returns one of n options.
func (c *choices) pick(n int) int { return c.next() % n }

// size returns a length on either side of limit: limit-1, limit, limit+1,
// a small one, or one at random up to twice the limit.
func (c *choices) size(limit int) int {
	switch c.pick(6) {
	case 0:
		return limit - 1
	case 1:
		return limit
	case 2:
		return limit + 1
	case 3:
		return c.pick(4)
	case 4:
		return limit - 2 - c.pick(8)
	}
	return (c.next()<<8 | c.next()) % (2*limit + 1)
}

const hostBytes = "abcdefghijklmnopqrstuvwxyz0123456789-_"

// label returns a label of n bytes, valid unless bad is set.
func (c *choices) label(n int, bad bool) string {
	b := make([]byte, max(n, 0))
	for i := range b {
		b[i] = hostBytes[(i+c.next())%26] // letters: never a numeric label
	}
	if bad && len(b) > 0 {
		b[c.pick(len(b))] = "-.*:[@/ \x00\xe9A"[c.pick(11)]
	}
	return string(b)
}

// host returns a host of about n bytes ending in domain (when it fits), its
// labels sized around maxLabelLen.
func (c *choices) host(n int, domain string) string {
	labelLen := c.size(maxLabelLen)
	if labelLen < 1 {
		labelLen = 1
	}
	bad := c.pick(16) == 0
	var labels []string
	total := len(domain)
	for total < n {
		l := min(labelLen, n-total)
		if total > 0 {
			l = min(labelLen, n-total-1)
		}
		if l < 1 {
			break
		}
		labels = append(labels, c.label(l, bad && len(labels) == 0))
		total += l + 1
	}
	if domain != "" {
		labels = append(labels, domain)
	}
	return strings.Join(labels, ".")
}

// port returns "", a valid port, or one just past a limit.
func (c *choices) port() string {
	ports := []string{"", "", "8443", "1", "65535", "65536", "99999", "123456", "08443", "0", "12345", "443", "80"}
	return ports[c.pick(len(ports))]
}

// limitDomains are the domains of the generated subdomain patterns: short
// ones, and ones as long as a pattern's host may be.
func limitDomains(c *choices) string {
	switch c.pick(4) {
	case 0:
		return "example.com"
	case 1:
		return "example.org"
	}
	return c.host(c.size(maxHostLen-2), "example.com")
}

// limitsRegexp is the one AllowOriginRegexps entry limitsConfig uses, and
// limitsWant's reference for it.
var limitsRegexp = regexp.MustCompile(`^https://[a-z.]+\.example\.net$`)

// limitsConfig builds a configuration from the choices: a few AllowOrigins
// entries among subdomain, any-port and exact patterns of generated hosts,
// sometimes a regexp or a function, and the other fields at random.
func limitsConfig(c *choices) Config {
	var cfg Config
	for n := 1 + c.pick(3); n > 0; n-- {
		switch c.pick(6) {
		case 0:
			cfg.AllowOrigins = append(cfg.AllowOrigins, "https://*."+limitDomains(c)+[]string{"", ":*", ":8443", ":65535"}[c.pick(4)])
		case 1:
			cfg.AllowOrigins = append(cfg.AllowOrigins, "http://"+limitDomains(c)+":*")
		case 2:
			cfg.AllowOrigins = append(cfg.AllowOrigins, "https://"+limitDomains(c))
		case 3:
			cfg.AllowOrigins = append(cfg.AllowOrigins, "null")
		case 4:
			cfg.AllowOriginRegexps = append(cfg.AllowOriginRegexps, limitsRegexp)
		default:
			cfg.AllowOriginFunc = func(_ *gin.Context, o string) bool { return strings.HasSuffix(o, ".trusted.example") }
		}
	}
	if c.pick(8) == 0 {
		cfg = Config{AllowOrigins: []string{"*"}}
	}
	cfg.AllowCredentials = cfg.AllowOrigins == nil || cfg.AllowOrigins[0] != "*" && c.pick(2) == 0
	cfg.AllowMethods = [][]string{nil, {}, {"*"}, {"PUT", "patch"}}[c.pick(4)]
	cfg.AllowHeaders = [][]string{nil, {}, {"*"}, {"*", "Authorization"}, {"Content-Type", "X-A"}}[c.pick(5)]
	cfg.ExposeHeaders = [][]string{nil, {"X-Total"}}[c.pick(2)]
	cfg.PreflightContinue = c.pick(4) == 0
	cfg.AllowPrivateNetwork = c.pick(4) == 0
	return cfg
}

// limitsOrigin returns a request's Origin: one of the policy's domains under
// generated labels, or a host of any size, with ports around their limits,
// or one padded to maxOriginLen ±1.
func limitsOrigin(c *choices, cfg Config) string {
	scheme := []string{"https", "http", "HTTPS", "wss"}[c.pick(4)]
	domain := "example.com"
	if len(cfg.AllowOrigins) > 0 {
		entry := cfg.AllowOrigins[c.pick(len(cfg.AllowOrigins))]
		if _, rest, ok := strings.Cut(entry, "://"); ok {
			domain, _, _ = strings.Cut(strings.TrimPrefix(rest, "*."), ":")
		}
	}
	var host string
	switch c.pick(5) {
	case 0:
		host = domain
	case 1:
		host = "a." + c.host(c.size(maxHostLen-2), "")
	case 2:
		host = c.host(c.size(maxHostLen), domain)
	case 3:
		o := scheme + "://" + c.host(maxHostLen, "")
		return o + strings.Repeat("a", max(0, c.size(maxOriginLen)-len(o)))
	default:
		host = c.host(c.pick(3)*8, domain)
	}
	o := scheme + "://" + host
	if p := c.port(); p != "" {
		o += ":" + p
	}
	return o
}

// limitsRequestHeaders returns Access-Control-Request-Headers lines around
// their limits: maxRequestHeadersLines ±1 lines, maxRequestHeadersLen ±1
// bytes, sometimes naming Authorization or holding a bad byte.
func limitsRequestHeaders(c *choices) []string {
	lines := c.size(maxRequestHeadersLines)
	if lines <= 0 {
		return nil
	}
	total := c.size(maxRequestHeadersLen)
	if total < lines {
		total = lines
	}
	var names []string
	for n := 0; n < total; {
		name := "x-h" + strconv.Itoa(n)
		switch c.pick(16) {
		case 0:
			name = "authorization"
		case 1:
			name = "content-type"
		}
		names = append(names, name)
		n += len(name) + 1
	}
	joined := strings.Join(names, ",")
	if len(joined) > total {
		joined = joined[:total]
		joined = strings.TrimRight(joined, ",")
	}
	if c.pick(8) == 0 {
		joined = strings.Replace(joined, ",", ",,", 1)
	}
	// Cut into the chosen number of lines at commas.
	out := make([]string, 0, lines)
	per := max(1, len(joined)/lines)
	for len(out) < lines-1 && len(joined) > per {
		i := strings.IndexByte(joined[per:], ',')
		if i < 0 {
			break
		}
		out = append(out, joined[:per+i])
		joined = joined[per+i+1:]
	}
	return append(out, joined)
}

var limitsSeeds = [][]byte{
	// subdomain pattern, origin "a." + a long host + a 5-digit port: the
	// remote panic of an earlier subdomain table.
	{0, 2, 1, 3, 0, 1, 1, 1, 1, 2, 10, 1, 1, 1, 1, 1, 1, 1},
	{0, 1, 0, 1, 7, 0, 1, 1, 0, 2, 1, 1, 3, 5, 0, 7, 2, 6},
	{2, 0, 2, 1, 1, 2, 2, 0, 0, 1, 1, 4, 0, 2, 2, 0, 1, 4, 6, 6},
	{0, 3, 2, 2, 1, 9, 1, 1, 1, 1, 2, 3, 4, 0, 2, 1, 1, 2, 3, 3, 3},
	{1, 0, 1, 1, 1, 0, 3, 3, 1, 1, 1, 0, 5, 0, 1, 2, 1, 1, 3},
	make([]byte, 64),
	[]byte(strings.Repeat("\x01\x02\x00", 40)),
	[]byte(strings.Repeat("\xff", 80)),
}

func FuzzLimits(f *testing.F) {
	for _, s := range limitsSeeds {
		f.Add(s)
	}
	for i := 0; i < 48; i++ { // every first choice, with the rest varied
		f.Add([]byte{byte(i), byte(i / 6), byte(i % 5), byte(i % 7), 1, 2, 0, 1, byte(i % 3), 6, 1})
	}
	f.Fuzz(checkLimits)
}

// checkLimits serves the configuration and request that data chooses and
// checks every property a response must have.
func checkLimits(t *testing.T, data []byte) {
	c := &choices{b: data}
	cfg := limitsConfig(c)
	var debugLog []string
	cfg.Debug = func(_ *gin.Context, s string) { debugLog = append(debugLog, s) }
	mw, ok := newOrError(t, cfg)
	if !ok {
		return
	}
	varyBefore := limitsVary(c, cfg)
	e := gin.New()
	e.Use(func(ctx *gin.Context) {
		if len(varyBefore) > 0 {
			ctx.Writer.Header()[headerVary] = append([]string(nil), varyBefore...)
		}
	}, mw)
	e.Any("/x", func(ctx *gin.Context) { ctx.Status(http.StatusOK) })

	origin := limitsOrigin(c, cfg)
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header["Origin"] = []string{origin}
	if c.pick(3) > 0 {
		r.Method = http.MethodOptions
		r.Header[headerRequestMethod] = []string{[]string{"PUT", "GET", "patch", "DELETE"}[c.pick(4)]}
		if lines := limitsRequestHeaders(c); lines != nil {
			r.Header[headerRequestHeaders] = lines
		}
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)

	fzCheckResponse(t, cfg, r, w, debugLog)
	requireVaryKept(t, varyBefore, w.Header().Values(headerVary))
	for _, why := range debugLog {
		require.LessOrEqual(t, len(why), maxExplanationLen)
	}
	require.Equal(t, limitsWant(cfg, origin), w.Header().Get(headerAllowOrigin) != "",
		"config %q, origin %q (%d bytes)", cfg.AllowOrigins, origin, len(origin))
}

// newOrError returns New(cfg), or false after checking that New panics
// with exactly Validate's error.
func newOrError(t *testing.T, cfg Config) (gin.HandlerFunc, bool) {
	t.Helper()
	err := cfg.Validate()
	if err != nil {
		require.PanicsWithError(t, err.Error(), func() { New(cfg) }, "New and Validate disagree")
		return nil, false
	}
	var mw gin.HandlerFunc
	require.NotPanics(t, func() { mw = New(cfg) }, "Validate accepts what New refuses")
	return mw, true
}

// limitsVary returns the Vary values an earlier handler set: none, one,
// 64 or 65 tokens, in one or several lines, sometimes with the policy's
// own "Origin" in another case.
func limitsVary(c *choices, cfg Config) []string {
	n := []int{0, 0, 1, 64, 65}[c.pick(5)]
	var tokens []string
	for i := 0; i < n; i++ {
		tokens = append(tokens, "X-V"+strconv.Itoa(i))
	}
	if n > 0 && c.pick(4) == 0 && (len(cfg.AllowOrigins) == 0 || cfg.AllowOrigins[0] != "*") {
		tokens[c.pick(n)] = "origin"
	}
	if n > 1 && c.pick(2) == 0 {
		return []string{strings.Join(tokens[:n/2], ", "), strings.Join(tokens[n/2:], ",")}
	}
	if n == 0 {
		return nil
	}
	return []string{strings.Join(tokens, ", ")}
}

// requireVaryKept checks that every Vary token set before the middleware
// ran is still there, once.
func requireVaryKept(t *testing.T, before, after []string) {
	t.Helper()
	seen := map[string]int{}
	for _, v := range after {
		for _, e := range strings.Split(v, ",") {
			seen[strings.ToLower(strings.TrimSpace(e))]++
		}
	}
	for _, v := range before {
		for _, e := range strings.Split(v, ",") {
			require.Equal(t, 1, seen[strings.ToLower(strings.TrimSpace(e))], "Vary token %q before, Vary %q after", e, after)
		}
	}
}

// limitsWant is the reference: whether cfg, as generated, allows origin.
// It reads the generated entries with fzParseOrigin, the fuzz targets'
// simple model of a browser's origin, not with the library's parser.
func limitsWant(cfg Config, origin string) bool {
	if len(cfg.AllowOrigins) == 1 && cfg.AllowOrigins[0] == "*" {
		return true
	}
	scheme, host, port, ok := fzParseOrigin(origin)
	if !ok {
		return false
	}
	for _, entry := range cfg.AllowOrigins {
		if entry == "null" {
			continue
		}
		pScheme, rest, _ := strings.Cut(entry, "://")
		pHost, pPort, _ := strings.Cut(rest, ":")
		switch sub := strings.HasPrefix(pHost, "*."); {
		case scheme != pScheme:
		case sub && strings.HasSuffix(host, pHost[1:]) && len(host) > len(pHost)-1 && (pPort == "*" || pPort == port):
			return true
		case !sub && host == pHost && (pPort == "*" || pPort == port):
			return true
		}
	}
	if cfg.AllowOriginRegexps != nil && limitsRegexp.MatchString(origin) {
		return true
	}
	return cfg.AllowOriginFunc != nil && cfg.AllowOriginFunc(nil, origin)
}
