// Command summarize reads raw `go test -bench` output and prints, as
// Markdown, one table per top-level benchmark: a row per scenario, each
// contender's median ns/op and allocs/op, gincors's ratio to the fastest peer,
// and the geometric mean of those ratios.
//
// Benchmark names are expected as BenchmarkTop/key=value/.../mw=contender;
// everything but the mw= element names the row.
//
//	summarize [-stat median|min] [-subject gincors] [-peers a,b,c] [-floor bare-gin] [file ...]
//
// -stat min takes each cell's fastest sample instead of the median: on a
// machine shared with other work, load only ever adds time.
//
// With no file it reads standard input. Several files (or several runs in
// one file) are pooled: each cell is the median of all its samples.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	subject := flag.String("subject", "gincors", "the contender compared with the peers")
	peers := flag.String("peers", "gin-contrib-cors,rs-cors,jub0bs-cors", "comma-separated peers")
	floor := flag.String("floor", "bare-gin", "the contender without middleware, the floor (empty: none)")
	stat := flag.String("stat", "median", "median, or min: the fastest sample, less sensitive to load from other processes")
	flag.Parse()

	var inputs []io.Reader
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "summarize:", err)
			os.Exit(1)
		}
		defer f.Close()
		inputs = append(inputs, f)
	}
	if len(inputs) == 0 {
		inputs = append(inputs, os.Stdin)
	}
	res := newResults()
	for _, r := range inputs {
		if err := res.parse(r); err != nil {
			fmt.Fprintln(os.Stderr, "summarize:", err)
			os.Exit(1)
		}
	}
	if len(res.groups) == 0 {
		fmt.Fprintln(os.Stderr, "summarize: no benchmark results in the input")
		os.Exit(1)
	}
	opts := options{subject: *subject, peers: strings.Split(*peers, ","), floor: *floor, center: median, stat: "median"}
	switch *stat {
	case "median":
	case "min":
		opts.center, opts.stat = minimum, "min"
	default:
		fmt.Fprintf(os.Stderr, "summarize: -stat %q: want median or min\n", *stat)
		os.Exit(2)
	}
	res.write(os.Stdout, opts)
}

type options struct {
	subject string
	peers   []string
	floor   string
	center  func([]float64) float64 // median or minimum
	stat    string                  // its name, for the heading
}

// sample holds one cell's measurements.
type sample struct {
	ns, allocs, bytes []float64
}

type group struct {
	name        string
	rows        []string // in order of first appearance
	contenders  []string // likewise
	cells       map[[2]string]*sample
	hasAllocs   bool
	seenRow     map[string]bool
	seenContend map[string]bool
}

type results struct {
	groups []*group
	byName map[string]*group
	// lessWork[row][contender]: the benchmark logged that the contender
	// answers this row's request with less than gincors does (another
	// status, the handler not run, or a header gincors sends missing).
	lessWork map[string]map[string]bool
}

func newResults() *results {
	return &results{byName: map[string]*group{}, lessWork: map[string]map[string]bool{}}
}

const differsMarker = " differs from gincors: "

// parseDifference reads a line the benchmarks log before timing, such as
// "scenarios_test.go:1: scenario=s/mw=m differs from gincors: status 403,
// want 200; Vary (none), want "Origin"".
func (res *results) parseDifference(line string) {
	head, list, ok := strings.Cut(line, differsMarker)
	if !ok {
		return
	}
	fields := strings.Fields(head)
	if len(fields) == 0 {
		return
	}
	var rest []string
	mw := ""
	for _, p := range strings.Split(fields[len(fields)-1], "/") {
		if v, ok := strings.CutPrefix(p, "mw="); ok {
			mw = v
		} else {
			rest = append(rest, strings.TrimPrefix(p, "scenario="))
		}
	}
	if mw == "" {
		return
	}
	less := false
	for _, d := range strings.Split(list, "; ") {
		if strings.HasPrefix(d, "status ") || strings.HasPrefix(d, "handler ran ") || strings.Contains(d, " (none), want ") {
			less = true
		}
	}
	row := strings.Join(rest, "/")
	if res.lessWork[row] == nil {
		res.lessWork[row] = map[string]bool{}
	}
	res.lessWork[row][mw] = res.lessWork[row][mw] || less
}

// procs is the -GOMAXPROCS suffix go test adds to a benchmark's name.
var procs = regexp.MustCompile(`-\d+$`)

// parse adds the benchmark lines of r to the results.
func (res *results) parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), differsMarker) {
			res.parseDifference(sc.Text())
			continue
		}
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(fields[1], 10, 64); err != nil {
			continue // not a result line
		}
		top, row, mw := split(procs.ReplaceAllString(fields[0], ""))
		g := res.byName[top]
		if g == nil {
			g = &group{name: top, cells: map[[2]string]*sample{}, seenRow: map[string]bool{}, seenContend: map[string]bool{}}
			res.byName[top] = g
			res.groups = append(res.groups, g)
		}
		if !g.seenRow[row] {
			g.seenRow[row] = true
			g.rows = append(g.rows, row)
		}
		if !g.seenContend[mw] {
			g.seenContend[mw] = true
			g.contenders = append(g.contenders, mw)
		}
		key := [2]string{row, mw}
		s := g.cells[key]
		if s == nil {
			s = &sample{}
			g.cells[key] = s
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "ns/op":
				s.ns = append(s.ns, v)
			case "allocs/op":
				s.allocs = append(s.allocs, v)
				g.hasAllocs = true
			case "B/op":
				s.bytes = append(s.bytes, v)
			}
		}
	}
	return sc.Err()
}

// split turns BenchmarkCORS/scenario=x/mw=y into "CORS", "x", "y", and
// BenchmarkNew/origins=500/mw=y into "New", "origins=500", "y". A name
// without mw= has the contender "-".
func split(name string) (top, row, mw string) {
	parts := strings.Split(strings.TrimPrefix(name, "Benchmark"), "/")
	top = parts[0]
	var rest []string
	mw = "-"
	for _, p := range parts[1:] {
		if v, ok := strings.CutPrefix(p, "mw="); ok {
			mw = v
			continue
		}
		p = strings.TrimPrefix(p, "scenario=")
		rest = append(rest, p)
	}
	row = strings.Join(rest, "/")
	if row == "" {
		row = top
	}
	return top, row, mw
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func minimum(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return slices.Min(xs)
}

// ratio is the subject's median ns/op over the fastest peer's in a row.
type ratio struct {
	value float64
	peer  string
	ok    bool
}

func (g *group) ratio(row string, o options) ratio {
	return g.ratioAmong(row, o, func(string) bool { return true })
}

// sameWorkRatio is the subject's ratio to the fastest peer that does the
// same work on row: no difference logged that leaves something out (a
// 403, the handler not run, a header missing), and header values of its
// own, so not zero allocations where the subject makes some (a peer that
// allocates nothing hands every response the same precomputed slices).
func (g *group) sameWorkRatio(row string, o options, lessWork map[string]map[string]bool) ratio {
	subj := g.cells[[2]string{row, o.subject}]
	return g.ratioAmong(row, o, func(p string) bool {
		c := g.cells[[2]string{row, p}]
		sharesSlices := g.hasAllocs && subj != nil && len(c.allocs) > 0 && len(subj.allocs) > 0 &&
			o.center(c.allocs) == 0 && o.center(subj.allocs) > 0
		return !lessWork[row][p] && !sharesSlices
	})
}

// ratioAmong is the subject's ratio to the fastest of the peers that keep
// says to compare with.
func (g *group) ratioAmong(row string, o options, keep func(peer string) bool) ratio {
	subj := g.cells[[2]string{row, o.subject}]
	if subj == nil || len(subj.ns) == 0 {
		return ratio{}
	}
	best := ratio{}
	for _, p := range o.peers {
		c := g.cells[[2]string{row, p}]
		if c == nil || len(c.ns) == 0 || !keep(p) {
			continue
		}
		if m := o.center(c.ns); !best.ok || m < best.value {
			best = ratio{value: m, peer: p, ok: true}
		}
	}
	if !best.ok || best.value == 0 {
		return ratio{}
	}
	return ratio{value: o.center(subj.ns) / best.value, peer: best.peer, ok: true}
}

func geomean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range xs {
		sum += math.Log(x)
	}
	return math.Exp(sum / float64(len(xs)))
}

func (res *results) write(w io.Writer, o options) {
	for i, g := range res.groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		g.write(w, o, res.lessWork)
	}
}

func (g *group) write(w io.Writer, o options, lessWork map[string]map[string]bool) {
	runs := math.MaxInt
	for _, s := range g.cells {
		runs = min(runs, len(s.ns))
	}
	fmt.Fprintf(w, "### Benchmark%s (%s of %d runs: ns/op, allocs/op)\n\n", g.name, o.stat, runs)

	cols := g.contenders
	hasSubject := g.seenContend[o.subject]
	hasFloor := o.floor != "" && g.seenContend[o.floor] && hasSubject
	header := []string{"scenario"}
	header = append(header, cols...)
	if hasSubject {
		header = append(header, o.subject+" ÷ fastest peer", o.subject+" ÷ fastest same-work peer")
	}
	if hasFloor {
		header = append(header, o.subject+" − "+o.floor)
	}
	fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
	aligns := make([]string, len(header))
	for i := range aligns {
		aligns[i] = "---:"
	}
	aligns[0] = "---"
	fmt.Fprintln(w, "|"+strings.Join(aligns, "|")+"|")

	var ratios, equalRatios, sameWork []float64
	var worst ratio
	worstRow := ""
	marked := false
	for _, row := range g.rows {
		cells := []string{row}
		for _, c := range cols {
			s := g.cells[[2]string{row, c}]
			if s == nil || len(s.ns) == 0 {
				cells = append(cells, "")
				continue
			}
			cell := formatNs(o.center(s.ns))
			if g.hasAllocs && len(s.allocs) > 0 {
				cell += " · " + formatCount(o.center(s.allocs))
			}
			cells = append(cells, cell)
		}
		if hasSubject {
			r := g.ratio(row, o)
			if r.ok {
				ratios = append(ratios, r.value)
				mark := ""
				if lessWork[row][r.peer] {
					mark, marked = " †", true
				} else {
					equalRatios = append(equalRatios, r.value)
				}
				cells = append(cells, fmt.Sprintf("%.2f× (%s%s)", r.value, r.peer, mark))
			} else {
				cells = append(cells, "")
			}
			if r := g.sameWorkRatio(row, o, lessWork); r.ok {
				sameWork = append(sameWork, r.value)
				if r.value > worst.value {
					worst, worstRow = r, row
				}
				cells = append(cells, fmt.Sprintf("%.2f× (%s)", r.value, r.peer))
			} else {
				cells = append(cells, "none")
			}
		}
		if hasFloor {
			s, f := g.cells[[2]string{row, o.subject}], g.cells[[2]string{row, o.floor}]
			if s != nil && f != nil && len(s.ns) > 0 && len(f.ns) > 0 {
				cells = append(cells, formatNs(o.center(s.ns)-o.center(f.ns)))
			} else {
				cells = append(cells, "")
			}
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	if hasSubject && len(ratios) > 0 {
		fmt.Fprintf(w, "\nGeometric mean of %s ÷ fastest peer over %d rows: **%.2f×** (below 1: faster than the fastest peer).\n",
			o.subject, len(ratios), geomean(ratios))
	}
	if hasSubject && len(sameWork) > 0 {
		fmt.Fprintf(w, "\nAgainst the fastest peer doing the same work (no 403, no header left out, no slices shared between responses), over %d rows: geometric mean **%.2f×**, highest **%.2f×** (%s, %s).\n",
			len(sameWork), geomean(sameWork), worst.value, worstRow, worst.peer)
	}
	if marked {
		fmt.Fprintf(w, "\n† that peer does less than %s on this request: another status (403), the handler not run, or a header %s sends left out (see responses.txt).", o.subject, o.subject)
		if len(equalRatios) > 0 {
			fmt.Fprintf(w, " Over the %d rows without †: **%.2f×**.", len(equalRatios), geomean(equalRatios))
		}
		fmt.Fprintln(w)
	}
}

// formatNs prints a duration in ns/op with a unit that keeps it short.
func formatNs(ns float64) string {
	a := math.Abs(ns)
	switch {
	case a >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func formatCount(allocs float64) string {
	if allocs == math.Trunc(allocs) {
		return fmt.Sprintf("%.0f allocs", allocs)
	}
	return fmt.Sprintf("%.1f allocs", allocs)
}
