package main

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/examplestest"
)

func TestGroup(t *testing.T) {
	gin.SetMode(gin.TestMode)
	const origin = "http://localhost:3000"
	examplestest.Check(t, newRouter(), origin, []examplestest.Case{
		{Method: http.MethodGet, Path: "/api/orders", Status: http.StatusOK, ACAO: origin},
		{Method: http.MethodOptions, Path: "/api/orders", ACRM: "POST", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodOptions, Path: "/api/orders/A-1", ACRM: "DELETE", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodGet, Path: "/healthz", Status: http.StatusOK},
	})
}
