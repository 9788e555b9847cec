package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestPreflight(t *testing.T) {
	gin.SetMode(gin.TestMode)
	var explanations []string
	r := newRouter(func(_ *gin.Context, why string) { explanations = append(explanations, why) })

	req := httptest.NewRequest(http.MethodOptions, "/items/1", nil)
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusNoContent {
		t.Errorf("status %d, want 204", w.Code)
	}
	extest.Headers(t, w, map[string]string{
		"Access-Control-Allow-Origin":   "http://localhost:3000",
		"Access-Control-Allow-Methods":  "GET,PUT,DELETE",
		"Access-Control-Allow-Headers":  "Content-Type,Authorization",
		"Access-Control-Max-Age":        "600",
		"Access-Control-Expose-Headers": "", // actual responses only
	})
	if len(explanations) != 0 {
		t.Errorf("Debug called for an allowed preflight: %q", explanations)
	}

	req.Header.Set("Access-Control-Request-Method", "PATCH")
	r.ServeHTTP(httptest.NewRecorder(), req)
	if len(explanations) != 1 || !strings.Contains(explanations[0], `"PATCH"`) {
		t.Errorf("Debug explanations = %q, want one naming PATCH", explanations)
	}
}

func TestExposeHeaders(t *testing.T) {
	gin.SetMode(gin.TestMode)
	req := httptest.NewRequest(http.MethodGet, "/items", nil)
	req.Header.Set("Origin", "http://localhost:3000")
	w := httptest.NewRecorder()
	newRouter(nil).ServeHTTP(w, req)
	if got := w.Header().Get("Access-Control-Expose-Headers"); got != "X-Total-Count" {
		t.Errorf("Access-Control-Expose-Headers = %q", got)
	}
	if got := w.Header().Get("X-Total-Count"); got != "3" {
		t.Errorf("X-Total-Count = %q", got)
	}
}

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 3, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed preflight", "Blocked preflight (PATCH, x-secret)", "Allowed, X-Total-Count exposed")
}
