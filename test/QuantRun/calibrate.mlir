// quant-run --calibrate: every batch of Inputs/calib.npz (arr_0: 4 batches
// of 2x3, written by scripts/gen_npy_cases.py) runs through the observers;
// each quill.observe then carries its statistics and qparams (values checked
// against torch.ao.quantization 1.13 in test/python/test_calibration_parity.py).

// RUN: rm -rf %t && mkdir -p %t
// RUN: quant-run %s --calibrate %S/Inputs/calib.npz -o %t/calibrated.mlir
// RUN: FileCheck %s < %t/calibrated.mlir
// RUN: quant-opt %t/calibrated.mlir | FileCheck %s

// Calibrating again resumes from the statistics in the IR: the same data
// leaves min/max observers where they were.
// RUN: quant-run %t/calibrated.mlir --calibrate %S/Inputs/calib.npz -o - | FileCheck %s --check-prefix=AGAIN

// A .npy holds the batches of a one-argument function.
// RUN: quant-run %s --function @one --calibrate %S/Inputs/x_2x3.npy -o - | FileCheck %s --check-prefix=NPY

// CHECK-LABEL: func.func @observed
// CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 2.250000e+00>, min_val = array<f32: -1.000000e+00>, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.01274509821087122>, zero_point = array<i64: 78>}
// CHECK: quill.observe %{{.*}} {id = 1 : i64, max_val = array<f32: 1.750000e+00, 2.000000e+00, 2.250000e+00>, min_val = array<f32: -1.000000e+00, -8.750000e-01, -7.500000e-01>, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>, scale = array<f64: 0.013725490309298038, 0.015686275437474251, 0.017647059634327888>, zero_point = array<i64: 0, 0, 0>}
// CHECK: quill.observe %{{.*}} {histogram = array<f32: 3.6015625, 4.6015625, 3.406250e+00, 1.390625, 6.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>, id = 2 : i64, max_val = array<f32: 2.25195313>, min_val = array<f32: -1.000000e+00>, observer = #quill.observer<histogram, quint8, bins = 8>, scale = array<f64: 0.011158662848174572>, zero_point = array<i64: 90>}
// CHECK: quill.observe %{{.*}} {id = 3 : i64, observer = #quill.observer<placeholder, float16>}

// AGAIN: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 2.250000e+00>, min_val = array<f32: -1.000000e+00>, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.01274509821087122>, zero_point = array<i64: 78>}

// NPY: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 2.250000e+00>, min_val = array<f32: 1.000000e+00>, observer = #quill.observer<min_max, quint8>

func.func @observed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>} : tensor<2x3xf32>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<histogram, quint8, bins = 8>} : tensor<2x3xf32>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<placeholder, float16>} : tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

func.func private @one(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<3xf32>
  return %0 : tensor<3xf32>
}
