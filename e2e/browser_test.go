package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/audits"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// defaultChromium is Debian's chromium package. CHROMIUM overrides it; the
// suite never downloads a browser.
const defaultChromium = "/usr/bin/chromium"

// hostRules maps every *.test host name to loopback inside Chromium only, so
// that pages and APIs can live on distinct origins (app.example.test,
// evil.test, ...) without touching /etc/hosts or any DNS.
const hostRules = "MAP *.test 127.0.0.1"

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

func TestMain(m *testing.M) {
	if path := os.Getenv(miniBrowserEnv); path != "" {
		execMiniBrowser(path) // this process is WebKitWebDriver's browser; does not return
	}
	gin.SetMode(gin.ReleaseMode)
	gin.DefaultWriter = io.Discard // the tutorial API logs every request
	code := m.Run()
	stopEngines()
	if browserCancel != nil {
		browserCancel()
	}
	printReport(os.Stdout)
	if path := os.Getenv("E2E_REPORT"); path != "" {
		if f, err := os.Create(path); err == nil {
			printReport(f)
			f.Close()
		}
	}
	os.Exit(code)
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return defaultChromium
}

// needBrowser returns the context of the one Chromium the suite shares,
// starting it on first use. Without Chromium the test fails under CI=true
// (a CI run must not pass by skipping) and is skipped otherwise.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("no Chromium at %s (%v): install Debian's package with `apt-get install -y chromium`, or set CHROMIUM to its path", path, err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the browser tests cannot run: %s", msg)
		}
		t.Skip(msg)
	}
	browserOnce.Do(func() { browserCtx, browserCancel, browserErr = startBrowser(path) })
	require.NoError(t, browserErr, "starting Chromium at %s", path)
	return browserCtx
}

func startBrowser(path string) (context.Context, context.CancelFunc, error) {
	dir, err := os.MkdirTemp("", "gincors-e2e-profile-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir), // a fresh profile every run
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("host-resolver-rules", hostRules),
		// Keep sandboxed iframes in their parent's renderer, so that their
		// console errors reach the page's DevTools session (the process
		// model only; CORS is decided in the network service either way).
		chromedp.Flag("disable-features", "IsolateSandboxedIframes"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	cancel := func() {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	// The first action starts the browser; it must not carry a timeout, or
	// the timeout would end the browser, so bound it from outside.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		err = fmt.Errorf("Chromium did not start within 60s")
	}
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// tab is one page in its own browser context (its own cookie jar, HTTP
// cache and CORS-preflight cache), with what the browser reported while it
// was open.
type tab struct {
	ctx context.Context

	mu      sync.Mutex
	console []string // console and browser-log lines, "level: text"
	cors    []string // network.loadingFailed CORS error codes, "Code(param)"
	issues  []string // DevTools issues, "Code:Type"
}

func openTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(needBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx}
	require.NoError(t, chromedp.Listen(ctx, tb.onEvent), "opening a tab")
	_, err := chromedp.Call(ctx, audits.Enable, cdp.Empty{})
	require.NoError(t, err, "enabling the Audits domain")
	return tb
}

// onEvent runs on chromedp's reader goroutine: store and return.
func (tb *tab) onEvent(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *log.EventEntryAdded:
		tb.console = append(tb.console, fmt.Sprintf("%s: %s", ev.Entry.Level, ev.Entry.Text))
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				parts = append(parts, a.Description)
			case len(a.Value) > 0:
				var s string
				if json.Unmarshal(a.Value, &s) == nil {
					parts = append(parts, s)
				} else {
					parts = append(parts, string(a.Value))
				}
			}
		}
		tb.console = append(tb.console, fmt.Sprintf("%s: %s", ev.Type, strings.Join(parts, " ")))
	case *runtime.EventExceptionThrown:
		text := ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil && ex.Description != "" {
			text += " " + ex.Description
		}
		tb.console = append(tb.console, "exception: "+text)
	case *network.EventLoadingFailed:
		if s := ev.CorsErrorStatus; s != nil {
			tb.cors = append(tb.cors, fmt.Sprintf("%s(%s)", s.CorsError, s.FailedParameter))
		}
	case *audits.EventIssueAdded:
		if ev.Issue == nil {
			return
		}
		issue := string(ev.Issue.Code)
		if d := ev.Issue.Details; d != nil {
			switch {
			case d.DeprecationIssueDetails != nil:
				issue += ":" + d.DeprecationIssueDetails.Type
			case d.CorsIssueDetails != nil && d.CorsIssueDetails.CorsErrorStatus != nil:
				issue += ":" + string(d.CorsIssueDetails.CorsErrorStatus.CorsError)
			}
		}
		tb.issues = append(tb.issues, issue)
	}
}

func (tb *tab) snapshot() (console, cors, issues []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.console...), append([]string(nil), tb.cors...), append([]string(nil), tb.issues...)
}

// corsConsole returns the console lines in which Chromium explains a CORS
// failure ("Access to fetch at ... has been blocked by CORS policy: ...").
func (tb *tab) corsConsole() []string {
	console, _, _ := tb.snapshot()
	var out []string
	for _, line := range console {
		if strings.Contains(line, "CORS policy") {
			out = append(out, line)
		}
	}
	return out
}

// waitCORSConsole waits up to d for n CORS console lines: Chromium reports
// them from the network service, shortly after the promise rejects.
func (tb *tab) waitCORSConsole(n int, d time.Duration) []string {
	deadline := time.Now().Add(d)
	for {
		lines := tb.corsConsole()
		if len(lines) >= n || time.Now().After(deadline) {
			return lines
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (tb *tab) navigate(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)), "navigating to %s", url)
}

// eval evaluates a JavaScript expression, awaiting a promise, and decodes
// its JSON value into T.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// consoleSummary drops the boilerplate head of an engine's CORS message
// (Chromium: "Access to fetch at 'URL' from origin 'O' has been blocked by
// CORS policy: "; Firefox: "Cross-Origin Request Blocked: ... at URL. ")
// so that the report shows the reason.
func consoleSummary(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	s := lines[0]
	if i := strings.Index(s, "CORS policy: "); i >= 0 { // Chromium
		s = s[i+len("CORS policy: "):]
	}
	if i := strings.Index(s, "(Reason: "); i >= 0 { // Firefox
		s = s[i:]
	}
	s = strings.TrimPrefix(s, "CONSOLE SECURITY ERROR ") // WebKit
	return s
}

// chromiumEngine adapts the shared Chromium to the engine interface used by
// the three-engine scenarios.
type chromiumEngine struct{ ver string }

func startChromiumEngine(t *testing.T) (engine, error) {
	ctx := needBrowser(t)
	v, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (browser.GetVersionResult, error) {
		return cdp.Call(ctx, tg, browser.GetVersion, cdp.Empty{})
	})
	if err != nil {
		return nil, err
	}
	product := v.Product
	_, ver, _ := strings.Cut(product, "/") // "Chrome/156.0.8078.114"
	return &chromiumEngine{ver: ver}, nil
}

func (c *chromiumEngine) name() string    { return "chromium" }
func (c *chromiumEngine) version() string { return c.ver }
func (c *chromiumEngine) stop() {
	if browserCancel != nil {
		browserCancel()
		browserCancel = nil
	}
}
func (c *chromiumEngine) open(t *testing.T) page { return openTab(t) }

func (tb *tab) evalJSON(t *testing.T, expr string) []byte {
	t.Helper()
	return []byte(eval[string](t, tb, "(async () => JSON.stringify(await ("+expr+")))()"))
}

func (tb *tab) corsErrors(n int, d time.Duration) []string { return tb.waitCORSConsole(n, d) }

// authWildcardWarnings returns the DevTools issues
// DeprecationIssue:AuthorizationCoveredByWildcard.
func (tb *tab) authWildcardWarnings(d time.Duration) []string {
	var issues recorder[string]
	deadline := time.Now().Add(d)
	for {
		_, _, all := tb.snapshot()
		issues.seen = all
		out := waitLines(&issues, 1, 0, func(s string) bool { return strings.Contains(s, "AuthorizationCoveredByWildcard") })
		if len(out) > 0 || time.Now().After(deadline) {
			return out
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (tb *tab) consoleExposed() bool { return true }

func (tb *tab) log() []string {
	console, cors, issues := tb.snapshot()
	out := append(console, cors...)
	for _, i := range issues {
		out = append(out, "issue: "+i)
	}
	return out
}
