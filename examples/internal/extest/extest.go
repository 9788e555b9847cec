// Package extest holds what the examples' tests share: sending a request to
// a handler, checking a table of CORS answers, and running an example's
// command on a free port with the curl commands it prints, so that what it
// tells a reader to try is tested too.
package extest

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
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
// [-H 'Name: value']... [-d 'body'] URL".
type Curl struct {
	Label  string
	Method string
	Header http.Header
	Body   string
	URL    string
	Status int // once run
}

// curlLine is "Label: curl ARGS", with any spaces after the colon.
var curlLine = regexp.MustCompile(`^([^:]+):\s+curl (.*)$`)

// Curls parses the labelled curl lines of out; other lines are skipped.
// It fails the test on a curl line it cannot read, so that a command the
// test cannot check is not silently left out.
func Curls(t *testing.T, out string) []Curl {
	t.Helper()
	var cmds []Curl
	for _, line := range strings.Split(out, "\n") {
		m := curlLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		label, cmd := m[1], m[2]
		c := Curl{Label: strings.TrimSpace(label), Method: http.MethodGet, Header: http.Header{}}
		args, err := splitQuoted(cmd)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for i := 0; i < len(args); i++ {
			switch a := args[i]; {
			case a == "-i":
			case (a == "-X" || a == "-H" || a == "-d") && i+1 < len(args):
				i++
				if a == "-X" {
					c.Method = args[i]
					break
				}
				if a == "-d" {
					c.Body = args[i]
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

// CheckLabels runs cmds in order with do and checks each label whose first
// word is Allowed or Blocked: what a browser would do with the answer. An
// actual request is allowed when Access-Control-Allow-Origin names its
// origin (or is "*"); a preflight when, besides, the method and every
// header it asks for are allowed. Other labels (steps such as "Allow it")
// are only run; the caller checks their Status.
func CheckLabels(t *testing.T, cmds []Curl, do func(Curl) (int, http.Header)) []Curl {
	t.Helper()
	for i := range cmds {
		c := &cmds[i]
		var header http.Header
		c.Status, header = do(*c)
		verdict, _, _ := strings.Cut(c.Label, " ")
		switch problem := browserProblem(*c, c.Status, header); {
		case verdict == "Allowed" && problem != "":
			t.Errorf("%s %s from %q, labelled %q: %s", c.Method, c.URL, c.Header.Get("Origin"), c.Label, problem)
		case verdict == "Blocked" && problem == "":
			t.Errorf("%s %s from %q, labelled %q: a browser would allow it", c.Method, c.URL, c.Header.Get("Origin"), c.Label)
		}
	}
	return cmds
}

// WantLabels checks that cmds carry these labels, in this order.
func WantLabels(t *testing.T, cmds []Curl, labels ...string) {
	t.Helper()
	var got []string
	for _, c := range cmds {
		got = append(got, c.Label)
	}
	if !slices.Equal(got, labels) {
		t.Errorf("labels %q, want %q", got, labels)
	}
}

// browserProblem says why a browser would not let a page on c's origin
// read w (or, for a preflight, send its request), or returns "".
func browserProblem(c Curl, status int, got http.Header) string {
	origin := c.Header.Get("Origin")
	if acao := got.Get("Access-Control-Allow-Origin"); acao != origin && acao != "*" {
		return "Access-Control-Allow-Origin is " + strconv.Quote(acao)
	}
	method := c.Header.Get("Access-Control-Request-Method")
	if c.Method != http.MethodOptions || method == "" {
		return ""
	}
	if status < 200 || status > 299 {
		return "the preflight's status is " + http.StatusText(status)
	}
	methods := list(got.Get("Access-Control-Allow-Methods"))
	safelisted := method == "GET" || method == "HEAD" || method == "POST"
	if !safelisted && !slices.Contains(methods, method) && !slices.Contains(methods, "*") {
		return method + " is not in Access-Control-Allow-Methods " + strconv.Quote(got.Get("Access-Control-Allow-Methods"))
	}
	headers := list(strings.ToLower(got.Get("Access-Control-Allow-Headers")))
	for _, name := range list(strings.ToLower(c.Header.Get("Access-Control-Request-Headers"))) {
		if !slices.Contains(headers, name) && (name == "authorization" || !slices.Contains(headers, "*")) {
			return name + " is not in Access-Control-Allow-Headers " + strconv.Quote(got.Get("Access-Control-Allow-Headers"))
		}
	}
	return ""
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

func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Headers checks the response headers of w named in want ("" for absent).
func Headers(t *testing.T, w *httptest.ResponseRecorder, want map[string]string) {
	t.Helper()
	for name, v := range want {
		if got := w.Header().Get(name); got != v {
			t.Errorf("%s = %q, want %q", name, got, v)
		}
	}
}

// mainEnv, set in a test binary's environment, makes TestMain run the
// example's main with the arguments it holds instead of the tests.
const mainEnv = "EXTEST_MAIN_ARGS"

// TestMain runs the tests, or the example's main when Main started the
// test binary to stand for the example's command.
func TestMain(m *testing.M, main func()) {
	if args, ok := os.LookupEnv(mainEnv); ok {
		os.Args = append(os.Args[:1], strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Main runs the example's command (the test binary, through TestMain) with
// args, such as "-addr 127.0.0.1:0", and returns the first n curl commands
// it prints. The command is killed when the test ends.
func Main(t *testing.T, n int, args ...string) []Curl {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), mainEnv+"="+strings.Join(args, " "))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait() // also closes stdout, ending the reader
	})
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var out strings.Builder
	timeout := time.After(20 * time.Second)
	for got := 0; got < n; {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the command exited after printing %d of %d curl commands:\n%s", got, n, out.String())
			}
			if curlLine.MatchString(line) {
				got++
				out.WriteString(line + "\n")
			}
		case <-timeout:
			t.Fatalf("the command printed %d of %d curl commands in 20s:\n%s", got, n, out.String())
		}
	}
	go func() { // drain the rest (Gin's log)
		for range lines {
		}
	}()
	return Curls(t, out.String())
}

// Do sends c over HTTP, as curl would.
func Do(t *testing.T) func(Curl) (int, http.Header) {
	return func(c Curl) (int, http.Header) {
		t.Helper()
		req, err := http.NewRequest(c.Method, c.URL, strings.NewReader(c.Body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = c.Header.Clone()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if _, err := io.Copy(io.Discard, res.Body); err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, res.Header
	}
}
