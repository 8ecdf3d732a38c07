#!/usr/bin/env bash
# Quick start, step 1 (README): on a fresh Debian 12 machine, as root,
# install whatever is missing, configure and build gortc (with ccache), then
# compile examples/hello/main.go with gortc and run it, natively and for
# AArch64 under qemu-aarch64. Nothing is downloaded from outside Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${GORTC_BUILD_DIR:-$ROOT/build}

PACKAGES=(llvm-19-dev lld-19 liblld-19-dev clang-19 libclang-rt-19-dev
          llvm-19-tools libcli11-dev googletest libgtest-dev qemu-user cmake
          ninja-build ccache golang-1.19-src python3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

"$ROOT/utils/build.sh"

echo "== examples/hello (x86-64)"
"$BUILD/bin/gortc" build -o "$BUILD/hello" examples/hello/main.go
"$BUILD/hello"
echo "== examples/hello (aarch64, under qemu-aarch64)"
"$BUILD/bin/gortc" build --target aarch64-linux -o "$BUILD/hello-aarch64" examples/hello/main.go
qemu-aarch64 "$BUILD/hello-aarch64"
