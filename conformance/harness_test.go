package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// client sends every request of the test, to the oracle and to Gin alike.
var client = &http.Client{
	Timeout: 10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

// Marker headers. The handlers of both sides set handlerRan when they write
// their own response; the cors middleware of both sides is wrapped so that a
// response it ended itself (a short-circuited preflight) carries corsEnded.
const (
	handlerRan = "X-Handler-Ran"
	corsEnded  = "X-Cors-Ended"
)

// The CORS response headers compared, besides Vary and Content-Length.
const (
	acao  = "Access-Control-Allow-Origin"
	acac  = "Access-Control-Allow-Credentials"
	acam  = "Access-Control-Allow-Methods"
	acah  = "Access-Control-Allow-Headers"
	aceh  = "Access-Control-Expose-Headers"
	acma  = "Access-Control-Max-Age"
	acapn = "Access-Control-Allow-Private-Network"

	acrm  = "Access-Control-Request-Method"
	acrh  = "Access-Control-Request-Headers"
	acrpn = "Access-Control-Request-Private-Network"
)

var corsHeaders = []string{acao, acac, acam, acah, aceh, acma, acapn}

// listHeaders are compared as the comma-separated lists a browser parses
// (elements trimmed of spaces and tabs, order and case kept), so that
// "*,Authorization" and "*, Authorization" are the same answer.
var listHeaders = map[string]bool{acam: true, acah: true, aceh: true}

// request is one HTTP request of a case. Headers may repeat a name.
type request struct {
	Method  string
	Target  string // path and query
	Headers [][2]string
}

func (r request) header(name string) []string {
	var v []string
	for _, h := range r.Headers {
		if http.CanonicalHeaderKey(h[0]) == http.CanonicalHeaderKey(name) {
			v = append(v, h[1])
		}
	}
	return v
}

// preflight reports whether gincors takes r for a preflight: OPTIONS with
// Origin and Access-Control-Request-Method.
func (r request) preflight() bool {
	return r.Method == http.MethodOptions && r.header("Origin") != nil && r.header(acrm) != nil
}

func (r request) path() string {
	u, err := url.Parse(r.Target)
	if err != nil {
		panic(err)
	}
	return u.Path
}

// handlerStatus is the status the handlers of both sides answer r with.
func (r request) handlerStatus() int {
	u, err := url.Parse(r.Target)
	if err != nil {
		panic(err)
	}
	if s, err := strconv.Atoi(u.Query().Get("status")); err == nil && s > 0 {
		return s
	}
	return http.StatusOK
}

// response is the CORS-relevant part of a response.
type response struct {
	Status  int
	Headers map[string]string // the corsHeaders present; field lines joined with ", "
	Vary    []string          // lower-cased tokens, sorted, each once
	Ended   bool              // the cors middleware ended the response itself
	// ContentLength is compared only where the cors middleware ended the
	// response (a short-circuited preflight), Body only where the handler ran
	// or the case asks for it.
	ContentLength string
	Ran           bool
	Body          string
}

func (r *response) clone() *response {
	c := *r
	c.Headers = make(map[string]string, len(r.Headers))
	for k, v := range r.Headers {
		c.Headers[k] = v
	}
	c.Vary = slices.Clone(r.Vary)
	return &c
}

func (r *response) drop(names ...string) {
	for _, n := range names {
		delete(r.Headers, n)
	}
}

func (r *response) addVary(tokens ...string) {
	for _, t := range tokens {
		t = strings.ToLower(t)
		if !slices.Contains(r.Vary, t) && !slices.Contains(r.Vary, "*") {
			r.Vary = append(r.Vary, t)
		}
	}
	slices.Sort(r.Vary)
}

func (r *response) dropVary(tokens ...string) {
	r.Vary = slices.DeleteFunc(r.Vary, func(v string) bool {
		return slices.ContainsFunc(tokens, func(t string) bool { return strings.EqualFold(t, v) })
	})
}

// comparable returns the fields that are compared: Content-Length only on a
// response the middleware ended, the body only where the handler ran (or
// withBody), and list headers normalised.
//
// Go's net/http removes Content-Length from every 204 response, as RFC 9110
// section 8.6 requires ("A server MUST NOT send a Content-Length header field
// in any response with a status code of 1xx or 204"), whatever a handler
// set; Express sends the "Content-Length: 0" cors sets. So Content-Length is
// compared on ended responses of other statuses (OptionsSuccessStatus 200).
func (r *response) comparable(withBody bool) response {
	c := *r.clone()
	if !c.Ended || c.Status == http.StatusNoContent {
		c.ContentLength = ""
	}
	if !c.Ran && !withBody {
		c.Body = ""
	}
	for k, v := range c.Headers {
		if listHeaders[k] {
			c.Headers[k] = normalizeList(v)
		}
	}
	if len(c.Vary) == 0 {
		c.Vary = nil
	}
	return c
}

func normalizeList(v string) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.Trim(p, " \t")
	}
	return strings.Join(parts, ",")
}

// send sends req to base (http://host:port) and reads the CORS-relevant
// parts of the answer.
func send(ctx context.Context, base string, req request) (*response, error) {
	r, err := http.NewRequestWithContext(ctx, req.Method, base+req.Target, nil)
	if err != nil {
		return nil, err
	}
	for _, h := range req.Headers {
		r.Header[http.CanonicalHeaderKey(h[0])] = append(r.Header[http.CanonicalHeaderKey(h[0])], h[1])
	}
	res, err := client.Do(r)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	out := &response{
		Status:        res.StatusCode,
		Headers:       map[string]string{},
		Ended:         res.Header.Get(corsEnded) == "1",
		ContentLength: strings.Join(res.Header.Values("Content-Length"), ", "),
		Ran:           res.Header.Get(handlerRan) == "1",
		Body:          string(body),
	}
	for _, h := range corsHeaders {
		if v := res.Header.Values(h); v != nil {
			out.Headers[h] = strings.Join(v, ", ")
		}
	}
	for _, line := range res.Header.Values("Vary") {
		for _, t := range strings.Split(line, ",") {
			if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
				out.addVary(t)
			}
		}
	}
	return out, nil
}

// handler is the Gin twin of the oracle's handler: ?status=NNN sets the
// status, ?next gives the 404 Express gives, ?error=401 answers 401
// "unauthorized" and any other ?error 500, as the oracle's error middleware.
func handler(c *gin.Context) {
	q := c.Request.URL.Query()
	switch {
	case q.Has("next"):
		c.String(http.StatusNotFound, "Cannot %s %s", c.Request.Method, c.Request.URL.Path)
		return
	case q.Get("error") == "401":
		c.String(http.StatusUnauthorized, "unauthorized")
		return
	case q.Has("error"):
		c.String(http.StatusInternalServerError, "Internal Server Error")
		return
	}
	status := http.StatusOK
	if s, err := strconv.Atoi(q.Get("status")); err == nil && s > 0 {
		status = s
	}
	c.Header(handlerRan, "1")
	c.String(status, "%s %s", c.Request.Method, c.Request.URL.Path)
}

// mark wraps a gincors middleware as the oracle wraps cors: a response the
// middleware ends itself carries corsEnded. gincors writes the status line
// when it aborts, so the header is set first and removed when it does not.
func mark(cors gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header(corsEnded, "1")
		cors(c)
		if !c.IsAborted() {
			c.Writer.Header().Del(corsEnded)
		}
	}
}

// setup registers the routes of a case on a Gin engine; cors is the case's
// gincors middleware, already wrapped with mark.
type setup func(r *gin.Engine, cors gin.HandlerFunc)

// harnessConfig is the harness part ($ keys) of an oracle config.
type harnessConfig struct {
	PreVary string  `json:"$preVary"`
	Use     bool    `json:"$use"`
	Group   *string `json:"$group"`
	Routes  []struct {
		Method string          `json:"method"`
		Path   string          `json:"path"`
		Cors   json.RawMessage `json:"cors"`
	} `json:"$routes"`
}

// setupFromOracle builds the Gin twin of the oracle's app from the same
// config: app.use(cors) + a handler for everything becomes r.Use(cors) +
// r.Any("/*path", handler); $routes become the same routes ("options" with
// cors: r.OPTIONS(path, cors) and no handler, as app.options(path, cors()));
// $use becomes r.Use(cors) (a group's gincors.Mount under $group); $preVary a
// middleware before cors that sets Vary.
func setupFromOracle(config string) (setup, error) {
	var hc harnessConfig
	if err := json.Unmarshal([]byte(config), &hc); err != nil {
		return nil, fmt.Errorf("oracle config %s: %w", config, err)
	}
	type route struct {
		method, path string
		cors         bool
	}
	var routes []route
	for _, rt := range hc.Routes {
		withCors := true
		switch c := strings.TrimSpace(string(rt.Cors)); c {
		case "", "true", "null":
		case "false":
			withCors = false
		default:
			return nil, fmt.Errorf("route cors %s: no Gin twin for a per-route options object; write a custom setup", c)
		}
		routes = append(routes, route{strings.ToUpper(rt.Method), rt.Path, withCors})
	}
	return func(r *gin.Engine, cors gin.HandlerFunc) {
		if hc.PreVary != "" {
			v := hc.PreVary
			r.Use(func(c *gin.Context) { c.Header("Vary", v) })
		}
		if hc.Routes == nil {
			r.Use(cors)
			r.Any("/*path", handler)
			return
		}
		var g gin.IRoutes = r
		switch {
		case hc.Group != nil:
			grp := r.Group(*hc.Group)
			if hc.Use {
				gincors.Mount(grp, cors)
			}
			g = grp
		case hc.Use:
			r.Use(cors)
		}
		for _, rt := range routes {
			var chain []gin.HandlerFunc
			if rt.cors && !hc.Use {
				chain = append(chain, cors)
			}
			if !(rt.method == http.MethodOptions && len(chain) > 0) {
				chain = append(chain, handler)
			}
			g.Handle(rt.method, rt.path, chain...)
		}
	}, nil
}

// configErrorFields returns the Field of every *gincors.ConfigError in err,
// sorted.
func configErrorFields(err error) []string {
	var fields []string
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*gincors.ConfigError); ok {
			fields = append(fields, ce.Field)
			return
		}
		if u, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range u.Unwrap() {
				walk(x)
			}
			return
		}
		if x := errors.Unwrap(e); x != nil {
			walk(x)
		}
	}
	if err != nil {
		walk(err)
	}
	slices.Sort(fields)
	return fields
}
