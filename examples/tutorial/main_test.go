package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	os.Exit(m.Run())
}

// TestDemo runs both servers on free loopback ports, fetches the page and the
// API as the page's script would, from the allowed origin and from the same
// server's other origin, reads the page's explanation of each, and shuts the
// servers down.
func TestDemo(t *testing.T) {
	d, err := listen("127.0.0.1:0", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	d.log = &log
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	page := get(t, d.webURL+"/", "")
	if !strings.Contains(page.body, `data-api="`+d.apiURL+`"`) || !strings.Contains(page.body, `data-allowed="`+d.webURL+`"`) {
		t.Errorf("page does not point at %s and name %s", d.apiURL, d.webURL)
	}
	api := get(t, d.apiURL+"/ingredients?try=simple-allowed", d.webURL)
	if got := api.header.Get("Access-Control-Allow-Origin"); got != d.webURL {
		t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, d.webURL)
	}
	if !strings.Contains(api.body, `"item":"Bacon"`) {
		t.Errorf("body = %s", api.body)
	}
	other := otherOrigin(d.webURL)
	if !strings.HasPrefix(other, "http://localhost:") {
		t.Fatalf("other origin %q", other)
	}
	if got := get(t, d.apiURL+"/ingredients?try=simple-blocked", other).header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("from %s: Access-Control-Allow-Origin = %q", other, got)
	}

	for id, want := range map[string]string{
		"simple-allowed": "Allowed: the response's Access-Control-Allow-Origin is this page's origin, " + d.webURL,
		"simple-blocked": "The browser blocked the response, because the API allows only " + d.webURL + ", not this page's origin, " + other + ".",
	} {
		if got := get(t, d.webURL+"/explain?try="+id, "").body; !strings.Contains(got, want) {
			t.Errorf("explanation of %s: %s\nwant %q in it", id, got, want)
		}
	}
	// The terminal shows gincors's Debug line for the refused request only.
	if got := log.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, other) {
		t.Errorf("log = %q, want one Debug line naming %q", got, other)
	}
}

func TestOtherOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:6068": "http://localhost:6068",
		"http://localhost:6068": "http://127.0.0.1:6068",
		"http://[::1]:6068":     "http://localhost:6068",
	} {
		if got := otherOrigin(in); got != want {
			t.Errorf("otherOrigin(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintHelp(t *testing.T) {
	d := &demo{apiURL: "http://127.0.0.1:6069", webURL: "http://127.0.0.1:6068"}
	var b strings.Builder
	d.printHelp(&b)
	for _, want := range []string{"Open: http://127.0.0.1:6068/\n", "Compare: http://localhost:6068/ ",
		"API:  http://127.0.0.1:6069/ingredients "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, b.String())
		}
	}
}

// syncBuffer is a strings.Builder the servers' goroutines may write to.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestListenRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "example.com:80"} {
		if _, err := listen(addr, "127.0.0.1:0"); err == nil {
			t.Errorf("listen(%q) succeeded", addr)
		}
	}
}

type response struct {
	header http.Header
	body   string
}

func get(t *testing.T, url, origin string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	return response{res.Header, string(body)}
}
