package gincors

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// An origin is a scheme, a host and a port, serialized by browsers as
// "scheme://host[:port]" with scheme and host lower-cased and the scheme's
// default port left out (Fetch, "Origin header"; HTML, "serialization of an
// origin"). Origins are compared as those bytes; patterns are parsed into
// those parts, never matched as strings with prefixes and suffixes alone,
// which is how gin-contrib/cors (CVE-2019-25211) and rs/cors came to admit
// lookalikes.
//
// This file holds the whole of it: originMatcher, which compile builds from
// the allow-list and the request path asks one question; splitOrigin, the
// one parser that cuts an origin into its parts, under both parseOrigin
// (request Origin values, strict) and parseOriginPattern (AllowOrigins
// entries, lenient where the meaning is clear); and the checks of the parts.

// Limits of an origin's parts. A DNS name has at most 253 bytes in labels of
// at most 63 (RFC 1035, section 2.3.4); a port is a number from 1 to 65535,
// which a browser writes in at most 5 digits.
const (
	maxLabelLen = 63
	maxHostLen  = 253
	maxPort     = 65535
	maxPortLen  = 5
	// maxOriginLen bounds the origins the matcher reads: a longer Origin is
	// no browser's and is refused without a scan.
	maxOriginLen = 512
)

// originMatcher decides whether a request's origin is allowed. Its rules
// are tried in the order of the fields; "null" is allowed only by an exact
// entry.
type originMatcher struct {
	// anyOrigin is "*". Validation allows it only without credentials, so
	// every response, to any origin or to none, is public: ACAO "*" and no
	// Vary: Origin (Fetch, "CORS protocol and HTTP caches").
	anyOrigin  bool
	exact      map[string]struct{} // serialized origins, "null" included
	subdomains []subdomainPattern
	// The rules below need the origin parsed first.
	anyPort    map[string]struct{} // "scheme://host" of "scheme://host:*"
	regexps    []*regexp.Regexp
	originFunc func(*gin.Context, string) bool
}

// subdomainPattern is "scheme://*.domain", "scheme://*.domain:port" or
// "scheme://*.domain:*". An origin matches it when it starts with prefix,
// ends, port aside, with domain, and has one or more valid labels in front.
type subdomainPattern struct {
	prefix  string // "https://"
	domain  string // ".example.com", with its leading dot
	port    string // ":8443", or "" for the scheme's default port
	anyPort bool   // ":*": any valid port, or none
}

// allows reports whether the request's Origin values are allowed: by "*",
// an exact entry, a subdomain or any-port pattern, a regexp, or, last, the
// function.
func (m *originMatcher) allows(c *gin.Context, origins []string) bool {
	if m.anyOrigin {
		return true
	}
	// Browsers send one Origin; two would be reflected as "a, b", which no
	// browser accepts (expressjs/cors reflects them joined).
	if len(origins) != 1 {
		return false
	}
	o := origins[0]
	if len(o) > maxOriginLen {
		return false
	}
	if _, ok := m.exact[o]; ok {
		return true
	}
	// "null" is allowed only by an exact entry: any page can send it from a
	// sandboxed iframe, so neither a pattern nor the function may admit it.
	if o == "null" {
		return false
	}
	for i := range m.subdomains {
		if m.subdomains[i].matches(o) {
			return true
		}
	}
	if m.anyPort == nil && m.regexps == nil && m.originFunc == nil {
		return false
	}
	scheme, host, _, ok := parseOrigin(o)
	if !ok {
		return false
	}
	if _, ok := m.anyPort[o[:len(scheme)+len("://")+len(host)]]; ok {
		return true
	}
	for _, re := range m.regexps {
		if re.MatchString(o) {
			return true
		}
	}
	return m.originFunc != nil && m.originFunc(c, o)
}

// allowOriginValue is the ACAO of an allowed request: "*" for an any-origin
// policy, else the request's one origin.
func (m *originMatcher) allowOriginValue(origins []string) string {
	if m.anyOrigin {
		return "*"
	}
	return origins[0]
}

// matches reports whether the origin o is one of the pattern's: a suffix
// comparison, then a check of the labels in front of the domain. Its cost
// is bounded by len(o), which allows checked against maxOriginLen.
func (d *subdomainPattern) matches(o string) bool {
	hostPort, ok := strings.CutPrefix(o, d.prefix)
	if !ok {
		return false
	}
	host := hostPort
	if d.anyPort {
		if i := strings.LastIndexByte(hostPort, ':'); i >= 0 {
			if !canonicalPort(hostPort[i+1:]) {
				return false
			}
			host = hostPort[:i]
		}
	} else if host, ok = strings.CutSuffix(hostPort, d.port); !ok {
		return false
	}
	labels, ok := strings.CutSuffix(host, d.domain)
	// The domain is a valid host whose last label is not numeric, so host is
	// valid when it is short enough and the labels in front are valid.
	return ok && len(host) <= maxHostLen && validLabels(labels)
}

// addPattern adds a parsed AllowOrigins entry; s is the entry as written,
// kept when it is already in normal form so that no string is built.
func (m *originMatcher) addPattern(p originPattern, s string) {
	switch {
	case p.subdomains:
		d := subdomainPattern{prefix: p.scheme + "://", domain: "." + p.host, anyPort: p.anyPort}
		if p.port != "" {
			d.port = ":" + p.port
		}
		for _, e := range m.subdomains {
			if e == d {
				return
			}
		}
		m.subdomains = append(m.subdomains, d)
	case p.anyPort:
		if m.anyPort == nil {
			m.anyPort = map[string]struct{}{}
		}
		m.anyPort[p.scheme+"://"+p.host] = struct{}{}
	case p.isString(s):
		m.exact[s] = struct{}{}
	default:
		m.exact[p.String()] = struct{}{}
	}
}

// originParts are the parts of "scheme://host[:port]" as they stand in the
// text, unchecked.
type originParts struct {
	scheme, host, port string
	hasPort            bool // a ":" after the host, even with nothing after it
}

// splitFault is why a string does not split into origin parts.
type splitFault uint8

const (
	splitOK           splitFault = iota
	splitNoScheme                // no "://"
	splitOpenBracket             // "[" without "]"
	splitAfterBracket            // text after "]" that is not ":port"
)

// splitOrigin is the one parser of origins, for AllowOrigins entries and
// request Origin values alike: the scheme before the first "://", then a
// host in brackets up to "]" (an IPv6 address, whose colons separate no
// port) or up to the last ":", and the port after that ":". It checks
// nothing else: parseOrigin checks the parts as a browser serializes them,
// parseOriginPattern normalises what is unambiguous. It does not allocate.
func splitOrigin(s string) (o originParts, fault splitFault) {
	i := strings.Index(s, "://")
	if i < 0 {
		return o, splitNoScheme
	}
	o.scheme = s[:i]
	rest := s[i+len("://"):]
	switch j := strings.LastIndexByte(rest, ':'); {
	case strings.HasPrefix(rest, "["):
		k := strings.IndexByte(rest, ']')
		if k < 0 {
			return o, splitOpenBracket
		}
		o.host, rest = rest[:k+1], rest[k+1:]
		if rest != "" && rest[0] != ':' {
			return o, splitAfterBracket
		}
	case j >= 0:
		o.host, rest = rest[:j], rest[j:]
	default:
		o.host, rest = rest, ""
	}
	if rest != "" {
		o.port, o.hasPort = rest[1:], true
	}
	return o, splitOK
}

// parseOrigin splits a request's Origin into scheme, host and port ("" when
// absent) if it is a serialized origin as a browser sends it: lower case,
// at most maxOriginLen bytes, a canonical port. It does not allocate.
func parseOrigin(s string) (scheme, host, port string, ok bool) {
	if len(s) > maxOriginLen {
		return "", "", "", false
	}
	o, fault := splitOrigin(s)
	switch {
	case fault != splitOK || !isScheme(o.scheme):
		return "", "", "", false
	case o.hasPort && !canonicalPort(o.port):
		return "", "", "", false
	case strings.HasPrefix(o.host, "["):
		// netip alone would also take upper case and zones ("%eth0"),
		// which a browser never sends.
		for k := 1; k < len(o.host)-1; k++ {
			if c := o.host[k]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || c == ':' || c == '.') {
				return "", "", "", false
			}
		}
		if _, ok := parseIPv6(o.host); !ok {
			return "", "", "", false
		}
	case !validHost(o.host):
		return "", "", "", false
	}
	return o.scheme, o.host, o.port, true
}

// portNumber reads a port: decimal digits, leading zeros allowed, with a
// value from 1 to maxPort.
func portNumber(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n = n*10 + int(c-'0'); n > maxPort {
			return 0, false
		}
	}
	return n, s != "" && n >= 1
}

// canonicalPort reports whether s is a port as a browser writes it: a
// number from 1 to maxPort without leading zeros.
func canonicalPort(s string) bool {
	if len(s) > maxPortLen || s == "" || s[0] == '0' {
		return false
	}
	_, ok := portNumber(s)
	return ok
}

// parseIPv6 parses a bracketed IPv6 address without a zone.
func parseIPv6(bracketed string) (netip.Addr, bool) {
	if len(bracketed) < 2 || bracketed[0] != '[' || bracketed[len(bracketed)-1] != ']' {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(bracketed[1 : len(bracketed)-1])
	return a, err == nil && a.Is6() && a.Zone() == ""
}

// originPattern is a parsed entry of AllowOrigins other than "*".
type originPattern struct {
	scheme, host, port string // lower case; port "" for the default one
	subdomains         bool   // "scheme://*.host": one or more labels under host
	anyPort            bool   // "scheme://host:*": any port or none
}

// String returns the pattern in its normal form.
func (p originPattern) String() string {
	if p.scheme == "" {
		return p.host // "null"
	}
	s := p.scheme + "://"
	if p.subdomains {
		s += "*."
	}
	s += p.host
	switch {
	case p.anyPort:
		s += ":*"
	case p.port != "":
		s += ":" + p.port
	}
	return s
}

// isString reports, without allocating, whether s is p.String().
func (p originPattern) isString(s string) bool {
	if p.scheme == "" || p.subdomains || p.anyPort {
		return s == p.String()
	}
	n := len(p.scheme) + len("://") + len(p.host)
	if p.port != "" {
		n += 1 + len(p.port)
	}
	return len(s) == n && s[:len(p.scheme)] == p.scheme && s[len(p.scheme):len(p.scheme)+3] == "://" &&
		s[len(p.scheme)+3:len(p.scheme)+3+len(p.host)] == p.host &&
		(p.port == "" || s[n-len(p.port)-1:] == ":"+p.port)
}

// patternProblem is why an AllowOrigins entry is refused, and what to
// write instead; compile turns it into a ConfigError.
type patternProblem struct{ problem, fix string }

var (
	problemSubdomainsOfIP = &patternProblem{"an IP address has no subdomains", "list the address itself"}
	problemWildcard       = &patternProblem{`"*" may stand only as the whole entry, as a leading "*." label or as the port ":*"`,
		`write "*", "https://*.example.com" or "http://localhost:*"`}
	problemIPv6 = &patternProblem{"not an IPv6 address", `write it as "http://[::1]:8080"`}
)

// parseOriginPattern parses an AllowOrigins entry other than "*". It
// normalises what is unambiguous (case, a default port) and refuses the rest
// with a suggestion.
func parseOriginPattern(s string) (originPattern, *patternProblem) {
	if t := strings.TrimSpace(s); t != s || strings.ContainsAny(s, " \t") {
		return originPattern{}, suggestPattern("an origin has no spaces", strings.Join(strings.Fields(s), ""))
	}
	if strings.EqualFold(s, "null") {
		return originPattern{host: "null"}, nil
	}
	if len(s) > 2 && s[0] == '/' && s[len(s)-1] == '/' {
		// gin-contrib/cors reads "/regexp/" entries as regular expressions.
		return originPattern{}, &patternProblem{`a "/.../" regular expression, as gin-contrib/cors reads them, is no origin`,
			suggestRegexp("move it to AllowOriginRegexps", "move it to AllowOriginRegexps, anchored with ^ and $",
				s[1:len(s)-1], anchor(s[1:len(s)-1]))}
	}
	parts, fault := splitOrigin(s)
	if fault == splitNoScheme {
		scheme := "https://"
		if h := strings.ToLower(s); strings.HasPrefix(h, "localhost") || strings.HasPrefix(h, "127.") || strings.HasPrefix(h, "[::1]") {
			scheme = "http://"
		}
		return originPattern{}, suggestPattern("an origin needs a scheme", scheme+strings.TrimPrefix(s, "//"))
	}
	scheme := asciiLower(parts.scheme)
	if problem := schemeProblem(scheme); problem != nil {
		return originPattern{}, problem
	}
	rest := s[len(scheme)+len("://"):]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		what := map[byte]string{'/': "path", '?': "query", '#': "fragment"}[rest[j]]
		return originPattern{}, suggestPattern("an origin has no "+what, scheme+"://"+rest[:j])
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		return originPattern{}, suggestPattern("an origin has no user info", scheme+"://"+rest[j+1:])
	}
	switch fault {
	case splitOpenBracket:
		return originPattern{}, &patternProblem{"the IPv6 address has no closing bracket", `write it as "http://[::1]:8080"`}
	case splitAfterBracket:
		return originPattern{}, &patternProblem{"unexpected text after the IPv6 address", `write it as "http://[::1]:8080"`}
	}
	return parsePatternHostPort(scheme, parts.host, parts.port)
}

// suggestPattern refuses an entry for problem, suggesting the repaired
// entry when the repair is itself valid.
func suggestPattern(problem, repaired string) *patternProblem {
	if _, err := parseOriginPattern(repaired); err == nil && repaired != "" {
		return &patternProblem{problem, "use " + strconv.Quote(repaired)}
	}
	return &patternProblem{problem, `write it as "https://host" or "https://host:port"`}
}

// schemeProblem says why a lower-cased scheme cannot stand in an entry.
func schemeProblem(scheme string) *patternProblem {
	switch {
	case !isScheme(scheme) && strings.Contains(scheme, "*"):
		return problemWildcard
	case !isScheme(scheme):
		return &patternProblem{"the scheme is not valid", `write it as "https://host"`}
	case scheme == "file":
		return &patternProblem{`browsers send the origin of file: documents as "null"`,
			`use "null", knowing that any sandboxed page can send it too`}
	}
	return nil
}

// parsePatternHostPort parses the host and port of an entry whose scheme
// is valid: the wildcards "*." and ":*", the port without its default, the
// host in the form a browser serializes.
func parsePatternHostPort(scheme, host, port string) (originPattern, *patternProblem) {
	p := originPattern{scheme: scheme}
	if strings.HasPrefix(host, "*.") {
		p.subdomains, host = true, host[2:]
	}
	if strings.Contains(host, "*") {
		return originPattern{}, problemWildcard
	}
	switch {
	case port == "*":
		p.anyPort = true
	case port != "":
		n, ok := portNumber(port)
		if !ok {
			return originPattern{}, &patternProblem{"the port is not a number from 1 to " + strconv.Itoa(maxPort),
				`write it as "http://localhost:8080", or ":*" for any port`}
		}
		if n != defaultPort(scheme) {
			p.port = strconv.Itoa(n)
		}
	}
	if p.subdomains && endsInNumber(asciiLower(host[strings.LastIndexByte(host, '.')+1:])) {
		return originPattern{}, problemSubdomainsOfIP
	}
	h, problem := normalizeHost(host)
	if problem != nil {
		return originPattern{}, problem
	}
	p.host = h
	if p.subdomains {
		if h[0] == '[' {
			return originPattern{}, problemSubdomainsOfIP
		}
		if !strings.Contains(h, ".") && h != "localhost" {
			return originPattern{}, &patternProblem{"the wildcard covers a whole top-level domain, so anyone can register a matching site",
				`name your own domain, as in "https://*.example.com"`}
		}
	}
	return p, nil
}

// defaultPort returns the default port of a special scheme, which a browser
// leaves out of an origin, or 0 (WHATWG URL, "special scheme").
func defaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	}
	return 0
}

// normalizeHost lower-cases a host and checks it is a DNS name, an IPv4
// address or a bracketed IPv6 address, as a browser serialises it.
func normalizeHost(h string) (string, *patternProblem) {
	if h == "" {
		return "", &patternProblem{"the origin has no host", `write it as "https://host"`}
	}
	if h[0] == '[' {
		a, ok := parseIPv6(h)
		if !ok {
			return "", problemIPv6
		}
		return "[" + serializeIPv6(a) + "]", nil
	}
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			return "", &patternProblem{"browsers serialise international domain names in their ASCII form",
				`use the punycode ("xn--") form of the host`}
		}
	}
	h = asciiLower(h)
	if !validHost(h) {
		return "", &patternProblem{"not a valid host name", "use letters, digits, hyphens and dots, as in \"app.example.com\""}
	}
	return h, nil
}

// serializeIPv6 writes a as the WHATWG URL standard does: hexadecimal
// pieces, the longest run of zero pieces compressed. It differs from
// netip's form only for IPv4-mapped addresses, which netip writes with a
// dotted quad ("::ffff:1.2.3.4") and browsers in hexadecimal
// ("::ffff:102:304").
func serializeIPv6(a netip.Addr) string {
	if !a.Is4In6() {
		return a.String()
	}
	b := a.As16()
	return "::ffff:" + strconv.FormatUint(uint64(b[12])<<8|uint64(b[13]), 16) + ":" +
		strconv.FormatUint(uint64(b[14])<<8|uint64(b[15]), 16)
}

// asciiLower lower-cases the ASCII letters of s, leaving other bytes alone
// (strings.ToLower would fold the Kelvin sign into "k").
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// validHost reports whether h is a lower-case DNS name or IPv4 address of at
// most maxHostLen bytes, with valid labels (see validLabels).
func validHost(h string) bool {
	if len(h) > maxHostLen || !validLabels(h) {
		return false
	}
	// A name whose last label is a number is an IPv4 address to the URL
	// Standard, which a browser serialises in dotted decimal ("0x7f.1" is
	// sent as "127.0.0.1"); only that form is an origin.
	return !endsInNumber(h[strings.LastIndexByte(h, '.')+1:]) || isIPv4(h)
}

// validLabels reports whether s is one or more dot-separated labels of 1 to
// maxLabelLen bytes of [a-z0-9_-], every "xn--" label of them punycode a
// browser could have produced: the URL Standard refuses a host with a label
// that does not decode ("xn--a", "xn--"), so no origin has one.
func validLabels(s string) bool {
	start := 0 // of the current label
	for i := 0; i <= len(s); i++ {
		if i < len(s) && hostChar[s[i]] {
			if i-start >= maxLabelLen {
				return false
			}
			continue
		}
		if i == start || (i < len(s) && s[i] != '.') {
			return false // an empty label or a byte no label has
		}
		if payload, ok := strings.CutPrefix(s[start:i], "xn--"); ok && !validPunycode(payload) {
			return false
		}
		start = i + 1
	}
	return true
}

// validPunycode reports whether s decodes as punycode (RFC 3492, section
// 6.2) to at least one code point beyond ASCII and the C1 controls, none of
// them a surrogate. It checks without building the decoded label. It is
// not full IDNA validation, which needs Unicode tables this package does
// not carry.
func validPunycode(s string) bool {
	const (
		base, tMin, tMax    = 36, 1, 26
		skew, damp          = 38, 700
		initialBias         = 72
		initialN, maxRune   = 128, 0x10FFFF
		firstAllowed        = 0xA0 // past ASCII and the C1 controls
		surrogate, surrogEn = 0xD800, 0xDFFF
	)
	out, pos := 0, 0
	if d := strings.LastIndexByte(s, '-'); d >= 0 {
		out, pos = d, d+1 // the basic code points, all ASCII
	}
	n, bias, i, decoded := initialN, initialBias, 0, 0
	for pos < len(s) {
		oldI, w := i, 1
		for k := base; ; k += base {
			if pos >= len(s) {
				return false
			}
			d := punycodeDigit(s[pos])
			pos++
			if d < 0 || d > (maxRune*base-i)/w {
				return false
			}
			i += d * w
			t := min(max(k-bias, tMin), tMax)
			if d < t {
				break
			}
			w *= base - t
		}
		out++
		// Adapt the bias (RFC 3492, section 6.1).
		delta := (i - oldI) / damp
		if oldI != 0 {
			delta = (i - oldI) / 2
		}
		delta += delta / out
		k := 0
		for delta > ((base-tMin)*tMax)/2 {
			delta /= base - tMin
			k += base
		}
		bias = k + (base-tMin+1)*delta/(delta+skew)
		n += i / out
		i %= out
		if n < firstAllowed || n > maxRune || surrogate <= n && n <= surrogEn {
			return false
		}
		i++
		decoded++
	}
	return decoded > 0
}

// punycodeDigit returns the value of a lower-case punycode digit, or -1.
func punycodeDigit(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return int(c - 'a')
	case '0' <= c && c <= '9':
		return int(c-'0') + 26
	}
	return -1
}

// endsInNumber reports whether the last label of a host is a number to the
// WHATWG URL Standard ("ends in a number checker"): decimal digits, or "0x"
// and hexadecimal digits, none included.
func endsInNumber(last string) bool {
	if rest, ok := strings.CutPrefix(last, "0x"); ok {
		for i := 0; i < len(rest); i++ {
			if c := rest[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	return last != "" && allDigits(last)
}

// hostChar is the set of bytes of a host label: [a-z0-9_-].
var hostChar = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['_'] = true, true
	return t
}()

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isIPv4 reports whether h is an IPv4 address in the dotted-decimal form a
// browser serialises: four numbers from 0 to 255 without leading zeros.
func isIPv4(h string) bool {
	parts, n, digits := 0, 0, 0
	for i := 0; i <= len(h); i++ {
		if i == len(h) || h[i] == '.' {
			if digits == 0 || n > 255 || (digits > 1 && h[i-digits] == '0') {
				return false
			}
			parts, n, digits = parts+1, 0, 0
			continue
		}
		c := h[i]
		if c < '0' || c > '9' || digits == 3 {
			return false
		}
		n, digits = n*10+int(c-'0'), digits+1
	}
	return parts == 4
}

// isScheme reports whether s is a lower-case URL scheme: a letter, then
// letters, digits, "+", "-" or ".".
func isScheme(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
