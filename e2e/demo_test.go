package e2e

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// demoPageJS waits (up to 10 s) for the simple request's verdict, clicks
// the two other tries, waits for theirs, and returns the text a person
// sees: document.body.innerText leaves out what is hidden.
const demoPageJS = `new Promise((resolve) => {
  const t0 = Date.now();
  const verdict = (id) => document.querySelector("#" + id + " .verdict").textContent;
  const settled = (id) => !/sending|not sent/.test(verdict(id));
  let clicked = false;
  (function poll() {
    if (!clicked && settled("simple")) {
      clicked = true;
      document.querySelector("#preflighted button").click();
      document.querySelector("#credentialed button").click();
    }
    const done = clicked && ["simple", "preflighted", "credentialed"].every(settled);
    if (done || Date.now() - t0 > 10000) {
      resolve(document.body.innerText);
    } else {
      setTimeout(poll, 50);
    }
  })();
})`

// TestDemoScreenshots runs the tutorial command (go run ./examples/tutorial
// on free ports), opens its page on the allowed origin and on the other
// one, tries the three kinds of request on each, checks the text a person
// sees, and takes a screenshot of each page: into $E2E_SCREENSHOTS if set,
// with the text beside it, and into a temporary directory otherwise.
func TestDemoScreenshots(t *testing.T) {
	needBrowser(t)
	pageURL, apiURL := runTutorialCommand(t)
	allowed := strings.TrimSuffix(pageURL, "/")
	u, err := url.Parse(allowed)
	require.NoError(t, err)
	blocked := "http://localhost:" + u.Port()

	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}

	for _, tc := range []struct {
		name, origin string
		want         []string // lines or parts of lines of the page's text
		wantNot      []string
	}{
		{
			name:   "demo-allowed",
			origin: allowed,
			want: []string{
				"This page comes from " + allowed + ".",
				"The API, built with gincors, allows one origin: " + allowed + ".",
				"Compare: open this page as " + blocked + "/, an origin the API does not allow",
				"1. Simple request: GET /ingredients\n✓ allowed",
				"Bacon\nEggs\nMilk\nButter",
				"Allowed: the response's Access-Control-Allow-Origin is this page's origin, " + allowed + ", so the browser let the script read it.",
				"GET /ingredients → 200",
				"Origin: " + allowed,
				"Access-Control-Allow-Origin: " + allowed,
				"2. Preflighted request: PUT /ingredients/5 with the header X-Chef\n✓ allowed",
				"OPTIONS /ingredients/5 → 204",
				"Access-Control-Request-Method: PUT",
				"Access-Control-Request-Headers: content-type,x-chef",
				"Allowed: the preflight's answer let the browser send the PUT",
				"PUT /ingredients/5 → 200",
				"3. Credentialed request: GET /ingredients with credentials\n✗ blocked by the browser",
				"The browser blocked the response, because the API allows this origin but not credentials.",
				"Access-Control-Allow-Credentials: (not sent)",
				"Restart the demo with -credentials",
			},
			wantNot: []string{"Debug:", "The demo expected", "could not"},
		},
		{
			name:   "demo-blocked",
			origin: blocked,
			want: []string{
				"This page comes from " + blocked + ".",
				"The API, built with gincors, allows one origin: " + allowed + ".",
				"Compare: open this page as " + allowed + "/, the origin the API allows",
				"1. Simple request: GET /ingredients\n✗ blocked by the browser",
				"The script could not read the list: fetch failed with TypeError",
				"The browser blocked the response, because the API allows only " + allowed + ", not this page's origin, " + blocked + ".",
				"GET /ingredients → 200",
				"Origin: " + blocked,
				"Access-Control-Allow-Origin: (not sent)",
				"\nDebug: ",
				"2. Preflighted request: PUT /ingredients/5 with the header X-Chef\n✗ blocked by the browser",
				"The browser blocked the PUT before sending it, because the API allows only " + allowed,
				"OPTIONS /ingredients/5 → 204",
				"3. Credentialed request: GET /ingredients with credentials\n✗ blocked by the browser",
			},
			wantNot: []string{"Bacon", "PUT /ingredients/5 → ", "The demo expected"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &row{engine: "chromium", name: "demo page on " + tc.origin + ": text and screenshot", want: "explained"}
			report(t, r)
			tb := openTab(t)
			ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1000, 800)))
			tb.navigate(t, tc.origin+"/")
			text := eval[string](t, tb, demoPageJS)

			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			require.NoError(t, err, "screenshot")
			img, err := png.Decode(bytes.NewReader(shot))
			require.NoError(t, err, "the screenshot is not a PNG")
			b := img.Bounds()
			assert.Equal(t, 1000, b.Dx(), "screenshot width")
			assert.Greater(t, b.Dy(), 500, "screenshot height")
			require.NoError(t, os.WriteFile(filepath.Join(dir, tc.name+".png"), shot, 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, tc.name+".txt"), []byte(text), 0o644))

			var missing, extra []string
			for _, want := range append(tc.want, "Its script fetches "+apiURL+", another origin") {
				if !strings.Contains(text, want) {
					missing = append(missing, want)
				}
			}
			for _, not := range tc.wantNot {
				if strings.Contains(text, not) {
					extra = append(extra, not)
				}
			}
			// On the blocked origin each request shows gincors's Debug line,
			// naming the refused origin; the allowed origin shows none.
			var debug []string
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "Debug: ") && strings.Contains(line, tc.origin) {
					debug = append(debug, line)
				}
			}
			if tc.origin == blocked {
				assert.Len(t, debug, 3, "Debug lines naming %s", tc.origin)
			}
			assert.Empty(t, missing, "missing from the page's text")
			assert.Empty(t, extra, "unwanted in the page's text")
			if len(missing)+len(extra) > 0 {
				t.Logf("the page's text:\n%s", text)
			}
			if !t.Failed() {
				r.outcome = "explained"
			}
			r.note = "screenshot " + filepath.Join(dir, tc.name+".png")
		})
	}
}
