package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// probeJS defines probe(url, init, names): one fetch, reduced to what the
// page may see. A CORS failure rejects the fetch with a bare TypeError; the
// reason is only in the console.
const probeJS = `
window.probe = async (url, init, names) => {
  try {
    const res = await fetch(url, init || {});
    const headers = {};
    for (const n of names || []) headers[n] = res.headers.get(n);
    return {ok: true, status: res.status, body: await res.text(), headers};
  } catch (e) {
    return {ok: false, error: String(e)};
  }
};
`

// blankPage is a page that only defines probe.
const blankPage = `<!doctype html><html><head><meta charset="utf-8"><title>e2e</title>
<script>` + probeJS + `</script></head><body>e2e</body></html>`

// sandboxPage embeds /frame in an iframe sandboxed without allow-same-origin,
// so the frame's origin is opaque and its fetches carry "Origin: null".
// inSandbox(expr) evaluates expr in the frame and resolves to its value.
const sandboxPage = `<!doctype html><html><head><meta charset="utf-8"><title>sandbox</title>
<script>
window.frameReady = new Promise((resolve) => {
  addEventListener("message", function ready(e) {
    if (e.data === "ready") { removeEventListener("message", ready); resolve(); }
  });
});
window.inSandbox = async (expr) => {
  await frameReady;
  return new Promise((resolve) => {
    addEventListener("message", function answer(e) {
      if (e.data && e.data.result !== undefined) { removeEventListener("message", answer); resolve(e.data.result); }
    });
    document.getElementById("frame").contentWindow.postMessage(expr, "*");
  });
};
</script></head>
<body><iframe id="frame" sandbox="allow-scripts" src="/frame"></iframe></body></html>`

const framePage = `<!doctype html><html><head><meta charset="utf-8"><title>frame</title>
<script>` + probeJS + `
addEventListener("message", async (e) => {
  let result;
  try { result = await (0, eval)(e.data); } catch (err) { result = [{ok: false, error: "script error: " + err}]; }
  parent.postMessage({result}, "*");
});
parent.postMessage("ready", "*");
</script></head><body>frame</body></html>`

// origins are the page origins of the shared page server. Every *.test name
// reaches 127.0.0.1 through Chromium's host resolver rules, so one server on
// one port serves them all; the browser sees distinct origins.
type origins struct {
	Port      string
	App       string // http://app.example.test:P, the usual allowed origin
	Other     string // http://other.example.test:P, another subdomain
	Apex      string // http://example.test:P
	Lookalike string // http://evilexample.test:P, no dot before example.test
	Suffix    string // http://app.example.test.evil.test:P
	Evil      string // http://evil.test:P
	Localhost string // http://localhost:P
	Loopback  string // http://127.0.0.1:P
}

var (
	pagesOnce sync.Once
	pages     origins
)

// pageServer starts (once) the static page server on 127.0.0.1.
func pageServer(t *testing.T) origins {
	t.Helper()
	pagesOnce.Do(func() {
		mux := http.NewServeMux()
		serve := func(body string) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Cache-Control", "no-store")
				fmt.Fprint(w, body)
			}
		}
		mux.HandleFunc("GET /blank", serve(blankPage))
		mux.HandleFunc("GET /sandbox", serve(sandboxPage))
		mux.HandleFunc("GET /frame", serve(framePage))
		mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
		srv := httptest.NewServer(mux) // listens on 127.0.0.1:0
		_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
		at := func(host string) string { return "http://" + host + ":" + port }
		pages = origins{
			Port:      port,
			App:       at("app.example.test"),
			Other:     at("other.example.test"),
			Apex:      at("example.test"),
			Lookalike: at("evilexample.test"),
			Suffix:    at("app.example.test.evil.test"),
			Evil:      at("evil.test"),
			Localhost: at("localhost"),
			Loopback:  at("127.0.0.1"),
		}
		// The server lives as long as the test binary.
	})
	return pages
}

// hit is one request that reached an API server, and its response.
type hit struct {
	Method, Path          string
	Origin, ACRM, ACRH    string
	Cookie, Authorization string
	Status                int
	Resp                  http.Header
	Handler               string // name set by the handler that ran, "" if none did
}

func (h hit) preflight() bool { return h.Method == http.MethodOptions && h.ACRM != "" }

func (h hit) String() string {
	return fmt.Sprintf("%s %s origin=%q acrm=%q acrh=%q -> %d handler=%q ACAO=%q ACAM=%q ACAH=%q",
		h.Method, h.Path, h.Origin, h.ACRM, h.ACRH, h.Status, h.Handler,
		h.Resp.Get("Access-Control-Allow-Origin"), h.Resp.Get("Access-Control-Allow-Methods"), h.Resp.Get("Access-Control-Allow-Headers"))
}

// apiServer is a gin engine on loopback whose first middleware records every
// request it gets, before CORS and routing.
type apiServer struct {
	URL    string
	Engine *gin.Engine

	recorder[hit]
}

// newAPI returns an API engine, not yet listening.
func newAPI() *apiServer {
	a := &apiServer{Engine: gin.New()}
	a.Engine.Use(gin.Recovery(), a.record)
	return a
}

// start serves the engine on 127.0.0.1:0 and sets URL with host.
func (a *apiServer) start(t *testing.T, host string) {
	t.Helper()
	srv := httptest.NewServer(a.Engine)
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)
	a.URL = "http://" + host + ":" + port
}

func (a *apiServer) record(c *gin.Context) {
	r := c.Request
	h := hit{
		Method:        r.Method,
		Path:          r.URL.Path,
		Origin:        r.Header.Get("Origin"),
		ACRM:          r.Header.Get("Access-Control-Request-Method"),
		ACRH:          r.Header.Get("Access-Control-Request-Headers"),
		Cookie:        r.Header.Get("Cookie"),
		Authorization: r.Header.Get("Authorization"),
	}
	c.Next()
	h.Status = c.Writer.Status()
	h.Resp = c.Writer.Header().Clone()
	h.Handler = c.GetString("handler")
	a.add(h)
}

func (a *apiServer) preflights() []hit {
	var out []hit
	for _, h := range a.all() {
		if h.preflight() {
			out = append(out, h)
		}
	}
	return out
}

// actual returns the non-preflight requests with the given method.
func (a *apiServer) actual(method string) []hit {
	var out []hit
	for _, h := range a.all() {
		if !h.preflight() && h.Method == method {
			out = append(out, h)
		}
	}
	return out
}

func (a *apiServer) dump() string {
	var b strings.Builder
	for _, h := range a.all() {
		b.WriteString(h.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// handle is a handler that marks that it ran, sets one header the tests
// expose and one they do not, and answers its name.
func handle(name string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set("handler", name)
		c.Header("X-Request-Id", "req-42")
		c.Header("X-Secret", "s3cret")
		c.String(http.StatusOK, name)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
