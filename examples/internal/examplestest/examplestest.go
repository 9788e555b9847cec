// Package examplestest holds what the examples' tests share: sending a
// request to an example's router and checking the CORS answer it gets.
package examplestest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Case is a request from an origin and the answer it must get.
type Case struct {
	Method, Path string
	ACRM         string // Access-Control-Request-Method, "" for none
	Status       int
	ACAO         string // Access-Control-Allow-Origin, "" for none
}

// Check sends each case to h with Origin set to origin, and reports every
// status and Access-Control-Allow-Origin that differ from the case's.
func Check(t *testing.T, h http.Handler, origin string, cases []Case) {
	t.Helper()
	for _, tc := range cases {
		req := httptest.NewRequest(tc.Method, tc.Path, nil)
		req.Header.Set("Origin", origin)
		if tc.ACRM != "" {
			req.Header.Set("Access-Control-Request-Method", tc.ACRM)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.Status {
			t.Errorf("%s %s: status %d, want %d", tc.Method, tc.Path, w.Code, tc.Status)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.ACAO {
			t.Errorf("%s %s: Access-Control-Allow-Origin = %q, want %q", tc.Method, tc.Path, got, tc.ACAO)
		}
	}
}
