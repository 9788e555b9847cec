package main

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestGroup(t *testing.T) {
	gin.SetMode(gin.TestMode)
	const origin = "http://localhost:3000"
	extest.Check(t, newRouter(), origin, []extest.Case{
		{Method: http.MethodGet, Path: "/api/orders", Status: http.StatusOK, ACAO: origin},
		{Method: http.MethodOptions, Path: "/api/orders", ACRM: "POST", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodOptions, Path: "/api/orders/A-1", ACRM: "DELETE", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodGet, Path: "/healthz", Status: http.StatusOK},
		// Outside the group no route answers OPTIONS: no CORS, and a 404.
		{Method: http.MethodOptions, Path: "/healthz", ACRM: "GET", Status: http.StatusNotFound},
	})
}

// TestTries runs the curl commands main prints, in order, and checks what
// their labels say a browser would do.
func TestTries(t *testing.T) {
	gin.SetMode(gin.TestMode)
	cmds := extest.Tries(t, newRouter(), printTries)
	extest.WantLabels(t, cmds, "Allowed", "Allowed preflight", "Blocked (no CORS outside /api)")
}
