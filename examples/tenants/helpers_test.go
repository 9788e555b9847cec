package main

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

const testToken = "test-admin-token"

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	os.Exit(m.Run())
}

// client is shared by the tests; every request has a deadline.
var client = &http.Client{Timeout: 5 * time.Second}

// startApp starts a replica on a free loopback port and stops it when the
// test ends.
func startApp(t testing.TB, dsn string, reloadEvery time.Duration, name string) *app {
	t.Helper()
	return startAppLog(t, dsn, reloadEvery, name, newTestWriter(t))
}

// startAppLog is startApp with the replica's log sent to w.
func startAppLog(t testing.TB, dsn string, reloadEvery time.Duration, name string, w io.Writer) *app {
	t.Helper()
	a, err := start(context.Background(), options{
		addr:        "127.0.0.1:0",
		dsn:         dsn,
		adminToken:  testToken,
		reloadEvery: reloadEvery,
		logger:      log.New(w, name+": ", log.Lmicroseconds),
	})
	if err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	t.Cleanup(func() {
		if err := a.close(); err != nil {
			t.Errorf("stopping %s: %v", name, err)
		}
	})
	return a
}

// testWriter keeps a replica's log and prints it if the test fails, so
// that a passing run with -v shows the measurements, not the reconnections.
type testWriter struct {
	mu    sync.Mutex
	lines []string
}

// newTestWriter returns a testWriter whose lines t prints when it ends
// failed; register it before the replica, so that it prints the replica's
// last lines too.
func newTestWriter(t testing.TB) *testWriter {
	w := &testWriter{}
	t.Cleanup(func() {
		if t.Failed() {
			w.mu.Lock()
			defer w.mu.Unlock()
			t.Log("replica log:\n" + strings.Join(w.lines, ""))
		}
	})
	return w
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lines = append(w.lines, string(p))
	return len(p), nil
}

// corsGet sends GET /api/hello from origin and returns the status and
// Access-Control-Allow-Origin.
func corsGet(base, origin string) (int, string, error) {
	return corsGetWith(client, base, origin)
}

// corsGetWith is corsGet through c.
func corsGetWith(c *http.Client, base, origin string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, base+"/api/hello", nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Origin", origin)
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, "", err
	}
	return resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), nil
}

// allowed reports whether base lets origin read /api/hello, failing the
// test on any error or unexpected answer.
func allowed(t testing.TB, base, origin string) bool {
	t.Helper()
	status, acao, err := corsGet(base, origin)
	if err != nil || status != http.StatusOK || (acao != "" && acao != origin) {
		t.Fatalf("GET /api/hello from %s: status %d, ACAO %q, error %v", origin, status, acao, err)
	}
	return acao == origin
}

// adminDo calls the admin API and decodes the JSON answer.
func adminDo(t testing.TB, base, method, tenant, origin string) (int, map[string]any) {
	t.Helper()
	target := base + "/admin/tenants/" + tenant + "/origins"
	var body io.Reader
	switch method {
	case http.MethodPost:
		b, _ := json.Marshal(map[string]string{"origin": origin})
		body = strings.NewReader(string(b))
	case http.MethodDelete:
		target += "?origin=" + url.QueryEscape(origin)
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	answer := map[string]any{}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatalf("%s %s: status %d, decoding the answer: %v", method, target, resp.StatusCode, err)
	}
	return resp.StatusCode, answer
}

// mustAdmin calls the admin API and fails the test unless it answers want.
func mustAdmin(t testing.TB, base, method, tenant, origin string, want int) map[string]any {
	t.Helper()
	status, answer := adminDo(t, base, method, tenant, origin)
	if status != want {
		t.Fatalf("%s %s for %s: status %d, want %d; %v", method, origin, tenant, status, want, answer)
	}
	return answer
}

// waitFor polls base every millisecond until origin's access is want, for
// at most limit, and returns how long that took and whether it happened.
func waitFor(t testing.TB, base, origin string, want bool, limit time.Duration) (time.Duration, bool) {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		if allowed(t, base, origin) == want {
			return time.Since(start), true
		}
		time.Sleep(time.Millisecond)
	}
	return limit, false
}
