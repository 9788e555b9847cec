package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestAnyOrigin(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := newRouter()

	req := httptest.NewRequest(http.MethodGet, "/weather", nil)
	req.Header.Set("Origin", "https://anything.example")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
	}

	// A preflight needs no OPTIONS route when the middleware is engine-wide.
	req = httptest.NewRequest(http.MethodOptions, "/weather", nil)
	req.Header.Set("Origin", "https://anything.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-api-key")
	w = httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusNoContent {
		t.Errorf("preflight status %d, want 204", w.Code)
	}
	extest.Headers(t, w, map[string]string{
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
		"Access-Control-Allow-Headers": "content-type,x-api-key",
	})
}

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 2, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed", "Allowed preflight")
}
