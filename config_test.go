package gincors

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidate shows that each refused configuration is reported with one
// message naming the field, the value, the problem and the fix.
func TestValidate(t *testing.T) {
	origins := func(o ...string) Config { return Config{AllowOrigins: o} }
	cases := []struct {
		name string
		cfg  Config
		want string // the whole message of the only error
	}{
		{"nothing allowed", Config{},
			`gincors: AllowOrigins: no origin is allowed (Express's cors() defaults to any origin; gincors has no default); set AllowOrigins: []string{"*"} to allow any origin (or start from gincors.DefaultConfig()), or list origins such as "https://app.example.com"`},
		{"an Express user's cors({methods})", Config{AllowMethods: []string{"GET", "POST"}},
			`gincors: AllowOrigins: no origin is allowed (Express's cors() defaults to any origin; gincors has no default); set AllowOrigins: []string{"*"} to allow any origin (or start from gincors.DefaultConfig()), or list origins such as "https://app.example.com"`},
		{"gin-contrib regexp form", origins(`/^https://.*\.a\.com$/`),
			`gincors: AllowOrigins[0] "/^https://.*\\.a\\.com$/": a "/.../" regular expression, as gin-contrib/cors reads them, is no origin; move it to AllowOriginRegexps: regexp.MustCompile("^https://.*\\.a\\.com$")`},
		{"gin-contrib regexp form, unanchored", origins(`/https://.*\.a\.com/`),
			`gincors: AllowOrigins[0] "/https://.*\\.a\\.com/": a "/.../" regular expression, as gin-contrib/cors reads them, is no origin; move it to AllowOriginRegexps: regexp.MustCompile("^https://.*\\.a\\.com$")`},
		{"trailing slash", origins("https://app.com/"),
			`gincors: AllowOrigins[0] "https://app.com/": an origin has no path; use "https://app.com"`},
		{"path", origins("https://app.com", "https://app.com/api"),
			`gincors: AllowOrigins[1] "https://app.com/api": an origin has no path; use "https://app.com"`},
		{"query", origins("https://app.com?x=1"),
			`gincors: AllowOrigins[0] "https://app.com?x=1": an origin has no query; use "https://app.com"`},
		{"fragment", origins("https://app.com#top"),
			`gincors: AllowOrigins[0] "https://app.com#top": an origin has no fragment; use "https://app.com"`},
		{"user info", origins("https://me:pw@app.com"),
			`gincors: AllowOrigins[0] "https://me:pw@app.com": an origin has no user info; use "https://app.com"`},
		{"spaces", origins(" https://app.com "),
			`gincors: AllowOrigins[0] " https://app.com ": an origin has no spaces; use "https://app.com"`},
		{"inner space", origins("https://app .com"),
			`gincors: AllowOrigins[0] "https://app .com": an origin has no spaces; use "https://app.com"`},
		{"no scheme", origins("app.com"),
			`gincors: AllowOrigins[0] "app.com": an origin needs a scheme; use "https://app.com"`},
		{"no scheme, localhost", origins("localhost:3000"),
			`gincors: AllowOrigins[0] "localhost:3000": an origin needs a scheme; use "http://localhost:3000"`},
		{"no scheme, wildcard", origins("*.app.com"),
			`gincors: AllowOrigins[0] "*.app.com": an origin needs a scheme; use "https://*.app.com"`},
		{"scheme-relative", origins("//app.com"),
			`gincors: AllowOrigins[0] "//app.com": an origin needs a scheme; use "https://app.com"`},
		{"wildcard inside a label", origins("https://*app.com"),
			`gincors: AllowOrigins[0] "https://*app.com": "*" may stand only as the whole entry, as a leading "*." label or as the port ":*"; write "*", "https://*.example.com" or "http://localhost:*"`},
		{"wildcard in the middle", origins("https://api.*.app.com"),
			`gincors: AllowOrigins[0] "https://api.*.app.com": "*" may stand only as the whole entry, as a leading "*." label or as the port ":*"; write "*", "https://*.example.com" or "http://localhost:*"`},
		{"wildcard scheme", origins("*://app.com"),
			`gincors: AllowOrigins[0] "*://app.com": "*" may stand only as the whole entry, as a leading "*." label or as the port ":*"; write "*", "https://*.example.com" or "http://localhost:*"`},
		{"wildcard suffix", origins("https://app.*"),
			`gincors: AllowOrigins[0] "https://app.*": "*" may stand only as the whole entry, as a leading "*." label or as the port ":*"; write "*", "https://*.example.com" or "http://localhost:*"`},
		{"top-level domain", origins("https://*.com"),
			`gincors: AllowOrigins[0] "https://*.com": the wildcard covers a whole top-level domain, so anyone can register a matching site; name your own domain, as in "https://*.example.com"`},
		{"wildcard over an IP", origins("http://*.0.0.1"),
			`gincors: AllowOrigins[0] "http://*.0.0.1": an IP address has no subdomains; list the address itself`},
		{"bad port", origins("http://localhost:99999"),
			`gincors: AllowOrigins[0] "http://localhost:99999": the port is not a number from 1 to 65535; write it as "http://localhost:8080", or ":*" for any port`},
		{"file", origins("file://"),
			`gincors: AllowOrigins[0] "file://": browsers send the origin of file: documents as "null"; use "null", knowing that any sandboxed page can send it too`},
		{"unicode host", origins("https://bücher.example"),
			`gincors: AllowOrigins[0] "https://bücher.example": browsers serialise international domain names in their ASCII form; use the punycode ("xn--") form of the host`},
		{"bad host", origins("https://app_.com!"),
			`gincors: AllowOrigins[0] "https://app_.com!": not a valid host name; use letters, digits, hyphens and dots, as in "app.example.com"`},
		{"empty host", origins("https://"),
			`gincors: AllowOrigins[0] "https://": the origin has no host; write it as "https://host"`},
		{"bad IPv6", origins("http://[::g]"),
			`gincors: AllowOrigins[0] "http://[::g]": not an IPv6 address; write it as "http://[::1]:8080"`},
		{"bad scheme", origins("1http://app.com"),
			`gincors: AllowOrigins[0] "1http://app.com": the scheme is not valid; write it as "https://host"`},
		{"star and credentials", Config{AllowOrigins: []string{"*"}, AllowCredentials: true},
			`gincors: AllowOrigins[0] "*": browsers reject the wildcard origin on credentialed requests; list the origins instead; to reflect every origin deliberately, use AllowOriginFunc: func(*gin.Context, string) bool { return true }, which lets any site read credentialed responses`},
		{"star beside origins", origins("https://app.com", "*"),
			`gincors: AllowOrigins[1] "*": the wildcard already allows every origin; make it the only entry of AllowOrigins`},
		{"star beside a function", Config{AllowOrigins: []string{"*"}, AllowOriginFunc: func(*gin.Context, string) bool { return true }},
			`gincors: AllowOrigins[0] "*": the wildcard already allows every origin; remove AllowOriginRegexps and AllowOriginFunc`},
		{"nil regexp", Config{AllowOriginRegexps: []*regexp.Regexp{nil}},
			`gincors: AllowOriginRegexps[0] nil: a nil regexp matches nothing; remove it`},
		{"unanchored regexp", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`https://.*\.example\.com`)}},
			`gincors: AllowOriginRegexps[0] "https://.*\\.example\\.com": the regexp is not anchored, so it also matches lookalike origins that merely contain a match; anchor it: regexp.MustCompile("^https://.*\\.example\\.com$")`},
		{"regexp anchored at one end", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://a\.com`)}},
			`gincors: AllowOriginRegexps[0] "^https://a\\.com": the regexp is not anchored, so it also matches lookalike origins that merely contain a match; anchor it: regexp.MustCompile("^https://a\\.com$")`},
		{"regexp with a loose alternative", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://a\.com|b\.com$`)}},
			`gincors: AllowOriginRegexps[0] "^https://a\\.com|b\\.com$": the regexp is not anchored, so it also matches lookalike origins that merely contain a match; anchor it: regexp.MustCompile("^(?:https://a\\.com|b\\.com)$")`},
		{"multi-line regexp", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`(?m)^https://a\.com$`)}},
			`gincors: AllowOriginRegexps[0] "(?m)^https://a\\.com$": the regexp is not anchored, so it also matches lookalike origins that merely contain a match; anchor it: regexp.MustCompile("^https://a\\.com$")`},
		{"regexp without a scheme", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^a\.com$`)}},
			`gincors: AllowOriginRegexps[0] "^a\\.com$": no string it matches has a scheme, so it matches no origin; start it with the scheme: regexp.MustCompile("^https://a\\.com$")`},
		{"regexp without a scheme, alternatives", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^(a|b)\.com$`)}},
			`gincors: AllowOriginRegexps[0] "^(a|b)\\.com$": no string it matches has a scheme, so it matches no origin; start it with the scheme: regexp.MustCompile("^https://(a|b)\\.com$")`},
		{"regexp with a trailing slash", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://.*\.a\.com/$`)}},
			`gincors: AllowOriginRegexps[0] "^https://.*\\.a\\.com/$": every string it matches has a path, which an origin never has (no "/" after the host); drop the path: regexp.MustCompile("^https://.*\\.a\\.com$")`},
		{"regexp with a path", Config{AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://a\.com/api$`)}},
			`gincors: AllowOriginRegexps[0] "^https://a\\.com/api$": every string it matches has a path, which an origin never has (no "/" after the host); end it with the host or port, as in "^https://app\.example\.com$"`},
		{"bad method", Config{AllowOrigins: []string{"*"}, AllowMethods: []string{"GET", "PUT POST"}},
			`gincors: AllowMethods[1] "PUT POST": not a method name (an HTTP token); use a name such as "PUT"`},
		{"empty method", Config{AllowOrigins: []string{"*"}, AllowMethods: []string{""}},
			`gincors: AllowMethods[0] "": not a method name (an HTTP token); use a name such as "PUT"`},
		{"forbidden method", Config{AllowOrigins: []string{"*"}, AllowMethods: []string{"connect"}},
			`gincors: AllowMethods[0] "connect": browsers never let scripts send this method (a Fetch forbidden method); remove it`},
		{"star beside methods", Config{AllowOrigins: []string{"*"}, AllowMethods: []string{"GET", "*"}},
			`gincors: AllowMethods[1] "*": the wildcard already allows every method; make it the only entry of AllowMethods`},
		{"bad header", Config{AllowOrigins: []string{"*"}, AllowHeaders: []string{"X-Ok", "X Bad"}},
			`gincors: AllowHeaders[1] "X Bad": not a header name (an HTTP token); use a name such as "Content-Type"`},
		{"star beside headers", Config{AllowOrigins: []string{"*"}, AllowHeaders: []string{"*", "X-A"}},
			`gincors: AllowHeaders[1] "X-A": "*" already allows it; keep "*" alone, or "*" and "Authorization", which the wildcard does not cover`},
		{"bad exposed header", Config{AllowOrigins: []string{"*"}, ExposeHeaders: []string{"X:Total"}},
			`gincors: ExposeHeaders[0] "X:Total": not a header name (an HTTP token); use a name such as "X-Request-Id"`},
		{"exposed Set-Cookie", Config{AllowOrigins: []string{"*"}, ExposeHeaders: []string{"set-cookie"}},
			`gincors: ExposeHeaders[0] "set-cookie": browsers never expose Set-Cookie to scripts (a forbidden response-header name); remove it`},
		{"exposed star and credentials", Config{AllowOrigins: []string{"https://a.com"}, AllowCredentials: true, ExposeHeaders: []string{"*"}},
			`gincors: ExposeHeaders[0] "*": browsers read the wildcard literally on credentialed requests; list the response headers scripts may read`},
		{"exposed star beside names", Config{AllowOrigins: []string{"*"}, ExposeHeaders: []string{"X-A", "*"}},
			`gincors: ExposeHeaders[1] "*": the wildcard already exposes every header; make it the only entry of ExposeHeaders`},
		{"max age too long", Config{AllowOrigins: []string{"*"}, MaxAge: 48 * time.Hour},
			`gincors: MaxAge 48h0m0s: browsers cap the preflight cache (Firefox at 24h, Chromium at 2h); use 24 * time.Hour`},
		{"max age in an Express user's seconds", Config{AllowOrigins: []string{"*"}, MaxAge: 600},
			`gincors: MaxAge 600ns: Access-Control-Max-Age counts whole seconds, and a time.Duration written as a bare number counts nanoseconds; use 600 * time.Second`},
		{"max age below a second", Config{AllowOrigins: []string{"*"}, MaxAge: 500 * time.Millisecond},
			`gincors: MaxAge 500ms: Access-Control-Max-Age counts whole seconds; use time.Second`},
		{"max age in milliseconds", Config{AllowOrigins: []string{"*"}, MaxAge: 1500 * time.Millisecond},
			`gincors: MaxAge 1.5s: Access-Control-Max-Age counts whole seconds; use time.Second or 2 * time.Second`},
		{"status", Config{AllowOrigins: []string{"*"}, OptionsSuccessStatus: 403},
			`gincors: OptionsSuccessStatus 403: browsers fail a preflight whose status is not in 200-299; use 204 or 200`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.NotEmpty(t, ce.Field)
			assert.NotEmpty(t, ce.Problem)
			assert.NotEmpty(t, ce.Fix)
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	err := Config{
		AllowOrigins:         []string{"https://a.com/", "*.b.com"},
		AllowMethods:         []string{"TRACE"},
		MaxAge:               time.Hour * 25,
		OptionsSuccessStatus: 301,
	}.Validate()
	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "errors.Join")
	var fields []string
	for _, e := range joined.Unwrap() {
		var ce *ConfigError
		require.True(t, errors.As(e, &ce))
		fields = append(fields, ce.Field)
	}
	assert.Equal(t, []string{"AllowOrigins[0]", "AllowOrigins[1]", "AllowMethods[0]", "MaxAge", "OptionsSuccessStatus"}, fields)
	for _, line := range strings.Split(err.Error(), "\n") {
		assert.True(t, strings.HasPrefix(line, "gincors: "), line)
	}
}

// TestNormalization covers what is normalised instead of refused.
func TestNormalization(t *testing.T) {
	cases := []struct {
		pattern string
		want    string
	}{
		{"HTTPS://App.Example.COM", "https://app.example.com"},
		{"https://app.example.com:443", "https://app.example.com"},
		{"http://app.example.com:80", "http://app.example.com"},
		{"https://app.example.com:80", "https://app.example.com:80"},
		{"http://localhost:08080", "http://localhost:8080"},
		{"https://app.example.com:", "https://app.example.com"},
		{"NULL", "null"},
		{"https://*.Example.com", "https://*.example.com"},
		{"https://*.example.com:443", "https://*.example.com"},
		{"http://LOCALHOST:*", "http://localhost:*"},
		{"http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"},
		{"http://127.0.0.1:3000", "http://127.0.0.1:3000"},
		{"chrome-extension://abcdefghijklmnop", "chrome-extension://abcdefghijklmnop"},
		{"tauri://localhost", "tauri://localhost"},
		{"ws://a.example.com:80", "ws://a.example.com"},
		{"wss://a.example.com:443", "wss://a.example.com"},
		{"ftp://a.example.com:21", "ftp://a.example.com"},
		{"ws://a.example.com:443", "ws://a.example.com:443"},
		{"tauri://localhost:80", "tauri://localhost:80"},
		{"http://*.localhost:*", "http://*.localhost:*"},
	}
	for _, tc := range cases {
		t.Run(tc.pattern, func(t *testing.T) {
			p, err := parseOriginPattern(tc.pattern)
			require.Nil(t, err)
			assert.Equal(t, tc.want, p.String())
			require.NoError(t, Config{AllowOrigins: []string{tc.pattern}}.Validate())
		})
	}
	t.Run("methods", func(t *testing.T) {
		p, err := compile(Config{AllowOrigins: []string{"*"}, AllowMethods: []string{"get", "Put", "patch", "PURGE", "GET"}})
		require.NoError(t, err)
		assert.Equal(t, "GET,PUT,patch,PURGE", p.allowMethods)
	})
	t.Run("headers are deduplicated", func(t *testing.T) {
		p, err := compile(Config{AllowOrigins: []string{"*"}, AllowHeaders: []string{"X-A", "x-a", "X-B"}, ExposeHeaders: []string{"X-C", "X-C"}})
		require.NoError(t, err)
		assert.Equal(t, "X-A,X-B", p.allowHeaders)
		assert.Equal(t, "X-C", p.exposeHeaders)
	})
	t.Run("max age", func(t *testing.T) {
		for d, want := range map[time.Duration]string{0: "", -time.Second: "0", time.Second: "1", 10 * time.Minute: "600", 24 * time.Hour: "86400"} {
			p, err := compile(Config{AllowOrigins: []string{"*"}, MaxAge: d})
			require.NoError(t, err)
			assert.Equal(t, want, p.maxAge, d)
		}
	})
}

func TestAnchored(t *testing.T) {
	cases := map[string]bool{
		`^https://a\.com$`:                  true,
		`^(https://a\.com|https://b\.com)$`: true,
		`^https://a\.com$|^https://b\.com$`: true,
		`(^https://a\.com$)`:                true,
		`\Ahttps://a\.com\z`:                true,
		`^https://a\.com`:                   false,
		`https://a\.com$`:                   false,
		`^a$|b`:                             false,
		`^$`:                                true,
		`(?m)^a$`:                           false,
		`^a\$`:                              false,
		``:                                  false,
	}
	for src, want := range cases {
		t.Run(src, func(t *testing.T) {
			tree, err := syntax.Parse(src, syntax.Perl)
			require.NoError(t, err)
			assert.Equal(t, want, anchoredTree(tree.Simplify()))
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	cfg := DefaultConfig()
	require.NoError(t, cfg.Validate())
	assert.Equal(t, []string{"*"}, cfg.AllowOrigins)
	assert.Nil(t, cfg.AllowMethods)
	assert.Nil(t, cfg.AllowHeaders)
	assert.False(t, cfg.AllowCredentials)

	// Default answers as Express's cors() does (T03).
	w := do(testEngine(Default()), newRequest("OPTIONS", "/x", "Origin", "http://example.com",
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-header-1, x-header-2"))
	assert.Equal(t, 204, w.Code)
	assertHeaders(t, map[string]string{headerAllowOrigin: "*", headerAllowMethods: "GET,HEAD,PUT,PATCH,POST,DELETE",
		headerAllowHeaders: "x-header-1, x-header-2", headerVary: "Access-Control-Request-Headers"}, w.Header())
}

func TestConfigErrorWithoutValue(t *testing.T) {
	e := &ConfigError{Field: "AllowOrigins", Problem: "no origin is allowed"}
	assert.Equal(t, "gincors: AllowOrigins: no origin is allowed", e.Error())
}

// TestValidConfigs lists configurations that must be accepted.
func TestValidConfigs(t *testing.T) {
	fn := func(*gin.Context, string) bool { return false }
	cases := map[string]Config{
		"default":                  DefaultConfig(),
		"function only":            {AllowOriginFunc: fn},
		"function and credentials": {AllowOriginFunc: fn, AllowCredentials: true},
		"regexp only":              {AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://[a-z]+\.example\.com$`)}},
		"regexps that can match origins": {AllowOriginRegexps: []*regexp.Regexp{
			regexp.MustCompile(`^.*\.example\.com$`), regexp.MustCompile(`^https?://(www\.)?example\.com(:\d+)?$`),
			regexp.MustCompile(`^(http|https)://[^/]+$`), regexp.MustCompile(`^\S+$`), regexp.MustCompile(`^[a-z]+:[/]{2}a\.com$`),
			regexp.MustCompile(`^https://a\.com$|^b$`), regexp.MustCompile(`^(?i)HTTPS://A\.COM$`), regexp.MustCompile(`^https://a\.com(/)?$`),
		}},
		"star methods and headers with credentials": {AllowOrigins: []string{"https://a.com"}, AllowCredentials: true,
			AllowMethods: []string{"*"}, AllowHeaders: []string{"*", "Authorization"}},
		"star exposed":        {AllowOrigins: []string{"*"}, ExposeHeaders: []string{"*"}},
		"every status":        {AllowOrigins: []string{"*"}, OptionsSuccessStatus: 299},
		"24 hours":            {AllowOrigins: []string{"*"}, MaxAge: 24 * time.Hour},
		"null, IPs and ports": {AllowOrigins: []string{"null", "http://192.168.1.10:8080", "http://[::1]:*", "https://*.a.example.com:8443"}},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, cfg.Validate())
		})
	}
}

func TestOriginPatternIs(t *testing.T) {
	for _, s := range []string{"https://a.com", "HTTPS://a.com", "https://A.com", "https://a.com:443", "https://a.com:8443",
		"https://a.com:08443", "null", "https://*.a.com", "http://localhost:*", "http://[::1]:80", "http://[::1]:81"} {
		t.Run(s, func(t *testing.T) {
			p, err := parseOriginPattern(s)
			require.Nil(t, err)
			assert.Equal(t, p.String() == s, p.isString(s))
		})
	}
}

// TestEveryFixIsAccepted applies, literally, every fix that proposes a
// replacement value and requires Validate to accept the field it names: a
// suggestion that is itself refused sends the user in a circle.
func TestEveryFixIsAccepted(t *testing.T) {
	var cfgs []Config
	for _, o := range fzPatternSeeds {
		cfgs = append(cfgs, Config{AllowOrigins: []string{o}})
	}
	for _, src := range []string{`(?m)^https://a\.com$`, `https://a\.com`, `^a\.com$`, `a|b`, `^https://a\.com/$`,
		`^(a|b)\.com$`, `(?m)^a$`, `\Qa`, `^https://.*\.a\.com/$`, `x(?m)$`, `(?i)^A\.com$`, `^https://a\.com/api$`} {
		if re, err := regexp.Compile(src); err == nil {
			cfgs = append(cfgs, Config{AllowOriginRegexps: []*regexp.Regexp{re}})
		}
	}
	for _, d := range []time.Duration{1, 600, 86400, 86401, 999 * time.Millisecond, 1500 * time.Millisecond, 25 * time.Hour, 24*time.Hour + 1} {
		cfgs = append(cfgs, Config{AllowOrigins: []string{"*"}, MaxAge: d})
	}
	cfgs = append(cfgs, Config{}, Config{AllowMethods: []string{"PUT"}}, Config{AllowOrigins: []string{"*"}, OptionsSuccessStatus: 302},
		Config{AllowOrigins: []string{`/^https://.*\.a\.com$/`, `/x/`, "/https://a.com/"}})

	applied := 0
	for _, cfg := range cfgs {
		err := cfg.Validate()
		if err == nil {
			continue
		}
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			ce := e.(*ConfigError)
			fixed, field, ok := applyFix(t, cfg, ce)
			if !ok {
				continue
			}
			applied++
			if ferr := fixed.Validate(); ferr != nil {
				assert.NotContains(t, ferr.Error(), "gincors: "+field+" ", "the fix of %q does not work:\n%v", ce, ferr)
				assert.NotContains(t, ferr.Error(), "gincors: "+field+":", "the fix of %q does not work:\n%v", ce, ferr)
			}
		}
	}
	t.Logf("%d fixes applied literally", applied)
	assert.GreaterOrEqual(t, applied, 30, "fixes applied")
}

var (
	useQuotedFix = regexp.MustCompile(`^use ("(?:[^"\\]|\\.)*")(?:,|$)`)
	regexpFix    = regexp.MustCompile(`: regexp\.MustCompile\(("(?:[^"\\]|\\.)*")\)$`)
	durationFix  = regexp.MustCompile(`^(?:(\d+) \* )?time\.(Second|Hour)$`)
)

// applyFix returns cfg with the fix of ce applied as a user would type it
// and the field that must then be valid, or false when ce's fix proposes
// no value.
func applyFix(t *testing.T, cfg Config, ce *ConfigError) (Config, string, bool) {
	t.Helper()
	field, index := ce.Field, -1
	if i := strings.IndexByte(field, '['); i >= 0 {
		field, index = field[:i], atoi(t, strings.TrimSuffix(field[i+1:], "]"))
	}
	replace := func(list []string, v string) []string {
		out := append([]string(nil), list...)
		out[index] = v
		return out
	}
	switch m := regexpFix.FindStringSubmatch(ce.Fix); {
	case m != nil:
		src, err := strconv.Unquote(m[1])
		require.NoError(t, err)
		re := regexp.MustCompile(src) // a fix must compile
		if field == "AllowOrigins" {  // moved to AllowOriginRegexps
			return Config{AllowOriginRegexps: []*regexp.Regexp{re}}, "AllowOriginRegexps[0]", true
		}
		regexps := append([]*regexp.Regexp(nil), cfg.AllowOriginRegexps...)
		regexps[index] = re
		cfg.AllowOriginRegexps = regexps
		return cfg, ce.Field, true
	case field == "MaxAge" && strings.HasPrefix(ce.Fix, "use "):
		for _, expr := range strings.Split(strings.TrimPrefix(ce.Fix, "use "), " or ") {
			d := durationFix.FindStringSubmatch(expr)
			require.NotNil(t, d, "MaxAge fix %q is no Go expression", expr)
			n, unit := time.Duration(1), map[string]time.Duration{"Second": time.Second, "Hour": time.Hour}[d[2]]
			if d[1] != "" {
				n = time.Duration(atoi(t, d[1]))
			}
			cfg.MaxAge = n * unit
			require.NoError(t, cfg.Validate(), "MaxAge fix %q", expr)
		}
		return cfg, ce.Field, true
	case field == "AllowOrigins" && index < 0 && strings.HasPrefix(ce.Fix, `set AllowOrigins: []string{"*"}`):
		cfg.AllowOrigins = []string{"*"}
		return cfg, ce.Field, true
	}
	m := useQuotedFix.FindStringSubmatch(ce.Fix)
	if m == nil || index < 0 {
		return cfg, "", false
	}
	v, err := strconv.Unquote(m[1])
	require.NoError(t, err)
	switch field {
	case "AllowOrigins":
		cfg.AllowOrigins = replace(cfg.AllowOrigins, v)
	case "AllowMethods":
		cfg.AllowMethods = replace(cfg.AllowMethods, v)
	case "AllowHeaders":
		cfg.AllowHeaders = replace(cfg.AllowHeaders, v)
	case "ExposeHeaders":
		cfg.ExposeHeaders = replace(cfg.ExposeHeaders, v)
	default:
		t.Fatalf("a fix for %s that the test cannot apply: %q", ce.Field, ce.Fix)
	}
	return cfg, ce.Field, true
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
