#!/usr/bin/env bash
# Configures (once) and builds gortc, both libgort.a archives, the unit
# tests and the fuzz target into $GORTC_BUILD_DIR (default ./build). ccache
# is used when installed, so rebuilding a clean clone is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${GORTC_BUILD_DIR:-$ROOT/build}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$BUILD" -j "${GORTC_JOBS:-$(nproc)}"
