package main

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// tenantName is what a tenant may be called: a DNS-label-like slug.
var tenantName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// newRouter serves the public API under /api, with the CORS policy the
// syncer keeps equal to the table, and the admin API under /admin, with no
// CORS at all: no page on another origin can read its answers, and a
// browser must preflight its authenticated requests, which gets nowhere.
func newRouter(s *syncer, adminToken string) *gin.Engine {
	r := gin.New()
	r.Use(gin.Recovery())

	api := r.Group("/api")
	gincors.Mount(api, s.cors.Handler())
	api.GET("/hello", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"message": "hello from the tenants API"})
	})

	admin := r.Group("/admin", requireToken(adminToken))
	admin.GET("/tenants/:tenant/origins", s.listOrigins)
	admin.POST("/tenants/:tenant/origins", s.addOrigin)
	admin.DELETE("/tenants/:tenant/origins", s.removeOrigin)
	return r
}

// requireToken refuses requests without "Authorization: Bearer <token>".
// The comparison takes the same time whatever the mismatch.
func requireToken(token string) gin.HandlerFunc {
	want := []byte("Bearer " + token)
	return func(c *gin.Context) {
		got := []byte(c.GetHeader("Authorization"))
		if subtle.ConstantTimeCompare(got, want) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="tenants admin"`)
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing or wrong bearer token"})
			return
		}
		c.Next()
	}
}

// tenant returns the :tenant parameter, or answers 400 and returns false.
func tenant(c *gin.Context) (string, bool) {
	name := c.Param("tenant")
	if !tenantName.MatchString(name) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "a tenant name is 1-63 characters of a-z, 0-9 and -, starting with a letter or digit"})
		return "", false
	}
	return name, true
}

func (s *syncer) listOrigins(c *gin.Context) {
	name, ok := tenant(c)
	if !ok {
		return
	}
	origins, err := s.store.tenantOrigins(c.Request.Context(), name)
	if err != nil {
		s.internalError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"tenant": name, "origins": origins})
}

// addOrigin checks the origin with gincors before anything is written, so
// that the table only ever holds origins every replica can serve; then it
// commits the row (and, on PostgreSQL, the notification) and reloads this
// replica's policy, so the change is in force here when the answer leaves.
func (s *syncer) addOrigin(c *gin.Context) {
	name, ok := tenant(c)
	if !ok {
		return
	}
	var body struct {
		Origin string `json:"origin" binding:"required"`
	}
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": `send {"origin": "https://app.example.com"}: ` + err.Error()})
		return
	}
	if err := checkOrigin(body.Origin); err != nil {
		refuseOrigin(c, err)
		return
	}
	added, err := s.store.addOrigin(c.Request.Context(), name, body.Origin)
	if err != nil {
		s.internalError(c, err)
		return
	}
	status := http.StatusOK // already there
	if added {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"tenant": name, "origin": body.Origin, "applied": s.reload(c.Request.Context()) == nil})
}

// refuseOrigin answers 400 with gincors's message and, when gincors found
// the problem, its parts, so that a front end can show the fix on its own.
func refuseOrigin(c *gin.Context, err error) {
	answer := gin.H{"error": err.Error()}
	var ce *gincors.ConfigError
	if errors.As(err, &ce) {
		answer["problem"], answer["fix"] = ce.Problem, ce.Fix
	}
	c.JSON(http.StatusBadRequest, answer)
}

// removeOrigin deletes ?origin= from the tenant and reloads the policy.
func (s *syncer) removeOrigin(c *gin.Context) {
	name, ok := tenant(c)
	if !ok {
		return
	}
	origin := c.Query("origin")
	removed, err := s.store.removeOrigin(c.Request.Context(), name, origin)
	if err != nil {
		s.internalError(c, err)
		return
	}
	if !removed {
		c.JSON(http.StatusNotFound, gin.H{"error": "the tenant has no such origin", "tenant": name, "origin": origin})
		return
	}
	c.JSON(http.StatusOK, gin.H{"tenant": name, "origin": origin, "applied": s.reload(c.Request.Context()) == nil})
}

// internalError logs err for the operator and answers 500 without the
// details. Adding or removing the same origin again is harmless, so the
// client can retry.
func (s *syncer) internalError(c *gin.Context, err error) {
	s.log.Printf("%s %s: %v", c.Request.Method, c.Request.URL.Path, err)
	c.JSON(http.StatusInternalServerError, gin.H{"error": "database error; the change may not have been made, retry"})
}
