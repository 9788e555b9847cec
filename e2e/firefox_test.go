package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// defaultFirefox is Debian's firefox-esr package. FIREFOX overrides it.
const defaultFirefox = "/usr/bin/firefox-esr"

// firefoxPrefs go into the fresh profile's user.js. network.dns.localDomains
// resolves the listed names to loopback inside Firefox only (the counterpart
// of Chromium's --host-resolver-rules; it takes exact names, no wildcards).
// The rest keeps a headless run quiet. Firefox's remote agent applies its
// own recommended automation prefs on top (remote.prefs.recommended).
func firefoxPrefs() string {
	prefs := map[string]any{
		"network.dns.localDomains":                                 strings.Join(testHosts, ","),
		"network.http.http3.enable":                                false,
		"browser.shell.checkDefaultBrowser":                        false,
		"browser.startup.homepage_override.mstone":                 "ignore",
		"datareporting.policy.dataSubmissionEnabled":               false,
		"toolkit.telemetry.reportingpolicy.firstRun":               false,
		"app.update.disabledForTesting":                            true,
		"browser.safebrowsing.update.enabled":                      false,
		"network.captive-portal-service.enabled":                   false,
		"network.connectivity-service.enabled":                     false,
		"browser.region.network.url":                               "",
		"extensions.getAddons.cache.enabled":                       false,
		"dom.security.https_first":                                 false,
		"dom.security.https_first_pbm":                             false,
		"network.lna.enabled":                                      false,
		"remote.experimental.enabled":                              true,
		"network.cors_preflight.authorization_covered_by_wildcard": true, // the shipped default, stated: see the Authorization scenario
	}
	var b strings.Builder
	for k, v := range prefs {
		val, _ := json.Marshal(v)
		fmt.Fprintf(&b, "user_pref(%q, %s);\n", k, val)
	}
	return b.String()
}

// firefox is one headless Firefox driven over WebDriver BiDi. Each page gets
// its own user context (a container: its own cookies, HTTP cache and CORS
// preflight cache).
type firefox struct {
	cmd     *exec.Cmd
	profile string
	conn    *bidiConn
	ver     string
	exited  chan struct{}

	chrome string // the browser window's chrome context, for console-service reads

	mu  sync.Mutex
	cur *firefoxPage // the open page: scenarios run one after another
}

func startFirefox(path string) (*firefox, error) {
	profile, err := os.MkdirTemp("", "gincors-e2e-firefox-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs()), 0o644); err != nil {
		return nil, err
	}
	f := &firefox{profile: profile, exited: make(chan struct{})}
	f.cmd = exec.Command(path, "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "--remote-allow-origins="+bidiOrigin, "--remote-allow-system-access")
	f.cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_DISABLE_AUTO_SAFE_MODE=1")
	f.cmd.SysProcAttr = ownGroup()
	stderr, err := f.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	f.cmd.Stdout = nil
	if err := f.cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	go func() { f.cmd.Wait(); close(f.exited) }()

	// "WebDriver BiDi listening on ws://127.0.0.1:PORT"
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "WebDriver BiDi listening on "); ok {
				urls <- strings.TrimSpace(u)
			}
		}
	}()
	var url string
	select {
	case url = <-urls:
	case <-f.exited:
		f.stop()
		return nil, fmt.Errorf("firefox exited before its remote agent listened")
	case <-time.After(60 * time.Second):
		f.stop()
		return nil, fmt.Errorf("firefox's remote agent did not listen within 60s")
	}
	f.conn, err = dialBiDi(url+"/session", f.event)
	if err != nil {
		f.stop()
		return nil, err
	}
	var sess struct {
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := f.conn.call(30*time.Second, "session.new", map[string]any{"capabilities": map[string]any{}}, &sess); err != nil {
		f.stop()
		return nil, err
	}
	f.ver = sess.Capabilities.BrowserVersion
	return f, nil
}

func (f *firefox) name() string    { return "firefox" }
func (f *firefox) version() string { return f.ver }

func (f *firefox) stop() {
	if f.conn != nil {
		_ = f.conn.call(5*time.Second, "browser.close", nil, nil)
		f.conn.close()
	}
	endGroup(f.cmd, f.exited)
	os.RemoveAll(f.profile)
}

func (f *firefox) event(method string, params json.RawMessage) {
	if method != "log.entryAdded" {
		return
	}
	var e struct {
		Type  string `json:"type"`
		Level string `json:"level"`
		Text  string `json:"text"`
	}
	if json.Unmarshal(params, &e) != nil {
		return
	}
	f.mu.Lock()
	p := f.cur
	f.mu.Unlock()
	if p != nil {
		p.logs.add(e.Level + ": " + e.Text)
	}
}

type firefoxPage struct {
	f           *firefox
	userContext string
	context     string
	opened      time.Time
	logs        recorder[string]
}

func (f *firefox) open(t *testing.T) page {
	t.Helper()
	p := &firefoxPage{f: f, opened: time.Now()}
	var uc struct {
		UserContext string `json:"userContext"`
	}
	require.NoError(t, f.conn.call(20*time.Second, "browser.createUserContext", nil, &uc))
	p.userContext = uc.UserContext
	t.Cleanup(func() {
		f.mu.Lock()
		if f.cur == p {
			f.cur = nil
		}
		f.mu.Unlock()
		if err := f.conn.call(20*time.Second, "browser.removeUserContext", map[string]any{"userContext": p.userContext}, nil); err != nil {
			t.Logf("firefox: %v", err)
		}
	})
	var bc struct {
		Context string `json:"context"`
	}
	require.NoError(t, f.conn.call(20*time.Second, "browsingContext.create", map[string]any{"type": "tab", "userContext": p.userContext}, &bc))
	p.context = bc.Context
	f.mu.Lock()
	f.cur = p
	f.mu.Unlock()
	require.NoError(t, f.conn.call(20*time.Second, "session.subscribe", map[string]any{"events": []string{"log.entryAdded"}, "contexts": []string{p.context}}, nil))
	return p
}

func (p *firefoxPage) navigate(t *testing.T, url string) {
	t.Helper()
	require.NoError(t, p.f.conn.call(20*time.Second, "browsingContext.navigate", map[string]any{"context": p.context, "url": url, "wait": "complete"}, nil), "navigating to %s", url)
}

func (p *firefoxPage) evalJSON(t *testing.T, expr string) []byte {
	t.Helper()
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := p.f.conn.call(30*time.Second, "script.evaluate", map[string]any{
		"expression":      "(async () => JSON.stringify(await (" + expr + ")))()",
		"target":          map[string]any{"context": p.context},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &res)
	require.NoError(t, err, "evaluating %s", expr)
	require.Equal(t, "success", res.Type, "evaluating %s: %s", expr, res.ExceptionDetails.Text)
	return []byte(res.Result.Value)
}

// Firefox words a CORS failure in the console as "Cross-Origin Request
// Blocked: The Same Origin Policy disallows reading the remote resource at
// URL. (Reason: ...)." After some preflight failures it adds a second, generic
// line "(Reason: CORS request did not succeed)"; the specific one is kept.
func (p *firefoxPage) corsErrors(n int, d time.Duration) []string {
	return waitLines(&p.logs, n, d, func(s string) bool {
		return strings.Contains(s, "Cross-Origin Request Blocked") && !strings.Contains(s, "(Reason: CORS request did not succeed)")
	})
}

// authWildcardWarnings returns the console warnings of the category
// CORSAllowHeaderFromPreflightDeprecation (security.properties: "Cross-Origin
// Request Warning: The Same Origin Policy will disallow reading the remote
// resource at URL soon. (Reason: When the `Access-Control-Allow-Headers` is
// `*`, the `Authorization` header is not covered. ...)"), which Firefox logs
// when the pref network.cors_preflight.authorization_covered_by_wildcard
// (true by default) let the request through. BiDi's log.entryAdded carries
// only errors, not this warning, so the suite reads the browser's console
// service from Firefox's chrome window (BiDi with --remote-allow-system-access
// and remote.experimental.enabled), by category, for messages logged since
// the page was opened.
func (p *firefoxPage) authWildcardWarnings(d time.Duration) []string {
	deadline := time.Now().Add(d)
	for {
		out, err := p.f.consoleCategory("CORSAllowHeaderFromPreflightDeprecation", p.opened)
		if err != nil {
			return []string{"error reading Firefox's console service: " + err.Error()}
		}
		if len(out) > 0 || time.Now().After(deadline) {
			return out
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// consoleCategory returns the text of the console-service messages of one
// category logged at or after since.
func (f *firefox) consoleCategory(category string, since time.Time) ([]string, error) {
	if f.chrome == "" {
		var tree struct {
			Contexts []struct {
				Context string `json:"context"`
				URL     string `json:"url"`
			} `json:"contexts"`
		}
		if err := f.conn.call(10*time.Second, "browsingContext.getTree", map[string]any{"moz:scope": "chrome", "maxDepth": 0}, &tree); err != nil {
			return nil, err
		}
		for _, c := range tree.Contexts {
			if strings.HasPrefix(c.URL, "chrome://browser/") {
				f.chrome = c.Context
			}
		}
		if f.chrome == "" {
			return nil, fmt.Errorf("no chrome://browser/ window in %+v", tree.Contexts)
		}
	}
	expr := fmt.Sprintf(`JSON.stringify(Services.console.getMessageArray()
  .filter((m) => m instanceof Ci.nsIScriptError && m.category === %q && m.timeStamp >= %d)
  .map((m) => m.category + ": " + m.errorMessage))`, category, since.UnixMilli())
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := f.conn.call(10*time.Second, "script.evaluate", map[string]any{
		"expression": expr, "target": map[string]any{"context": f.chrome}, "awaitPromise": false,
	}, &res); err != nil {
		return nil, err
	}
	if res.Type != "success" {
		return nil, fmt.Errorf("%s", res.ExceptionDetails.Text)
	}
	var out []string
	err := json.Unmarshal([]byte(res.Result.Value), &out)
	return out, err
}

func (p *firefoxPage) consoleExposed() bool { return true }

func (p *firefoxPage) log() []string { return p.logs.all() }

// ownGroup puts a browser in its own process group, killed with the test
// binary (Pdeathsig) and ended as a group by endGroup.
func ownGroup() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// endGroup asks the process group to end, then kills what is left.
func endGroup(cmd *exec.Cmd, exited <-chan struct{}) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	pgid := cmd.Process.Pid
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL) // children the leader left behind
}
