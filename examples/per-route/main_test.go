package main

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/examplestest"
)

func TestPerRoute(t *testing.T) {
	gin.SetMode(gin.TestMode)
	const origin = "http://localhost:3000"
	examplestest.Check(t, newRouter(), origin, []examplestest.Case{
		{Method: http.MethodGet, Path: "/products/7", Status: http.StatusOK, ACAO: origin},
		{Method: http.MethodDelete, Path: "/products/7", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodOptions, Path: "/products/7", ACRM: "DELETE", Status: http.StatusNoContent, ACAO: origin},
		{Method: http.MethodGet, Path: "/admin/stats", Status: http.StatusOK},
		{Method: http.MethodOptions, Path: "/admin/stats", ACRM: "GET", Status: http.StatusNotFound},
	})
}
