#!/usr/bin/env bash
# Tests of examples/tenants on both backends: SQLite in-process, PostgreSQL on
# a throwaway cluster (initdb into a temp dir, pg_ctl on a loopback port; no
# system service), and the Chromium check. Installs Debian's postgresql and
# chromium when missing and run as root. With CI=true the tests fail, rather
# than skip, when PostgreSQL or Chromium is missing.
#
#   bash examples/tenants/ci.sh        # from anywhere
set -euo pipefail
cd "$(dirname "$0")"

need_install=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need_install+=(postgresql)
[ -x /usr/bin/chromium ] || need_install+=(chromium)
if [ "${#need_install[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

tmp=$(mktemp -d)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
cleanup() {
  if [ -n "${pgbin:-}" ] && [ -f "$tmp/data/postmaster.pid" ]; then
    as_owner "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# initdb refuses to run as root: run the cluster as Debian's postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "$pgbin" ]; then
  [ "$(id -u)" = 0 ] && chown postgres "$tmp"
  as_owner "$pgbin/initdb" -D "$tmp/data" -U tenants -A trust --no-sync >"$tmp/initdb.log" ||
    { cat "$tmp/initdb.log"; exit 1; }
  # No port 0 for postgres: try a few random high ports.
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if as_owner "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off" start >/dev/null; then
      export TENANTS_POSTGRES_DSN="postgres://tenants@127.0.0.1:$port/postgres?sslmode=disable"
      break
    fi
  done
  [ -n "${TENANTS_POSTGRES_DSN:-}" ] || { cat "$tmp/server.log"; exit 1; }
  echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
fi

go vet ./...
# -v for the measured figures; passing tests' names are filtered out. The
# README's benchmarks run once each in the same binary, so that they keep
# compiling and running without a second, non-race build of SQLite (no
# timing is asserted; README.md says how to measure).
go test -race -count=1 -v -bench . -benchtime=1x ./... 2>&1 | grep -v -E '^(=== (RUN|PAUSE|CONT|NAME)|\s*--- PASS|PASS$)'
[ "${PIPESTATUS[0]}" = 0 ] || exit 1
