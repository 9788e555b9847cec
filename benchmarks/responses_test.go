package benchmarks

import (
	"strings"
	"testing"
)

// TestResponses checks, once per scenario and contender, the answer the
// benchmarks time. gincors (with and without Debug) must give the expected
// answer; a peer that answers differently (403, a missing header, a handler
// that does not run) is only reported, so that the table can be read as
// equal work or not. Run with -v to see the report.
func TestResponses(t *testing.T) {
	for _, s := range scenarios {
		t.Run("scenario="+s.name, func(t *testing.T) {
			for _, c := range contendersFor(s) {
				differences, a, debugN := check(c, s)
				if c.debugCalls != nil && s.debugCalls < 0 {
					t.Logf("mw=%s: Debug called %d times", c.name, debugN)
				}
				// The benchmarks reuse the request and the writer: a second
				// answer must be the first one.
				first := a.serve()
				if second := a.serve(); second != first {
					differences = append(differences, "a second identical request gets another answer: "+
						strings.Join(diff(second, first), ", "))
				}
				switch {
				case c.name == mwGincors || c.name == mwGincorsDebug:
					for _, d := range differences {
						t.Errorf("mw=%s: %s", c.name, d)
					}
				case isPeer(c.name) && len(differences) > 0:
					t.Logf("mw=%s differs from gincors: %s", c.name, strings.Join(differences, "; "))
				}
			}
		})
	}
}

// TestScenarioNames keeps the names benchstat and the summary group by
// unique.
func TestScenarioNames(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range scenarios {
		if seen[s.name] {
			t.Errorf("scenario %q twice", s.name)
		}
		seen[s.name] = true
	}
}
