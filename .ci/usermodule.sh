#!/usr/bin/env bash
# Adding gincors must not upgrade its user. A throwaway user module on
# "go 1.24" with Gin v1.9.1 pinned adds gincors, through a replace to a clean
# clone of this repository's HEAD (so uncommitted changes do not count), and
# after go mod tidy must still say "go 1.24", select Gin v1.9.1 and have no
# toolchain line. It runs with the oldest supported toolchain and with the
# default one, builds the program and prints what it found. Exits 1 otherwise.
#
#   .ci/usermodule.sh
#   GINCORS_REV=v0.1.0 .ci/usermodule.sh   # check another commit
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

USER_GO=1.24
USER_GIN=v1.9.1
TOOLCHAINS=${USER_TOOLCHAINS:-go1.24.13 local}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
die() { echo "user-module: $*" >&2; exit 1; }

head=$(git rev-parse "${GINCORS_REV:-HEAD}^{commit}") || die "no revision ${GINCORS_REV:-HEAD}"
git clone -q --no-checkout "$root" "$work/gincors" && git -C "$work/gincors" checkout -q "$head" ||
  die "cannot clone $root at $head"
echo "user-module: gincors at $(git -C "$work/gincors" log -1 --format='%h %s') (clean clone)"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
  echo "user-module: note: the working tree has uncommitted changes; they are not checked"

# facts: the go line, the toolchain line, the selected Gin, how many modules.
facts() {
  local goline toolchain gin n
  goline=$(go mod edit -print | awk '$1 == "go" { print $2 }')
  toolchain=$(go mod edit -print | awk '$1 == "toolchain" { print $2 }')
  gin=$(go list -m -f '{{.Version}}' github.com/gin-gonic/gin)
  n=$(go list -m all | wc -l)
  echo "go ${goline:-?}, ${toolchain:+toolchain $toolchain, }gin $gin, $n modules"
}

failed=0
for tc in $TOOLCHAINS; do
  u=$work/user-$tc
  mkdir -p "$u"
  cd "$u" || exit 1
  export GOTOOLCHAIN=$tc
  # The user's module before: a Gin program, its versions pinned.
  cat >go.mod <<EOF
module example.com/user

go $USER_GO

require github.com/gin-gonic/gin $USER_GIN
EOF
  cat >main.go <<'EOF'
package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.New()
	r.GET("/", func(c *gin.Context) { c.String(200, "ok") })
	_ = r.Run("127.0.0.1:0")
}
EOF
  go mod tidy >"$u.log" 2>&1 || { cat "$u.log" >&2; die "[$tc] the user module does not tidy without gincors"; }
  before=$(facts)

  # Add gincors as `go get` would, from the clone.
  go mod edit -require=github.com/gincors/gincors@v0.0.0 -replace=github.com/gincors/gincors="$work/gincors"
  cat >main.go <<'EOF'
package main

import (
	"log"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

func main() {
	r := gin.New()
	r.Use(gincors.New(gincors.Config{AllowOrigins: []string{"https://app.example.com"}}))
	r.GET("/", func(c *gin.Context) { c.String(200, "ok") })
	log.Fatal(r.Run("127.0.0.1:0"))
}
EOF
  if ! go mod tidy >>"$u.log" 2>&1 || ! go build -o /dev/null . >>"$u.log" 2>&1; then
    cat "$u.log" >&2
    die "[$tc] the user module does not build with gincors"
  fi
  after=$(facts)
  version=$(go version | awk '{print $3}')
  echo "user-module [$tc, $version]: before: $before"
  echo "user-module [$tc, $version]: after adding gincors: $after"
  if [ "$(go mod edit -print | awk '$1 == "go" { print $2 }')" != "$USER_GO" ] ||
    [ -n "$(go mod edit -print | awk '$1 == "toolchain"')" ] ||
    [ "$(go list -m -f '{{.Version}}' github.com/gin-gonic/gin)" != "$USER_GIN" ]; then
    echo "user-module [$tc]: FAIL: adding gincors changed the user's go line, toolchain or Gin (want go $USER_GO, gin $USER_GIN, no toolchain line)" >&2
    go mod edit -print | sed 's/^/  /' >&2
    failed=1
  else
    echo "user-module [$tc]: ok: the user keeps go $USER_GO and gin $USER_GIN"
  fi
  cd "$root" || exit 1
done
exit $failed
