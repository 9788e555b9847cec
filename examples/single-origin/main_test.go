package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestSingleOrigin(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := newRouter()
	for origin, want := range map[string]string{
		"https://example.com":      "https://example.com",
		"https://evil.example":     "",
		"https://example.com.evil": "",
		"":                         "",
	} {
		req := httptest.NewRequest(http.MethodGet, "/products", nil)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			t.Errorf("Origin %q: status %d, want 200", origin, w.Code)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("Origin %q: Access-Control-Allow-Origin = %q, want %q", origin, got, want)
		}
		if got := w.Header().Get("Vary"); got != "Origin" {
			t.Errorf("Origin %q: Vary = %q, want Origin", origin, got)
		}
	}
}

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 2, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed", "Blocked")
}
