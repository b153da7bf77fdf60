// RUN: quant-opt %s -split-input-file -verify-diagnostics

// The calibration attributes of quill.observe must fit its observer: kinds
// without statistics or qparams take none, every array has one entry per
// tensor or per channel (`bins` for the histogram), pairs go together.

func.func @placeholder_scale(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'scale' does not apply to a placeholder observer}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, float16>,
      scale = array<f64: 1.0>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @fixed_min_max(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'min_val' does not apply to a fixed_qparams observer}}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>,
      min_val = array<f32: 0.0>, max_val = array<f32: 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @min_max_histogram(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'histogram' does not apply to a min_max observer}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      min_val = array<f32: 0.0>, max_val = array<f32: 1.0>,
      histogram = array<f32: 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @per_tensor_two_scales(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'scale' has 2 entries, expected 1}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      scale = array<f64: 1.0, 2.0>, zero_point = array<i64: 0, 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @per_channel_count(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // ch_axis 1 has 3 channels.
  // expected-error @+1 {{'min_val' has 2 entries, expected 3}}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>,
      min_val = array<f32: 0.0, 0.0>, max_val = array<f32: 1.0, 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @histogram_bins(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'histogram' has 3 entries, expected 4}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, bins = 4>,
      min_val = array<f32: 0.0>, max_val = array<f32: 1.0>,
      histogram = array<f32: 1.0, 2.0, 3.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @histogram_without_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'histogram' needs the 'min_val' and 'max_val' of its range}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, bins = 2>,
      histogram = array<f32: 1.0, 2.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @scale_alone(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'scale' and 'zero_point' go together}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      scale = array<f64: 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @min_alone(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'min_val' and 'max_val' go together}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      min_val = array<f32: 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @float_qparams_int_zero_point(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'zero_point' does not apply to a per_channel_min_max observer}}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>,
      scale = array<f64: 1.0, 1.0>, zero_point = array<i64: 0, 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @affine_float_zero_point(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'float_zero_point' does not apply to a min_max observer}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      scale = array<f64: 1.0>, float_zero_point = array<f64: 0.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @zero_scale(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'scale' entries must be positive and finite, got 0.0}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      scale = array<f64: 0.0>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @fixed_other_qparams(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'scale' and 'zero_point' of a fixed_qparams observer must be its fixed ones}}
  %0 = quill.observe %x {id = 0 : i64,
      observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>,
      scale = array<f64: 0.0078125>, zero_point = array<i64: 0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @wrong_array_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{attribute 'min_val' failed to satisfy constraint: f32 dense array attribute}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
      min_val = array<f64: 1.0>, max_val = array<f32: 1.0>} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
