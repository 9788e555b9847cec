package e2e

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"
)

// row is one scenario in one engine, for the report printed after the run.
type row struct {
	engine    string
	name      string
	want      string // the standard's outcome
	outcome   string // what the page could read
	counted   string // how an allowed-with-a-warning answer was counted
	console   string // the engine's CORS error text for a blocked fetch
	note      string // what a check recorded
	deviation string // the engine's known deviation from the standard, with a link
	result    string // "ok", "FAIL" or "skipped: why"
}

var (
	rowsMu     sync.Mutex
	rows       []row
	engineTime = map[string]time.Duration{}
)

// report records r when the subtest ends, with its pass/fail state. A
// skipped scenario is listed as skipped, with the reason, never as passed.
func report(t *testing.T, r *row) {
	t.Cleanup(func() {
		switch {
		case t.Skipped():
			r.result = "skipped"
		case t.Failed():
			r.result = "FAIL"
		default:
			r.result = "ok"
		}
		rowsMu.Lock()
		rows = append(rows, *r)
		rowsMu.Unlock()
	})
}

func addEngineTime(name string, d time.Duration) {
	rowsMu.Lock()
	engineTime[name] += d
	rowsMu.Unlock()
}

// printReport prints the matrix (scenario x engine), the engines' own words
// for each blocked fetch and deviation, and one summary line per engine.
func printReport(w io.Writer) {
	rowsMu.Lock()
	defer rowsMu.Unlock()
	if len(rows) == 0 {
		return
	}
	var engines, names []string
	cell := map[[2]string]row{}
	for _, r := range rows {
		if !slices.Contains(engines, r.engine) {
			engines = append(engines, r.engine)
		}
		if !slices.Contains(names, r.name) {
			names = append(names, r.name)
		}
		cell[[2]string{r.name, r.engine}] = r
	}
	enginesMu.Lock()
	defer enginesMu.Unlock()

	fmt.Fprintf(w, "\ngincors e2e: %d scenarios x %d engines (cell: result, then what the page could read when it differs from the standard's outcome)\n", len(names), len(engines))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "#\tscenario\tFetch standard\t%s\n", strings.Join(engines, "\t"))
	for i, n := range names {
		var want string
		var cells []string
		for _, e := range engines {
			r, ok := cell[[2]string{n, e}]
			if !ok {
				cells = append(cells, "not run")
				continue
			}
			want = r.want
			c := r.result
			if r.outcome != "" && r.outcome != r.want {
				c += " (" + r.outcome + ")"
			}
			if r.counted != "" || r.deviation != "" {
				c += " *"
			}
			cells = append(cells, c)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", i+1, truncate(n, 70), want, strings.Join(cells, "\t"))
	}
	tw.Flush()

	for _, e := range engines {
		fmt.Fprintf(w, "\n%s %s: the engine's words for each blocked fetch; warnings counted and deviations (*)\n", e, versions[e])
		for i, n := range names {
			r, ok := cell[[2]string{n, e}]
			if !ok {
				continue
			}
			var parts []string
			if r.console != "" {
				parts = append(parts, truncate(r.console, 160))
			}
			if r.counted != "" {
				parts = append(parts, "counted "+truncate(r.counted, 160))
			}
			if r.deviation != "" {
				parts = append(parts, "deviation: "+truncate(r.deviation, 220))
			}
			if r.note != "" {
				parts = append(parts, truncate(r.note, 160))
			}
			if len(parts) > 0 {
				fmt.Fprintf(w, "  %2d %s\n", i+1, strings.Join(parts, " | "))
			}
		}
	}

	fmt.Fprintln(w)
	for _, e := range engines {
		passed, total, skipped, deviating := 0, 0, 0, 0
		for _, r := range rows {
			if r.engine != e {
				continue
			}
			total++
			if r.deviation != "" {
				deviating++
			}
			switch r.result {
			case "ok":
				passed++
			case "skipped":
				skipped++
			}
		}
		extra := ""
		if skipped > 0 {
			extra += fmt.Sprintf(", %d skipped (not passed)", skipped)
		}
		if deviating > 0 {
			extra += fmt.Sprintf(", %d of them as a known deviation from Fetch", deviating)
		}
		fmt.Fprintf(w, "%s %s: %d/%d passed%s, wall time %s\n", e, versions[e], passed, total, extra, engineTime[e].Round(100*time.Millisecond))
	}
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}
