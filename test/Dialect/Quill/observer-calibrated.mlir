// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// quill.observe after calibration (quant-run --calibrate): the statistics
// and qparams each observer kind carries. Float values round-trip bit for
// bit: f32 values that no short decimal reproduces print in hex.

// CHECK-LABEL: func.func @per_tensor
func.func @per_tensor(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 2.500000e+00>, min_val = array<f32: -1.000000e+00>, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.013725490309298038>, zero_point = array<i64: 73>}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      max_val = array<f32: 2.5>, min_val = array<f32: -1.0>,
      scale = array<f64: 0.013725490309298038>, zero_point = array<i64: 73>} : tensor<2x3xf32>
  // Never observed: +inf / -inf, PyTorch's default qparams (1.0, 0).
  // CHECK: quill.observe %{{.*}} {id = 1 : i64, max_val = array<f32: 0xFF800000>, min_val = array<f32: 0x7F800000>, observer = #quill.observer<moving_average_min_max, qint8>, scale = array<f64: 1.000000e+00>, zero_point = array<i64: 0>}
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<moving_average_min_max, qint8>,
      max_val = array<f32: 0xFF800000>, min_val = array<f32: 0x7F800000>,
      scale = array<f64: 1.0>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  // Statistics without qparams are allowed (e.g. hand-written state).
  // CHECK: quill.observe %{{.*}} {id = 2 : i64, max_val = array<f32: 1.401300e-45>, min_val = array<f32: 0x4B800001>, observer = #quill.observer<min_max, quint8>}
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<min_max, quint8>,
      max_val = array<f32: 1.4e-45>, min_val = array<f32: 16777218.0>} : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @per_channel
func.func @per_channel(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // One entry per channel of ch_axis (3 here).
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, max_val = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00>, min_val = array<f32: -1.000000e+00, 0.000000e+00, 1.000000e-01>, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>, scale = array<f64: 0.0078740157186985015, 0.015748031437397003, 0.023622047156095505>, zero_point = array<i64: 0, 0, 0>}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>,
      max_val = array<f32: 1.0, 2.0, 3.0>, min_val = array<f32: -1.0, 0.0, 0.1>,
      scale = array<f64: 0.0078740157186985016, 0.015748031437397003, 0.023622047156095505>,
      zero_point = array<i64: 0, 0, 0>} : tensor<2x3xf32>
  // float_qparams (embedding weights): float zero points.
  // CHECK: quill.observe %{{.*}} {float_zero_point = array<f64: 2.550000e+02, 0.000000e+00>, id = 1 : i64, max_val = array<f32: 0.000000e+00, 1.000000e+00>, min_val = array<f32: -1.000000e+00, 0.000000e+00>, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>, scale = array<f64: 0.0039215688593685627, 0.0039215688593685627>}
  %1 = quill.observe %0 {id = 1 : i64,
      observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>,
      max_val = array<f32: 0.0, 1.0>, min_val = array<f32: -1.0, 0.0>,
      scale = array<f64: 0.0039215688593685627, 0.0039215688593685627>,
      float_zero_point = array<f64: 255.0, 0.0>} : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @histogram
func.func @histogram(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // `bins` counts over [min_val, max_val].
  // CHECK: quill.observe %{{.*}} {histogram = array<f32: 1.000000e+00, 0.000000e+00, 2.500000e+00, 2.500000e+00>, id = 0 : i64, max_val = array<f32: 4.000000e+00>, min_val = array<f32: 0.000000e+00>, observer = #quill.observer<histogram, quint8, bins = 4>, scale = array<f64: 0.015686275437474251>, zero_point = array<i64: 0>}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, bins = 4>,
      histogram = array<f32: 1.0, 0.0, 2.5, 2.5>,
      max_val = array<f32: 4.0>, min_val = array<f32: 0.0>,
      scale = array<f64: 0.015686275437474251>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @fixed
func.func @fixed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // The fixed qparams, as calculate_qparams returns them.
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>, scale = array<f64: 3.906250e-03>, zero_point = array<i64: 0>}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>,
      scale = array<f64: 0.00390625>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
