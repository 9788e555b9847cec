package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testHosts are the host names the pages and APIs use. Each engine maps them
// to 127.0.0.1 itself (Chromium: --host-resolver-rules; Firefox:
// network.dns.localDomains; WebKit: the loopback proxy in webkit_test.go),
// so nothing touches /etc/hosts or DNS.
var testHosts = []string{
	"app.example.test", "other.example.test", "example.test", "evilexample.test",
	"app.example.test.evil.test", "evil.test", "api.example.test",
}

// engine is one browser the suite drives.
type engine interface {
	name() string
	version() string
	// open returns a page in a fresh browsing profile: its own cookie jar,
	// HTTP cache and CORS-preflight cache. It is closed when t ends.
	open(t *testing.T) page
	stop()
}

// page is one tab, with what its engine reported while it was open.
type page interface {
	navigate(t *testing.T, url string)
	// evalJSON evaluates a JavaScript expression, awaits it, and returns its
	// value as JSON.
	evalJSON(t *testing.T, expr string) []byte
	// corsErrors waits up to d for n CORS errors in the engine's console and
	// returns those it has (the engine's own words). It returns nil at once
	// when the engine does not expose its console to the suite (WebKit).
	corsErrors(n int, d time.Duration) []string
	// consoleExposed says whether corsErrors can see the engine's console.
	consoleExposed() bool
	// authWildcardWarnings waits up to d for the engine's warning that an
	// Access-Control-Allow-Headers "*" covered Authorization (a
	// non-conforming pass the engine still lets through) and returns those
	// it has.
	authWildcardWarnings(d time.Duration) []string
	// log is everything the engine logged for the page, for failure dumps.
	log() []string
}

// evalAs evaluates expr in p and decodes its JSON value into T.
func evalAs[T any](t *testing.T, p page, expr string) T {
	t.Helper()
	var v T
	raw := p.evalJSON(t, expr)
	require.NoError(t, json.Unmarshal(raw, &v), "decoding %s", raw)
	return v
}

// engineNames is the run order. E2E_ENGINES (comma-separated) picks some.
func engineNames() []string {
	if s := os.Getenv("E2E_ENGINES"); s != "" {
		return strings.Split(s, ",")
	}
	return []string{"chromium", "firefox", "webkit"}
}

var (
	enginesMu sync.Mutex
	started   = map[string]engine{}
	versions  = map[string]string{} // kept after the engines stop, for the report
	startErr  = map[string]error{}
)

// binaryFor returns the engine's executable and how to install it.
func binaryFor(name string) (path, install string) {
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	switch name {
	case "chromium":
		return env("CHROMIUM", defaultChromium), "apt-get install -y chromium"
	case "firefox":
		return env("FIREFOX", defaultFirefox), "apt-get install -y firefox-esr"
	case "webkit":
		return env("WEBKIT_WEBDRIVER", defaultWebKitDriver), "apt-get install -y webkit2gtk-driver xvfb"
	}
	return "", ""
}

// needEngine returns the named engine, starting it on first use. A missing
// browser fails the test under CI=true (a CI run must not pass by skipping)
// and skips it otherwise.
func needEngine(t *testing.T, name string) engine {
	t.Helper()
	path, install := binaryFor(name)
	if path == "" {
		t.Fatalf("unknown engine %q (E2E_ENGINES takes chromium, firefox, webkit)", name)
	}
	missing := func(err error) {
		msg := fmt.Sprintf("%s cannot run: %v (install Debian's package: %s)", name, err, install)
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the browser tests cannot run: %s", msg)
		}
		t.Skip(msg)
	}
	if _, err := os.Stat(path); err != nil {
		missing(err)
	}
	if name == "webkit" {
		if _, err := os.Stat(miniBrowser()); err != nil {
			missing(err)
		}
	}
	enginesMu.Lock()
	defer enginesMu.Unlock()
	if e, ok := started[name]; ok {
		return e
	}
	if err, ok := startErr[name]; ok {
		t.Fatalf("starting %s: %v", name, err)
	}
	var e engine
	var err error
	switch name {
	case "chromium":
		e, err = startChromiumEngine(t)
	case "firefox":
		e, err = startFirefox(path)
	case "webkit":
		e, err = startWebKit(path)
	}
	if err != nil {
		startErr[name] = err
		t.Fatalf("starting %s at %s: %v", name, path, err)
	}
	started[name] = e
	versions[name] = e.version()
	return e
}

// stopEngines ends every browser the run started.
func stopEngines() {
	enginesMu.Lock()
	defer enginesMu.Unlock()
	for name, e := range started {
		e.stop()
		delete(started, name)
	}
}

// waitLines waits up to d for n lines of r that match, and returns them.
func waitLines(r *recorder[string], n int, d time.Duration, match func(string) bool) []string {
	deadline := time.Now().Add(d)
	for {
		var out []string
		for _, l := range r.all() {
			if match(l) {
				out = append(out, l)
			}
		}
		if len(out) >= n || time.Now().After(deadline) {
			return out
		}
		time.Sleep(25 * time.Millisecond)
	}
}
