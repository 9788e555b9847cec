#!/usr/bin/env bash
# Runs every fuzz target of the root package, one after the other, then
# prints one summary line with each target's executions. FuzzLimits, whose
# structured generator reaches the limits, gets LIMITSTIME (default 20s);
# every other target FUZZTIME (default 15s): 80s in all for five targets. Exits 1 if any target failed; its failing input is then in
# testdata/fuzz/<FuzzName>/ (go test -run '<FuzzName>/<file>' . replays it).
#
#   .ci/fuzz.sh
#   FUZZTIME=2m .ci/fuzz.sh
#   FUZZ_TARGETS='FuzzOriginMatch FuzzMiddleware' .ci/fuzz.sh
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-15s}
LIMITSTIME=${LIMITSTIME:-20s}
targets=${FUZZ_TARGETS:-$(go test -list '^Fuzz' . | grep '^Fuzz')}
if [ -z "$targets" ]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
summary=()
failed=()
for t in $targets; do
	time=$FUZZTIME
	[ "$t" = FuzzLimits ] && time=$LIMITSTIME
	echo "fuzz: $t for $time"
	go test -run '^$' -fuzz "^${t}\$" -fuzztime "$time" . 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
	summary+=("$t=${execs:-0}")
	if [ "$status" -ne 0 ]; then
		failed+=("$t")
	fi
done

echo "fuzz summary (FUZZTIME=$FUZZTIME, LIMITSTIME=$LIMITSTIME, execs): ${summary[*]}${failed:+ FAILED: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
