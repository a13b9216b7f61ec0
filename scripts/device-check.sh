#!/usr/bin/env bash
# On a fresh Linux x64 GPU machine: install, provision the CUDA provider, build, and run the
# GPU bench (CPU and CUDA side by side) within 8 minutes, so it can be rerun inside a
# 15-minute allowance. Figures go to stdout and, when $OUT is set, to $OUT/gpu-bench.json.
#
# usage: scripts/device-check.sh            (needs npm and PyPI reachable)
#        INSTINCT_GPU_WHEELHOUSE=DIR scripts/device-check.sh   (wheels prepared with
#        `scripts/install-gpu.sh DIR --download-only` on a machine with network)
# Env: INSTINCT_GPU_DIR (default ../instinct-gpu), DEVICE_CHECK_SKIP_BUILD=1, BENCH_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)
BUDGET=470   # seconds: under 8 minutes with margin for the machine's own start-up
left() { echo $((BUDGET - ($(date +%s) - START))); }
step() { echo "== [$(( $(date +%s) - START ))s] $*"; }

step "GPU"
command -v nvidia-smi >/dev/null || { echo "device-check: nvidia-smi not found: this is not a GPU machine" >&2; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee /tmp/instinct-gpu-name.txt

if [ ! -d node_modules/onnxruntime-node ]; then
  step "npm ci (no Electron binary, no ORT download; the CUDA provider comes from PyPI)"
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip
  if [ -f /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr; fi
  timeout "$(left)" npm ci --no-audit --no-fund
fi

step "CUDA provider"
GPU_ARGS=()
if [ -n "${INSTINCT_GPU_WHEELHOUSE:-}" ]; then GPU_ARGS+=(--wheelhouse "$INSTINCT_GPU_WHEELHOUSE"); fi
timeout "$(left)" bash scripts/install-gpu.sh "${INSTINCT_GPU_DIR:-$(dirname "$PWD")/instinct-gpu}" "${GPU_ARGS[@]}"
# shellcheck disable=SC1091
source "${INSTINCT_GPU_DIR:-$(dirname "$PWD")/instinct-gpu}/env.sh"

if [ "${DEVICE_CHECK_SKIP_BUILD:-0}" != 1 ]; then
  step "build"
  timeout "$(left)" npm run build >/tmp/instinct-build.log 2>&1 || { tail -40 /tmp/instinct-build.log; exit 1; }
fi

step "bench gpu ($(left)s left)"
# shellcheck disable=SC2086
timeout "$(left)" npm run --silent bench -- gpu --json ${BENCH_ARGS:-} | tee /tmp/instinct-gpu-bench.json
if [ -n "${OUT:-}" ]; then
  cp /tmp/instinct-gpu-bench.json "$OUT/gpu-bench.json"
  cp /tmp/instinct-gpu-name.txt "$OUT/gpu-name.txt"
fi
step "done"
