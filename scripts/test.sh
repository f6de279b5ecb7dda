#!/usr/bin/env bash
# Build (if needed) and run every test: ./scripts/test.sh [ctest arguments]
# Environment: BUILD_DIR (default build), NOMEN_WERROR (ON/OFF, default OFF),
# NOMEN_SANITIZE ("" or "address,undefined" or "thread"), CC, and
# NOMEN_CMAKE_ARGS (more -D options for cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNOMEN_WERROR="${NOMEN_WERROR:-OFF}" -DNOMEN_SANITIZE="${NOMEN_SANITIZE:-}" \
  ${NOMEN_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" "$@"
