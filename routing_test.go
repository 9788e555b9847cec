package gincors

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMountGroupRoot is issue 7's bug 2: a route on the group's own path
// (api.POST("")) is a very common Gin pattern, and its preflight must not get
// Gin's trailing-slash redirect (307) or 404, which a browser cannot follow.
func TestMountGroupRoot(t *testing.T) {
	for _, redirect := range []bool{true, false} {
		e := gin.New()
		e.RedirectTrailingSlash = redirect
		api := e.Group("/api")
		Mount(api, New(Config{AllowOrigins: []string{appOrigin}}))
		api.POST("", func(c *gin.Context) { c.String(http.StatusCreated, "created") })
		for _, path := range []string{"/api", "/api/", "/api/x"} {
			w := do(e, newRequest("OPTIONS", path, "Origin", appOrigin, "Access-Control-Request-Method", "POST"))
			assert.Equal(t, http.StatusNoContent, w.Code, "RedirectTrailingSlash=%v %s", redirect, path)
			assert.Equal(t, appOrigin, w.Header().Get(headerAllowOrigin), "RedirectTrailingSlash=%v %s", redirect, path)
		}
		w := do(e, newRequest("POST", "/api", "Origin", appOrigin))
		assert.Equal(t, http.StatusCreated, w.Code)
		assert.Equal(t, appOrigin, w.Header().Get(headerAllowOrigin))
	}
}

// TestMountConflicts: Gin allows no OPTIONS route next to a catch-all in
// the same segment, so Mount cannot share a path with another Mount or with
// the group's own OPTIONS routes, in either order. Mount must say what to do
// instead of leaving Gin's message about wildcards.
func TestMountConflicts(t *testing.T) {
	cors := New(Config{AllowOrigins: []string{appOrigin}})
	ok := func(c *gin.Context) {}
	cases := map[string]func(e *gin.Engine){
		"inner group after outer Mount": func(e *gin.Engine) {
			api := e.Group("/api")
			Mount(api, cors)
			Mount(api.Group("/v1"), cors)
		},
		"outer group after inner Mount": func(e *gin.Engine) {
			api := e.Group("/api")
			Mount(api.Group("/v1"), cors)
			Mount(api, cors)
		},
		"group with its own OPTIONS route": func(e *gin.Engine) {
			api := e.Group("/api")
			api.OPTIONS("/items", ok)
			Mount(api, cors)
		},
		"OPTIONS route on the group's path": func(e *gin.Engine) {
			api := e.Group("/api")
			api.OPTIONS("", ok)
			Mount(api, cors)
		},
		"root group with an OPTIONS route": func(e *gin.Engine) {
			e.OPTIONS("/health", ok)
			Mount(e.Group(""), cors)
		},
	}
	for name, register := range cases {
		t.Run(name, func(t *testing.T) {
			msg := registrationPanic(func() { register(gin.New()) })
			assert.Contains(t, msg, "gincors.Mount: Gin refuses OPTIONS /")
			assert.Contains(t, msg, "mount only one of the nested groups")
		})
	}
}

// registrationPanic runs register and returns what it panicked with, or "".
func registrationPanic(register func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	register()
	return ""
}

// The routing matrix (issue 7): a policy applied every supported way, on
// every route shape, under every combination of the engine options that
// change Gin's routing, must answer each preflight a browser would send for
// a registered route, and keep its headers on each actual response.

// matrixConfig makes every CORS header appear, so that a lost one shows.
var matrixConfig = Config{
	AllowOrigins:     []string{appOrigin},
	AllowMethods:     []string{"GET", "POST", "PUT", "PATCH", "DELETE"},
	AllowHeaders:     []string{"X-Custom"},
	ExposeHeaders:    []string{"X-Total"},
	AllowCredentials: true,
	MaxAge:           time.Hour,
}

// mountStyle applies cors to an engine one supported way and returns the
// group the routes go on; perRoute styles put cors on each route instead.
type mountStyle struct {
	name     string
	group    func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup
	perRoute bool
	// fails is the documented message of a style Gin cannot support.
	fails string
}

// mountConflict is how Mount refuses a nested Mount (see Mount's doc).
const mountConflict = "gincors.Mount: Gin refuses OPTIONS /api/v1"

var mountStyles = []mountStyle{
	{name: "engine Use", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		e.Use(cors)
		return e.Group("/api")
	}},
	{name: "Mount group", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		g := e.Group("/api")
		Mount(g, cors)
		return g
	}},
	{name: "Mount group with trailing slash", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		g := e.Group("/api/")
		Mount(g, cors)
		return g
	}},
	{name: "Mount nested group", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		g := e.Group("/api").Group("/v1")
		Mount(g, cors)
		return g
	}},
	{name: "Mount root group", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		g := e.Group("")
		Mount(g, cors)
		return g
	}},
	{name: "Mount engine", group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
		Mount(e, cors)
		return &e.RouterGroup
	}},
	{name: "per route", perRoute: true, group: func(e *gin.Engine, _ gin.HandlerFunc) *gin.RouterGroup {
		return e.Group("/api")
	}},
	{name: "Mount nested group under Mounted group", fails: mountConflict,
		group: func(e *gin.Engine, cors gin.HandlerFunc) *gin.RouterGroup {
			api := e.Group("/api")
			Mount(api, cors)
			g := api.Group("/v1")
			Mount(g, cors)
			return g
		}},
}

type shapeRoute struct{ method, path string }

// routeShape is a set of routes on a group; userOptions adds the user's own
// OPTIONS handler on /opt, next to a POST route there.
type routeShape struct {
	name        string
	routes      []shapeRoute
	userOptions bool
}

var (
	groupRoot      = shapeRoute{"POST", ""}
	groupRootSlash = shapeRoute{"PATCH", "/"}
	static         = shapeRoute{"PUT", "/items"}
	param          = shapeRoute{"DELETE", "/items/:id"}
	catchAll       = shapeRoute{"GET", "/files/*name"}
	routeShapes    = []routeShape{
		{name: "group root", routes: []shapeRoute{groupRoot}},
		{name: "group root with slash", routes: []shapeRoute{groupRootSlash}},
		{name: "static", routes: []shapeRoute{static}},
		{name: "param", routes: []shapeRoute{param}},
		{name: "catch-all", routes: []shapeRoute{catchAll}},
		{name: "all of these", routes: []shapeRoute{groupRoot, groupRootSlash, static, param, catchAll}},
		{name: "user OPTIONS route", routes: []shapeRoute{{"POST", "/opt"}}, userOptions: true},
	}
)

// userOptionsConflict is Gin's refusal of an OPTIONS route under Mount's
// catch-all, the same in gin v1.9.1 and v1.12.0 (tree.go, addRoute).
const userOptionsConflict = "conflicts with existing wildcard '/*path'"

// expectedFailure is the documented message for a combination Gin refuses
// to register, or "".
func expectedFailure(st mountStyle, sh routeShape) string {
	if st.fails != "" {
		return st.fails
	}
	if sh.userOptions && !st.perRoute && st.name != "engine Use" {
		return userOptionsConflict
	}
	return ""
}

// engineOptions are the gin.Engine settings that change how a request finds
// its handlers: redirects before any middleware runs, the 405 and 404
// chains, and matching on the escaped path.
type engineOptions struct {
	redirectTrailingSlash, redirectFixedPath, handleMethodNotAllowed, noRoute, useRawPath bool
}

// allEngineOptions generates every combination of the five settings.
func allEngineOptions() []engineOptions {
	var all []engineOptions
	for bits := 0; bits < 1<<5; bits++ {
		on := func(i int) bool { return bits&(1<<i) != 0 }
		all = append(all, engineOptions{on(0), on(1), on(2), on(3), on(4)})
	}
	return all
}

func (o engineOptions) String() string {
	flag := func(name string, on bool) string { return fmt.Sprintf("%s=%v", name, on) }
	return strings.Join([]string{
		flag("RedirectTrailingSlash", o.redirectTrailingSlash), flag("RedirectFixedPath", o.redirectFixedPath),
		flag("HandleMethodNotAllowed", o.handleMethodNotAllowed), flag("NoRoute", o.noRoute),
		flag("UseRawPath", o.useRawPath),
	}, ",")
}

func (o engineOptions) engine() *gin.Engine {
	e := gin.New()
	e.RedirectTrailingSlash = o.redirectTrailingSlash
	e.RedirectFixedPath = o.redirectFixedPath
	e.HandleMethodNotAllowed = o.handleMethodNotAllowed
	e.UseRawPath = o.useRawPath
	if o.noRoute {
		e.NoRoute(func(c *gin.Context) { c.String(http.StatusNotFound, "no route") })
		e.NoMethod(func(c *gin.Context) { c.String(http.StatusMethodNotAllowed, "no method") })
	}
	return e
}

// routeHandler names the route that ran, so that a redirect, a 404 or
// another route cannot pass for it.
func routeHandler(c *gin.Context) {
	c.Header("X-Total", "1")
	c.String(http.StatusOK, "route %s %s", c.Request.Method, c.FullPath())
}

func userOptionsHandler(c *gin.Context) {
	c.Header("X-User-Options", "ran")
	c.String(http.StatusOK, "user options")
}

// buildMatrixEngine registers the shape's routes the style's way, and
// returns what registration panicked with, if it did.
func buildMatrixEngine(st mountStyle, sh routeShape, o engineOptions, cors gin.HandlerFunc) (e *gin.Engine, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	e = o.engine()
	g := st.group(e, cors)
	for _, rt := range sh.routes {
		if st.perRoute {
			g.Handle(rt.method, rt.path, cors, routeHandler)
		} else {
			g.Handle(rt.method, rt.path, routeHandler)
		}
	}
	switch {
	case st.perRoute && sh.userOptions:
		g.OPTIONS("/opt", cors, userOptionsHandler)
	case st.perRoute:
		for _, rt := range sh.routes {
			g.OPTIONS(rt.path, cors)
		}
	case sh.userOptions:
		g.OPTIONS("/opt", userOptionsHandler)
	}
	return e, ""
}

// concretePath is a URL a page would request for a route path: the param
// holds an escaped comma and the catch-all an escaped slash, so that
// UseRawPath matches on a path that differs from the decoded one.
func concretePath(route string) string {
	route = strings.Replace(route, ":id", "a%2Cb", 1)
	return strings.Replace(route, "*name", "a%2Fb/c.txt", 1)
}

// matrixPreflight is the preflight a browser sends before a fetch with
// method and an X-Custom header.
func matrixPreflight(method, path string) *http.Request {
	return newRequest("OPTIONS", path, "Origin", appOrigin,
		"Access-Control-Request-Method", method, "Access-Control-Request-Headers", "x-custom")
}

// referencePreflights are the policy's answers when it runs engine-wide on
// a plain route, the answers every other way of mounting it must give.
func referencePreflights(cors gin.HandlerFunc) map[string]http.Header {
	ref := testEngine(cors)
	want := map[string]http.Header{}
	for _, m := range matrixConfig.AllowMethods {
		w := do(ref, matrixPreflight(m, "/x"))
		want[m] = w.Header()
	}
	return want
}

func TestRoutingMatrix(t *testing.T) {
	cors := New(matrixConfig)
	want := referencePreflights(cors)
	require.Equal(t, appOrigin, want["POST"].Get(headerAllowOrigin), "reference preflight")
	combinations := 0
	for _, st := range mountStyles {
		for _, sh := range routeShapes {
			for _, o := range allEngineOptions() {
				combinations++
				t.Run(st.name+"/"+sh.name+"/"+o.String(), func(t *testing.T) {
					e, panicked := buildMatrixEngine(st, sh, o, cors)
					if fails := expectedFailure(st, sh); fails != "" {
						assert.Contains(t, panicked, fails, "documented registration failure")
						return
					}
					require.Empty(t, panicked, "registration")
					checkMatrixRoutes(t, e, sh, want)
				})
			}
		}
	}
	t.Logf("%d combinations", combinations)
}

// checkMatrixRoutes sends, for every route registered on e, the preflight
// and the actual request a page would, and the user's own OPTIONS request.
func checkMatrixRoutes(t *testing.T, e *gin.Engine, sh routeShape, want map[string]http.Header) {
	tested := 0
	for _, rt := range e.Routes() {
		path := concretePath(rt.Path)
		if rt.Method == "OPTIONS" {
			if strings.HasSuffix(rt.Path, "/opt") {
				w := do(e, newRequest("OPTIONS", path, "Origin", appOrigin))
				assert.Equal(t, "ran", w.Header().Get("X-User-Options"), "the user's OPTIONS %s", path)
				assert.Equal(t, appOrigin, w.Header().Get(headerAllowOrigin), "the user's OPTIONS %s", path)
			}
			continue
		}
		tested++
		pre := do(e, matrixPreflight(rt.Method, path))
		assert.Equal(t, http.StatusNoContent, pre.Code, "preflight for %s %s", rt.Method, path)
		for _, k := range append(corsHeaders, "X-User-Options") {
			assert.Equal(t, want[rt.Method].Values(k), pre.Header().Values(k), "preflight for %s %s: %s", rt.Method, path, k)
		}
		w := do(e, newRequest(rt.Method, path, "Origin", appOrigin, "X-Custom", "1"))
		assert.Equal(t, http.StatusOK, w.Code, "%s %s", rt.Method, path)
		assert.Equal(t, fmt.Sprintf("route %s %s", rt.Method, rt.Path), w.Body.String(), "%s %s", rt.Method, path)
		assert.Equal(t, appOrigin, w.Header().Get(headerAllowOrigin), "%s %s", rt.Method, path)
		assert.Equal(t, "true", w.Header().Get(headerAllowCreds), "%s %s", rt.Method, path)
		assert.Equal(t, "X-Total", w.Header().Get(headerExposeHeaders), "%s %s", rt.Method, path)
		assert.Contains(t, w.Header().Values(headerVary), "Origin", "%s %s", rt.Method, path)
	}
	assert.Equal(t, len(sh.routes), tested, "routes registered")
}
