package main

import (
	"bytes"
	"strings"
	"testing"
)

const sampleOutput = `goos: linux
BenchmarkCORS/scenario=a/mw=gincors-2         	 1000	  100.0 ns/op	  32 B/op	  1 allocs/op
BenchmarkCORS/scenario=a/mw=rs-cors-2         	 1000	  200.0 ns/op	  16 B/op	  1 allocs/op
BenchmarkCORS/scenario=a/mw=jub0bs-cors-2     	 1000	  400.0 ns/op	   0 B/op	  0 allocs/op
BenchmarkCORS/scenario=a/mw=bare-gin-2        	 1000	   40.0 ns/op	   0 B/op	  0 allocs/op
--- BENCH: BenchmarkCORS/scenario=b/mw=rs-cors-2
    bench_test.go:1: scenario=b/mw=rs-cors differs from gincors: status 403, want 204; Vary (none), want "Origin"
    bench_test.go:1: scenario=a/mw=jub0bs-cors differs from gincors: ACAM "PUT", want "GET,PUT"
BenchmarkCORS/scenario=a/mw=gincors-2         	 1000	  120.0 ns/op	  32 B/op	  1 allocs/op
BenchmarkCORS/scenario=a/mw=gincors-2         	 1000	  110.0 ns/op	  32 B/op	  1 allocs/op
BenchmarkCORS/scenario=b/mw=gincors-2         	 1000	  800.0 ns/op	  32 B/op	  1 allocs/op
BenchmarkCORS/scenario=b/mw=rs-cors-2         	 1000	  400.0 ns/op	  16 B/op	  1 allocs/op
BenchmarkNew/origins=500/mw=gincors-2         	   10	  2000000 ns/op	  32 B/op	  100 allocs/op
PASS
`

func TestSummary(t *testing.T) {
	res := newResults()
	if err := res.parse(strings.NewReader(sampleOutput)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.write(&out, options{subject: "gincors", peers: []string{"gin-contrib-cors", "rs-cors", "jub0bs-cors"}, floor: "bare-gin", center: median, stat: "median"})
	got := out.String()
	for _, want := range []string{
		"### BenchmarkCORS (median of 1 runs",
		"| scenario | gincors | rs-cors | jub0bs-cors | bare-gin | gincors ÷ fastest peer | gincors ÷ fastest same-work peer | gincors − bare-gin |",
		"| a | 110 ns · 1 allocs | 200 ns · 1 allocs | 400 ns · 0 allocs | 40 ns · 0 allocs | 0.55× (rs-cors) | 0.55× (rs-cors) | 70 ns |",
		"| b | 800 ns · 1 allocs | 400 ns · 1 allocs |  |  | 2.00× (rs-cors †) | none |  |",
		"over 2 rows: **1.05×**",
		"Over the 1 rows without †: **0.55×**.",
		"over 1 rows: geometric mean **0.55×**, highest **0.55×** (a, rs-cors).",
		"### BenchmarkNew",
		"| origins=500 | 2.00 ms · 100 allocs |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{5}, 5}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestMin(t *testing.T) {
	res := newResults()
	if err := res.parse(strings.NewReader(sampleOutput)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.write(&out, options{subject: "gincors", peers: []string{"rs-cors"}, center: minimum, stat: "min"})
	if got, want := out.String(), "| a | 100 ns · 1 allocs | 200 ns · 1 allocs |"; !strings.Contains(got, want) {
		t.Errorf("summary lacks %q:\n%s", want, got)
	}
}

func TestSameWorkLeavesOutSharedSlices(t *testing.T) {
	// jub0bs-cors is fastest but allocates nothing where gincors writes
	// private values, so the same-work ratio is to rs-cors.
	res := newResults()
	in := `BenchmarkCORS/scenario=a/mw=gincors-2     	 1000	  100.0 ns/op	  32 B/op	  1 allocs/op
BenchmarkCORS/scenario=a/mw=rs-cors-2     	 1000	  200.0 ns/op	  16 B/op	  1 allocs/op
BenchmarkCORS/scenario=a/mw=jub0bs-cors-2 	 1000	   50.0 ns/op	   0 B/op	  0 allocs/op
`
	if err := res.parse(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.write(&out, options{subject: "gincors", peers: []string{"rs-cors", "jub0bs-cors"}, center: median, stat: "median"})
	if got, want := out.String(), "| 2.00× (jub0bs-cors) | 0.50× (rs-cors) |"; !strings.Contains(got, want) {
		t.Errorf("summary lacks %q:\n%s", want, got)
	}
}
