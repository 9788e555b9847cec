package gincors

// Fuzz targets. Each checks the library against a deliberately simple
// reference written here from the contract, not from the code: regular
// expressions, strings.Split and net/netip instead of hand-written scanners.
//
//	go test -run '^$' -fuzz '^FuzzOriginMatch$' -fuzztime 30s .
//	.ci/fuzz.sh   # every target, FUZZTIME each (default 20s)
//
// The seeds below run in every `go test`, together with the committed
// corpora under testdata/fuzz/<FuzzName>/.

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// ---------------------------------------------------------------------------
// Reference model.

var (
	fzSchemeRe = regexp.MustCompile(`^[a-z][a-z0-9+.-]*$`)
	fzLabelRe  = regexp.MustCompile(`^[a-z0-9_-]{1,63}$`)
	fzPortRe   = regexp.MustCompile(`^[1-9][0-9]{0,4}$`)
	fzTokenRe  = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
)

// fzHostOK: a lower-case DNS name (labels of 1-63 bytes of [a-z0-9_-], at
// most 253 bytes) or, when the last label is numeric, a dotted-decimal IPv4
// address as a browser serialises it.
func fzHostOK(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if !fzLabelRe.MatchString(l) {
			return false
		}
	}
	last := labels[len(labels)-1]
	if hex, ok := strings.CutPrefix(last, "0x"); strings.Trim(last, "0123456789") == "" || ok && strings.Trim(hex, "0123456789abcdef") == "" {
		a, err := netip.ParseAddr(h)
		return err == nil && a.Is4() && a.String() == h
	}
	return true
}

// fzPortOK: a decimal port from 1 to 65535 without leading zeros.
func fzPortOK(p string) bool {
	if !fzPortRe.MatchString(p) {
		return false
	}
	n, _ := strconv.Atoi(p)
	return n <= 65535
}

// fzParseOrigin is the reference for "a well-formed origin": lower-case
// scheme://host[:port], at most 512 bytes (maxOriginLen), host a DNS name,
// an IPv4 address or a bracketed IPv6 address.
func fzParseOrigin(o string) (scheme, host, port string, ok bool) {
	if len(o) > 512 {
		return "", "", "", false
	}
	scheme, rest, found := strings.Cut(o, "://")
	if !found || !fzSchemeRe.MatchString(scheme) {
		return "", "", "", false
	}
	hasPort := false
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", "", "", false
		}
		inner := rest[1:end]
		a, err := netip.ParseAddr(inner)
		if err != nil || !a.Is6() || a.Zone() != "" || inner != strings.ToLower(inner) {
			return "", "", "", false
		}
		host, rest = rest[:end+1], rest[end+1:]
		if rest != "" {
			if port, hasPort = strings.CutPrefix(rest, ":"); !hasPort {
				return "", "", "", false
			}
		}
	} else {
		host, port, hasPort = strings.Cut(rest, ":")
		if !fzHostOK(host) {
			return "", "", "", false
		}
	}
	if hasPort && !fzPortOK(port) {
		return "", "", "", false
	}
	return scheme, host, port, true
}

// fzAllowOne is the reference matcher for one parsed AllowOrigins entry.
func fzAllowOne(p originPattern, o string) bool {
	if !p.subdomains && !p.anyPort {
		return len(o) <= 512 && o == p.String() // "null" included
	}
	if o == "null" {
		return false
	}
	scheme, host, port, ok := fzParseOrigin(o)
	if !ok || scheme != p.scheme {
		return false
	}
	if p.subdomains {
		// One or more valid labels before the domain (host is valid as a
		// whole, so the labels before ".domain" are too).
		if !strings.HasSuffix(host, "."+p.host) || len(host) <= len(p.host)+1 {
			return false
		}
		return p.anyPort || port == p.port
	}
	return host == p.host // any port, or none
}

// fzAllow is the reference for originMatcher.allows with AllowOrigins only.
func fzAllow(star bool, pats []originPattern, origins []string) bool {
	if star {
		return true
	}
	if len(origins) != 1 {
		return false
	}
	for _, p := range pats {
		if fzAllowOne(p, origins[0]) {
			return true
		}
	}
	return false
}

// fzWHATWGv6 serialises an IPv6 address as the WHATWG URL standard does:
// eight hexadecimal pieces, the first longest run of two or more zero pieces
// compressed to "::", never an embedded IPv4 address.
func fzWHATWGv6(a netip.Addr) string {
	b := a.As16()
	var pieces [8]uint16
	for i := range pieces {
		pieces[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if pieces[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && pieces[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	hex := func(ps []uint16) string {
		s := make([]string, len(ps))
		for i, p := range ps {
			s[i] = strconv.FormatUint(uint64(p), 16)
		}
		return strings.Join(s, ":")
	}
	if best < 0 {
		return hex(pieces[:])
	}
	return hex(pieces[:best]) + "::" + hex(pieces[best+bestLen:])
}

func fzASCIILower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// fzValidRequestHeaders is the reference for validRequestHeaders.
func fzValidRequestHeaders(lines []string) bool {
	if len(lines) == 0 || len(lines) > 16 || len(strings.Join(lines, "")) > 4096 {
		return false
	}
	for _, l := range lines {
		for _, e := range strings.Split(l, ",") {
			if !fzTokenRe.MatchString(strings.Trim(e, " \t")) {
				return false
			}
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// FuzzOriginPattern.

var fzPatternSeeds = []string{
	"https://app.example.com", "HTTPS://APP.Example.COM", "https://app.example.com:443", "http://app.example.com:80",
	"https://app.example.com:8443", "https://app.example.com:08443", "https://app.example.com:", "https://app.example.com:+443",
	"https://app.example.com:65536", "https://app.example.com:0", "https://*.example.com", "https://*.example.com:*",
	"https://*.example.com:8443", "http://localhost:*", "http://*.localhost", "https://*.com", "https://*.*.example.com",
	"https://a*.example.com", "*://example.com", "*", "null", "NULL", "file://", "file:///etc/passwd",
	"example.com", "localhost:3000", "//example.com", "https://example.com/", "https://example.com/path",
	"https://example.com?q", "https://example.com#f", "https://user:pw@example.com", " https://example.com",
	"https://exa mple.com", "https://example.com\n", "http://127.0.0.1:8080", "http://127.0.0.01", "http://1.2.3",
	"http://256.1.1.1", "https://*.1.2.3.4", "https://example.123", "http://[::1]:3000", "http://[::1]:*",
	"http://[0:0:0:0:0:0:0:1]", "http://[::FFFF:1.2.3.4]", "http://[::1%25eth0]", "http://[::1", "http://[::1]x",
	"http://[1.2.3.4]", "http://[]", "https://*.[::1]", "https://xn--bcher-kva.example", "https://bücher.example",
	"https://example.com.", "https://.example.com", "https://a..b.com", "https://-a.example.com", "https://a_b.example.com",
	"chrome-extension://abcdefghijklmnop", "a+b.c-d://x.y", "1http://x.y", "https://" + strings.Repeat("a", 64) + ".com",
	"https://" + strings.Repeat("a.", 127) + "com", "\u212Aa://example.com", "https://\u212A.example.com", "https:/example.com",
	"https:://example.com", "https://example.com:*:*", "https://*", "https://*.", "https://*.:80", "",
}

func FuzzOriginPattern(f *testing.F) {
	for _, s := range fzPatternSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, perr := parseOriginPattern(s)
		_, cerr := compile(Config{AllowOrigins: []string{s}})
		if perr != nil {
			fzCheckRefusal(t, s, perr, cerr)
			return
		}
		require.NoError(t, cerr, "parse accepts %q, compile refuses it", s)
		fzCheckNormalForm(t, s, p)
	})
}

// fzCheckRefusal: a refused entry has a problem and a fix, Validate reports
// them for AllowOrigins[0], and a whole replacement entry, `use "..."`, is
// valid itself.
func fzCheckRefusal(t *testing.T, s string, perr *patternProblem, cerr error) {
	t.Helper()
	require.NotEmpty(t, perr.problem, "error without a problem for %q", s)
	require.NotEmpty(t, perr.fix, "error without a fix for %q", s)
	if s != "*" {
		var ce *ConfigError
		require.True(t, errors.As(cerr, &ce), "parse error but compile accepts %q", s)
		require.Equal(t, "AllowOrigins[0]", ce.Field)
		require.Equal(t, perr.problem, ce.Problem)
		require.Equal(t, perr.fix, ce.Fix)
	}
	if q, ok := strings.CutPrefix(perr.fix, "use "); ok {
		if suggestion, err := strconv.Unquote(q); err == nil {
			_, serr := parseOriginPattern(suggestion)
			require.Nil(t, serr, "the suggested %q for %q is itself refused", suggestion, s)
		}
	}
}

// fzCheckNormalForm: an accepted entry has an idempotent, lower-case ASCII
// normal form whose scheme, host and port are what a browser serialises.
func fzCheckNormalForm(t *testing.T, s string, p originPattern) {
	t.Helper()
	norm := p.String()
	p2, perr2 := parseOriginPattern(norm)
	require.Nil(t, perr2, "normal form %q of %q refused", norm, s)
	require.Equal(t, p, p2, "normal form %q of %q parses differently", norm, s)
	require.Equal(t, norm, p2.String())
	for i := 0; i < len(norm); i++ {
		require.Less(t, norm[i], byte(0x80), "non-ASCII normal form %q of %q", norm, s)
	}
	require.Equal(t, strings.ToLower(p.host), p.host)
	if p.scheme == "" {
		require.Equal(t, "null", p.host)
		require.True(t, strings.EqualFold(s, "null"))
		return
	}
	// The scheme is the input's, ASCII-lower-cased (no Unicode folding).
	require.Equal(t, fzASCIILower(s[:strings.Index(s, "://")]), p.scheme, "scheme of %q", s)
	require.True(t, fzSchemeRe.MatchString(p.scheme))
	if strings.HasPrefix(p.host, "[") {
		require.False(t, p.subdomains)
		a, err := netip.ParseAddr(p.host[1 : len(p.host)-1])
		require.NoError(t, err)
		require.Equal(t, "["+fzWHATWGv6(a)+"]", p.host, "IPv6 host of %q is not serialised as a browser does", s)
	} else {
		require.True(t, fzHostOK(p.host), "host %q of %q", p.host, s)
	}
	if p.subdomains {
		require.True(t, strings.Contains(p.host, ".") || p.host == "localhost", "subdomains of a TLD accepted: %q", s)
	}
	if p.port != "" { // a real, non-default port
		require.False(t, p.anyPort)
		require.True(t, fzPortOK(p.port), "port %q of %q", p.port, s)
		defaults := map[string]string{"http": "80", "ws": "80", "https": "443", "wss": "443", "ftp": "21"}
		require.NotEqual(t, defaults[p.scheme], p.port, "default port kept: %q", s)
	}
}

// ---------------------------------------------------------------------------
// FuzzOriginMatch.

// fzMatchSeeds are pattern and origin pairs; patterns holds one or more
// AllowOrigins entries separated by newlines.
var fzMatchSeeds = [][2]string{
	{"https://example.com", "https://example.com"},
	{"https://example.com", "https://evilexample.com"},
	{"https://example.com", "https://example.com.evil.net"},
	{"https://example.com", "https://EXAMPLE.com"},
	{"https://example.com", "http://example.com"},
	{"https://example.com", "https://example.com:443"},
	{"https://example.com:443", "https://example.com"},
	{"https://example.com", "https://example.com/"},
	{"https://example.com", "null"},
	{"HTTPS://Example.COM", "https://example.com"},
	{"https://*.example.com", "https://a.example.com"},
	{"https://*.example.com", "https://a.b.example.com"},
	{"https://*.example.com", "https://example.com"},
	{"https://*.example.com", "https://.example.com"},
	{"https://*.example.com", "https://evilexample.com"},
	{"https://*.example.com", "https://a.evilexample.com"},
	{"https://*.example.com", "https://a.example.com.evil.net"},
	{"https://*.example.com", "https://a.example.com:8443"},
	{"https://*.example.com", "https://A.example.com"},
	{"https://*.example.com", "http://a.example.com"},
	{"https://*.example.com:*", "https://a.example.com:8443"},
	{"https://*.example.com:8443", "https://a.example.com:8443"},
	{"https://*.example.com:8443", "https://a.example.com"},
	{"https://*.example.com:*", "https://a.example.com:99999"},
	{"http://localhost:*", "http://localhost"},
	{"http://localhost:*", "http://localhost:3000"},
	{"http://localhost:*", "http://localhost.evil.com"},
	{"http://localhost:*", "http://localhost.evil.com:3000"},
	{"http://localhost:*", "http://localhost:evil.com"},
	{"http://localhost:*", "http://evil.com:localhost"},
	{"http://localhost:*", "http://localhost:"},
	{"http://localhost:*", "http://localhost:03000"},
	{"http://localhost:*", "http://localhost:99999"},
	{"http://localhost:*", "https://localhost:3000"},
	{"http://localhost:*", "http://user@localhost:3000"},
	{"http://localhost:*", "http://LOCALHOST:3000"},
	{"http://[::1]:*", "http://[::1]:3000"},
	{"http://[::1]:*", "http://[::1]"},
	{"http://[::1]:*", "http://[::1]x80"},
	{"http://[::1]:*", "http://[::1]]:80"},
	{"http://[::1]:*", "http://[0:0:0:0:0:0:0:1]:3000"},
	{"http://[0:0::1]", "http://[::1]"},
	{"http://[::ffff:1.2.3.4]", "http://[::ffff:102:304]"},
	{"http://127.0.0.1:*", "http://127.0.0.1:8080"},
	{"http://127.0.0.1:*", "http://127.0.0.1.evil.com:8080"},
	{"null", "null"},
	{"null", "NULL"},
	{"https://*.example.com\nnull", "null"},
	{"https://*.example.com\nhttp://localhost:*", "http://localhost:5173"},
	{"https://a.example.com\nhttps://*.example.org:*\nhttp://[::1]:*", "https://x.example.org:1"},
	{"*", "https://anything.example"},
	{"*", "null"},
	{"https://example.com", ""},
	{"https://example.com", "https://example.com\x00"},
}

// fzFallbackPatterns stand in for refused entries in FuzzOriginMatch.
var fzFallbackPatterns = []string{
	"https://example.com", "https://*.example.com", "http://localhost:*", "https://*.example.com:*",
	"http://[::1]:*", "null", "https://example.com:8443", "http://127.0.0.1:*",
}

var fzCtx = &gin.Context{}

func FuzzOriginMatch(f *testing.F) {
	for _, s := range fzMatchSeeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, patterns, origin string) {
		entries := strings.Split(patterns, "\n")
		var pats []originPattern
		star := false
		for i, e := range entries {
			if e == "*" {
				star = true
				continue
			}
			p, err := parseOriginPattern(e)
			if err != nil {
				// FuzzOriginPattern covers refused entries; keep every
				// execution about matching by standing in a valid one.
				entries[i] = fzFallbackPatterns[len(e)%len(fzFallbackPatterns)]
				p, _ = parseOriginPattern(entries[i])
			}
			pats = append(pats, p)
		}
		cfg := Config{AllowOrigins: entries}
		pol, err := compile(cfg)
		if err != nil {
			require.True(t, star && len(entries) > 1, "valid entries %q refused: %v", entries, err)
			return
		}
		one := []string{origin}
		want := fzAllow(star, pats, one)
		require.Equal(t, want, pol.origins.allows(fzCtx, one), "patterns %q, origin %q", entries, origin)
		require.Equal(t, star, pol.origins.allows(fzCtx, []string{origin, origin}), "two Origin values, patterns %q", entries)
		if star {
			return
		}

		// A function that says no changes nothing, and is asked only about
		// well-formed origins that no entry matched, never "null".
		var asked []string
		cfg.AllowOriginFunc = func(_ *gin.Context, o string) bool { asked = append(asked, o); return false }
		pol, err = compile(cfg)
		require.NoError(t, err)
		require.Equal(t, want, pol.origins.allows(fzCtx, one))
		require.LessOrEqual(t, len(asked), 1)
		if len(asked) == 1 {
			require.False(t, want, "AllowOriginFunc asked about %q, which %q already allow", origin, entries)
			_, _, _, ok := fzParseOrigin(asked[0])
			require.True(t, ok, "AllowOriginFunc asked about the malformed origin %q", asked[0])
		}

		// A function that says yes admits exactly the well-formed origins.
		cfg.AllowOriginFunc = func(*gin.Context, string) bool { return true }
		pol, err = compile(cfg)
		require.NoError(t, err)
		_, _, _, wellFormed := fzParseOrigin(origin)
		require.Equal(t, want || (wellFormed && origin != "null"), pol.origins.allows(fzCtx, one),
			"AllowOriginFunc true, patterns %q, origin %q (well-formed: %v)", entries, origin, wellFormed)
	})
}

// ---------------------------------------------------------------------------
// FuzzRequestHeaders.

var fzRequestHeaderSeeds = []string{
	"", "x-a", "content-type,authorization", " X-Foo ,\tContent-Type ", "x-a\nx-b", "x-a,", ",x-a", "x-a,,x-b",
	"x a", "x-a;x-b", "x-\xe9t\xe9", "x-a\x00", "\t", " , ", "x-a\n\nx-b", strings.Repeat("a", 4096),
	strings.Repeat("a", 4097), strings.Repeat("a\n", 16) + "a", strings.Repeat("a\n", 15) + "a",
	strings.Repeat(",", 1<<16), strings.Repeat("x-h,", 1000) + "x-h", "a,b\r", "a\r\nb", "(a)", "a/b", "a:b",
}

func FuzzRequestHeaders(f *testing.F) {
	for _, s := range fzRequestHeaderSeeds {
		f.Add(s)
	}
	require.False(f, checkRequestHeaders(nil).valid())
	require.False(f, checkRequestHeaders([]string{}).valid())
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		// The limits are checked before any byte is read, so an input over
		// them is refused for its size whatever it holds: the cost of the
		// scan is bounded by maxRequestHeadersLen.
		verdict := checkRequestHeaders(lines)
		switch {
		case len(lines) > maxRequestHeadersLines:
			require.Equal(t, headersTooManyLines, verdict, "%d lines", len(lines))
		case len(s)-len(lines)+1 > maxRequestHeadersLen:
			require.Equal(t, headersTooLong, verdict, "%d bytes", len(s)-len(lines)+1)
		}
		require.Equal(t, fzValidRequestHeaders(lines), verdict.valid(), "lines %.200q", lines)
	})
}

// ---------------------------------------------------------------------------
// FuzzMiddleware.

const fzApp = "https://app.example.com"

// fzDebugLog holds the explanations Debug received for the current request.
var fzDebugLog []string

func fzDebug(_ *gin.Context, why string) { fzDebugLog = append(fzDebugLog, why) }

// fzConfigs are valid configurations the fuzzer chooses among.
var fzConfigs = []Config{
	{AllowOrigins: []string{"*"}},
	{AllowOrigins: []string{"*"}, AllowMethods: []string{"*"}, AllowHeaders: []string{"*"}, ExposeHeaders: []string{"*"}, MaxAge: -1},
	{AllowOrigins: []string{"*"}, AllowMethods: []string{}, AllowHeaders: []string{"*", "Authorization"},
		PreflightContinue: true, AllowPrivateNetwork: true, Debug: fzDebug},
	{AllowOrigins: []string{fzApp, "https://*.example.org", "http://localhost:*", "null"}, AllowCredentials: true,
		ExposeHeaders: []string{"X-Total", "X-Id"}, MaxAge: 10 * time.Minute},
	{AllowOrigins: []string{fzApp}, AllowCredentials: true, AllowMethods: []string{"*"}, AllowHeaders: []string{"*"},
		AllowPrivateNetwork: true, Debug: fzDebug},
	{AllowOrigins: []string{fzApp, "https://*.example.org:*"}, AllowMethods: []string{}, AllowHeaders: []string{},
		PreflightContinue: true, Debug: fzDebug},
	{AllowOrigins: []string{"http://[::1]:*"}, AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://[a-z]+\.example\.net$`)},
		AllowOriginFunc: func(_ *gin.Context, o string) bool { return strings.Contains(o, "trusted") }, OptionsSuccessStatus: 200, Debug: fzDebug},
	{AllowOrigins: []string{fzApp}, AllowMethods: []string{"GET", "patch"}, AllowHeaders: []string{"Content-Type", "X-Api-Key"},
		ExposeHeaders: []string{"X-Total"}, MaxAge: 24 * time.Hour},
	{AllowOriginFunc: func(*gin.Context, string) bool { return true }, AllowCredentials: true, PreflightContinue: true,
		OptionsSuccessStatus: 200, Debug: fzDebug},
	{AllowOriginFunc: func(*gin.Context, string) bool { return true }, AllowCredentials: true,
		ExposeHeaders: []string{"X-Total"}, AllowPrivateNetwork: true},
}

var (
	fzEnginesOnce sync.Once
	fzEngines     []*gin.Engine
)

func fzEngine(i int) *gin.Engine {
	fzEnginesOnce.Do(func() {
		gin.SetMode(gin.ReleaseMode)
		for _, cfg := range fzConfigs {
			e := gin.New()
			e.Use(New(cfg))
			ok := func(c *gin.Context) { c.String(http.StatusOK, "ok") }
			for _, m := range []string{"GET", "POST", "PUT", "OPTIONS"} {
				e.Handle(m, "/x", ok)
			}
			fzEngines = append(fzEngines, e)
		}
	})
	return fzEngines[i]
}

// Flags of FuzzMiddleware: the number of Origin values is flags%3.
const (
	fzACRM     = 1 << 2 // send Access-Control-Request-Method
	fzACRH     = 1 << 3 // send Access-Control-Request-Headers (split on \n into lines)
	fzPNA      = 1 << 4 // send Access-Control-Request-Private-Network
	fzNoRoute  = 1 << 5 // request /none, served by Gin's 404 chain
	fzPath     = 1 << 7 // request "/"+path instead (URL.Path, as decoded from the request line)
	fzSecondOK = 1 << 6 // a second Origin value is fzApp rather than a copy
)

func fzRequest(method, path, origin string, flags uint8, acrm, acrh, pna string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	switch {
	case flags&fzPath != 0:
		r.URL.Path = "/" + path
	case flags&fzNoRoute != 0:
		r.URL.Path = "/none"
	}
	if method != "" {
		r.Method = method
	}
	switch flags % 3 {
	case 1:
		r.Header["Origin"] = []string{origin}
	case 2:
		second := origin
		if flags&fzSecondOK != 0 {
			second = fzApp
		}
		r.Header["Origin"] = []string{origin, second}
	}
	if flags&fzACRM != 0 {
		r.Header[headerRequestMethod] = []string{acrm}
	}
	if flags&fzACRH != 0 {
		r.Header[headerRequestHeaders] = strings.Split(acrh, "\n")
	}
	if flags&fzPNA != 0 {
		r.Header[headerRequestPrivate] = []string{pna}
	}
	return r
}

func fzVaryHas(h http.Header, token string) bool {
	for _, v := range h.Values(headerVary) {
		for _, e := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(e), token) {
				return true
			}
		}
	}
	return false
}

// fzCheckResponse asserts the properties every response has, whatever the
// configuration and request.
func fzCheckResponse(t *testing.T, cfg Config, r *http.Request, w *httptest.ResponseRecorder, debugLog []string) {
	t.Helper()
	fzCheckAllowOrigin(t, cfg, r, w.Header())
	preflight := r.Method == http.MethodOptions && len(r.Header["Origin"]) > 0 && r.Header[headerRequestMethod] != nil
	if preflight {
		fzCheckPreflight(t, cfg, r, w)
	} else {
		for _, k := range []string{headerAllowMethods, headerAllowHeaders, headerMaxAge, headerAllowPrivate} {
			require.Empty(t, w.Header().Values(k), "%s outside a preflight", k)
		}
	}
	fzCheckValues(t, cfg, r, w.Header())
	fzCheckDebug(t, cfg, r, debugLog)
}

// fzCheckAllowOrigin: at most one ACAO, never "*" with credentials, the
// request's own origin otherwise, and the Vary that goes with the policy.
func fzCheckAllowOrigin(t *testing.T, cfg Config, r *http.Request, h http.Header) {
	t.Helper()
	origins := r.Header["Origin"]
	acao, hasACAO := h[headerAllowOrigin]
	require.LessOrEqual(t, len(acao), 1, "ACAO %q", acao)
	if hasACAO {
		require.False(t, acao[0] == "*" && h.Get(headerAllowCreds) == "true", "ACAO * with credentials")
		if acao[0] != "*" {
			require.Len(t, origins, 1, "ACAO %q for %d Origin values", acao[0], len(origins))
			require.Equal(t, origins[0], acao[0])
			require.True(t, fzVaryHas(h, "Origin"), "ACAO %q without Vary: Origin (Vary %q)", acao[0], h.Values(headerVary))
		}
	} else {
		require.Empty(t, h.Values(headerAllowCreds), "ACAC without ACAO")
	}
	if len(cfg.AllowOrigins) == 1 && cfg.AllowOrigins[0] == "*" {
		require.Equal(t, []string{"*"}, acao, "a credential-less * policy sends ACAO * on every response")
		require.False(t, fzVaryHas(h, "Origin"), "a * policy sends no Vary: Origin")
	} else {
		require.True(t, fzVaryHas(h, "Origin"), "a non-* policy sends Vary: Origin on every response")
	}
}

// fzCheckPreflight: no ACEH, the configured status and no body unless the
// preflight goes on, and only a valid list reflected.
func fzCheckPreflight(t *testing.T, cfg Config, r *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	h := w.Header()
	require.Empty(t, h.Values(headerExposeHeaders), "ACEH on a preflight")
	if !cfg.PreflightContinue {
		want := cfg.OptionsSuccessStatus
		if want == 0 {
			want = http.StatusNoContent
		}
		require.Equal(t, want, w.Code, "preflight status")
		require.Empty(t, w.Body.String(), "preflight body")
	}
	if _, hasACAO := h[headerAllowOrigin]; hasACAO && cfg.AllowHeaders == nil {
		if v := h.Values(headerAllowHeaders); len(v) > 0 {
			require.Equal(t, r.Header[headerRequestHeaders], v, "reflected ACAH")
			require.True(t, fzValidRequestHeaders(v))
		}
	}
}

// fzCheckValues: every header value is one the configuration calls for,
// and Vary names no token twice.
func fzCheckValues(t *testing.T, cfg Config, r *http.Request, h http.Header) {
	t.Helper()
	if v := h.Values(headerAllowCreds); len(v) > 0 {
		require.Equal(t, []string{"true"}, v)
		require.True(t, cfg.AllowCredentials, "ACAC without AllowCredentials")
	}
	if v := h.Values(headerExposeHeaders); len(v) > 0 {
		require.Equal(t, []string{strings.Join(cfg.ExposeHeaders, ",")}, v)
	}
	if v := h.Values(headerMaxAge); len(v) > 0 {
		want := strconv.Itoa(int(cfg.MaxAge / time.Second))
		if cfg.MaxAge < 0 {
			want = "0"
		}
		require.Equal(t, []string{want}, v)
	}
	seen := map[string]bool{}
	for _, v := range h.Values(headerVary) {
		for _, e := range strings.Split(v, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			require.False(t, seen[e], "Vary %q repeats %q", h.Values(headerVary), e)
			seen[e] = true
		}
	}
	if v := h.Values(headerAllowPrivate); len(v) > 0 {
		require.Equal(t, []string{"true"}, v)
		require.True(t, cfg.AllowPrivateNetwork)
		require.Equal(t, []string{"true"}, r.Header[headerRequestPrivate])
	}
}

// fzCheckDebug: Debug is called at most once, only for a CORS request,
// and with one line.
func fzCheckDebug(t *testing.T, cfg Config, r *http.Request, debugLog []string) {
	t.Helper()
	if len(r.Header["Origin"]) == 0 || cfg.Debug == nil {
		require.Empty(t, debugLog, "Debug called for a request without Origin, or without Debug set")
	}
	require.LessOrEqual(t, len(debugLog), 1, "Debug called more than once")
	// One line: a log line a client cannot split or forge. (Real servers
	// only pass token methods, so only those are held to it.)
	if len(debugLog) == 1 && (r.Method == "" || isToken(r.Method)) {
		require.NotContains(t, debugLog[0], "\n", "explanation %q", debugLog[0])
		require.NotContains(t, debugLog[0], "\r", "explanation %q", debugLog[0])
	}
}

type fzMiddlewareSeed struct {
	cfg                      uint8
	method, path, origin     string
	flags                    uint8
	acrm, acrh, privateNetwk string
}

var fzMiddlewareSeeds = func() []fzMiddlewareSeed {
	origins := []string{fzApp, "https://evil.example.net", "https://app.example.com.evil.net", "https://a.example.org",
		"http://localhost:5173", "null", "https://x.trusted.example.net", "http://[::1]x80", "HTTPS://APP.EXAMPLE.COM", ""}
	reqs := []struct {
		method string
		flags  uint8
		acrm   string
		acrh   string
	}{
		{"GET", 1, "", ""},
		{"GET", 0, "", ""},
		{"GET", 2, "", ""},
		{"GET", 2 | fzSecondOK, "", ""},
		{"POST", 1 | fzNoRoute, "", ""},
		{"OPTIONS", 1, "", ""},
		{"OPTIONS", 0 | fzACRM, "PUT", ""},
		{"OPTIONS", 1 | fzACRM, "PUT", ""},
		{"OPTIONS", 1 | fzACRM | fzACRH, "PUT", "content-type,x-api-key"},
		{"OPTIONS", 1 | fzACRM | fzACRH, "patch", "authorization\nx-a, x-b"},
		{"OPTIONS", 1 | fzACRM | fzACRH | fzPNA | fzNoRoute, "DELETE", "a,,b"},
		{"OPTIONS", 2 | fzACRM | fzACRH, "PUT, DELETE", strings.Repeat(",", 5000)},
		{"OPTIONS", 1 | fzACRM | fzACRH | fzPNA, "", strings.Repeat("x-h,", 1000) + "x-h"},
		{"options", 1 | fzACRM, "PUT", ""},
		{"PUT", 1 | fzACRM | fzACRH, "PUT", "x-a"},
		{"GET", 1 | fzPath, "", ""},
		{"OPTIONS", 1 | fzPath | fzACRM | fzACRH, "DELETE", "x-a"},
	}
	var seeds []fzMiddlewareSeed
	for c := range fzConfigs {
		for i, q := range reqs {
			path := "x"
			if q.flags&fzPath != 0 {
				path = "x\r\nX-Injected: yes"
			}
			seeds = append(seeds, fzMiddlewareSeed{uint8(c), q.method, path, origins[(c+i)%len(origins)], q.flags, q.acrm, q.acrh, "true"})
		}
	}
	return seeds
}()

func FuzzMiddleware(f *testing.F) {
	for _, s := range fzMiddlewareSeeds {
		f.Add(s.cfg, s.method, s.path, s.origin, s.flags, s.acrm, s.acrh, s.privateNetwk)
	}
	f.Fuzz(func(t *testing.T, cfgIndex uint8, method, path, origin string, flags uint8, acrm, acrh, pna string) {
		i := int(cfgIndex) % len(fzConfigs)
		cfg, e := fzConfigs[i], fzEngine(i)
		serve := func() (*http.Request, *httptest.ResponseRecorder, []string) {
			r := fzRequest(method, path, origin, flags, acrm, acrh, pna)
			w := httptest.NewRecorder()
			fzDebugLog = nil
			e.ServeHTTP(w, r)
			return r, w, fzDebugLog
		}
		r1, w1, debugLog := serve()
		fzCheckResponse(t, cfg, r1, w1, debugLog)
		want := w1.Header().Clone()

		// The response owns its values: changing the request's header
		// slices leaves it alone, and changing it leaves the next response
		// alone.
		for _, v := range r1.Header {
			for j := range v {
				v[j] = "mutated"
			}
		}
		require.Equal(t, want, w1.Header(), "the response shares a slice with the request")
		for k, v := range w1.Header() {
			if k == "Content-Type" {
				// Gin's renderers share one package-level slice for it
				// (render.plainContentType); not gincors's to fix.
				continue
			}
			for j := range v {
				v[j] = "mutated"
			}
			w1.Header()[k] = append(v, "appended")
		}
		_, w2, _ := serve()
		require.Equal(t, want, w2.Header(), "a response changed the next one")
		require.Equal(t, w1.Code, w2.Code)
	})
}

// fzDebugExplanation is what Debug says about a disallowed actual request
// for path.
func fzDebugExplanation(path string) string {
	var why string
	e := gin.New()
	e.Use(New(Config{AllowOrigins: []string{fzApp}, Debug: func(_ *gin.Context, s string) { why = s }}))
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.URL.Path = path
	r.Header.Set("Origin", "https://evil.example.net")
	e.ServeHTTP(httptest.NewRecorder(), r)
	return why
}

// ---------------------------------------------------------------------------
// Regressions: the bugs the fuzz targets (and the reading that chose their
// seeds) found, as plain tests.

func TestFuzzRegressions(t *testing.T) {
	t.Run("Validate refuses, without panicking, a host \"[\" after \"*.\"", func(t *testing.T) {
		// parseOriginPattern("https://*.[") reaches normalizeHost("["),
		// which slices h[1:len(h)-1] = h[1:0]. "*.[" (no scheme) panics
		// too, through the suggested fix "https://*.[".
		for _, o := range []string{"https://*.[", "https://*.[:*", "*.["} {
			require.NotPanics(t, func() {
				err := Config{AllowOrigins: []string{o}}.Validate()
				require.Error(t, err)
			}, "Validate with AllowOrigins %q", o)
		}
	})
	t.Run("a request path cannot split a Debug explanation", func(t *testing.T) {
		// "GET /x%0D%0AFAKE%20LOG%20LINE" decodes to URL.Path "/x\r\nFAKE LOG
		// LINE", which explainOrigin and explainPreflight write unquoted.
		why := fzDebugExplanation("/x\r\nFAKE LOG LINE")
		require.NotEmpty(t, why)
		require.NotContains(t, why, "\n", "explanation %q", why)
	})
	t.Run("parseOrigin refuses text between ] and the port", func(t *testing.T) {
		// "http://[::1]x80" is no origin (net/url: invalid port "x80");
		// the any-port pattern admits it and AllowOriginFunc is asked.
		for _, o := range []string{"http://[::1]x80", "http://[::1]]:80", "http://[::1]@"} {
			_, _, _, ok := parseOrigin(o)
			require.False(t, ok, "parseOrigin(%q)", o)
			pol, err := compile(Config{AllowOrigins: []string{"http://[::1]:*"}})
			require.NoError(t, err)
			require.False(t, pol.origins.allows(fzCtx, []string{o}), "http://[::1]:* allows %q", o)
		}
	})
	t.Run("parseOrigin refuses bracketed text that is no IPv6 address", func(t *testing.T) {
		for _, o := range []string{"http://[]", "http://[:]", "http://[1.2.3.4]", "http://[::::]", "http://[abc]"} {
			_, _, _, ok := parseOrigin(o)
			require.False(t, ok, "parseOrigin(%q): AllowOriginFunc would be asked about it", o)
		}
	})
	t.Run("parseOrigin refuses ports above 65535", func(t *testing.T) {
		for _, o := range []string{"http://localhost:65536", "http://localhost:99999"} {
			_, _, _, ok := parseOrigin(o)
			require.False(t, ok, "parseOrigin(%q)", o)
		}
	})
	t.Run("IPv4-mapped IPv6 patterns are normalised as browsers serialise them", func(t *testing.T) {
		// WHATWG URL serialises [::ffff:1.2.3.4] as [::ffff:102:304], so
		// the pattern as normalised never matches what a browser sends.
		p, err := parseOriginPattern("http://[::ffff:1.2.3.4]")
		require.Nil(t, err)
		require.Equal(t, "http://[::ffff:102:304]", p.String())
	})
	t.Run("a non-ASCII scheme is not folded to ASCII", func(t *testing.T) {
		// strings.ToLower maps the Kelvin sign U+212A to "k", so
		// "\u212Aa://example.com" is accepted as "ka://example.com".
		_, err := parseOriginPattern("\u212Aa://example.com")
		require.NotNil(t, err)
	})
}
