package conformance

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcome is how one case ended.
type outcome struct {
	tc    *testCase
	ok    bool
	diffs []string
}

// TestExpressConformance replays every case against the Express oracle and a
// Gin server running gincors, and requires each response pair to be
// identical or to differ exactly as the case's deliberate differences say.
func TestExpressConformance(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	o := startOracle(t)

	all := cases()
	seen := map[string]bool{}
	for _, tc := range all {
		require.False(t, seen[tc.ID], "duplicate case ID %s", tc.ID)
		seen[tc.ID] = true
		for _, d := range tc.Diffs {
			require.Contains(t, differences, d.ID, "case %s names an undocumented difference", tc.ID)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var outcomes []outcome
	for i := range all {
		tc := &all[i]
		oc := outcome{tc: tc}
		for _, d := range tc.Diffs {
			if !slices.Contains(oc.diffs, d.ID) {
				oc.diffs = append(oc.diffs, d.ID)
			}
		}
		oc.ok = t.Run(tc.ID+"/"+tc.Name, func(t *testing.T) {
			runCase(ctx, t, o, tc)
		})
		outcomes = append(outcomes, oc)
	}
	report(os.Stdout, outcomes)
}

func runCase(ctx context.Context, t *testing.T, o *oracle, tc *testCase) {
	// Express configs with no valid gincors equivalent are refused, naming
	// the fields; the case then runs the nearest valid translation.
	for _, inv := range tc.Invalid {
		err := inv.Cfg.Validate()
		require.Error(t, err, "gincors must refuse the literal translation of %s", tc.Oracle)
		assert.Equal(t, inv.Fields, configErrorFields(err), "fields named by Validate: %v", err)
		assert.Panics(t, func() { gincors.New(inv.Cfg) })
	}
	require.NoError(t, tc.Cfg.Validate())

	build := tc.Setup
	if build == nil {
		var err error
		build, err = setupFromOracle(tc.Oracle)
		require.NoError(t, err)
	}
	r := gin.New()
	build(r, mark(gincors.New(tc.Cfg)))
	srv := httptest.NewServer(r) // 127.0.0.1
	defer srv.Close()

	require.NoError(t, o.configure(ctx, tc.Oracle))
	express, err := send(ctx, "http://"+o.addr, tc.Req)
	require.NoError(t, err, "oracle request")
	got, err := send(ctx, srv.URL, tc.Req)
	require.NoError(t, err, "gincors request")

	want := express.clone()
	changes := false
	for _, d := range tc.Diffs {
		if d.Rebase != "" {
			require.NoError(t, o.configure(ctx, d.Rebase))
			want, err = send(ctx, "http://"+o.addr, tc.Req)
			require.NoError(t, err, "oracle request (rebased for %s)", d.ID)
			changes = true
		}
	}
	for _, d := range tc.Diffs {
		if d.Apply != nil {
			d.Apply(want, tc)
			changes = true
		}
	}

	w, g, e := want.comparable(tc.Body), got.comparable(tc.Body), express.comparable(tc.Body)
	if changes {
		// A listed response difference must still be one: if gincors came to
		// answer as Express does, the case's differences are stale.
		require.NotEqual(t, e, g, "gincors now answers as Express does; remove the case's differences %v", diffIDs(tc))
	}
	require.Equal(t, w, g, "gincors response vs Express response%s\nrequest: %s\nexpress: %+v",
		withDiffs(tc), describe(tc.Req), e)
}

func diffIDs(tc *testCase) []string {
	var ids []string
	for _, d := range tc.Diffs {
		ids = append(ids, d.ID)
	}
	return ids
}

func withDiffs(tc *testCase) string {
	if len(tc.Diffs) == 0 {
		return " (expected identical)"
	}
	return fmt.Sprintf(" with %v applied", diffIDs(tc))
}

func describe(r request) string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.Target)
	for _, h := range r.Headers {
		v := h[1]
		if len(v) > 60 {
			v = fmt.Sprintf("%s... (%d bytes)", v[:40], len(v))
		}
		fmt.Fprintf(&b, "; %s: %s", h[0], v)
	}
	return b.String()
}

// report prints the case table and the summary line.
func report(w io.Writer, outcomes []outcome) {
	var identical, deliberate, unexplained int
	byID := map[string]int{}
	fmt.Fprintf(w, "\n%-11s %-11s %-38s %s\n", "ID", "outcome", "differences", "case (translation)")
	for _, oc := range outcomes {
		status := "identical"
		switch {
		case !oc.ok:
			status = "UNEXPLAINED"
			unexplained++
		case len(oc.diffs) > 0:
			status = "deliberate"
			deliberate++
			for _, id := range oc.diffs {
				byID[id]++
			}
		default:
			identical++
		}
		name := oc.tc.Name
		if oc.tc.Note != "" {
			name += " (" + oc.tc.Note + ")"
		}
		fmt.Fprintf(w, "%-11s %-11s %-38s %s\n", oc.tc.ID, status, strings.Join(oc.diffs, ","), name)
	}
	for _, na := range notApplicableCases {
		fmt.Fprintf(w, "%-11s %-11s %-38s %s: %s\n", na.ID, "n/a", "", na.Name, na.Reason)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var parts []string
	for _, id := range ids {
		parts = append(parts, fmt.Sprintf("%s=%d", id, byID[id]))
	}
	fmt.Fprintf(w, "conformance: %d cases, %d identical, %d deliberate differences (by ID: %s), %d unexplained; %d not applicable\n",
		len(outcomes), identical, deliberate, strings.Join(parts, " "), unexplained, len(notApplicableCases))
}
