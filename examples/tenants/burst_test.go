package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// observation is one request of the burst test.
type observation struct {
	replica, origin string
	start, end      time.Time
	status          int
	acao            string
	err             error
}

// TestPostgresBurst sends 1,000 concurrent requests to both replicas while
// 100 changes go through A: 50 origins added, 50 removed. Every answer must
// be a 200 with either no Access-Control-Allow-Origin or the request's own
// origin, and no replica may go back: once a request has seen an origin's
// new state, a request to the same replica that starts later must not see
// the old one.
func TestPostgresBurst(t *testing.T) {
	_, a, b := twoReplicas(t)
	replicas := map[string]string{"A": a.url(), "B": b.url()}
	var adds, removes []string
	for i := range 50 {
		adds = append(adds, fmt.Sprintf("https://new%d.burst.test", i))
		removes = append(removes, fmt.Sprintf("https://old%d.burst.test", i))
	}
	const stable, never = "https://stable.burst.test", "https://never.burst.test"
	for _, o := range append([]string{stable}, removes...) {
		mustAdmin(t, a.url(), http.MethodPost, "burst", o, http.StatusCreated)
	}
	for _, r := range replicas {
		if _, ok := waitFor(t, r, removes[49], true, time.Second); !ok {
			t.Fatal("a replica did not load the seed")
		}
	}

	// Four admin clients make the changes; with each change, ten more
	// requests start, so that the 1,000 requests overlap the whole burst
	// however fast it goes.
	requests := newFirer(replicas, append(append([]string{stable, never}, adds...), removes...))
	burstStart := time.Now()
	changeErrs := make(chan error, 100)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < 50; i += 4 {
				requests.fire(10)
				changeErrs <- change(a.url(), http.MethodPost, adds[i], http.StatusCreated)
				requests.fire(10)
				changeErrs <- change(a.url(), http.MethodDelete, removes[i], http.StatusOK)
			}
		})
	}
	wg.Wait()
	burstEnd := time.Now()
	close(changeErrs)
	for err := range changeErrs {
		if err != nil {
			t.Error(err)
		}
	}
	results := requests.wait()
	checkBurst(t, results, stable, never, adds, removes, burstStart, burstEnd)
	for name, r := range replicas {
		for _, o := range adds {
			if _, ok := waitFor(t, r, o, true, time.Second); !ok {
				t.Fatalf("%s does not allow %s 1s after the burst", name, o)
			}
		}
		for _, o := range removes {
			if allowed(t, r, o) {
				t.Fatalf("%s still allows the removed %s after the burst", name, o)
			}
		}
	}
}

// change makes one change through the admin API.
func change(base, method, origin string, want int) error {
	target := base + "/admin/tenants/burst/origins"
	var req *http.Request
	var err error
	if method == http.MethodPost {
		req, err = http.NewRequest(method, target, strings.NewReader(`{"origin":"`+origin+`"}`))
	} else {
		req, err = http.NewRequest(method, target+"?origin="+origin, nil)
	}
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: status %d, want %d", method, origin, resp.StatusCode, want)
	}
	return nil
}

// firer sends GET /api/hello requests, each from a random origin to a
// random replica, each in its own goroutine, and records what they saw.
type firer struct {
	client   *http.Client
	replicas map[string]string
	names    []string
	origins  []string
	wg       sync.WaitGroup
	mu       sync.Mutex
	obs      []observation
}

func newFirer(replicas map[string]string, origins []string) *firer {
	f := &firer{replicas: replicas, origins: origins,
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
	for name := range replicas {
		f.names = append(f.names, name)
	}
	return f
}

// fire starts n requests and returns without waiting for them.
func (f *firer) fire(n int) {
	for range n {
		f.wg.Go(func() {
			o := observation{replica: f.names[rand.IntN(len(f.names))], origin: f.origins[rand.IntN(len(f.origins))]}
			o.start = time.Now()
			o.status, o.acao, o.err = corsGetWith(f.client, f.replicas[o.replica], o.origin)
			o.end = time.Now()
			f.mu.Lock()
			f.obs = append(f.obs, o)
			f.mu.Unlock()
		})
	}
}

// wait waits for every request and returns the observations.
func (f *firer) wait() []observation {
	f.wg.Wait()
	f.client.CloseIdleConnections()
	return f.obs
}

// checkBurst asserts what TestPostgresBurst promises about every request.
func checkBurst(t *testing.T, obs []observation, stable, never string, adds, removes []string, from, to time.Time) {
	t.Helper()
	newState := map[string]bool{stable: true, never: false}
	for _, o := range adds {
		newState[o] = true
	}
	for _, o := range removes {
		newState[o] = false
	}
	type key struct{ replica, origin string }
	firstNew := map[key]time.Time{} // when a request first finished seeing the new state
	var during, failures, sawNew int
	for _, o := range obs {
		if !o.start.Before(from) && o.start.Before(to) {
			during++
		}
		if o.err != nil || o.status != http.StatusOK || (o.acao != "" && o.acao != o.origin) {
			if failures++; failures <= 5 {
				t.Errorf("%s from %s: status %d, ACAO %q, error %v", o.replica, o.origin, o.status, o.acao, o.err)
			}
			continue
		}
		k := key{o.replica, o.origin}
		if (o.acao != "") == newState[o.origin] {
			sawNew++
			if f, ok := firstNew[k]; !ok || o.end.Before(f) {
				firstNew[k] = o.end
			}
		}
	}
	var backwards int
	for _, o := range obs {
		f, ok := firstNew[key{o.replica, o.origin}]
		if o.err == nil && ok && o.start.After(f) && (o.acao != "") != newState[o.origin] {
			if backwards++; backwards <= 5 {
				t.Errorf("%s went back to the old policy for %s", o.replica, o.origin)
			}
		}
	}
	if failures+backwards > 0 {
		t.Errorf("%d of %d requests failed, %d saw an older policy than an earlier one", failures, len(obs), backwards)
	}
	if during < 100 {
		t.Errorf("only %d of %d requests started during the %v burst: the test did not test the burst", during, len(obs), to.Sub(from))
	}
	t.Logf("burst of 100 changes in %v; %d requests, %d started during it, %d saw the final state: %d failed, %d went back",
		to.Sub(from).Round(time.Millisecond), len(obs), during, sawNew, failures, backwards)
}
