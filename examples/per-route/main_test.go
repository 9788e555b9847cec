package main

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestPerRoute(t *testing.T) {
	gin.SetMode(gin.TestMode)
	const origin = "http://localhost:3000"
	extest.Check(t, newRouter(), origin, []extest.Case{
		{Method: http.MethodGet, Path: "/products/7", Status: http.StatusOK, ACAO: origin},
		{Method: http.MethodDelete, Path: "/products/7", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodOptions, Path: "/products/7", ACRM: "DELETE", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodGet, Path: "/admin/stats", Status: http.StatusOK},
		{Method: http.MethodOptions, Path: "/admin/stats", ACRM: "GET", Status: http.StatusNotFound},
	})
}

// TestTries runs the curl commands main prints, in order, and checks what
// their labels say a browser would do.
func TestTries(t *testing.T) {
	gin.SetMode(gin.TestMode)
	cmds := extest.Tries(t, newRouter(), printTries)
	extest.WantLabels(t, cmds, "Allowed", "Allowed preflight", "Blocked (no CORS on this route)")
}
