// quant-run --calibrate errors: a clear message, exit code 1 and no -o file.

// RUN: rm -rf %t && mkdir -p %t

// f4_2x3.npy as two batches of 3: the second holds a NaN.
// RUN: not quant-run %s --calibrate %quill_src/test/unit/data/npy/f4_2x3.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: quant-run: error: calibration batch 1 of 2: {{.*}}calibrate-errors.mlir:[[@LINE+30]]:8: observe: observer id 7: observer min_max: input contains NaN

// RUN: not quant-run %s --function two_args --calibrate %S/Inputs/x_2x3.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NPY-ARGS
// NPY-ARGS: quant-run: error: @two_args takes 2 arguments: give the calibration data as an .npz with one member per argument

// RUN: not quant-run %s --function two_args --calibrate %S/Inputs/calib.npz -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NPZ-MISSING
// NPZ-MISSING: quant-run: error: {{.*}}calib.npz: no member 'arr_1' for argument 1 of @two_args

// RUN: not quant-run %s --function wide --calibrate %S/Inputs/calib.npz -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: quant-run: error: {{.*}}calib.npz argument 0 of @wide without its leading batch dimension is float32 (2, 3), expected float32 (2, 4) (tensor<2x4xf32>)

// RUN: not quant-run %s --function mismatched --calibrate %S/Inputs/args.npz -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=BATCHES
// BATCHES: quant-run: error: {{.*}}args.npz: argument 1 has 5 batches, argument 0 2

// RUN: not quant-run %s --function scalar --calibrate %quill_src/test/unit/data/npy/i8_scalar.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: quant-run: error: {{.*}}i8_scalar.npy argument 0 is a scalar; calibration arrays have a leading batch dimension

// RUN: not quant-run %s --function empty --calibrate %quill_src/test/unit/data/npy/i4_0x3.npy -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: quant-run: error: {{.*}}i4_0x3.npy: no calibration batches

// RUN: not quant-run %s --calibrate %S/Inputs/calib.npz 2>&1 | FileCheck %s --check-prefix=NO-O
// NO-O: quant-run: error: calibration needs -o FILE for the calibrated IR (or --observer-state-out FILE)

// RUN: not quant-run %s --function wide --calibrate %S/Inputs/calib.npz -o %t/nodir/out.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not quant-run %s --function ok --calibrate %S/Inputs/x_2x3.npy -o %t/nodir/out.mlir 2>&1 | FileCheck %s --check-prefix=NO-DIR
// NO-DIR: quant-run: error: cannot write '{{.*}}nodir/out.mlir': No such file or directory

// RUN: ls %t | count 0

func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = quill.observe %x {id = 7 : i64, observer = #quill.observer<min_max, quint8>} : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func private @ok(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func private @two_args(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

func.func private @wide(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

func.func private @mismatched(%x: tensor<3xf32>, %y: tensor<i8>, %z: tensor<i1>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

func.func private @scalar(%x: tensor<i64>) -> tensor<i64> {
  return %x : tensor<i64>
}

func.func private @empty(%x: tensor<3xi32>) -> tensor<3xi32> {
  return %x : tensor<3xi32>
}
