#!/usr/bin/env bash
# The end-to-end suite (e2e/) in Chromium, Firefox and WebKit, as .ci/run runs
# it. Installs Debian's chromium, firefox-esr, webkit2gtk-driver and xvfb when
# missing and run as root; with CI=true (set it) a missing engine fails the
# suite rather than skipping it.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "ci: $*" >&2; exit 1; }

# Debian's packages only; nothing downloads a browser or a driver at run time.
# MiniBrowser comes with libwebkit2gtk-4.1-0, a dependency of webkit2gtk-driver.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for b in chromium firefox-esr WebKitWebDriver Xvfb; do
  command -v "$b" >/dev/null || die "$b is required for e2e/ (apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb)"
done
dpkg-query -W -f '${Package} ${Version}\n' chromium firefox-esr webkit2gtk-driver 2>/dev/null || true
e2e_start=$SECONDS
# -v for the matrix; passing subtests' lines are filtered out. Each engine's
# wall time is on its summary line at the end of the report.
(cd e2e && go test -count=1 -timeout 20m -v ./... 2>&1 | grep -v -E '^(=== |\s+--- PASS)' ; exit "${PIPESTATUS[0]}")
echo "e2e, three engines: $((SECONDS - e2e_start))s"
