// Package extest holds what the examples' tests share: sending a request to
// a handler, checking a table of CORS answers, and running the curl commands
// an example prints against its router, so that what it tells a reader to
// try is tested too.
package extest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Serve sends method target to h with the headers given as name, value
// pairs, and returns the response.
func Serve(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Case is a request from Origin and the answer it must get. A Case with
// ACRM (Access-Control-Request-Method) is a preflight.
type Case struct {
	Method, Path, ACRM string
	Status             int
	ACAO               string // the Access-Control-Allow-Origin wanted; "" for none
}

// Check sends each case to h from origin and reports every difference.
func Check(t *testing.T, h http.Handler, origin string, cases []Case) {
	t.Helper()
	for _, tc := range cases {
		header := []string{"Origin", origin}
		if tc.ACRM != "" {
			header = append(header, "Access-Control-Request-Method", tc.ACRM)
		}
		w := Serve(h, tc.Method, tc.Path, header...)
		if w.Code != tc.Status {
			t.Errorf("%s %s: status %d, want %d", tc.Method, tc.Path, w.Code, tc.Status)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.ACAO {
			t.Errorf("%s %s: Access-Control-Allow-Origin = %q, want %q", tc.Method, tc.Path, got, tc.ACAO)
		}
	}
}

// Curl is one command an example prints: "Label: curl -i [-X METHOD]
// [-H 'Name: value']... URL".
type Curl struct {
	Label  string
	Method string
	Header http.Header
	URL    string
}

// Curls parses the labelled curl lines of out; other lines are skipped.
// It fails the test on a curl line it cannot read, so that a command the
// test cannot check is not silently left out.
func Curls(t *testing.T, out string) []Curl {
	t.Helper()
	var cmds []Curl
	for _, line := range strings.Split(out, "\n") {
		label, cmd, ok := strings.Cut(line, ": curl ")
		if !ok {
			continue
		}
		c := Curl{Label: strings.TrimSpace(label), Method: http.MethodGet, Header: http.Header{}}
		args, err := splitQuoted(cmd)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for i := 0; i < len(args); i++ {
			switch a := args[i]; {
			case a == "-i":
			case (a == "-X" || a == "-H") && i+1 < len(args):
				i++
				if a == "-X" {
					c.Method = args[i]
					break
				}
				name, value, ok := strings.Cut(args[i], ":")
				if !ok {
					t.Fatalf("%q: header %q has no colon", line, args[i])
				}
				c.Header.Add(name, strings.TrimSpace(value))
			case strings.HasPrefix(a, "http://") && c.URL == "":
				c.URL = a
			default:
				t.Fatalf("%q: argument %q is not one the test knows", line, a)
			}
		}
		if c.URL == "" {
			t.Fatalf("%q: no URL", line)
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// Serve sends the command to h, as curl would to the example's server.
func (c Curl) Serve(h http.Handler) *httptest.ResponseRecorder {
	req := httptest.NewRequest(c.Method, c.URL, nil)
	req.Header = c.Header.Clone()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// CheckLabels runs each command of out, labelled "Allowed" or "Blocked",
// against h and checks the label: an allowed origin gets
// Access-Control-Allow-Origin back, a blocked one gets none. It returns the
// commands it ran.
func CheckLabels(t *testing.T, h http.Handler, out string) []Curl {
	t.Helper()
	cmds := Curls(t, out)
	for _, c := range cmds {
		origin := c.Header.Get("Origin")
		got := c.Serve(h).Header().Get("Access-Control-Allow-Origin")
		switch c.Label {
		case "Allowed":
			if got != origin && got != "*" {
				t.Errorf("%s %s from %q, labelled Allowed: Access-Control-Allow-Origin = %q", c.Method, c.URL, origin, got)
			}
		case "Blocked":
			if got != "" {
				t.Errorf("%s %s from %q, labelled Blocked: Access-Control-Allow-Origin = %q", c.Method, c.URL, origin, got)
			}
		default:
			t.Errorf("%s %s: label %q, want Allowed or Blocked", c.Method, c.URL, c.Label)
		}
	}
	return cmds
}

// splitQuoted splits a shell command line on spaces, keeping 'quoted'
// words whole.
func splitQuoted(s string) ([]string, error) {
	var args []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '\'' {
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return nil, errUnterminated
			}
			args = append(args, s[1:1+end])
			s = s[2+end:]
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		args = append(args, word)
		s = rest
	}
	return args, nil
}

var errUnterminated = errors.New("unterminated quote")
