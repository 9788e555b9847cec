package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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

// The exact versions the case table was observed with; oracle/package.json
// pins them and the installed copies are checked before any case runs.
var oracleDeps = map[string]string{"cors": "2.8.6", "express": "4.22.3"}

// oracle is one running `node oracle.js` process, reconfigured between cases
// with PUT /__oracle/config.
type oracle struct {
	addr   string // 127.0.0.1:port
	cmd    *exec.Cmd
	stderr *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startOracle starts the oracle or ends the test: without node it skips,
// unless CI=true, where it fails; without the installed packages it fails
// and names the command that installs them.
func startOracle(t *testing.T) *oracle {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		msg := "node not found in PATH: the Express differential test needs Node.js >= 18 " +
			"(then run conformance/setup.sh once)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true, so this is a failure, not a skip")
		}
		t.Skip(msg)
	}
	dir, err := filepath.Abs("oracle")
	require.NoError(t, err)
	for name, want := range oracleDeps {
		raw, err := os.ReadFile(filepath.Join(dir, "node_modules", name, "package.json"))
		if err != nil {
			t.Fatalf("the oracle's packages are not installed (%v); run: (cd %s && ./setup.sh)",
				err, filepath.Dir(dir))
		}
		var pkg struct{ Version string }
		require.NoError(t, json.Unmarshal(raw, &pkg))
		if pkg.Version != want {
			t.Fatalf("oracle/node_modules has %s %s, the case table needs %s; run: (cd %s && ./setup.sh)",
				name, pkg.Version, want, filepath.Dir(dir))
		}
	}

	o := &oracle{stderr: new(lockedBuffer)}
	o.cmd = exec.Command(node, "oracle.js", "0", "{}")
	o.cmd.Dir = dir
	o.cmd.Stderr = o.stderr
	o.cmd.Env = append(os.Environ(), "NODE_ENV=test")
	stdout, err := o.cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, o.cmd.Start(), "starting %s oracle.js", node)
	t.Cleanup(o.stop)

	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		if s.Scan() {
			line <- s.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l, ok := <-line:
		addr, found := strings.CutPrefix(l, "ORACLE_LISTENING ")
		if !ok || !found {
			t.Fatalf("the oracle did not start: stdout %q, stderr:\n%s", l, o.stderr.String())
		}
		o.addr = addr
	case <-time.After(15 * time.Second):
		t.Fatalf("the oracle did not print ORACLE_LISTENING within 15s; stderr:\n%s", o.stderr.String())
	}
	return o
}

func (o *oracle) stop() {
	if o.cmd.Process == nil {
		return
	}
	_ = o.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = o.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = o.cmd.Process.Kill()
		<-done
	}
}

// configure replaces the oracle's whole configuration.
func (o *oracle) configure(ctx context.Context, config string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, "http://"+o.addr+"/__oracle/config",
		strings.NewReader(config))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("oracle config: %w (stderr: %s)", err, o.stderr.String())
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusNoContent {
		return fmt.Errorf("oracle refused config %s: %d %s", config, res.StatusCode, body)
	}
	return nil
}
