package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestGroup(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := newRouter()
	const origin = "http://localhost:3000"
	for _, tc := range []struct {
		method, path, acrm string
		status             int
		acao               string
	}{
		{http.MethodGet, "/api/orders", "", http.StatusOK, origin},
		{http.MethodOptions, "/api/orders", "POST", http.StatusNoContent, origin},
		{http.MethodOptions, "/api/orders/A-1", "DELETE", http.StatusNoContent, origin},
		{http.MethodGet, "/healthz", "", http.StatusOK, ""},
	} {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		req.Header.Set("Origin", origin)
		if tc.acrm != "" {
			req.Header.Set("Access-Control-Request-Method", tc.acrm)
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, w.Code, tc.status)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.acao {
			t.Errorf("%s %s: Access-Control-Allow-Origin = %q, want %q", tc.method, tc.path, got, tc.acao)
		}
	}
}

// TestTries runs the curl commands main prints, in order, and checks what
// their labels say a browser would do.
func TestTries(t *testing.T) {
	gin.SetMode(gin.TestMode)
	cmds := extest.Tries(t, newRouter(), printTries)
	extest.WantLabels(t, cmds, "Allowed", "Allowed preflight", "Blocked (no CORS outside /api)")
}
