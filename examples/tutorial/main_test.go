package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	os.Exit(m.Run())
}

// TestDemo runs both servers on free loopback ports, fetches the page and the
// API as the page's script would, and shuts them down.
func TestDemo(t *testing.T) {
	d, err := listen("127.0.0.1:0", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.serve(ctx) }()

	page := get(t, d.webURL+"/", "")
	if !strings.Contains(page.body, `data-api="`+d.apiURL+`"`) {
		t.Errorf("page does not point at %s", d.apiURL)
	}
	api := get(t, d.apiURL+"/ingredients", d.webURL)
	if got := api.header.Get("Access-Control-Allow-Origin"); got != d.webURL {
		t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, d.webURL)
	}
	if !strings.Contains(api.body, `"item":"Bacon"`) {
		t.Errorf("body = %s", api.body)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
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
