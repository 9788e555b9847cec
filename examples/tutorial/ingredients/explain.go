package ingredients

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// kind is one of the three kinds of CORS request the page makes.
type kind string

const (
	simple       kind = "simple"       // GET: sent at once, the answer checked after
	preflighted  kind = "preflighted"  // PUT with a custom header: an OPTIONS preflight first
	credentialed kind = "credentialed" // GET with credentials: "include"
)

// kindOf returns the kind of a try ID, "simple-3f9a" say.
func kindOf(id string) (kind, bool) {
	k, rest, ok := strings.Cut(id, "-")
	switch kind(k) {
	case simple, preflighted, credentialed:
		return kind(k), ok && rest != "" && len(id) <= 64
	}
	return "", false
}

// Header is one request or response header of an exchange. Sent is false
// for a CORS header the response lacks, shown because its absence decided.
// Mark is "good" or "bad" for a header the browser's decision turned on.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Sent  bool   `json:"sent"`
	Mark  string `json:"mark,omitempty"`
}

// Exchange is one request the API received and its answer, as far as CORS
// is concerned.
type Exchange struct {
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Status   int      `json:"status"`
	Request  []Header `json:"request"`
	Response []Header `json:"response"`
	// Debug holds what gincors's Config.Debug said about this request.
	Debug []string `json:"debug"`

	try string // the page's try ID, from the query
}

// The headers an exchange shows, in this order.
var (
	requestHeaders  = []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Content-Type", "X-Chef", "Cookie"}
	responseHeaders = []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Headers", "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Vary"}
)

// recorder keeps the latest exchanges of requests tagged with a try ID.
type recorder struct {
	mu  sync.Mutex
	max int
	ex  []*Exchange // oldest first
}

func newRecorder(max int) *recorder { return &recorder{max: max} }

const exchangeKey = "ingredients.exchange"

// middleware records requests that carry ?try=ID; it runs before gincors,
// so that it sees the answer gincors wrote, preflights included.
func (rec *recorder) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.Query("try")
		if _, ok := kindOf(id); !ok {
			c.Next()
			return
		}
		ex := &Exchange{Method: c.Request.Method, Path: c.Request.URL.Path, Debug: []string{}, try: id}
		for _, name := range requestHeaders {
			if v := c.Request.Header.Values(name); len(v) > 0 {
				value := strings.Join(v, ", ")
				if name == "Cookie" {
					// Cookies for 127.0.0.1 are shared by every port:
					// other local apps' sessions must not reach the page.
					value = strconv.Itoa(len(c.Request.Cookies())) + " cookie(s), values not shown"
				}
				ex.Request = append(ex.Request, Header{Name: name, Value: value, Sent: true})
			}
		}
		c.Set(exchangeKey, ex)
		c.Next()
		ex.Status = c.Writer.Status()
		for _, name := range responseHeaders {
			v := c.Writer.Header().Values(name)
			if len(v) > 0 || name == "Access-Control-Allow-Origin" {
				ex.Response = append(ex.Response, Header{Name: name, Value: strings.Join(v, ", "), Sent: len(v) > 0})
			}
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if len(rec.ex) == rec.max {
			rec.ex = slices.Delete(rec.ex, 0, 1)
		}
		rec.ex = append(rec.ex, ex)
	}
}

// debug adds a Debug explanation to the request's exchange, if recorded.
// It runs inside the middleware's c.Next, before the exchange is stored.
func (rec *recorder) debug(c *gin.Context, explanation string) {
	if v, ok := c.Get(exchangeKey); ok {
		ex := v.(*Exchange)
		ex.Debug = append(ex.Debug, explanation)
	}
}

// find returns copies of the exchanges of the try id, oldest first.
func (rec *recorder) find(id string) []Exchange {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []Exchange
	for _, ex := range rec.ex {
		if ex.try == id {
			c := *ex
			c.Request = slices.Clone(ex.Request)
			c.Response = slices.Clone(ex.Response)
			c.Debug = slices.Clone(ex.Debug)
			out = append(out, c)
		}
	}
	return out
}

// Explanation is what GET /explain returns: whether the browser may let the
// page read the answer to one of its tries, in words, and the exchanges that
// decided it.
type Explanation struct {
	Kind          kind       `json:"kind"`
	Origin        string     `json:"origin"` // the page's, as the API saw it
	AllowedOrigin string     `json:"allowedOrigin"`
	Allowed       bool       `json:"allowed"`
	Summary       string     `json:"summary"` // the verdict and its reason, one sentence
	Why           []string   `json:"why"`     // how it came about, in order
	Exchanges     []Exchange `json:"exchanges"`
}

// explain decides, as a browser does from the headers alone, whether a try
// is allowed, and says why. The page shows the browser's own outcome next
// to it.
func explain(k kind, allowedOrigin string, allowCredentials bool, exs []Exchange) Explanation {
	e := Explanation{Kind: k, AllowedOrigin: allowedOrigin, Why: []string{}, Exchanges: exs}
	if e.Exchanges == nil {
		e.Exchanges = []Exchange{}
	}
	if len(exs) == 0 {
		e.Summary = "The API has no record of this request: it never arrived, or this page server does not share the API's record."
		return e
	}
	e.Origin = header(exs[0].Request, "Origin")
	notAllowed := "the API allows only " + allowedOrigin + ", not this page's origin, " + e.Origin + "."

	actual := &e.Exchanges[0]
	if k == preflighted {
		pre := &e.Exchanges[0]
		if pre.Method != http.MethodOptions {
			e.Summary = "The API received no preflight for this request."
			return e
		}
		switch problem := checkPreflight(pre, e.Origin); {
		case strings.Contains(problem, "Access-Control-Allow-Origin"):
			e.Summary = "The browser blocked the PUT before sending it, because " + notAllowed
			e.Why = append(e.Why, "The preflight's answer "+problem+", so the browser never sent the PUT, and the script gets only a TypeError.")
			return e
		case problem != "":
			e.Summary = "The browser blocked the PUT before sending it: the preflight's answer " + problem + "."
			return e
		}
		e.Why = append(e.Why, "The preflight's answer allows this origin (Access-Control-Allow-Origin), the method PUT (Access-Control-Allow-Methods) and the headers "+
			strings.Join(list(header(pre.Request, "Access-Control-Request-Headers")), " and ")+" (Access-Control-Allow-Headers), so the browser sent the PUT.")
		if len(exs) < 2 {
			e.Summary = "The API has no record of the PUT."
			return e
		}
		actual = &e.Exchanges[1]
	}

	switch problem := checkOrigin(actual, e.Origin, k == credentialed); {
	case strings.Contains(problem, "Access-Control-Allow-Origin"):
		e.Summary = "The browser blocked the response, because " + notAllowed
		e.Why = append(e.Why, "The API answered "+strconv.Itoa(actual.Status)+", but the response "+problem+
			", so the browser kept it from this page's script, which gets only a TypeError.")
	case problem != "":
		e.Summary = "The browser blocked the response, because the API allows this origin but not credentials."
		e.Why = append(e.Why, "The response has Access-Control-Allow-Origin: "+e.Origin+" but "+problem+", which a credentialed request needs.")
		if !allowCredentials {
			e.Why = append(e.Why, "gincors sends it when the Config sets AllowCredentials: true (Express: credentials: true). Restart the demo with -credentials to see this request allowed.")
		}
	case k == preflighted:
		e.Allowed = true
		e.Summary = "Allowed: the preflight's answer let the browser send the PUT, and the PUT's response has this page's origin, " +
			e.Origin + ", in Access-Control-Allow-Origin, so the browser let the script read it."
	default:
		e.Allowed = true
		e.Summary = "Allowed: the response's Access-Control-Allow-Origin is this page's origin, " + e.Origin
		if k == credentialed {
			e.Summary += ", and Access-Control-Allow-Credentials is true"
		}
		e.Summary += ", so the browser let the script read it."
	}
	return e
}

// checkOrigin says what in ex's response keeps origin from reading it, or
// returns "", and marks the headers that decided.
func checkOrigin(ex *Exchange, origin string, credentials bool) string {
	acao := mark(ex, "Access-Control-Allow-Origin")
	switch {
	case !acao.Sent:
		acao.Mark = "bad"
		return "has no Access-Control-Allow-Origin header"
	case acao.Value == "*" && credentials:
		acao.Mark = "bad"
		return `has Access-Control-Allow-Origin: *, which does not count for a credentialed request`
	case acao.Value != "*" && acao.Value != origin:
		acao.Mark = "bad"
		return "has Access-Control-Allow-Origin: " + acao.Value + ", not this page's origin"
	}
	acao.Mark = "good"
	if credentials {
		acac := mark(ex, "Access-Control-Allow-Credentials")
		if acac.Value != "true" {
			acac.Mark = "bad"
			return "has no Access-Control-Allow-Credentials: true"
		}
		acac.Mark = "good"
	}
	return ""
}

// checkPreflight says what in a preflight's answer keeps the browser from
// sending the request, or returns "".
func checkPreflight(pre *Exchange, origin string) string {
	if pre.Status < 200 || pre.Status > 299 {
		return "has status " + strconv.Itoa(pre.Status) + ", and a preflight needs 2xx"
	}
	if problem := checkOrigin(pre, origin, false); problem != "" {
		return problem
	}
	method := header(pre.Request, "Access-Control-Request-Method")
	acam := mark(pre, "Access-Control-Allow-Methods")
	if !slices.Contains(list(acam.Value), method) && !slices.Contains(list(acam.Value), "*") {
		acam.Mark = "bad"
		return "does not list " + method + " in Access-Control-Allow-Methods"
	}
	acam.Mark = "good"
	acah := mark(pre, "Access-Control-Allow-Headers")
	allowed := list(strings.ToLower(acah.Value))
	for _, name := range list(strings.ToLower(header(pre.Request, "Access-Control-Request-Headers"))) {
		if !slices.Contains(allowed, name) && (name == "authorization" || !slices.Contains(allowed, "*")) {
			acah.Mark = "bad"
			return "does not list the header " + name + " in Access-Control-Allow-Headers"
		}
		acah.Mark = "good"
	}
	return ""
}

// mark returns ex's response header name, adding it as not sent if absent.
func mark(ex *Exchange, name string) *Header {
	for i := range ex.Response {
		if ex.Response[i].Name == name {
			return &ex.Response[i]
		}
	}
	ex.Response = append(ex.Response, Header{Name: name})
	slices.SortStableFunc(ex.Response, func(a, b Header) int {
		return slices.Index(responseHeaders, a.Name) - slices.Index(responseHeaders, b.Name)
	})
	return mark(ex, name)
}

func header(hs []Header, name string) string {
	for _, h := range hs {
		if h.Name == name {
			return h.Value
		}
	}
	return ""
}

// list splits a comma-separated header value.
func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
