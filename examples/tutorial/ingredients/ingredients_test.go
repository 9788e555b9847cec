package ingredients

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

const webOrigin = "http://127.0.0.1:6068"

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	os.Exit(m.Run())
}

func TestAPIAllowsTheFrontEnd(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/ingredients", nil)
	req.Header.Set("Origin", webOrigin)
	w := httptest.NewRecorder()
	API(webOrigin).ServeHTTP(w, req)

	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != webOrigin {
		t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, webOrigin)
	}
	var got []Ingredient
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Item != "Bacon" {
		t.Errorf("body = %+v", got)
	}
}

func TestAPIIgnoresOtherOrigins(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/ingredients", nil)
	req.Header.Set("Origin", "http://localhost:6068") // same server, another origin
	w := httptest.NewRecorder()
	API(webOrigin).ServeHTTP(w, req)

	// The handler still answers; the browser withholds the response.
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("Access-Control-Allow-Origin = %q, want none", got)
	}
	if got := w.Header().Get("Vary"); got != "Origin" {
		t.Errorf("Vary = %q, want Origin", got)
	}
}

func TestPageNamesTheAPI(t *testing.T) {
	w := httptest.NewRecorder()
	Page("http://127.0.0.1:6069").ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	body := w.Body.String()
	for _, want := range []string{`data-api="http://127.0.0.1:6069"`, `id="ingredients"`, `id="status"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
