package e2e

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gincors/gincors/examples/tutorial/ingredients"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageState is what the tutorial page shows once its script is done.
type pageState struct {
	Status string   `json:"status"` // "loaded" or "error" ("loading" if it never finished)
	Items  []string `json:"items"`
	Error  string   `json:"error"`
}

// waitPageJS waits (up to 10 s) for the tutorial page to leave "loading".
const waitPageJS = `new Promise((resolve) => {
  const t0 = Date.now();
  (function poll() {
    const status = document.getElementById("status").textContent;
    if (status !== "loading" || Date.now() - t0 > 10000) {
      resolve({
        status,
        items: [...document.querySelectorAll("#ingredients li")].map((li) => li.textContent),
        error: document.getElementById("error").textContent,
      });
    } else {
      setTimeout(poll, 50);
    }
  })();
})`

// TestTutorial opens the examples/tutorial front end in Chromium and checks
// that it lists the ingredients from the API on the other origin, and that
// the same page opened from an origin the API does not allow cannot.
func TestTutorial(t *testing.T) {
	for _, name := range engineNames() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			defer func() { addEngineTime(name, time.Since(start)) }()
			tutorial(t, needEngine(t, name))
		})
	}
}

func tutorial(t *testing.T, e engine) {
	cases := []struct {
		name  string
		serve func(t *testing.T) (pageURL, apiURL string) // apiURL's server allows pageURL's origin
		host  string                                      // open the page with this host instead ("" keeps it)
		want  string
	}{
		{name: "tutorial page (in-process) lists the ingredients", serve: serveTutorial, want: "allowed"},
		{name: "tutorial page opened as localhost is blocked", serve: serveTutorial, host: "localhost", want: "blocked"},
		{name: "tutorial command (go build, -api-addr/-web-addr :0) lists the ingredients", serve: runTutorialCommand, want: "allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &row{engine: e.name(), name: tc.name, want: tc.want}
			report(t, r)
			pageURL, apiURL := tc.serve(t)
			if tc.host != "" {
				_, port, err := net.SplitHostPort(strings.TrimPrefix(strings.TrimSuffix(pageURL, "/"), "http://"))
				require.NoError(t, err)
				pageURL = "http://" + tc.host + ":" + port + "/"
			}
			pg := e.open(t)
			pg.navigate(t, pageURL)
			st := evalAs[pageState](t, pg, waitPageJS)
			if tb, ok := pg.(*tab); ok {
				saveScreenshot(t, tb, tc.name)
			}

			want := []string{"Bacon", "Eggs", "Milk", "Butter"}
			switch st.Status {
			case "loaded":
				r.outcome = "allowed"
			case "error":
				r.outcome = "blocked"
			default:
				r.outcome = st.Status
			}
			var lines []string
			if r.outcome == "blocked" {
				lines = blockedWords(pg, []probe{{Error: st.Error}}, 1)
			}
			r.console = consoleSummary(lines)

			require.Equal(t, tc.want, r.outcome, "page state %+v, console %q", st, lines)
			if tc.want == "allowed" {
				assert.Equal(t, want, st.Items)
				assert.Empty(t, lines)
			} else {
				assert.Empty(t, st.Items)
				require.Len(t, lines, 1)
				if pg.consoleExposed() {
					assert.Contains(t, lines[0], apiURL+"/ingredients")
					assert.Contains(t, lines[0], noACAO.in(e.name()))
				} else {
					assert.Contains(t, lines[0], webkitRejection)
				}
			}
		})
	}
}

// serveTutorial serves the tutorial's two handlers in-process on free
// loopback ports, the API allowing the page's 127.0.0.1 origin.
func serveTutorial(t *testing.T) (pageURL, apiURL string) {
	apiLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	webLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	apiURL, webURL := "http://"+apiLn.Addr().String(), "http://"+webLn.Addr().String()
	api := &http.Server{Handler: ingredients.API(webURL), ReadHeaderTimeout: 5 * time.Second}
	web := &http.Server{Handler: ingredients.Page(apiURL), ReadHeaderTimeout: 5 * time.Second}
	go api.Serve(apiLn)
	go web.Serve(webLn)
	t.Cleanup(func() { api.Close(); web.Close() })
	return webURL + "/", apiURL
}

// runTutorialCommand builds ./examples/tutorial and runs it on free loopback
// ports (-api-addr and -web-addr 127.0.0.1:0), reading the URLs it prints.
func runTutorialCommand(t *testing.T) (pageURL, apiURL string) {
	bin := filepath.Join(t.TempDir(), "tutorial")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./examples/tutorial")
	build.Dir = ".."
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build ./examples/tutorial:\n%s", out)

	cmd := exec.Command(bin, "-api-addr", "127.0.0.1:0", "-web-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT) // the command shuts down on SIGINT
		select {
		case err := <-exited:
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Logf("tutorial command: %v", err)
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	// It prints "API:  http://127.0.0.1:A/ingredients (allows origin ...)"
	// and "Open: http://127.0.0.1:W/".
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()
	deadline := time.After(20 * time.Second)
	for pageURL == "" || apiURL == "" {
		select {
		case line, ok := <-lines:
			require.True(t, ok, "the tutorial command exited before printing its URLs")
			if u, ok := strings.CutPrefix(line, "API:"); ok {
				apiURL = strings.TrimSuffix(strings.Fields(u)[0], "/ingredients")
			}
			if u, ok := strings.CutPrefix(line, "Open:"); ok {
				pageURL = strings.TrimSpace(u)
			}
		case <-deadline:
			t.Fatal("the tutorial command printed no URLs within 20s")
		}
	}
	go func() { // keep draining its output (gin's request log)
		for range lines {
		}
	}()
	return pageURL, apiURL
}

// saveScreenshot writes a PNG of the page to $E2E_SCREENSHOTS, if set.
func saveScreenshot(t *testing.T, tb *tab, name string) {
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	file := filepath.Join(dir, strings.NewReplacer(" ", "-", "/", "-", ":", "", "(", "", ")", "", ",", "").Replace(name)+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Logf("screenshot: %v", err)
	}
}
