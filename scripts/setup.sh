#!/usr/bin/env bash
# One command for a newcomer on Debian: install what is missing, build, and run
# the main job (screen sample names against the built-in sample list).
#   ./scripts/setup.sh
# Environment: BUILD_DIR (default build), NOMEN_WERROR (ON/OFF, default OFF).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

mapfile -t wanted < <(grep -v '^#' scripts/debian-packages.txt | sed '/^$/d')
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNOMEN_WERROR="${NOMEN_WERROR:-OFF}" >/dev/null
cmake --build "$BUILD_DIR"

# The main job: screen sample names against the built-in sample list (real
# designations: the 2020-2021 Xinjiang and Hong Kong ones and more). The first
# five are spellings of the designated CHEN Quanguo (a press misspelling,
# Wade-Giles, Cantonese, traditional characters, Western order); the last is an
# innocent namesake. Exit status 1 means "a hit", as with grep: that is the
# expected outcome here.
status=0
"$BUILD_DIR"/tools/nomen/nomen screen --format table \
  "Chen Guanguo" "Ch'en Ch'üan-kuo" "Chan Chuen Kwok" "陳全國" "QUANGUO CHEN" \
  "Zhang Quanguo" || status=$?
[ "$status" -le 1 ] || exit "$status"
