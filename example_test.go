package gincors_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// show sends a request to h and prints the status and the CORS headers.
func show(h http.Handler, method, path string, header ...string) {
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)
	for _, k := range []string{
		"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Vary",
	} {
		if v := w.Header().Values(k); len(v) > 0 {
			fmt.Printf("%s: %s\n", k, strings.Join(v, ", "))
		}
	}
}

func ExampleNew() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins:     []string{"https://app.example.com"},
		AllowMethods:     []string{"GET", "PUT"},
		AllowHeaders:     []string{"Authorization", "Content-Type"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}))
	r.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusOK) })

	// The browser's preflight, then the request itself.
	show(r, "OPTIONS", "/items/1", "Origin", "https://app.example.com",
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type")
	show(r, "PUT", "/items/1", "Origin", "https://app.example.com")
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Credentials: true
	// Access-Control-Allow-Methods: GET,PUT
	// Access-Control-Allow-Headers: Authorization,Content-Type
	// Access-Control-Max-Age: 600
	// Vary: Origin
	// 200
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Credentials: true
	// Vary: Origin
}

func ExampleDefault() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gincors.Default())
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })

	show(r, "OPTIONS", "/", "Origin", "https://any.example",
		"Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-token")
	// Output:
	// 204
	// Access-Control-Allow-Origin: *
	// Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE
	// Access-Control-Allow-Headers: x-token
	// Vary: Access-Control-Request-Headers
}

func ExampleConfig_Validate() {
	err := gincors.Config{
		AllowOrigins:     []string{"*", "https://app.example.com/"},
		AllowCredentials: true,
		MaxAge:           48 * time.Hour,
	}.Validate()
	fmt.Println(err)

	var ce *gincors.ConfigError
	if errors.As(err, &ce) {
		fmt.Println("first field:", ce.Field)
	}
	// Output:
	// gincors: AllowOrigins[0] "*": browsers reject the wildcard origin on credentialed requests; list the origins instead; to reflect every origin deliberately, use AllowOriginFunc: func(*gin.Context, string) bool { return true }, which lets any site read credentialed responses
	// gincors: AllowOrigins[1] "https://app.example.com/": an origin has no path; use "https://app.example.com"
	// gincors: MaxAge 48h0m0s: browsers cap the preflight cache (Firefox at 24h, Chromium at 2h); use 24 * time.Hour
	// first field: AllowOrigins[0]
}

// The origin patterns: exact origins, subdomains, any port, and anchored
// regexps.
func Example_originPatterns() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins: []string{
			"https://app.example.com", // exactly this origin
			"https://*.example.org",   // a.example.org, a.b.example.org; not example.org
			"http://localhost:*",      // localhost on any port, or none
		},
		AllowOriginRegexps: []*regexp.Regexp{regexp.MustCompile(`^https://pr-[0-9]+\.preview\.example\.net$`)},
	}))
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })

	for _, origin := range []string{
		"https://app.example.com",
		"https://eu.api.example.org",
		"https://example.org",
		"https://example.org.evil.net",
		"http://localhost:5173",
		"http://localhost.evil.net",
		"https://pr-42.preview.example.net",
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Origin", origin)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		fmt.Printf("%-34s allowed=%v\n", origin, w.Header().Get("Access-Control-Allow-Origin") != "")
	}
	// Output:
	// https://app.example.com            allowed=true
	// https://eu.api.example.org         allowed=true
	// https://example.org                allowed=false
	// https://example.org.evil.net       allowed=false
	// http://localhost:5173              allowed=true
	// http://localhost.evil.net          allowed=false
	// https://pr-42.preview.example.net  allowed=true
}

// A route group: Mount applies the policy to the group's routes and answers
// their preflights.
func ExampleMount() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	api := r.Group("/api")
	gincors.Mount(api, gincors.New(gincors.Config{AllowOrigins: []string{"https://app.example.com"}}))
	api.DELETE("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	show(r, "OPTIONS", "/api/items/7", "Origin", "https://app.example.com", "Access-Control-Request-Method", "DELETE")
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE
	// Vary: Origin, Access-Control-Request-Headers
}

// A single route: register the middleware on the route and on OPTIONS for
// the same path, as Express's app.options(path, cors()).
func ExampleNew_perRoute() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	cors := gincors.New(gincors.Config{AllowOrigins: []string{"https://app.example.com"}, AllowHeaders: []string{"Content-Type"}})
	r.PATCH("/products/:id", cors, func(c *gin.Context) { c.Status(http.StatusOK) })
	r.OPTIONS("/products/:id", cors)

	show(r, "OPTIONS", "/products/3", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PATCH")
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE
	// Access-Control-Allow-Headers: Content-Type
	// Vary: Origin
}

// Allowed origins kept in a database: Reconfigure swaps the policy while
// the server runs, and refuses an invalid one.
func ExampleMiddleware_Reconfigure() {
	gin.SetMode(gin.ReleaseMode)
	m, err := gincors.NewMiddleware(gincors.Config{AllowOrigins: []string{"https://a.example.com"}})
	if err != nil {
		panic(err)
	}
	r := gin.New()
	r.Use(m.Handler())
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })

	// Later, when the tenants table changes:
	err = m.Reconfigure(gincors.Config{AllowOrigins: []string{"https://a.example.com", "https://b.example.com"}})
	fmt.Println("reconfigured:", err)
	err = m.Reconfigure(gincors.Config{AllowOrigins: []string{"b.example.com"}})
	fmt.Println("refused:", err)

	show(r, "GET", "/", "Origin", "https://b.example.com")
	// Output:
	// reconfigured: <nil>
	// refused: gincors: AllowOrigins[0] "b.example.com": an origin needs a scheme; use "https://b.example.com"
	// 200
	// Access-Control-Allow-Origin: https://b.example.com
	// Vary: Origin
}

// Debug explains the requests the policy rejects or only partly allows.
func ExampleConfig_debug() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins: []string{"https://app.example.com"},
		AllowHeaders: []string{"Content-Type"},
		Debug:        func(c *gin.Context, explanation string) { fmt.Println(explanation) },
	}))
	r.GET("/", func(c *gin.Context) { c.Status(http.StatusOK) })

	req := httptest.NewRequest("OPTIONS", "/", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-api-key")
	r.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// gincors: preflight OPTIONS / from "https://app.example.com" for "PUT" with headers "content-type,x-api-key": header "x-api-key" is not in AllowHeaders (add "x-api-key" to AllowHeaders)
}
