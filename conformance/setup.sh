#!/bin/sh
# Installs the Express oracle of the conformance test (cors 2.8.6 and
# express 4.22.3, as pinned in oracle/package.json and oracle/package-lock.json)
# into conformance/oracle/node_modules. Needs Node.js >= 18 and npm.
set -eu
cd "$(dirname "$0")/oracle"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "setup.sh: node and npm are needed (Node.js >= 18)" >&2
	exit 1
fi
if [ -f package-lock.json ]; then
	npm ci --no-audit --no-fund
else
	npm install --no-audit --no-fund
fi
node -e 'for (const p of ["cors", "express"]) console.log(p, require(p + "/package.json").version)'
