package gincors

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
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
