package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSQLiteAddRemoveInvalid(t *testing.T) {
	dbFile := filepath.Join(t.TempDir(), "tenants.db")
	a := startApp(t, dbFile, time.Hour, "sqlite")
	if _, err := os.Stat(dbFile); err != nil {
		t.Fatalf("the database file was not created on first start: %v", err)
	}
	base := a.url()
	const origin = "https://app.acme.test"

	if allowed(t, base, origin) {
		t.Fatal("an empty table allowed an origin")
	}
	mustAdmin(t, base, http.MethodPost, "acme", origin, http.StatusCreated)
	if !allowed(t, base, origin) {
		t.Fatal("the next request after adding the origin got no CORS headers")
	}
	if allowed(t, base, "https://app.other.test") {
		t.Fatal("adding one origin allowed another")
	}
	mustAdmin(t, base, http.MethodPost, "acme", origin, http.StatusOK) // already there

	// Invalid: refused with gincors's own message, and nothing stored.
	const bad = "https://app.acme.test/login"
	answer := mustAdmin(t, base, http.MethodPost, "acme", bad, http.StatusBadRequest)
	want := policyConfig([]string{bad}).Validate()
	if want == nil || answer["error"] != want.Error() {
		t.Errorf("invalid origin: error %q, want gincors's %v", answer["error"], want)
	}
	if fix, _ := answer["fix"].(string); !strings.Contains(fix, `"https://app.acme.test"`) {
		t.Errorf("invalid origin: fix %q does not name the origin to write", fix)
	}
	for _, refused := range []string{"*", "null", "NULL", " null", "app.acme.test", ""} {
		if status, _ := adminDo(t, base, http.MethodPost, "acme", refused); status != http.StatusBadRequest {
			t.Errorf("origin %q: status %d, want 400", refused, status)
		}
	}
	got, err := a.store.tenantOrigins(context.Background(), "acme")
	if err != nil || !slices.Equal(got, []string{origin}) {
		t.Fatalf("after the refused origins the table holds %q (error %v), want only %s", got, err, origin)
	}

	mustAdmin(t, base, http.MethodDelete, "acme", origin, http.StatusOK)
	if allowed(t, base, origin) {
		t.Fatal("the next request after removing the origin still got CORS headers")
	}
	mustAdmin(t, base, http.MethodDelete, "acme", origin, http.StatusNotFound)
}

// TestSQLiteRestart: the table, not the process, holds the policy.
func TestSQLiteRestart(t *testing.T) {
	dbFile := filepath.Join(t.TempDir(), "tenants.db")
	const origin = "http://localhost:5173"
	opts := options{addr: "127.0.0.1:0", dsn: dbFile, adminToken: testToken,
		reloadEvery: time.Hour, logger: log.New(newTestWriter(t), "", 0)}
	first, err := start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	mustAdmin(t, first.url(), http.MethodPost, "dev", origin, http.StatusCreated)
	if err := first.close(); err != nil {
		t.Fatal(err)
	}
	second := startApp(t, dbFile, time.Hour, "second")
	if !allowed(t, second.url(), origin) {
		t.Fatal("after a restart the stored origin is not allowed")
	}
}

func TestAdminNeedsToken(t *testing.T) {
	a := startApp(t, filepath.Join(t.TempDir(), "tenants.db"), time.Hour, "auth")
	for _, auth := range []string{"", "Bearer wrong", "Bearer " + testToken + "x", testToken} {
		req, err := http.NewRequest(http.MethodPost, a.url()+"/admin/tenants/acme/origins",
			strings.NewReader(`{"origin":"https://evil.test"}`))
		if err != nil {
			t.Fatal(err)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Authorization %q: status %d, want 401", auth, resp.StatusCode)
		}
		// The admin API has no CORS: no page may read it.
		if h := resp.Header.Get("Access-Control-Allow-Origin"); h != "" {
			t.Errorf("the admin API sent Access-Control-Allow-Origin %q", h)
		}
	}
	if allowed(t, a.url(), "https://evil.test") {
		t.Fatal("an unauthenticated request changed the policy")
	}
}
