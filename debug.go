package gincors

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// Debug explanations. They are built only when Config.Debug is set, and
// only for requests the policy refuses or only partly allows. Every one has
// the same shape:
//
//	gincors: preflight OPTIONS /items from "https://app.example.com" for "PUT" with headers "x-api-key": header "x-api-key" is not in AllowHeaders (add "x-api-key" to AllowHeaders)
//
// what the request is, its method, path and origin, what it asked for, then
// each problem with the field that would change the answer. Whatever a
// client sends, an explanation is one line of at most maxExplanationLen
// bytes, built in time bounded by the request-header limits.

// Limits of an explanation.
const (
	// maxQuotedLen is how many bytes of a request value an explanation
	// quotes; strconv.Quote writes each as at most 4 bytes.
	maxQuotedLen = 128
	// maxDebugProblems is how many problems an explanation describes; more
	// are only counted.
	maxDebugProblems = 5
	// maxExplanationLen bounds an explanation: five quoted request values
	// and maxDebugProblems problems, each quoting at most one value (or, for
	// a refused origin, maxListedOrigins configured ones), with their fixed
	// text; every quoted value is cut to maxQuotedLen bytes.
	maxExplanationLen = 8 << 10
)

// explain writes an explanation of the request c as the one line above.
func explain(c *gin.Context, what string, origins []string, ps *problems) string {
	req := c.Request.Header
	var b strings.Builder
	b.WriteString("gincors: ")
	b.WriteString(what)
	b.WriteByte(' ')
	b.WriteString(printable(c.Request.Method))
	b.WriteByte(' ')
	b.WriteString(printable(c.Request.URL.Path))
	b.WriteString(" from ")
	b.WriteString(quoteList(origins))
	if what == "preflight" {
		b.WriteString(" for ")
		b.WriteString(quoteList(req[headerRequestMethod]))
		if lines := req[headerRequestHeaders]; len(lines) > 0 {
			b.WriteString(" with headers ")
			b.WriteString(quoteList(lines))
		}
	}
	b.WriteString(": ")
	b.WriteString(strings.Join(ps.described, "; "))
	if ps.more > 0 {
		b.WriteString("; and " + strconv.Itoa(ps.more) + " more")
	}
	return b.String()
}

// problems collects what is wrong with a request: the first
// maxDebugProblems described, the rest counted.
type problems struct {
	described []string
	more      int
}

func (ps *problems) add(problem string) {
	if ps.full() {
		ps.more++
		return
	}
	ps.described = append(ps.described, problem)
}

// full reports whether a further problem is only counted, so that its
// description need not be built.
func (ps *problems) full() bool { return len(ps.described) >= maxDebugProblems }

// explainOrigin explains a request refused for its origin.
func (p *policy) explainOrigin(c *gin.Context, what string, origins []string) string {
	var ps problems
	switch o := origins[0]; {
	case len(origins) > 1:
		ps.add(strconv.Itoa(len(origins)) + " Origin headers, where a browser sends one, so none is allowed (no setting admits them)")
	case len(o) > maxOriginLen:
		ps.add("the Origin header is " + strconv.Itoa(len(o)) + " bytes long, more than the " + strconv.Itoa(maxOriginLen) +
			" of any origin a browser sends (no setting admits it)")
	case o == "null":
		// Neither a pattern, a regexp nor AllowOriginFunc ever sees "null".
		ps.add(`origin "null" is allowed only by listing it (add "null" to AllowOrigins, knowing that any page can send it from a sandboxed iframe)`)
	case !wellFormedOrigin(o):
		ps.add(`the origin is not serialized as a browser does, lower-case "scheme://host[:port]", so it is not allowed (no setting admits it)`)
	default:
		listed := ""
		if p.listedOrigins != "" {
			listed = ", which lists " + p.listedOrigins
		}
		ps.add("origin not allowed by AllowOrigins" + listed + " (add it to AllowOrigins, or admit it with AllowOriginRegexps or AllowOriginFunc)")
	}
	return explain(c, what, origins, &ps)
}

// maxListedOrigins is how many AllowOrigins entries an explanation names.
const maxListedOrigins = 3

// listOrigins names the first maxListedOrigins AllowOrigins entries, in
// normal form, and counts the rest: what a user compares a refused origin
// with ("http://localhost:6068" against "http://127.0.0.1:6068").
func listOrigins(normalForms []string) string {
	names := make([]string, min(len(normalForms), maxListedOrigins))
	for i := range names {
		names[i] = quote(normalForms[i])
	}
	list := strings.Join(names, ", ")
	if more := len(normalForms) - len(names); more > 0 {
		list += " and " + strconv.Itoa(more) + " more"
	}
	return list
}

// wellFormedOrigin reports whether o is an origin as a browser serializes
// it, so that an explanation can tell a malformed origin from a refused one.
func wellFormedOrigin(o string) bool {
	_, _, _, ok := parseOrigin(o)
	return ok
}

// explainCredentials explains an allowed actual request that the browser
// will block all the same: it carries cookies, which a browser sends to
// another origin only with credentials: "include", and such a response needs
// Access-Control-Allow-Credentials, which the policy does not send. It
// returns "" for a request without cookies. (Authorization proves nothing:
// a script may set it without credentials.)
func (p *policy) explainCredentials(c *gin.Context, origins []string) string {
	if len(c.Request.Header["Cookie"]) == 0 {
		return ""
	}
	fix := "set AllowCredentials"
	if p.origins.anyOrigin {
		fix = `set AllowCredentials, listing the origins instead of "*"`
	}
	var ps problems
	ps.add("the request carries cookies, so the page sent it with credentials, and a credentialed response needs " +
		"Access-Control-Allow-Credentials: true, which AllowCredentials false never sends; the browser blocks it (" + fix + ")")
	return explain(c, "actual request", origins, &ps)
}

// explainPreflight says why a preflight fails or will fail in the browser:
// its origin, or a method, header or private-network access the policy does
// not allow. reflected is whether its request headers were reflected. It
// returns "" for a preflight that is wholly allowed.
func (p *policy) explainPreflight(c *gin.Context, allowed bool, origins []string, reflected bool) string {
	if !allowed {
		return p.explainOrigin(c, "preflight", origins)
	}
	req := c.Request.Header
	var ps problems
	p.methodProblem(&ps, req[headerRequestMethod])
	p.headersProblems(&ps, req[headerRequestHeaders], reflected)
	if v := req[headerRequestPrivate]; len(v) > 0 && !p.privateNetwork {
		ps.add("private network access is asked for (set AllowPrivateNetwork)")
	}
	if len(ps.described) == 0 {
		return ""
	}
	return explain(c, "preflight", origins, &ps)
}

// methodProblem adds why the preflight's method is not allowed, if it is not.
func (p *policy) methodProblem(ps *problems, methods []string) {
	if len(methods) != 1 || !isToken(methods[0]) {
		ps.add("Access-Control-Request-Method is not one method name, so no method is allowed (no setting admits it: a browser sends one)")
		return
	}
	m := methods[0]
	if p.reflectMethod || p.anyMethod || m == http.MethodGet || m == http.MethodHead || m == http.MethodPost {
		return // GET, HEAD and POST are CORS-safelisted: allowed whatever ACAM says
	}
	if _, ok := p.methodSet[m]; ok {
		return
	}
	for listed := range p.methodSet {
		if strings.EqualFold(listed, m) {
			ps.add("method " + quote(m) + " is not in AllowMethods, which lists " + strconv.Quote(listed) +
				": methods are case-sensitive (add " + quote(m) + " to AllowMethods, or send " + strconv.Quote(listed) + " from the client)")
			return
		}
	}
	ps.add("method " + quote(m) + " is not in AllowMethods (add " + quote(m) + " to AllowMethods)")
}

// headersProblems adds why the preflight's request headers are not
// allowed: the list as a whole, or each name the policy does not allow.
func (p *policy) headersProblems(ps *problems, lines []string, reflected bool) {
	verdict := checkRequestHeaders(lines)
	switch verdict {
	case headersAbsent:
		return
	case headersTooManyLines:
		ps.add("Access-Control-Request-Headers has " + strconv.Itoa(len(lines)) + " lines, more than the " +
			strconv.Itoa(maxRequestHeadersLines) + " gincors reads (no setting admits it: a browser sends one line)")
		return
	case headersTooLong:
		ps.add("Access-Control-Request-Headers is longer than the " + strconv.Itoa(maxRequestHeadersLen) +
			" bytes gincors reads (no setting admits it: no browser sends that)")
		return
	case headersMalformed:
		ps.add("Access-Control-Request-Headers is not a comma-separated list of header names (no setting admits it: a browser sends one)")
		return
	}
	if p.reflectHeaders {
		if !reflected {
			ps.add(authorizationProblem)
		}
		return
	}
	for _, l := range lines {
		for l != "" {
			var name string
			name, l, _ = strings.Cut(l, ",")
			if problem := p.headerProblem(strings.TrimSpace(name), !ps.full()); problem != "" {
				ps.add(problem)
			}
		}
	}
}

const authorizationProblem = `header "authorization" is not covered by "*" in AllowHeaders, as Fetch requires (add "Authorization" to AllowHeaders)`

// headerProblem says why a preflight's request header name is not allowed,
// or returns "". Unless describe is set, any non-empty string stands for
// the reason, which then costs nothing to build.
func (p *policy) headerProblem(name string, describe bool) string {
	if _, ok := p.headerSet[name]; ok {
		return ""
	}
	lower := strings.ToLower(name) // browsers send lower case; others may not
	if _, ok := p.headerSet[lower]; ok {
		return ""
	}
	switch {
	case lower == "authorization" && p.anyHeader:
		return authorizationProblem
	case p.anyHeader:
		return ""
	case !describe:
		return "-"
	}
	return "header " + quote(lower) + " is not in AllowHeaders (add " + quote(lower) + " to AllowHeaders)"
}

// quote quotes a request value for an explanation, cut to maxQuotedLen
// bytes: a hostile value must not make the line long or costly.
func quote(s string) string {
	if len(s) > maxQuotedLen {
		return strconv.Quote(s[:maxQuotedLen]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
	}
	return strconv.Quote(s)
}

// quoteList quotes the values of a request header joined with ", ", cut to
// maxQuotedLen bytes without joining more than that.
func quoteList(list []string) string {
	if len(list) == 1 {
		return quote(list[0])
	}
	var b strings.Builder
	for i, v := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		if room := maxQuotedLen - b.Len(); len(v) > room {
			b.WriteString(v[:max(room, 0)])
			return strconv.Quote(b.String()) + "... (" + strconv.Itoa(len(list)) + " values)"
		}
		b.WriteString(v)
	}
	return strconv.Quote(b.String())
}

// printable writes a request's method or path as it is when it is short
// and has no control characters, and quoted and cut otherwise, so that an
// explanation stays one short line whatever the client sent.
func printable(s string) string {
	if len(s) > maxQuotedLen {
		return quote(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return strconv.Quote(s)
		}
	}
	return s
}
