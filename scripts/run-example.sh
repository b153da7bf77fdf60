#!/usr/bin/env bash
# The main job on the shipped example (examples/cnn_float.mlir, a
# conv/bn/relu/pool/linear model written from PyTorch by
# scripts/gen_example_cnn.py): verify it, fuse it with the x86 BackendConfig
# (conv+bn folded, relu fused), run float and fused graphs with quant-run and
# compare both with PyTorch's output. (Later issues add prepare, calibrate,
# convert and the int8 backends.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${QUILL_BUILD_DIR:-$root/build}
out=$build/example
example=$root/examples/cnn_float

"$root/scripts/build.sh" quant-opt quant-run
mkdir -p "$out"
"$build/bin/quant-opt" "$example.mlir" \
  --quill-verify-graph=require-quill-only=true \
  --quill-fuse=backend=x86 -o "$out/cnn_fused.mlir"
# One line per op of the fused graph: "quill.conv2d +relu".
echo "fused graph ($out/cnn_fused.mlir):"
awk 'match($0, /= quill\.[a-z_0-9]+/) {
       op = substr($0, RSTART + 2, RLENGTH - 2)
       if (match($0, /fused_activation<[a-z]+>/))
         op = op " +" substr($0, RSTART + 17, RLENGTH - 18)
       print "  " op }' "$out/cnn_fused.mlir"
for graph in "$example.mlir" "$out/cnn_fused.mlir"; do
  name=$(basename "$graph" .mlir)
  "$build/bin/quant-run" "$graph" --input "$example"_input.npy \
    --output "$out/$name.npy"
  /usr/bin/python3 - "$out/$name.npy" "$example"_expected.npy "$name" <<'PY'
import sys
import numpy as np
got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
err = float(np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-6)))
print(f"{sys.argv[3]}: output {got.shape}, max relative error vs PyTorch {err:.2e}")
sys.exit(0 if np.allclose(got, want, rtol=1e-5, atol=1e-6) else 1)
PY
done
