#!/usr/bin/env bash
# Installs everything Instinct needs on a fresh Linux machine, offline from GitHub and model hubs:
# the npm packages (native addons built from source) and, where we are root, Debian's Chromium
# for the browser-mode end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Electron binary and onnxruntime's CUDA libraries are downloads from GitHub: skip them.
# onnxruntime-node ships its CPU binaries inside the npm package.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export ONNXRUNTIME_NODE_INSTALL=skip
# Build native addons against the installed Node headers instead of downloading them.
if [ -f /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr; fi

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing Debian chromium for the end-to-end tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "== npm ci"
npm ci --no-audit --no-fund
node -e "require('better-sqlite3')(':memory:').close(); console.log('better-sqlite3 ok')"
