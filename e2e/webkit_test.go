package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// defaultWebKitDriver is Debian's webkit2gtk-driver package; WEBKIT_WEBDRIVER
// overrides it, WEBKIT_MINIBROWSER the browser it starts (by default
// libwebkit2gtk-4.1-0's MiniBrowser, under /usr/lib/<multiarch triplet>/).
const (
	defaultWebKitDriver = "/usr/bin/WebKitWebDriver"
	defaultMiniBrowser  = "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"
)

func miniBrowser() string {
	if p := os.Getenv("WEBKIT_MINIBROWSER"); p != "" {
		return p
	}
	if m, _ := filepath.Glob(defaultMiniBrowser); len(m) > 0 {
		return m[0]
	}
	return defaultMiniBrowser
}

// webkit is WebKitGTK's MiniBrowser driven by WebKitWebDriver over W3C
// WebDriver (classic, HTTP). MiniBrowser needs an X display: the suite starts
// its own Xvfb. Every page is a new WebDriver session, that is a new
// MiniBrowser in automation mode with an ephemeral data store (its own
// cookies, HTTP cache and preflight cache).
//
// WebKitGTK has no host-resolver switch, so the sessions use a proxy the
// suite runs on 127.0.0.1 that forwards the test host names, and only
// those, to 127.0.0.1 (see hostProxy).
type webkit struct {
	driver, xvfb        *exec.Cmd
	driverExit, xvfbEnd chan struct{}
	display             string
	base                string // http://127.0.0.1:PORT of WebKitWebDriver
	proxy               *http.Server
	proxyAddr           string
	ver                 string

	mu  sync.Mutex
	cur *webkitPage
}

func startWebKit(path string) (w *webkit, err error) {
	w = &webkit{}
	defer func() {
		if err != nil {
			w.stop()
		}
	}()
	if err = w.startXvfb(); err != nil {
		return nil, err
	}
	if err = w.startProxy(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // find a free port for the driver
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	w.base = "http://127.0.0.1:" + strconv.Itoa(port)
	w.driver = exec.Command(path, "--port="+strconv.Itoa(port))
	w.driver.Env = append(os.Environ(), "DISPLAY="+w.display, "WEBKIT_DISABLE_COMPOSITING_MODE=1", miniBrowserEnv+"="+miniBrowser())
	w.driver.SysProcAttr = ownGroup()
	out, err := w.driver.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w.driver.Stderr = w.driver.Stdout
	if err = w.driver.Start(); err != nil {
		return nil, err
	}
	w.driverExit = make(chan struct{})
	go func() { w.driver.Wait(); close(w.driverExit) }()
	// The driver's and MiniBrowser's output, kept for failure dumps.
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if os.Getenv("E2E_DEBUG") != "" {
				fmt.Fprintln(os.Stderr, "webkit:", sc.Text())
			}
			w.mu.Lock()
			p := w.cur
			w.mu.Unlock()
			if p != nil {
				p.logs.add(sc.Text())
			}
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var st struct {
			Value struct {
				Ready bool `json:"ready"`
			} `json:"value"`
		}
		if w.do("GET", "/status", nil, &st) == nil && st.Value.Ready {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("WebKitWebDriver not ready within 30s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// One session to learn the version and that MiniBrowser starts at all.
	id, caps, err := w.newSession()
	if err != nil {
		return nil, err
	}
	w.ver = caps.BrowserVersion
	_ = w.do("DELETE", "/session/"+id, nil, nil)
	return w, nil
}

func (w *webkit) startXvfb() error {
	r, wr, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	w.xvfb = exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	w.xvfb.ExtraFiles = []*os.File{wr}
	w.xvfb.SysProcAttr = ownGroup()
	if err := w.xvfb.Start(); err != nil {
		wr.Close()
		return fmt.Errorf("Xvfb (apt-get install -y xvfb): %w", err)
	}
	wr.Close()
	w.xvfbEnd = make(chan struct{})
	go func() { w.xvfb.Wait(); close(w.xvfbEnd) }()
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case d := <-got:
		if d == "" {
			return fmt.Errorf("Xvfb printed no display number")
		}
		w.display = ":" + d
		return nil
	case <-time.After(20 * time.Second):
		return fmt.Errorf("Xvfb did not start within 20s")
	}
}

// startProxy runs hostProxy on 127.0.0.1:0.
func (w *webkit) startProxy() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	w.proxyAddr = ln.Addr().String()
	w.proxy = &http.Server{Handler: hostProxy(), ReadHeaderTimeout: 10 * time.Second}
	go w.proxy.Serve(ln)
	return nil
}

// hostProxy is a forward HTTP proxy that serves the test host names,
// localhost and 127.0.0.1 (any port) by connecting to 127.0.0.1 on that
// port, and refuses every other host: WebKit's counterpart of Chromium's
// --host-resolver-rules. Requests pass through unchanged (Host, Origin,
// Cookie...); it adds no Forwarded headers.
func hostProxy() http.Handler {
	allowed := append(slices.Clone(testHosts), "localhost", "127.0.0.1")
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			_, port, _ := net.SplitHostPort(pr.In.URL.Host)
			pr.Out.URL.Scheme = "http"
			pr.Out.URL.Host = "127.0.0.1:" + port
			pr.Out.Host = pr.In.URL.Host
		},
		Transport: &http.Transport{Proxy: nil, DisableCompression: true, MaxIdleConnsPerHost: 8},
	}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		host, port, err := net.SplitHostPort(r.URL.Host)
		if r.Method == http.MethodConnect || !r.URL.IsAbs() || r.URL.Scheme != "http" || err != nil || port == "" || !slices.Contains(allowed, host) {
			http.Error(rw, "e2e proxy: only http://<test host>:<port> is forwarded", http.StatusBadGateway)
			return
		}
		rp.ServeHTTP(rw, r)
	})
}

func (w *webkit) name() string    { return "webkit" }
func (w *webkit) version() string { return w.ver }

func (w *webkit) stop() {
	if w.driver != nil {
		_ = w.driver.Process.Signal(os.Interrupt)
		endGroup(w.driver, w.driverExit)
	}
	if w.xvfb != nil {
		_ = w.xvfb.Process.Signal(os.Interrupt)
		endGroup(w.xvfb, w.xvfbEnd)
	}
	if w.proxy != nil {
		w.proxy.Close()
	}
}

// miniBrowserEnv tells the test binary, started by WebKitWebDriver as the
// session's browser, to become MiniBrowser (execMiniBrowser).
const miniBrowserEnv = "GINCORS_E2E_EXEC_MINIBROWSER"

// self is the test binary.
var self, _ = os.Executable()

// execMiniBrowser runs in the test binary when WebKitWebDriver starts it as
// a session's browser: it asks the kernel to kill it when its parent (the
// driver) dies, then replaces itself with MiniBrowser, keeping the request
// across exec. WebKitWebDriver starts MiniBrowser without that request, and
// MiniBrowser outlives a killed driver; with it, a test binary that dies
// abruptly (panic, -timeout) takes the driver (Pdeathsig) and so every
// MiniBrowser with it. The normal end is WebDriver's DELETE /session and
// the driver's process group.
func execMiniBrowser(path string) {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0); errno != 0 {
		fmt.Fprintln(os.Stderr, "e2e: prctl(PR_SET_PDEATHSIG):", errno)
		os.Exit(1)
	}
	if os.Getppid() == 1 { // the driver is already gone
		os.Exit(1)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, miniBrowserEnv+"=") })
	err := syscall.Exec(path, append([]string{path}, os.Args[1:]...), env)
	fmt.Fprintln(os.Stderr, "e2e: exec", path+":", err)
	os.Exit(1)
}

type webkitCaps struct {
	BrowserVersion string `json:"browserVersion"`
}

func (w *webkit) newSession() (string, webkitCaps, error) {
	body := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{
			"binary": self, // becomes MiniBrowser, tied to the driver's life: see execMiniBrowser
			"args":   []string{"--automation"},
		},
		"proxy": map[string]any{"proxyType": "manual", "httpProxy": w.proxyAddr},
	}}}
	var res struct {
		Value struct {
			SessionID    string     `json:"sessionId"`
			Capabilities webkitCaps `json:"capabilities"`
		} `json:"value"`
	}
	err := w.do("POST", "/session", body, &res)
	return res.Value.SessionID, res.Value.Capabilities, err
}

// do sends one WebDriver command and decodes the answer into out.
func (w *webkit) do(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, w.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("webdriver %s %s: %s: %s", method, path, resp.Status, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

type webkitPage struct {
	w    *webkit
	id   string
	logs recorder[string]
}

func (w *webkit) open(t *testing.T) page {
	t.Helper()
	p := &webkitPage{w: w}
	w.mu.Lock()
	w.cur = p
	w.mu.Unlock()
	id, _, err := w.newSession()
	require.NoError(t, err, "starting a WebKit session")
	p.id = id
	t.Cleanup(func() {
		if err := w.do("DELETE", "/session/"+id, nil, nil); err != nil {
			t.Logf("webkit: %v", err)
		}
		w.mu.Lock()
		if w.cur == p {
			w.cur = nil
		}
		w.mu.Unlock()
	})
	return p
}

func (p *webkitPage) navigate(t *testing.T, url string) {
	t.Helper()
	require.NoError(t, p.w.do("POST", "/session/"+p.id+"/url", map[string]any{"url": url}, nil), "navigating to %s", url)
}

func (p *webkitPage) evalJSON(t *testing.T, expr string) []byte {
	t.Helper()
	script := `const done = arguments[arguments.length - 1];
(async () => JSON.stringify(await (` + expr + `)))().then(done, (e) => done("!" + String(e)));`
	var res struct {
		Value string `json:"value"`
	}
	require.NoError(t, p.w.do("POST", "/session/"+p.id+"/execute/async", map[string]any{"script": script, "args": []any{}}, &res), "evaluating %s", expr)
	require.False(t, strings.HasPrefix(res.Value, "!"), "evaluating %s: %s", expr, res.Value)
	return []byte(res.Value)
}

// corsErrors: WebKit's console ("Origin X is not allowed by
// Access-Control-Allow-Origin. Status code: 200", ...) does not reach the
// suite. WebKitWebDriver 2.50 speaks only classic WebDriver, which has no log
// endpoint, and no BiDi (webSocketUrl: true fails to match); MiniBrowser's
// --enable-write-console-messages-to-stdout is ignored in automation mode.
// What WebKit exposes is the page's rejection, "TypeError: Load failed",
// which runScenario reports and asserts instead.
func (p *webkitPage) corsErrors(n int, d time.Duration) []string { return nil }

func (p *webkitPage) consoleExposed() bool { return false }

func (p *webkitPage) authWildcardWarnings(d time.Duration) []string {
	return waitLines(&p.logs, 1, d, func(s string) bool {
		return strings.Contains(s, "Authorization") && strings.Contains(strings.ToLower(s), "wildcard")
	})
}

func (p *webkitPage) log() []string { return p.logs.all() }
