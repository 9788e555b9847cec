package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
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

// TestTries runs the curl commands main prints and checks their labels.
func TestTries(t *testing.T) {
	gin.SetMode(gin.TestMode)
	var out strings.Builder
	printTries(&out, "http://127.0.0.1:1")
	cmds := extest.CheckLabels(t, newRouter(), out.String())
	labels := map[string]int{}
	for _, c := range cmds {
		labels[c.Label]++
	}
	if len(cmds) != 2 || labels["Allowed"] == 0 || labels["Blocked"] == 0 {
		t.Errorf("printed %d commands, labelled %v; want 2, both Allowed and Blocked:\n%s", len(cmds), labels, out.String())
	}
}
