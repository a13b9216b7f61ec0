#!/usr/bin/env bash
# Provisions ONNX Runtime's CUDA execution provider for onnxruntime-node (Linux x64), from PyPI,
# into a folder BESIDE the project (never inside it): a Python venv with the onnxruntime-gpu
# wheel at exactly onnxruntime-node's version and NVIDIA's runtime wheels, then links
# libonnxruntime_providers_shared.so and libonnxruntime_providers_cuda.so next to the Node binding
# (ONNX Runtime loads provider libraries from the folder of its own library). docs/GPU.md.
#
# usage: scripts/install-gpu.sh [DIR] [--wheelhouse WHEELS] [--download-only]
#   DIR                 where to install (default $INSTINCT_GPU_DIR, else ../instinct-gpu)
#   --wheelhouse WHEELS install offline from a folder of wheels (pip --no-index --find-links)
#   --download-only     only download the wheels into DIR/wheels (for a machine without network)
#
# onnxruntime-gpu 1.30.0 on PyPI is built for CUDA 13 (libcudart.so.13, libcublas.so.13,
# cuDNN 9 for CUDA 13): its [cuda,cudnn] extras pull nvidia-cuda-runtime 13, nvidia-cuda-nvrtc 13,
# nvidia-cufft 12, nvidia-curand 10, nvidia-cudnn-cu13 9 (which pulls nvidia-cublas 13). The
# driver must support CUDA 13 (nvidia-smi's "CUDA Version" 13.0 or later; driver 580+).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

DIR="${INSTINCT_GPU_DIR:-$(dirname "$ROOT")/instinct-gpu}"
WHEELHOUSE=""
DOWNLOAD_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --wheelhouse) WHEELHOUSE="$2"; shift 2 ;;
    --download-only) DOWNLOAD_ONLY=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "install-gpu: unknown option $1" >&2; exit 2 ;;
    *) DIR="$1"; shift ;;
  esac
done
DIR="$(realpath -m "$DIR")"
case "$DIR/" in
  "$ROOT"/*) echo "install-gpu: refusing to install into the repository ($DIR); pick a folder outside $ROOT" >&2; exit 2 ;;
esac
mkdir -p "$DIR"

fail() { echo "install-gpu: $*" >&2; exit 1; }

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || fail "the CUDA provider is for Linux x64 only (this is $(uname -s)/$(uname -m)); Windows uses DirectML and macOS CoreML, which ship with onnxruntime-node (docs/GPU.md)"

ORT_PKG="$ROOT/node_modules/onnxruntime-node/package.json"
[ -f "$ORT_PKG" ] || fail "onnxruntime-node is not installed ($ORT_PKG missing): run scripts/install.sh first"
ORT_VERSION="$(node -p "require('$ORT_PKG').version")"
BINDING="$ROOT/node_modules/onnxruntime-node/bin/napi-v6/linux/x64"
[ -f "$BINDING/libonnxruntime.so.1" ] || fail "no onnxruntime-node binding in $BINDING"

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || fail "$PY not found: onnxruntime-gpu $ORT_VERSION needs Python 3.11 or later"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || fail "onnxruntime-gpu $ORT_VERSION needs Python 3.11 or later ($("$PY" --version))"

SPEC="onnxruntime-gpu[cuda,cudnn]==$ORT_VERSION"
if [ "$DOWNLOAD_ONLY" = 1 ]; then
  echo "== downloading $SPEC and its NVIDIA wheels into $DIR/wheels"
  "$PY" -m pip download --only-binary=:all: -d "$DIR/wheels" "$SPEC"
  echo "copy $DIR/wheels to the GPU machine and run: scripts/install-gpu.sh --wheelhouse <that folder>"
  exit 0
fi

# A GPU driver is the one thing pip cannot install.
command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found: no NVIDIA driver on this machine, so the CUDA provider cannot run. Instinct keeps running on the CPU."
nvidia-smi -L >/dev/null 2>&1 || fail "nvidia-smi found no GPU ($(nvidia-smi -L 2>&1 | head -1))"
CUDA_DRIVER="$(nvidia-smi | sed -n 's/.*CUDA Version: *\([0-9]*\)\.\([0-9]*\).*/\1/p' | head -1)"
if [ -n "$CUDA_DRIVER" ] && [ "$CUDA_DRIVER" -lt 13 ] && [ "${INSTINCT_GPU_SKIP_DRIVER_CHECK:-0}" != 1 ]; then
  fail "the driver supports CUDA $CUDA_DRIVER, but onnxruntime-gpu $ORT_VERSION from PyPI needs CUDA 13 (driver 580 or later). Set INSTINCT_GPU_SKIP_DRIVER_CHECK=1 to try anyway."
fi

echo "== venv in $DIR/venv"
[ -x "$DIR/venv/bin/python" ] || "$PY" -m venv "$DIR/venv"
PIP=("$DIR/venv/bin/python" -m pip install --disable-pip-version-check --only-binary=:all:)
if [ -n "$WHEELHOUSE" ]; then PIP+=(--no-index --find-links "$WHEELHOUSE"); fi
echo "== pip install $SPEC"
"${PIP[@]}" "$SPEC"

GPU_VERSION="$("$DIR/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("onnxruntime-gpu"))')"
[ "$GPU_VERSION" = "$ORT_VERSION" ] || fail "version mismatch: onnxruntime-gpu $GPU_VERSION but onnxruntime-node $ORT_VERSION; provider libraries must come from the same release. Nothing was linked."

CAPI="$("$DIR/venv/bin/python" -c 'import os, importlib.util as u; print(os.path.join(os.path.dirname(u.find_spec("onnxruntime").origin), "capi"))')"
for lib in libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so; do
  [ -f "$CAPI/$lib" ] || fail "$lib is not in the onnxruntime-gpu wheel ($CAPI)"
  ln -sfn "$CAPI/$lib" "$BINDING/$lib"
  echo "linked $BINDING/$lib -> $CAPI/$lib"
done

# The NVIDIA wheels put their libraries under site-packages/nvidia/*/lib.
NVIDIA_LIBS="$("$DIR/venv/bin/python" - <<'PY'
import glob, os, sysconfig
site = sysconfig.get_paths()["purelib"]
print(":".join(sorted(d for d in glob.glob(os.path.join(site, "nvidia", "*", "lib")) + glob.glob(os.path.join(site, "nvidia", "cu*", "lib")) if os.path.isdir(d))))
PY
)"
[ -n "$NVIDIA_LIBS" ] || fail "no NVIDIA runtime libraries under $DIR/venv (site-packages/nvidia/*/lib)"
cat > "$DIR/env.sh" <<ENV
# source this before starting Instinct, so the CUDA provider finds the CUDA runtime, cuBLAS and cuDNN
export LD_LIBRARY_PATH="$NVIDIA_LIBS\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
ENV
echo
echo "onnxruntime-gpu $GPU_VERSION installed in $DIR; provider libraries linked next to onnxruntime-node $ORT_VERSION."
echo "Before starting Instinct, set the library path (or: source $DIR/env.sh):"
echo "  export LD_LIBRARY_PATH=\"$NVIDIA_LIBS\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}\""
echo "Then INSTINCT_EXECUTION_PROVIDER=cuda (or auto) uses the GPU; the console's Live page shows each session's provider."
