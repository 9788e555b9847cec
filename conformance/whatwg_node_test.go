package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// nodeURL is how Node's URL class (the WHATWG URL Standard) parses a string:
// Err is set when it throws.
type nodeURL struct {
	Err      string `json:"err"`
	Origin   string `json:"origin"`
	Protocol string `json:"protocol"`
	Username string `json:"username"`
	Password string `json:"password"`
	Hostname string `json:"hostname"`
	Port     string `json:"port"`
	Pathname string `json:"pathname"`
	Search   string `json:"search"`
	Hash     string `json:"hash"`
	Href     string `json:"href"`
}

// tuple reports whether the URL has a tuple origin, one a browser sends as
// "scheme://host[:port]" (the others are opaque, serialized "null").
func (n nodeURL) tuple() bool { return n.Err == "" && n.Origin != "null" }

func (n nodeURL) scheme() string { return strings.TrimSuffix(n.Protocol, ":") }

func (n nodeURL) String() string {
	switch {
	case n.Err != "":
		return "throws " + n.Err
	case n.Origin == "null":
		return fmt.Sprintf("opaque origin \"null\" (href %q)", n.Href)
	}
	return fmt.Sprintf("origin %q", n.Origin)
}

// nodeParser runs whatwg/origins.js once per batch of strings.
type nodeParser struct {
	node    string
	version string
}

// newNodeParser finds node or ends the test: it skips without node, unless
// CI=true, where it fails. The script needs no npm packages.
func newNodeParser(t *testing.T) *nodeParser {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		msg := "node not found in PATH: the WHATWG URL differential needs Node.js >= 18.17 (its URL class is the reference)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true, so this is a failure, not a skip")
		}
		t.Skip(msg)
	}
	return &nodeParser{node: node}
}

// parse returns Node's answer for every string of in, in one process.
func (p *nodeParser) parse(t *testing.T, in []string) map[string]nodeURL {
	t.Helper()
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.node, "origins.js")
	cmd.Dir = "whatwg"
	cmd.Stdin = bytes.NewReader(raw)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node whatwg/origins.js: %v\n%s", err, stderr.String())
	}
	var out struct {
		Node    string    `json:"node"`
		Results []nodeURL `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node whatwg/origins.js wrote no JSON: %v\n%.500s", err, stdout.String())
	}
	if len(out.Results) != len(in) {
		t.Fatalf("node answered %d of %d strings", len(out.Results), len(in))
	}
	p.version = out.Node
	var major, minor int
	if _, err := fmt.Sscanf(out.Node, "v%d.%d", &major, &minor); err != nil || major < 18 || major == 18 && minor < 17 {
		t.Fatalf("node %s: the WHATWG differential needs Node.js >= 18.17, whose URL class is Ada, a WHATWG URL parser", out.Node)
	}
	m := make(map[string]nodeURL, len(in))
	for i, s := range in {
		m[s] = out.Results[i]
	}
	return m
}

// gate is gincors's middleware for one AllowOrigins entry, asked which
// request origins it admits.
type gate struct {
	handler gin.HandlerFunc
}

// validateEntry runs Config.Validate for the one entry and reports a panic
// instead of raising it.
func validateEntry(entry string) (panicked string, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	return "", gincors.Config{AllowOrigins: []string{entry}}.Validate()
}

func newGate(entry string) *gate {
	return &gate{handler: gincors.New(gincors.Config{AllowOrigins: []string{entry}})}
}

// admit sends an actual request with origin and returns its
// Access-Control-Allow-Origin, or the panic the middleware raised.
func (g *gate) admit(origin string) (acao, panicked string) {
	return g.send(http.MethodGet, origin, "")
}

// admitPreflight does the same with a preflight for PUT.
func (g *gate) admitPreflight(origin string) (acao, panicked string) {
	return g.send(http.MethodOptions, origin, http.MethodPut)
}

func (g *gate) send(method, origin, requestMethod string) (acao, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest(method, "/", nil)
	c.Request.Header.Set("Origin", origin)
	if requestMethod != "" {
		c.Request.Header.Set("Access-Control-Request-Method", requestMethod)
	}
	g.handler(c)
	return w.Header().Get("Access-Control-Allow-Origin"), ""
}
