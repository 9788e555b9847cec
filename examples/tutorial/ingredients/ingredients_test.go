package ingredients

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

const webOrigin = "http://127.0.0.1:6068"

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	os.Exit(m.Run())
}

func TestAPIAllowsTheFrontEnd(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/ingredients", nil)
	req.Header.Set("Origin", webOrigin)
	w := httptest.NewRecorder()
	API(webOrigin).ServeHTTP(w, req)

	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != webOrigin {
		t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, webOrigin)
	}
	var got []Ingredient
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Item != "Bacon" {
		t.Errorf("body = %+v", got)
	}
}

func TestAPIIgnoresOtherOrigins(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/ingredients", nil)
	req.Header.Set("Origin", "http://localhost:6068") // same server, another origin
	w := httptest.NewRecorder()
	API(webOrigin).ServeHTTP(w, req)

	// The handler still answers; the browser withholds the response.
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("Access-Control-Allow-Origin = %q, want none", got)
	}
	if got := w.Header().Get("Vary"); got != "Origin" {
		t.Errorf("Vary = %q, want Origin", got)
	}
}

func TestPageNamesTheAPI(t *testing.T) {
	d := New(Config{APIURL: "http://127.0.0.1:6069", AllowedOrigin: webOrigin})
	w := httptest.NewRecorder()
	d.Page().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	body := w.Body.String()
	for _, want := range []string{`data-api="http://127.0.0.1:6069"`, `data-allowed="` + webOrigin + `"`,
		`id="ingredients"`, `id="status"`, `id="simple"`, `id="preflighted"`, `id="credentialed"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// browser sends a try as a browser would: a preflight first for a
// preflighted one, and the PUT only if the preflight allows it (as the
// demo's own verdict decides, which TestCheckPreflight checks apart).
func browser(t *testing.T, api http.Handler, k kind, origin, id string) {
	t.Helper()
	target := "/ingredients?try=" + id
	switch k {
	case preflighted:
		target = "/ingredients/5?try=" + id
		pre := extest.Serve(api, http.MethodOptions, target, "Origin", origin,
			"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,x-chef")
		if pre.Header().Get("Access-Control-Allow-Origin") != origin {
			return
		}
		req := httptest.NewRequest(http.MethodPut, target, strings.NewReader(`{"item":"Flour"}`))
		req.Header.Set("Origin", origin)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Chef", "gopher")
		w := httptest.NewRecorder()
		api.ServeHTTP(w, req)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"item":"Flour"`) {
			t.Errorf("PUT: status %d, body %s", w.Code, w.Body)
		}
	default:
		if w := extest.Serve(api, http.MethodGet, target, "Origin", origin); w.Code != http.StatusOK {
			t.Errorf("GET: status %d", w.Code)
		}
	}
}

// TestExplain makes each of the page's three tries from both origins, as
// a browser would, and reads back what GET /explain tells the page.
func TestExplain(t *testing.T) {
	const other = "http://localhost:6068"
	for _, tc := range []struct {
		kind        kind
		origin      string
		credentials bool // AllowCredentials
		allowed     bool
		summary     string   // in Summary
		why         string   // in one of Why
		marks       []string // "Name=mark" of the response headers, all exchanges
		methods     string   // the exchanges' methods
		debug       bool     // a Debug line naming the origin, logged too
	}{
		{simple, webOrigin, false, true, "Allowed: the response's Access-Control-Allow-Origin is this page's origin, " + webOrigin,
			"", []string{"Access-Control-Allow-Origin=good"}, "GET", false},
		{simple, other, false, false, "blocked the response, because the API allows only " + webOrigin + ", not this page's origin, " + other,
			"no Access-Control-Allow-Origin header", []string{"Access-Control-Allow-Origin=bad"}, "GET", true},
		{preflighted, webOrigin, false, true, "Allowed",
			"The preflight's answer allows this origin (Access-Control-Allow-Origin), the method PUT (Access-Control-Allow-Methods) and the headers content-type and x-chef", []string{"Access-Control-Allow-Origin=good", "Access-Control-Allow-Methods=good",
				"Access-Control-Allow-Headers=good", "Access-Control-Allow-Origin=good"}, "OPTIONS PUT", false},
		{preflighted, other, false, false, "blocked the PUT before sending it, because the API allows only " + webOrigin,
			"never sent the PUT", []string{"Access-Control-Allow-Origin=bad"}, "OPTIONS", true},
		{credentialed, webOrigin, false, false, "allows this origin but not credentials",
			"-credentials", []string{"Access-Control-Allow-Origin=good", "Access-Control-Allow-Credentials=bad"}, "GET", false},
		{credentialed, webOrigin, true, true, "and Access-Control-Allow-Credentials is true",
			"", []string{"Access-Control-Allow-Origin=good", "Access-Control-Allow-Credentials=good"}, "GET", false},
		{credentialed, other, true, false, "because the API allows only " + webOrigin,
			"no Access-Control-Allow-Origin header", []string{"Access-Control-Allow-Origin=bad"}, "GET", true},
	} {
		name := fmt.Sprintf("%s from %s, AllowCredentials %v", tc.kind, tc.origin, tc.credentials)
		t.Run(name, func(t *testing.T) {
			var log strings.Builder
			d := New(Config{APIURL: "http://127.0.0.1:6069", AllowedOrigin: webOrigin, AllowCredentials: tc.credentials, Log: &log})
			id := string(tc.kind) + "-t1"
			browser(t, d.API(), tc.kind, tc.origin, id)
			browser(t, d.API(), tc.kind, tc.origin, string(tc.kind)+"-t2") // another try, not to be mixed in

			w := extest.Serve(d.Page(), http.MethodGet, "/explain?try="+id)
			if w.Code != http.StatusOK {
				t.Fatalf("GET /explain: status %d, %s", w.Code, w.Body)
			}
			var e Explanation
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
				t.Fatal(err)
			}
			if e.Allowed != tc.allowed || e.Origin != tc.origin || e.AllowedOrigin != webOrigin {
				t.Errorf("allowed %v, origin %q, allowed origin %q; want %v, %q, %q", e.Allowed, e.Origin, e.AllowedOrigin, tc.allowed, tc.origin, webOrigin)
			}
			if !strings.Contains(e.Summary, tc.summary) {
				t.Errorf("summary %q lacks %q", e.Summary, tc.summary)
			}
			if !strings.Contains(strings.Join(e.Why, " "), tc.why) {
				t.Errorf("why %q lacks %q", e.Why, tc.why)
			}
			var methods, marks, debug []string
			for _, x := range e.Exchanges {
				methods = append(methods, x.Method)
				debug = append(debug, x.Debug...)
				if got := header(x.Request, "Origin"); got != tc.origin {
					t.Errorf("%s: request Origin %q", x.Method, got)
				}
				for _, h := range x.Response {
					if h.Mark != "" {
						marks = append(marks, h.Name+"="+h.Mark)
					}
				}
			}
			if got := strings.Join(methods, " "); got != tc.methods {
				t.Errorf("exchanges %q, want %q", got, tc.methods)
			}
			if !slices.Equal(marks, tc.marks) {
				t.Errorf("marks %q, want %q", marks, tc.marks)
			}
			// Debug speaks for refused origins only; both tries were logged.
			if tc.debug {
				if len(debug) != 1 || !strings.Contains(debug[0], tc.origin) {
					t.Errorf("Debug lines %q, want one naming %q", debug, tc.origin)
				}
				lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
				if len(lines) != 2 || !strings.Contains(lines[0], tc.origin) || !strings.Contains(lines[1], tc.origin) {
					t.Errorf("log %q, want two lines naming %q, one a try", lines, tc.origin)
				}
			} else if len(debug) != 0 || log.Len() != 0 {
				t.Errorf("Debug lines %q, log %q; want none", debug, log.String())
			}
		})
	}
}

func TestExplainWithoutRecord(t *testing.T) {
	page := Page("http://127.0.0.1:6069") // no API shares its record
	w := extest.Serve(page, http.MethodGet, "/explain?try=simple-x")
	var e Explanation
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatal(err)
	}
	if e.Allowed || len(e.Exchanges) != 0 || !strings.Contains(e.Summary, "no record") {
		t.Errorf("explanation %+v", e)
	}
	for _, bad := range []string{"", "simple", "simple-", "other-x", "x-simple", "simple-" + strings.Repeat("x", 64)} {
		if w := extest.Serve(page, http.MethodGet, "/explain?try="+bad); w.Code != http.StatusBadRequest {
			t.Errorf("try=%q: status %d, want 400", bad, w.Code)
		}
	}
}

// TestCheckPreflight checks the demo's reading of a preflight's answer,
// which the API under test never gets wrong, against answers that are.
func TestCheckPreflight(t *testing.T) {
	const origin = "http://a.test"
	pre := func(status int, acrh string, response ...string) *Exchange {
		ex := &Exchange{Status: status, Request: []Header{{Name: "Origin", Value: origin, Sent: true},
			{Name: "Access-Control-Request-Method", Value: "PUT", Sent: true}}}
		if acrh != "" {
			ex.Request = append(ex.Request, Header{Name: "Access-Control-Request-Headers", Value: acrh, Sent: true})
		}
		for i := 0; i+1 < len(response); i += 2 {
			ex.Response = append(ex.Response, Header{Name: response[i], Value: response[i+1], Sent: true})
		}
		return ex
	}
	for _, tc := range []struct {
		name string
		ex   *Exchange
		want string // in the problem; "" for none
	}{
		{"allowed", pre(204, "x-chef", "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "GET,PUT",
			"Access-Control-Allow-Headers", "X-Chef"), ""},
		{"wildcards", pre(204, "x-chef", "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "*",
			"Access-Control-Allow-Headers", "*"), ""},
		{"status", pre(404, "", "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "PUT"), "status 404"},
		{"no origin", pre(204, ""), "no Access-Control-Allow-Origin"},
		{"other origin", pre(204, "", "Access-Control-Allow-Origin", "http://b.test"), "http://b.test, not this page's origin"},
		{"method", pre(204, "", "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "GET,put"), "does not list PUT"},
		{"no methods", pre(204, "", "Access-Control-Allow-Origin", origin), "does not list PUT"},
		{"header", pre(204, "content-type,x-chef", "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "PUT",
			"Access-Control-Allow-Headers", "Content-Type"), "the header x-chef"},
		{"authorization needs its name", pre(204, "authorization", "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "PUT",
			"Access-Control-Allow-Headers", "*"), "the header authorization"},
	} {
		got := checkPreflight(tc.ex, origin)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: problem %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRecorderKeepsTheLatest(t *testing.T) {
	rec := newRecorder(3)
	r := gin.New()
	r.Use(rec.middleware())
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })
	for i := range 5 {
		extest.Serve(r, http.MethodGet, fmt.Sprintf("/?try=simple-%d", i), "Origin", webOrigin)
	}
	extest.Serve(r, http.MethodGet, "/?try=bogus", "Origin", webOrigin) // not a try: not recorded
	for i, want := range []int{0, 0, 1, 1, 1} {
		if got := len(rec.find(fmt.Sprintf("simple-%d", i))); got != want {
			t.Errorf("try %d: %d exchanges, want %d", i, got, want)
		}
	}
}

func TestRecorderHidesCookies(t *testing.T) {
	d := New(Config{AllowedOrigin: webOrigin})
	extest.Serve(d.API(), http.MethodGet, "/ingredients?try=credentialed-c", "Origin", webOrigin, "Cookie", "session=secret; other=x")
	exs := d.rec.find("credentialed-c")
	if len(exs) != 1 {
		t.Fatalf("%d exchanges", len(exs))
	}
	if got := header(exs[0].Request, "Cookie"); got != "2 cookie(s), values not shown" {
		t.Errorf("Cookie shown as %q", got)
	}
}
