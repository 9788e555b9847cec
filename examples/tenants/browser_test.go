package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// page is the tenant's front end: it fetches the API and says what it got.
const page = `<!doctype html>
<title>acme</title>
<script>
async function load(api) {
  try {
    const r = await fetch(api + "/api/hello", {cache: "no-store"});
    return "ok: " + (await r.json()).message;
  } catch (e) {
    return "blocked: " + e;
  }
}
</script>`

// TestBrowser: a page on a tenant's origin cannot read the API; once the
// origin is added through the admin API, the same page, not reloaded, can;
// once it is removed, it cannot again. Headless Chromium, Debian's package.
func TestBrowser(t *testing.T) {
	ctx := startChromium(t)
	a := startApp(t, filepath.Join(t.TempDir(), "tenants.db"), time.Hour, "api")
	pagePort := servePage(t)
	// *.test resolves to 127.0.0.1 inside Chromium only (hostRules), so
	// the page and the API are two sites, as in production.
	api := "http://api.tenants.test:" + port(t, a.url())
	origin := "http://app.acme.test:" + pagePort
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/")); err != nil {
		t.Fatal(err)
	}
	load := func() string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf("load(%q)", api), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	if got := load(); !strings.HasPrefix(got, "blocked: TypeError") {
		t.Fatalf("before the origin is added the page got %q, want a blocked fetch", got)
	}
	mustAdmin(t, a.url(), http.MethodPost, "acme", origin, http.StatusCreated)
	if got := load(); got != "ok: hello from the tenants API" {
		t.Fatalf("after the origin was added the same page got %q", got)
	}
	mustAdmin(t, a.url(), http.MethodDelete, "acme", origin, http.StatusOK)
	if got := load(); !strings.HasPrefix(got, "blocked: TypeError") {
		t.Fatalf("after the origin was removed the page got %q, want a blocked fetch", got)
	}
}

// servePage serves page on a free loopback port until the test ends and
// returns the port.
func servePage(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		})}
	go srv.Serve(ln) //nolint:errcheck // ErrServerClosed when the test ends
	t.Cleanup(func() { srv.Close() })
	return port(t, "http://"+ln.Addr().String())
}

func port(t *testing.T, base string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// startChromium starts headless Chromium with a fresh profile and returns a
// tab's context; the browser ends with the test. Without Chromium the test
// fails under CI=true and is skipped otherwise.
func startChromium(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("no Chromium at %s (%v): apt-get install -y chromium, or set CHROMIUM", path, err)
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and the browser test cannot run: " + msg)
		}
		t.Skip(msg)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP *.test 127.0.0.1"),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first Run starts the browser; a timeout on its context would end
	// the browser too, so bound the start from outside.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("starting Chromium at %s: %v", path, err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Chromium did not start within 60s")
	}
	return ctx
}
