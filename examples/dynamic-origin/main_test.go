package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/internal/extest"
)

func TestDynamicOrigins(t *testing.T) {
	gin.SetMode(gin.TestMode)
	db, err := newOriginDB("https://shop.example")
	if err != nil {
		t.Fatal(err)
	}
	r := newRouter(db)

	acao := func(path, origin string) string {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Origin", origin)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	admin := func(method, target, body string) int {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, target, strings.NewReader(body)))
		return w.Code
	}

	if got := acao("/public/news", "https://example1.com"); got != "https://example1.com" {
		t.Errorf("whitelisted origin: ACAO %q", got)
	}
	if got := acao("/public/news", "https://example3.com"); got != "" {
		t.Errorf("other origin: ACAO %q", got)
	}

	const newOrigin = "https://new.example"
	if got := acao("/api/orders", newOrigin); got != "" {
		t.Fatalf("before POST: ACAO %q", got)
	}
	if code := admin(http.MethodPost, "/admin/origins", `{"origin":"`+newOrigin+`"}`); code != http.StatusOK {
		t.Fatalf("POST: status %d", code)
	}
	if got := acao("/api/orders", newOrigin); got != newOrigin {
		t.Errorf("after POST: ACAO %q", got)
	}

	// gincors refuses the new list, so the table and the policy stay.
	if code := admin(http.MethodPost, "/admin/origins", `{"origin":"https://new.example/app"}`); code != http.StatusBadRequest {
		t.Errorf("POST of an invalid origin: status %d", code)
	}
	if got := acao("/api/orders", newOrigin); got != newOrigin {
		t.Errorf("after the refused POST: ACAO %q", got)
	}

	// Emptying the table leaves no origin allowed.
	for _, o := range []string{newOrigin, "https://shop.example"} {
		if code := admin(http.MethodDelete, "/admin/origins?origin="+url.QueryEscape(o), ""); code != http.StatusOK {
			t.Fatalf("DELETE %s: status %d", o, code)
		}
	}
	if got := acao("/api/orders", "https://shop.example"); got != "" {
		t.Errorf("after deleting every origin: ACAO %q", got)
	}
}

func TestMain(m *testing.M) { extest.TestMain(m, main) }

// TestCommand runs main on a free port, runs the curl commands it prints,
// in order, against it, and checks what their labels say a browser would do.
func TestCommand(t *testing.T) {
	cmds := extest.CheckLabels(t, extest.Main(t, 6, "-addr", "127.0.0.1:0"), extest.Do(t))
	extest.WantLabels(t, cmds, "Allowed (whitelist)", "Blocked (not yet)", "Allow it", "Allowed now", "Refused, kept", "Revoke it")
	for i, want := range []int{http.StatusOK, http.StatusOK, http.StatusOK, http.StatusOK, http.StatusBadRequest, http.StatusOK} {
		if i < len(cmds) && cmds[i].Status != want {
			t.Errorf("%s: status %d, want %d", cmds[i].Label, cmds[i].Status, want)
		}
	}
}
