#!/usr/bin/env bash
# The main job on the shipped example (examples/resnet_float.mlir: conv ->
# bn -> relu, a residual block, pools, linear, sigmoid, written from a
# seeded PyTorch model by scripts/gen_example_resnet.py): fuse, prepare,
# calibrate on examples/resnet_calib.npy, convert to int8, run the int8 and
# the float model on the held-out examples/resnet_test.npy and print the
# report (ops int8 or float and why, weight sizes, SQNR). Every stage's IR
# is left in build/example/. See docs/quantize.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUILL_BUILD_DIR:-$root/build}
example=$root/examples/resnet

"$root/scripts/build.sh" quill-quantize
"$build/bin/quill-quantize" "${example}_float.mlir" \
  --calibration "${example}_calib.npy" --test "${example}_test.npy" \
  --backend x86 --qconfig x86 --work-dir "$build/example"
