#!/usr/bin/env bash
# staticcheck, pinned, over every module of the repository: the root module
# (the library and examples/), benchmarks/, conformance/, e2e/ and any other
# directory with a go.mod. Exits 1 on any finding.
#
# staticcheck is installed from the module proxy into .ci/bin (ignored by git)
# the first time, and again whenever STATICCHECK_VERSION changes. It is built
# with the default toolchain; v0.8.2 (2026.2.2) needs Go 1.26 to build and
# checks code for Go 1.24 through 1.27.
#
#   .ci/lint.sh
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

STATICCHECK_VERSION=v0.8.2
bin=$root/.ci/bin
staticcheck=$bin/staticcheck

want=${STATICCHECK_VERSION#v}
if ! "$staticcheck" -version 2>/dev/null | grep -q "($want)"; then
  echo "lint: installing honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
  GOBIN=$bin go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION" || {
    echo "lint: cannot install staticcheck $STATICCHECK_VERSION" >&2
    exit 1
  }
fi
echo "lint: $("$staticcheck" -version)"

# Every module, node_modules and hidden directories aside.
mapfile -t modules < <(find . \( -name node_modules -o -name '.?*' \) -prune -o -name go.mod -print |
  xargs -n1 dirname | sort)

failed=()
for m in "${modules[@]}"; do
  if out=$(cd "$m" && "$staticcheck" ./... 2>&1); then
    echo "lint: staticcheck $m: clean"
  else
    echo "lint: staticcheck $m:"
    printf '%s\n' "$out" | sed "s#^#  $m/#"
    failed+=("$m")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "lint: staticcheck found problems in: ${failed[*]}"
  exit 1
fi
