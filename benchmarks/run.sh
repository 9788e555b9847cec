#!/usr/bin/env bash
# Runs the CORS benchmarks, saves the raw output and benchstat's, and prints
# a Markdown table: per scenario each contender's median ns/op and
# allocs/op, gincors's ratio to the fastest peer, and their geometric mean.
#
# Environment (all optional):
#   COUNT=6          samples per benchmark (at least 6 for benchstat's tests)
#   BENCHTIME=500ms  -benchtime of each sample
#   BENCH=.          -bench regexp, e.g. 'CORS/scenario=preflight' or 'New'
#   INTERLEAVE=1     1: run the test binary COUNT times with -count=1, so that
#                    a burst of load from other processes spreads over all
#                    contenders instead of hitting one contender's samples
#                    (go test -count repeats each benchmark back to back);
#                    0: one run with -count=COUNT
#   OUT=results      where bench.txt (raw), benchstat.txt and .csv,
#                    responses.txt (TestResponses -v), env.txt, table.md
#                    (medians) and table-min.md (fastest samples) go
#
# The default run (COUNT=6 BENCHTIME=500ms) takes about 6 minutes on 2 cores.
set -euo pipefail

cd "$(dirname "$0")"
COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-500ms}
BENCH=${BENCH:-.}
INTERLEAVE=${INTERLEAVE:-1}
OUT=${OUT:-results}

if [ "$COUNT" -lt 6 ]; then
	echo "run.sh: COUNT=$COUNT: benchstat needs at least 6 samples for a confidence interval" >&2
fi

bin=$PWD/.bin
mkdir -p "$bin" "$OUT"

# benchstat, from the module proxy, into a gitignored GOBIN.
if [ ! -x "$bin/benchstat" ]; then
	echo "installing benchstat into $bin" >&2
	GOBIN=$bin go install golang.org/x/perf/cmd/benchstat@latest
fi

# One test binary for every round, so that rounds differ only in time.
go test -c -o "$bin/benchmarks.test" .

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "cpu: ${cpu:-unknown}, $(nproc) cores"
	echo "go: $(go version)"
	echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores)"
	echo "command: COUNT=$COUNT BENCHTIME=$BENCHTIME BENCH='$BENCH' INTERLEAVE=$INTERLEAVE ./run.sh"
	echo "gincors: $(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C .. diff --quiet HEAD -- ':(glob)*.go' go.mod go.sum 2>/dev/null || echo ' (with uncommitted library changes)')"
} | tee "$OUT/env.txt" >&2

# What each contender answers, so the table can be read as equal work or not.
"$bin/benchmarks.test" -test.run 'TestResponses' -test.v >"$OUT/responses.txt" 2>&1 || {
	cat "$OUT/responses.txt" >&2
	echo "run.sh: gincors does not give its expected answers; see $OUT/responses.txt" >&2
	exit 1
}

: >"$OUT/bench.txt"
if [ "$INTERLEAVE" = 1 ]; then
	for i in $(seq "$COUNT"); do
		echo "round $i/$COUNT" >&2
		"$bin/benchmarks.test" -test.run '^$' -test.bench "$BENCH" -test.benchtime "$BENCHTIME" \
			-test.count 1 >>"$OUT/bench.txt"
	done
else
	"$bin/benchmarks.test" -test.run '^$' -test.bench "$BENCH" -test.benchtime "$BENCHTIME" \
		-test.count "$COUNT" >"$OUT/bench.txt"
fi

# benchstat with the contenders side by side (gincors first, the others
# compared with it), as text and CSV.
"$bin/benchstat" -col /mw "$OUT/bench.txt" >"$OUT/benchstat.txt"
"$bin/benchstat" -format csv -col /mw "$OUT/bench.txt" >"$OUT/benchstat.csv"

# The table of medians, and the same with each cell's fastest sample, which
# load from other processes cannot make slower.
go build -o "$bin/summarize" ./cmd/summarize
"$bin/summarize" -stat min "$OUT/bench.txt" >"$OUT/table-min.md"
"$bin/summarize" "$OUT/bench.txt" | tee "$OUT/table.md"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.txt" >&2
echo >&2
echo "raw: $OUT/bench.txt, benchstat: $OUT/benchstat.txt (.csv), answers: $OUT/responses.txt, fastest samples: $OUT/table-min.md" >&2
