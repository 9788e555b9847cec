package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

const webOrigin = "http://127.0.0.1:8088"

func TestPreflight(t *testing.T) {
	gin.SetMode(gin.TestMode)
	req := httptest.NewRequest(http.MethodOptions, "/login", nil)
	req.Header.Set("Origin", webOrigin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	w := httptest.NewRecorder()
	newAPI(webOrigin).ServeHTTP(w, req)
	extest.Headers(t, w, map[string]string{
		"Access-Control-Allow-Origin":      webOrigin,
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":     "GET,POST",
		"Access-Control-Allow-Headers":     "Content-Type",
	})
}

// TestSession logs in and reads the user back with the cookie, as the page
// does.
func TestSession(t *testing.T) {
	gin.SetMode(gin.TestMode)
	srv := httptest.NewServer(newAPI(webOrigin))
	defer srv.Close()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar}

	do := func(method, path, body string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Origin", webOrigin)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != webOrigin {
			t.Errorf("%s %s: Access-Control-Allow-Origin = %q", method, path, got)
		}
		if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "true" {
			t.Errorf("%s %s: Access-Control-Allow-Credentials = %q", method, path, got)
		}
		return res
	}

	if res := do(http.MethodGet, "/me", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("before login: /me status %d", res.StatusCode)
	}
	if res := do(http.MethodPost, "/login", `{"name":"ada"}`); res.StatusCode != http.StatusOK {
		t.Fatalf("login: status %d", res.StatusCode)
	}
	if res := do(http.MethodGet, "/me", ""); res.StatusCode != http.StatusOK {
		t.Errorf("after login: /me status %d", res.StatusCode)
	}
}
