#!/bin/sh
# Installs the pinned dependencies (Node 24 included) when they are missing or older than
# package-lock.json, so `npm start` and `npm test` work on a fresh clone. Nothing downloads later.
set -e
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x node_modules/.bin/node ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "clearline: installing dependencies (npm ci)..."
  npm ci --no-audit --no-fund
fi
