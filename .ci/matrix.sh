#!/usr/bin/env bash
# The version matrix: the root package's tests with -race on every supported
# Go toolchain against every supported Gin minor release, then a Go × Gin
# table of pass/fail. Exits 1 if any cell fails.
#
# Each Gin version gets a throwaway copy of go.mod (and go.sum) in a temporary
# directory, upgraded with go get and tidied there, and used through -modfile:
# the committed go.mod is never touched. Toolchains come from the module proxy
# (GOTOOLCHAIN=go1.N.P downloads golang.org/toolchain into the module cache
# once); the module and build caches are shared by every cell.
#
# A cell runs every test of the root package but TestLoad, the ~20 s loopback
# load test, which .ci/run runs in full once with the default toolchain. The
# cell of the oldest Go and the Gin version go.mod requires also runs go vet
# ./..., which compiles every package, the examples and their tests included,
# on the oldest Go. A Gin release that needs a newer Go than a toolchain is
# shown as "n/a".
#
#   .ci/matrix.sh
#   GO_VERSIONS='go1.24.13' GIN_VERSIONS='v1.9.1 v1.12.0' .ci/matrix.sh
#   MATRIX_JOBS=1 .ci/matrix.sh      # cells one at a time (default 2)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$SECONDS

# The newest patch of each supported Go release and of each supported Gin
# minor release. Update them here, with the README's and SECURITY.md's
# support statements.
GO_VERSIONS=${GO_VERSIONS:-go1.24.13 go1.25.14 go1.26.11 go1.27.4}
GIN_VERSIONS=${GIN_VERSIONS:-v1.9.1 v1.10.1 v1.11.0 v1.12.0}
MATRIX_JOBS=${MATRIX_JOBS:-2}
cell_flags=(-race -count=1 -skip '^TestLoad$')
gin_path=github.com/gin-gonic/gin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# version_le A B: is Go version A (1.24, 1.25.0, 1.24.13) at most B?
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]; }

committed_gin=$(go list -m -f '{{.Version}}' "$gin_path")
oldest_go=$(echo "$GO_VERSIONS" | tr ' ' '\n' | sort -V | head -n1)

echo "matrix: Go: $GO_VERSIONS"
echo "matrix: Gin: $GIN_VERSIONS (go.mod requires $committed_gin)"
echo "matrix: each cell: go test ${cell_flags[*]} ."

# Say so when the proxy serves newer patches or releases than the lists
# above; this never fails the run.
served=$(go list -m -versions golang.org/toolchain 2>/dev/null | tr ' ' '\n' |
  sed -n 's/^v0\.0\.1-\(go1\.[0-9]*\.[0-9]*\)\.linux-amd64$/\1/p' | sort -V)
newest_tested=$(echo "$GO_VERSIONS" | tr ' ' '\n' | sort -V | tail -n1)
newest_served=$(echo "$served" | tail -n1)
if [ -n "$newest_served" ] && ! version_le "${newest_served%.*}" "${newest_tested%.*}"; then
  echo "matrix: note: the module proxy serves $newest_served, a Go release newer than the matrix"
fi
for gov in $GO_VERSIONS; do
  newest=$(echo "$served" | grep "^${gov%.*}\." | tail -n1)
  if [ -n "$newest" ] && [ "$newest" != "$gov" ]; then
    echo "matrix: note: $newest is out; the matrix tests $gov"
  fi
done
latest_gin=$(go list -m -versions "$gin_path" 2>/dev/null | tr ' ' '\n' | tail -n1)
if [ -n "$latest_gin" ] && ! echo " $GIN_VERSIONS " | grep -q " $latest_gin "; then
  echo "matrix: note: Gin $latest_gin is out and not in the matrix"
fi

# One go.mod per Gin version, made with the default toolchain.
declare -A modfile goline
for gin in $GIN_VERSIONS; do
  mod=$work/gin-$gin.mod
  cp go.mod "$mod"
  cp go.sum "${mod%.mod}.sum"
  if ! go get -modfile="$mod" "$gin_path@$gin" >"$work/get-$gin.log" 2>&1 ||
    ! go mod tidy -modfile="$mod" >>"$work/get-$gin.log" 2>&1; then
    echo "matrix: cannot make a go.mod for Gin $gin:" >&2
    cat "$work/get-$gin.log" >&2
    exit 1
  fi
  got=$(go list -modfile="$mod" -m -f '{{.Version}}' "$gin_path")
  [ "$got" = "$gin" ] || { echo "matrix: asked for Gin $gin, got $got" >&2; exit 1; }
  modfile[$gin]=$mod
  goline[$gin]=$(go mod edit -print "$mod" | awk '$1 == "go" { print $2 }')
done

# run_cell GOVERSION GIN: the cell's log in $work/cell-GOVERSION-GIN.log, its
# result (pass, FAIL) in .result and its seconds in .secs.
run_cell() {
  local gov=$1 gin=$2 out=$work/cell-$1-$2 t0=$SECONDS rc=0
  {
    GOTOOLCHAIN=$gov go test -modfile="${modfile[$gin]}" "${cell_flags[@]}" . || rc=1
    if [ "$gin" = "$committed_gin" ] && [ "$gov" = "$oldest_go" ]; then
      GOTOOLCHAIN=$gov go vet -modfile="${modfile[$gin]}" ./... || rc=1
    fi
  } >"$out.log" 2>&1
  [ $rc = 0 ] && echo pass >"$out.result" || echo FAIL >"$out.result"
  echo $((SECONDS - t0)) >"$out.secs"
}

# Download the toolchains first, one at a time, so that two cells never fetch
# the same one.
for gov in $GO_VERSIONS; do
  GOTOOLCHAIN=$gov go version >/dev/null 2>"$work/toolchain-$gov.log" || {
    echo "matrix: cannot get toolchain $gov:" >&2
    cat "$work/toolchain-$gov.log" >&2
    exit 1
  }
done

running=0
for gov in $GO_VERSIONS; do
  for gin in $GIN_VERSIONS; do
    if ! version_le "${goline[$gin]}" "${gov#go}"; then
      echo "n/a" >"$work/cell-$gov-$gin.result"
      continue
    fi
    run_cell "$gov" "$gin" &
    running=$((running + 1))
    if [ "$running" -ge "$MATRIX_JOBS" ]; then
      wait -n
      running=$((running - 1))
    fi
  done
done
wait

# The table, then the logs of failed cells.
failed=()
printf '\nGo × Gin: go test -race (all but TestLoad) of the root package\n'
printf '%-11s' ""
for gin in $GIN_VERSIONS; do printf ' %-14s' "gin $gin"; done
printf '\n'
for gov in $GO_VERSIONS; do
  printf '%-11s' "$gov"
  for gin in $GIN_VERSIONS; do
    base=$work/cell-$gov-$gin
    result=$(cat "$base.result")
    case $result in
    n/a) cell="n/a" ;;
    *) cell="$result ($(cat "$base.secs")s)" ;;
    esac
    [ "$result" = FAIL ] && failed+=("$gov × gin $gin")
    printf ' %-14s' "$cell"
  done
  printf '\n'
done
for gin in $GIN_VERSIONS; do
  version_le "${goline[$gin]}" "$(echo "$GO_VERSIONS" | tr ' ' '\n' | sed 's/^go//' | sort -V | head -n1)" ||
    echo "n/a: Gin $gin requires go ${goline[$gin]}"
done

for gov in $GO_VERSIONS; do
  for gin in $GIN_VERSIONS; do
    if [ "$(cat "$work/cell-$gov-$gin.result")" = FAIL ]; then
      printf '\n--- %s × gin %s failed:\n' "$gov" "$gin"
      tail -n 40 "$work/cell-$gov-$gin.log"
    fi
  done
done

echo "matrix: $((SECONDS - start))s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "matrix: FAILED: ${failed[*]}" >&2
  exit 1
fi
