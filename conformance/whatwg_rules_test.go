package conformance

import (
	"regexp"
	"strings"
)

// The verdict classes of the WHATWG differential.
const (
	classAgree    = "agree"             // same origin, or both refuse
	classRefused  = "refused-by-design" // Node gives an origin, gincors refuses for a documented reason
	classAccepted = "accepted-by-design"
	classDisagree = "disagree" // a bug
	classKnownBug = "known-library-bug"
)

// A refusal is a documented reason for gincors to refuse an AllowOrigins
// entry that the URL Standard parses to a tuple origin. Match decides from
// the entry and Node's parse alone (never from gincors's answer) whether
// the reason applies; gincors's ConfigError.Problem must then contain one
// of Keywords, so the error names that reason. An entry may match several
// reasons; the error must name one of them.
type refusal struct {
	ID       string
	Why      string
	Keywords []string
	// Names, when set, gives the keywords for the entry instead.
	Names func(in string) []string
	// Syntax is true when the reason is in how the entry is written, not in
	// the origin: the origin Node reads from it must then be accepted when
	// listed as it is, and admit itself.
	Syntax bool
	Match  func(in string, n nodeURL) bool
}

var refusals = []refusal{
	{ID: "controls", Syntax: true,
		Why: "the URL parser strips leading and trailing spaces and C0 controls and deletes tabs and newlines anywhere; " +
			"an entry that only parses after such repairs is a typo to report, not to guess",
		Names: controlNames,
		Match: func(in string, _ nodeURL) bool {
			return strings.IndexFunc(in, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0
		}},
	{ID: "blob", Syntax: true,
		Why:      "a blob: URL's origin is the origin of the URL inside it; list that origin",
		Keywords: []string{"scheme"},
		Match:    func(in string, _ nodeURL) bool { return strings.HasPrefix(strings.ToLower(in), "blob:") }},
	{ID: "slashes", Syntax: true,
		Why: `special-scheme URLs forgive missing, extra and back slashes ("https:a.com", "https:///a.com", ` +
			`"https:\\a.com"); an origin is written scheme://host`,
		Keywords: []string{"slash", "scheme", "host", "port", "path"},
		Match: func(in string, _ nodeURL) bool {
			return !wellSlashed.MatchString(in) || strings.Contains(in, `\`)
		}},
	{ID: "path", Syntax: true, Why: "an origin has no path, not even a trailing slash", Keywords: []string{"path"},
		Match: func(in string, _ nodeURL) bool { return afterAuthority(in) == '/' }},
	{ID: "query", Syntax: true, Why: "an origin has no query", Keywords: []string{"query"},
		Match: func(in string, _ nodeURL) bool { return afterAuthority(in) == '?' }},
	{ID: "fragment", Syntax: true, Why: "an origin has no fragment", Keywords: []string{"fragment"},
		Match: func(in string, _ nodeURL) bool { return afterAuthority(in) == '#' }},
	{ID: "userinfo", Syntax: true,
		Why:      "an origin has no user info; \"https://a.com@b.com\" is the origin of b.com, which is how lookalikes are made",
		Keywords: []string{"user info"},
		Match: func(in string, n nodeURL) bool {
			return n.Username != "" || n.Password != "" || strings.Contains(authority(in), "@")
		}},
	{ID: "non-ascii", Syntax: true,
		Why: "browsers send the ASCII (punycode) form of an international domain name; gincors asks for that form " +
			"rather than carry an IDNA implementation, and the error says so",
		Keywords: []string{"ASCII", "punycode"},
		Match: func(in string, _ nodeURL) bool {
			return strings.IndexFunc(in, func(r rune) bool { return r >= 0x80 }) >= 0
		}},
	{ID: "percent", Syntax: true,
		Why:      "the URL parser decodes percent-escapes in a host (\"%61.com\" is a.com); an origin never has them",
		Keywords: []string{"host", "IPv6", "percent"},
		Match:    func(in string, _ nodeURL) bool { return strings.Contains(rawHost(in), "%") }},
	{ID: "ipv4-noncanonical", Syntax: true,
		Why: `the URL parser reads "127.1", "0x7f.1", "2130706433", "0177.0.0.1" and "127.0.0.1." as 127.0.0.1; ` +
			"browsers send only the dotted-decimal form, so gincors asks for it instead of admitting a surprise",
		Keywords: []string{"host", "IPv4"},
		Match: func(in string, n nodeURL) bool {
			return dottedQuad.MatchString(n.Hostname) && strings.ToLower(rawHost(in)) != n.Hostname
		}},
	{ID: "port-zero", Why: "port 0 is a valid URL port but no page is served from it (Fetch's bad port)",
		Keywords: []string{"port"},
		Match:    func(_ string, n nodeURL) bool { return n.Port == "0" }},
	{ID: "trailing-dot",
		Why: `"https://a.com." is another origin than "https://a.com", which browsers rarely serve; gincors refuses ` +
			"the entry rather than guess which one was meant",
		Keywords: []string{"host", "dot"},
		Match:    func(_ string, n nodeURL) bool { return strings.HasSuffix(n.Hostname, ".") }},
	{ID: "empty-label", Why: `a host with an empty label ("a..com", ".a.com") is no DNS name, so no page has that origin`,
		Keywords: []string{"host", "label"},
		Match: func(_ string, n nodeURL) bool {
			return strings.HasPrefix(n.Hostname, ".") || strings.Contains(n.Hostname, "..")
		}},
	{ID: "dns-length",
		Why:      "the URL parser does not limit lengths; a DNS name has labels of at most 63 bytes and at most 253 bytes",
		Keywords: []string{"host", "label", "long"},
		Match: func(_ string, n nodeURL) bool {
			if strings.HasPrefix(n.Hostname, "[") {
				return false
			}
			if len(strings.TrimSuffix(n.Hostname, ".")) > 253 {
				return true
			}
			for _, l := range strings.Split(n.Hostname, ".") {
				if len(l) > 63 {
					return true
				}
			}
			return false
		}},
	{ID: "non-dns-chars",
		Why: "the URL parser admits hosts such as \"a!b.com\" and \"a{b}.com\"; gincors takes DNS names (letters, digits, " +
			"hyphens, underscores), IPv4 and IPv6 addresses",
		Keywords: []string{"host"},
		Match: func(_ string, n nodeURL) bool {
			return !strings.HasPrefix(n.Hostname, "[") && strings.IndexFunc(n.Hostname, func(r rune) bool { return !ldh(r) }) >= 0
		}},
	{ID: "wildcard-literal",
		Why: `the URL parser reads "*" in a host as a literal character; gincors reserves it for "*", a leading "*." ` +
			`label and the port ":*", and refuses it anywhere else`,
		Keywords: []string{`"*"`},
		Match:    func(in string, _ nodeURL) bool { return strings.Contains(in, "*") }},
	// Set by the pattern check, not by Match.
	{ID: "wildcard-tld",
		Why:      `"https://*.com" would admit every site under a top-level domain`,
		Keywords: []string{"top-level"},
		Match:    func(string, nodeURL) bool { return false }},
}

// An acceptance is a documented reason for gincors to accept an entry that
// the URL Standard gives no tuple origin; Want is then the one request
// origin the entry admits.
type acceptance struct {
	ID   string
	Why  string
	Want func(in string, n nodeURL) (origin string, ok bool)
}

var acceptances = []acceptance{
	{ID: "null",
		Why: `"null" is the serialization of an opaque origin (Node: new URL("data:,").origin), which sandboxed ` +
			"iframes and file: pages send; it is no URL, so the URL parser throws; gincors admits exactly \"null\"",
		Want: func(in string, _ nodeURL) (string, bool) { return "null", strings.EqualFold(in, "null") }},
	{ID: "any-origin",
		Why:  `"*" is the wildcard entry, no URL; it admits every origin with Access-Control-Allow-Origin: *`,
		Want: func(in string, _ nodeURL) (string, bool) { return "*", in == "*" }},
	{ID: "non-special-scheme",
		Why: "the URL Standard gives non-special schemes an opaque origin, but browsers send tuple origins for " +
			"their extension and app schemes (chrome-extension://id, moz-extension://id, tauri://localhost); gincors " +
			"keeps such an entry as scheme://host[:port], lower-cased, with the port as written (no default)",
		Want: func(_ string, n nodeURL) (string, bool) {
			if n.Err != "" || n.Origin != "null" || specialSchemes[n.scheme()] || n.Hostname == "" {
				return "", false
			}
			return lowerTuple(n.scheme(), n.Hostname, n.Port), true
		}},
}

// A knownBug excuses, loudly, the disagreements of a library bug that is
// being fixed: the test reports every excused case and fails once a bug no
// longer occurs, so that its entry is deleted. GINCORS_WHATWG_STRICT=1
// excuses nothing.
type knownBug struct {
	ID    string
	What  string
	Match func(in string, n nodeURL, kind string) bool
}

var knownLibraryBugs = []knownBug{}

// controlNames is what an error about a stray space or control character
// must name: spaces when there is a space, a tab, or whitespace at either
// end; otherwise the part of the origin the character is in.
func controlNames(in string) []string {
	if strings.TrimSpace(in) != in || strings.ContainsAny(in, " \t") {
		return []string{"space"}
	}
	i := strings.IndexFunc(in, func(r rune) bool { return r < ' ' || r == 0x7f })
	end := strings.Index(in, "://")
	if end < 0 || i < end {
		return []string{"control", "scheme"}
	}
	host, port := splitHostPort(in)
	if j := strings.Index(in[end+3:], host); j >= 0 && i >= end+3+j+len(host) && port != "" {
		return []string{"control", "port"}
	}
	return []string{"control", "host"}
}

var (
	wellSlashed = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*://[^/\\]`)
	dottedQuad  = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`)
)

var specialSchemes = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true, "file": true}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}

func ldh(r rune) bool {
	return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_' || r == '.'
}

// lowerTuple serializes a tuple origin from its parts, lower-cased.
func lowerTuple(scheme, host, port string) string {
	s := strings.ToLower(scheme) + "://" + strings.ToLower(host)
	if port != "" {
		s += ":" + port
	}
	return s
}

// authority is the text of in between "://" and the first "/", "?", "#" or
// "\", or "" without "://".
func authority(in string) string {
	i := strings.Index(in, "://")
	if i < 0 {
		return ""
	}
	rest := in[i+3:]
	if j := strings.IndexAny(rest, `/?#\`); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// afterAuthority is the byte that ends the authority of in, or 0.
func afterAuthority(in string) byte {
	i := strings.Index(in, "://")
	if i < 0 {
		return 0
	}
	rest := in[i+3:]
	if j := strings.IndexAny(rest, `/?#\`); j >= 0 {
		return rest[j]
	}
	return 0
}

// rawHost is the host of in as written.
func rawHost(in string) string {
	h, _ := splitHostPort(in)
	return h
}

func splitHostPort(in string) (host, port string) {
	a := authority(in)
	if j := strings.LastIndexByte(a, '@'); j >= 0 {
		a = a[j+1:]
	}
	if strings.HasPrefix(a, "[") {
		if j := strings.IndexByte(a, ']'); j >= 0 {
			return a[:j+1], strings.TrimPrefix(a[j+1:], ":")
		}
		return a, ""
	}
	if j := strings.LastIndexByte(a, ':'); j >= 0 {
		return a[:j], a[j+1:]
	}
	return a, ""
}
