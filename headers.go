package gincors

import (
	"net/http"
	"strings"
)

// The headers of the CORS protocol, what the request path reads in them and
// how it writes them.

// Header names in canonical form, so that the request path indexes the
// header maps directly.
const (
	headerOrigin         = "Origin"
	headerRequestMethod  = "Access-Control-Request-Method"
	headerRequestHeaders = "Access-Control-Request-Headers"
	headerRequestPrivate = "Access-Control-Request-Private-Network"
	headerAllowOrigin    = "Access-Control-Allow-Origin"
	headerAllowCreds     = "Access-Control-Allow-Credentials"
	headerAllowMethods   = "Access-Control-Allow-Methods"
	headerAllowHeaders   = "Access-Control-Allow-Headers"
	headerAllowPrivate   = "Access-Control-Allow-Private-Network"
	headerExposeHeaders  = "Access-Control-Expose-Headers"
	headerMaxAge         = "Access-Control-Max-Age"
	headerVary           = "Vary"
	headerContentLength  = "Content-Length"
)

// Limits of the Access-Control-Request-Headers a preflight may carry to be
// reflected. A browser sends one line with one name per custom header, so
// they are generous; anything beyond is answered without scanning it
// (rs/cors#170: 1 MiB of commas cost 127 ms per request).
const (
	maxRequestHeadersLines = 16
	maxRequestHeadersLen   = 4096
)

// headersVerdict is what checkRequestHeaders finds in a preflight's
// Access-Control-Request-Headers lines.
type headersVerdict uint8

const (
	headersValid                  headersVerdict = iota // a list of header names
	headersValidWithAuthorization                       // the same, naming Authorization
	headersAbsent
	headersTooManyLines // more than maxRequestHeadersLines
	headersTooLong      // more than maxRequestHeadersLen bytes
	headersMalformed    // not a comma-separated list of tokens
)

func (v headersVerdict) valid() bool { return v <= headersValidWithAuthorization }

// checkRequestHeaders judges Access-Control-Request-Headers lines: each a
// comma-separated list of tokens with optional spaces or tabs around them.
// The limits are checked first and the scan stops at the first bad byte,
// so its cost is bounded whatever a client sends.
func checkRequestHeaders(lines []string) headersVerdict {
	switch {
	case len(lines) == 0:
		return headersAbsent
	case len(lines) > maxRequestHeadersLines:
		return headersTooManyLines
	}
	total := 0
	for _, l := range lines {
		if total += len(l); total > maxRequestHeadersLen {
			return headersTooLong
		}
	}
	verdict := headersValid
	for _, l := range lines {
		names := 0
		for i := 0; i < len(l); {
			for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
				i++
			}
			start := i
			for i < len(l) && tchar[l[i]] {
				i++
			}
			if i == start {
				return headersMalformed // an empty element or a byte that is no token
			}
			if i-start == len("authorization") && strings.EqualFold(l[start:i], "authorization") {
				verdict = headersValidWithAuthorization
			}
			names++
			for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
				i++
			}
			if i < len(l) {
				if l[i] != ',' || i == len(l)-1 {
					return headersMalformed
				}
				i++
			}
		}
		if names == 0 {
			return headersMalformed
		}
	}
	return verdict
}

// slots hands out the header values of one response from a single
// allocation. Each value gets its own slice with no spare capacity, so the
// header map never holds a slice shared with another request (rs/cors#198),
// and a handler's append copies instead of writing into a neighbour.
type slots []string

// set writes value as the one value of the header key.
func (s *slots) set(h http.Header, key, value string) {
	b := *s
	b[0] = value
	h[key] = b[:1:1]
	*s = b[1:]
}

// setLines writes values as the field lines of the header key.
func (s *slots) setLines(h http.Header, key string, values []string) {
	b := *s
	n := copy(b, values)
	h[key] = b[:n:n]
	*s = b[n:]
}

// vary adds tokens to the response's Vary header, whose values before are
// old: it keeps them, adds no token twice (case-insensitively) and leaves
// "Vary: *" alone, as Express's vary module does. line is the tokens
// joined, written as it is when old is empty.
func (s *slots) vary(h http.Header, old, tokens []string, line string) {
	if len(old) == 0 {
		s.set(h, headerVary, line)
		return
	}
	if line = missingVary(old, tokens, line); line == "" {
		return
	}
	b := *s
	n := copy(b, old)
	b[n] = line
	h[headerVary] = b[: n+1 : n+1]
	*s = b[n+1:]
}

// missingVary returns the tokens not yet in the Vary values old, joined, or
// "" when none is missing or old holds "*".
func missingVary(old, tokens []string, line string) string {
	var found uint // bit i: tokens[i] is present
	for _, v := range old {
		for v != "" {
			var e string
			e, v, _ = strings.Cut(v, ",")
			e = strings.TrimSpace(e)
			if e == "*" {
				return ""
			}
			for i, t := range tokens {
				if strings.EqualFold(e, t) {
					found |= 1 << i
				}
			}
		}
	}
	switch found {
	case 0:
		return line
	case 1<<len(tokens) - 1:
		return ""
	}
	var missing []string
	for i, t := range tokens {
		if found&(1<<i) == 0 {
			missing = append(missing, t)
		}
	}
	return strings.Join(missing, ", ")
}

// isToken reports whether s is an HTTP token (RFC 9110, section 5.6.2), the
// syntax of method and header names.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tchar[s[i]] {
			return false
		}
	}
	return true
}

// tchar is the set of token bytes: "!#$%&'*+-.^_`|~", digits and letters.
var tchar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()
