#!/usr/bin/env bash
# CPU profiles of gincors on one scenario per path, each summarised with
# go tool pprof -top (flat) and -top -cum limited to gincors's own functions.
#
# Environment (optional):
#   BENCHTIME=2s     how long each profiled benchmark runs
#   SCENARIOS='...'  space-separated scenario names (default below)
#   MW=gincors       the contender profiled (e.g. gincors-debug)
#   OUT=results/profiles
set -euo pipefail

cd "$(dirname "$0")"
BENCHTIME=${BENCHTIME:-2s}
SCENARIOS=${SCENARIOS:-actual-allowed-n500 preflight-allowed-n500 preflight-adversarial-names1000-n1 preflight-adversarial-commas1MiB-n1 actual-subdomain}
MW=${MW:-gincors}
OUT=${OUT:-results/profiles}
bin=$PWD/.bin
mkdir -p "$bin" "$OUT"

go test -c -o "$bin/benchmarks.test" .
for s in $SCENARIOS; do
	prof="$OUT/$s.$MW.cpu.prof"
	echo "## scenario=$s mw=$MW"
	echo
	"$bin/benchmarks.test" -test.run '^$' -test.bench "CORS/scenario=$s\$/mw=$MW\$" \
		-test.benchtime "$BENCHTIME" -test.cpuprofile "$prof" | grep '^Benchmark'
	echo
	echo '```'
	go tool pprof -top -nodecount=15 "$bin/benchmarks.test" "$prof" 2>/dev/null | sed -n '/flat%/,$p'
	echo
	go tool pprof -top -cum -show='gincors\.|strconv|strings\.' -nodecount=12 "$bin/benchmarks.test" "$prof" 2>/dev/null | sed -n '/flat%/,$p'
	echo '```'
	echo
done | tee "$OUT/profiles.md"
