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

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 3, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed", "Allowed preflight", "Blocked (no CORS outside /api)")
}
