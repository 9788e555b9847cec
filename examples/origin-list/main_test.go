package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestOriginList(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := newRouter()
	for origin, allowed := range map[string]bool{
		"https://example.com":                    true,
		"https://shop.example.com":               true,
		"https://a.b.example.com":                true,
		"http://localhost":                       true,
		"http://localhost:5173":                  true,
		"https://pr-42.preview.example.net":      true,
		"http://example.com":                     false, // another scheme
		"https://evil-example.com":               false,
		"https://example.com.evil.net":           false,
		"http://localhost.evil.net":              false,
		"https://localhost:5173":                 false,
		"https://pr-42.preview.example.net.evil": false,
		"null":                                   false,
	} {
		req := httptest.NewRequest(http.MethodGet, "/products", nil)
		req.Header.Set("Origin", origin)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		got := w.Header().Get("Access-Control-Allow-Origin")
		if allowed && got != origin || !allowed && got != "" {
			t.Errorf("Origin %q: Access-Control-Allow-Origin = %q, allowed = %v", origin, got, allowed)
		}
	}
}

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 5, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed", "Allowed", "Allowed", "Blocked", "Blocked")
}
