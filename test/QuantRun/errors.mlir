// quant-run's errors: each is one clear line (or a located diagnostic for
// the IR), exit code 1, and no output file is created or changed.

// RUN: rm -rf %t && mkdir -p %t/out
// RUN: echo keep > %t/out/y.npy
// RUN: echo keep > %t/out/result0.npy
// RUN: cp %quill_src/test/unit/data/npy/f4_2x3.npy %t/x.npy
// RUN: head -c 140 %t/x.npy > %t/truncated.npy

// RUN: not quant-run %s --input %t/missing.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: quant-run: error: cannot open '{{.*}}missing.npy': No such file or directory

// RUN: not quant-run %s --input %t/truncated.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: quant-run: error: {{.*}}truncated.npy: truncated .npy file: shape (2, 3) of '<f4' needs 24 bytes of data, the file has 12

// RUN: not quant-run %s --input %quill_src/test/unit/data/npy/f8_2.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=FLOAT64
// FLOAT64: quant-run: error: {{.*}}f8_2.npy: unsupported dtype '<f8' (float64); supported: float32, float16, int64, int32, int8, uint8, bool

// RUN: not quant-run %s --input %quill_src/test/unit/data/npy/i1_5.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: quant-run: error: {{.*}}i1_5.npy (argument 0 of @main) is int8 (5,), expected float32 (2, 3) (tensor<2x3xf32>)

// RUN: not quant-run %s --function two_by_two --input %t/x.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: quant-run: error: {{.*}}x.npy (argument 0 of @two_by_two) is float32 (2, 3), expected float32 (2, 2) (tensor<2x2xf32>)

// RUN: not quant-run %s --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: quant-run: error: @main takes 1 input(s); got 0 --input (give one .npy per argument, or --inputs file.npz)

// RUN: not quant-run %s --inputs %S/Inputs/args.npz --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=NPZ-EXTRA
// NPZ-EXTRA: quant-run: error: {{.*}}args.npz: member 'arr_1' is not an argument of @main (it takes 1; name them arr_0 .. arr_0, as np.savez(path, x0, x1, ...) does)

// RUN: not quant-run %s --function four_args --inputs %S/Inputs/args.npz --output-dir %t/out 2>&1 | FileCheck %s --check-prefix=NPZ-MISSING
// NPZ-MISSING: quant-run: error: {{.*}}args.npz: no member 'arr_3' for argument 3 of @four_args

// RUN: not quant-run %s --inputs %t/x.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=NOT-ZIP
// NOT-ZIP: quant-run: error: {{.*}}x.npy: bad .npz file (truncated or not a ZIP archive: no end record)

// RUN: not quant-run %s --input %t/x.npy --inputs %S/Inputs/args.npz --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=BOTH-IN
// BOTH-IN: quant-run: error: give the inputs with --input or --inputs, not both

// RUN: not quant-run %s --input %t/x.npy 2>&1 | FileCheck %s --check-prefix=NO-OUT
// RUN: not quant-run %s --input %t/x.npy --output %t/out/y.npy --output-dir %t/out 2>&1 | FileCheck %s --check-prefix=NO-OUT
// NO-OUT: quant-run: error: give --output (once per result, or one .npz) or --output-dir, exactly one of them

// RUN: not quant-run %s --input %t/x.npy --output %t/out/y.npy --output %t/out/z.npy 2>&1 | FileCheck %s --check-prefix=OUT-COUNT
// OUT-COUNT: quant-run: error: @main has 1 result(s); got 2 --output (give one per result, or one .npz)

// RUN: not quant-run %s --input %t/x.npy --output-dir %t/nodir 2>&1 | FileCheck %s --check-prefix=NO-DIR
// NO-DIR: quant-run: error: --output-dir '{{.*}}nodir' is not an existing directory

// RUN: not quant-run %s --function nothere --input %t/x.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=FUNCTION
// FUNCTION: quant-run: error: no function @nothere with a body; the module has @main, @two_by_two, @four_args, @unsupported

// RUN: not quant-run %s --backend onednn --input %t/x.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=BACKEND
// BACKEND: quant-run: error: unknown backend 'onednn' (available: reference)

// RUN: not quant-run %s --input %t/x.npy -o %t/out/y.mlir 2>&1 | FileCheck %s --check-prefix=DASH-O
// DASH-O: quant-run: error: -o and --observer-state-out are outputs of --calibrate (or --observer-state-in); results go to --output or --output-dir

// RUN: not quant-run %s --calibrate %S/Inputs/calib.npz --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=CAL-OUT
// CAL-OUT: quant-run: error: --calibrate takes its data from the .npz and writes only -o: drop --input/--inputs/--output/--output-dir

// An op the runtime cannot run is a located diagnostic (translation).
// RUN: not quant-run %s --function unsupported --input %t/x.npy --output %t/out/y.npy 2>&1 | FileCheck %s --check-prefix=NO-KERNEL
// NO-KERNEL: errors.mlir:[[@LINE+26]]:8: error: the runtime cannot run 'tensor.empty' (only quill ops, quant.qcast, quant.dcast, quant.scast of constants, arith.constant and func.return)

// The second output cannot be written: neither is.
// RUN: not quant-run %s --function two_results --input %t/x.npy --output %t/out/y.npy --output %t/nodir/z.npy 2>&1 | FileCheck %s --check-prefix=SECOND
// SECOND: quant-run: error: cannot write '{{.*}}nodir/z.npy': No such file or directory

// After every failure above, the earlier outputs are unchanged and no
// temporary file is left behind.
// RUN: cat %t/out/y.npy %t/out/result0.npy | FileCheck %s --check-prefix=KEPT
// KEPT: keep
// KEPT-NEXT: keep
// RUN: ls %t/out | count 2

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func @two_by_two(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  return %x : tensor<2x2xf32>
}

func.func @four_args(%a: tensor<2x3xf32>, %b: tensor<5xi8>, %c: tensor<3xi1>, %d: tensor<1xf32>) -> tensor<1xf32> {
  return %d : tensor<1xf32>
}

func.func @unsupported(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  return %e : tensor<2x3xf32>
}

func.func private @two_results(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  return %x, %x : tensor<2x3xf32>, tensor<2x3xf32>
}
