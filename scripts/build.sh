#!/usr/bin/env bash
# Configures (once) and builds Quill into build/ (or $QUILL_BUILD_DIR).
# Usage: scripts/build.sh [ninja targets...]; ninja's log is shown on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUILL_BUILD_DIR:-$root/build}

"$root/scripts/setup.sh"
if [[ ! -f "$build/build.ninja" ]]; then
  echo "build: configuring $build" >&2
  log=$(mktemp)
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit >"$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
  rm -f "$log"
fi
if ! ninja -C "$build" -n "$@" | grep -q "no work to do"; then
  echo "build: ninja $* (a cold build takes a few minutes on 2 cores)" >&2
fi
if ! ninja -C "$build" "$@" >"$build/ninja.log" 2>&1; then
  cat "$build/ninja.log" >&2
  exit 1
fi
