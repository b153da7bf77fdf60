#!/usr/bin/env bash
# The main job on the shipped example: parse, verify and pretty-print
# examples/small_cnn.mlir through quant-opt. (Later: fuse, prepare,
# calibrate, convert and run.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUILL_BUILD_DIR:-$root/build}

"$root/scripts/build.sh" quant-opt
exec "$build/bin/quant-opt" "$root/examples/small_cnn.mlir" \
  --quill-verify-graph=require-quill-only=true "$@"
