package gincors

import (
	"net/netip"
	"strconv"
	"strings"
)

// An origin is a scheme, a host and a port, serialized by browsers as
// "scheme://host[:port]" with scheme and host lower-cased and the scheme's
// default port left out (Fetch, "Origin header"; HTML, "serialization of an
// origin"). Origins are compared as those bytes; patterns are parsed into
// those parts, never matched as strings with prefixes and suffixes, which is
// how gin-contrib/cors (CVE-2019-25211) and rs/cors came to admit lookalikes.

// Limits of an origin's parts. A DNS name has at most 253 bytes in labels of
// at most 63 (RFC 1035, section 2.3.4); a port has at most 5 digits.
const (
	maxLabelLen = 63
	maxHostLen  = 253
	maxPortLen  = 5
	// maxOriginLen bounds the origins the policy parses: a longer Origin is
	// no browser's and is refused without a scan.
	maxOriginLen = 512
)

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

// is reports, without allocating, whether s is p.String().
func (p originPattern) is(s string) bool {
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

// patternError is why an AllowOrigins entry is refused, and what to write.
type patternError struct{ problem, fix string }

// parseOriginPattern parses an AllowOrigins entry other than "*". It
// normalises what is unambiguous (case, a default port) and refuses the rest
// with a suggestion.
func parseOriginPattern(s string) (originPattern, *patternError) {
	// useFix suggests a repaired entry when the repair is itself valid.
	useFix := func(problem, repaired string) *patternError {
		if _, err := parseOriginPattern(repaired); err == nil && repaired != "" {
			return &patternError{problem, "use " + strconv.Quote(repaired)}
		}
		return &patternError{problem, `write it as "https://host" or "https://host:port"`}
	}
	if t := strings.TrimSpace(s); t != s || strings.ContainsAny(s, " \t") {
		return originPattern{}, useFix("an origin has no spaces", strings.Join(strings.Fields(s), ""))
	}
	if strings.EqualFold(s, "null") {
		return originPattern{host: "null"}, nil
	}
	if len(s) > 2 && s[0] == '/' && s[len(s)-1] == '/' {
		// gin-contrib/cors reads "/regexp/" entries as regular expressions.
		return originPattern{}, &patternError{`a "/.../" regular expression, as gin-contrib/cors reads them, is no origin`,
			suggestRegexp("move it to AllowOriginRegexps", "move it to AllowOriginRegexps, anchored with ^ and $",
				s[1:len(s)-1], anchor(s[1:len(s)-1]))}
	}
	i := strings.Index(s, "://")
	if i < 0 {
		scheme := "https://"
		if h := strings.ToLower(s); strings.HasPrefix(h, "localhost") || strings.HasPrefix(h, "127.") || strings.HasPrefix(h, "[::1]") {
			scheme = "http://"
		}
		return originPattern{}, useFix("an origin needs a scheme", scheme+strings.TrimPrefix(s, "//"))
	}
	scheme, rest := asciiLower(s[:i]), s[i+3:]
	if !isScheme(scheme) {
		if strings.Contains(scheme, "*") {
			return originPattern{}, errWildcard
		}
		return originPattern{}, &patternError{"the scheme is not valid", `write it as "https://host"`}
	}
	if scheme == "file" {
		return originPattern{}, &patternError{`browsers send the origin of file: documents as "null"`,
			`use "null", knowing that any sandboxed page can send it too`}
	}
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		what := map[byte]string{'/': "path", '?': "query", '#': "fragment"}[rest[j]]
		return originPattern{}, useFix("an origin has no "+what, scheme+"://"+rest[:j])
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		return originPattern{}, useFix("an origin has no user info", scheme+"://"+rest[j+1:])
	}

	p := originPattern{scheme: scheme}
	host, port := rest, ""
	if strings.HasPrefix(rest, "[") {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return originPattern{}, &patternError{"the IPv6 address has no closing bracket", `write it as "http://[::1]:8080"`}
		}
		host, port = rest[:j+1], rest[j+1:]
		if port != "" && port[0] != ':' {
			return originPattern{}, &patternError{"unexpected text after the IPv6 address", `write it as "http://[::1]:8080"`}
		}
		port = strings.TrimPrefix(port, ":")
	} else if j := strings.LastIndexByte(rest, ':'); j >= 0 {
		host, port = rest[:j], rest[j+1:]
	}
	if strings.HasPrefix(host, "*.") {
		p.subdomains, host = true, host[2:]
	}
	if strings.Contains(host, "*") {
		return originPattern{}, errWildcard
	}
	switch {
	case port == "*":
		p.anyPort = true
	case port != "":
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '+' {
			return originPattern{}, &patternError{"the port is not a number from 1 to 65535", `write it as "http://localhost:8080", or ":*" for any port`}
		}
		if n != defaultPort(scheme) {
			p.port = strconv.Itoa(n)
		}
	}

	if p.subdomains && endsInNumber(asciiLower(host[strings.LastIndexByte(host, '.')+1:])) {
		return originPattern{}, errSubdomainsOfIP
	}
	h, perr := normalizeHost(host)
	if perr != nil {
		return originPattern{}, perr
	}
	p.host = h
	if p.subdomains {
		if h[0] == '[' {
			return originPattern{}, errSubdomainsOfIP
		}
		if !strings.Contains(h, ".") && h != "localhost" {
			return originPattern{}, &patternError{"the wildcard covers a whole top-level domain, so anyone can register a matching site",
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

var errSubdomainsOfIP = &patternError{"an IP address has no subdomains", "list the address itself"}

var errWildcard = &patternError{`"*" may stand only as the whole entry, as a leading "*." label or as the port ":*"`,
	`write "*", "https://*.example.com" or "http://localhost:*"`}

// normalizeHost lower-cases a host and checks it is a DNS name, an IPv4
// address or a bracketed IPv6 address, as a browser serialises it.
func normalizeHost(h string) (string, *patternError) {
	if h == "" {
		return "", &patternError{"the origin has no host", `write it as "https://host"`}
	}
	if h[0] == '[' {
		if len(h) < 2 || h[len(h)-1] != ']' {
			return "", &patternError{"not an IPv6 address", `write it as "http://[::1]:8080"`}
		}
		a, err := netip.ParseAddr(h[1 : len(h)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", &patternError{"not an IPv6 address", `write it as "http://[::1]:8080"`}
		}
		return "[" + serializeIPv6(a) + "]", nil
	}
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			return "", &patternError{"browsers serialise international domain names in their ASCII form",
				`use the punycode ("xn--") form of the host`}
		}
	}
	h = asciiLower(h)
	if !validHost(h) {
		return "", &patternError{"not a valid host name", "use letters, digits, hyphens and dots, as in \"app.example.com\""}
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
// most maxHostLen bytes, with labels of 1 to maxLabelLen bytes of [a-z0-9_-].
func validHost(h string) bool {
	if len(h) == 0 || len(h) > maxHostLen {
		return false
	}
	label := 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case hostChar[c]:
			if label++; label > maxLabelLen {
				return false
			}
		case c == '.' && label > 0:
			label = 0
		default:
			return false
		}
	}
	// A name whose last label is a number is an IPv4 address to the URL
	// Standard, which a browser serialises in dotted decimal ("0x7f.1" is
	// sent as "127.0.0.1"); only that form is an origin.
	return label > 0 && (!endsInNumber(h[len(h)-label:]) || isIPv4(h)) && validACELabels(h)
}

// validACELabels reports whether every "xn--" label of h is punycode a
// browser could have produced: the URL Standard refuses a host with a label
// that does not decode ("xn--a", "xn--"), so no origin has one.
func validACELabels(h string) bool {
	for h != "" {
		var label string
		label, h, _ = strings.Cut(h, ".")
		if payload, ok := strings.CutPrefix(label, "xn--"); ok && !validPunycode(payload) {
			return false
		}
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

// parseOrigin splits a request's Origin into scheme, host and port ("" when
// absent) if it is a serialized origin as a browser sends it: lower case, at
// most maxOriginLen bytes. It does not allocate.
func parseOrigin(s string) (scheme, host, port string, ok bool) {
	if len(s) > maxOriginLen {
		return "", "", "", false
	}
	i := strings.IndexByte(s, ':')
	if i < 0 || !strings.HasPrefix(s[i:], "://") || !isScheme(s[:i]) {
		return "", "", "", false
	}
	scheme, rest := s[:i], s[i+3:]
	if strings.HasPrefix(rest, "[") {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return "", "", "", false
		}
		host, rest = rest[:j+1], rest[j+1:]
		// netip alone would also take upper case and zones ("%eth0"), which
		// a browser never sends.
		for k := 1; k < len(host)-1; k++ {
			if c := host[k]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || c == ':' || c == '.') {
				return "", "", "", false
			}
		}
		if a, err := netip.ParseAddr(host[1 : len(host)-1]); err != nil || !a.Is6() {
			return "", "", "", false
		}
	} else {
		j := strings.LastIndexByte(rest, ':')
		if j < 0 {
			j = len(rest)
		}
		host, rest = rest[:j], rest[j:]
		if !validHost(host) {
			return "", "", "", false
		}
	}
	if rest != "" {
		port = rest[1:]
		if rest[0] != ':' || len(port) == 0 || len(port) > maxPortLen || port[0] == '0' || !allDigits(port) {
			return "", "", "", false
		}
		if n, _ := strconv.Atoi(port); n > 65535 {
			return "", "", "", false
		}
	}
	return scheme, host, port, true
}
