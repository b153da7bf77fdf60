// RUN: quant-opt %s -split-input-file -verify-diagnostics

// The checks every quill op makes on its `!quant.uniform` operand and result
// types (QuillTraits.cpp), which the upstream parser lets through: zero point
// inside the storage range (custom ranges included), positive finite scales,
// and for per-axis types a quantized dimension inside the tensor with one
// scale per element of it.

//===----------------------------------------------------------------------===//
// Per-tensor zero points
//===----------------------------------------------------------------------===//

func.func @u8_zero_point_300(%x: tensor<4x!quant.uniform<u8:f32, 0.1:300>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:300>> {
  // expected-error @+1 {{'quill.relu' op operand #0 has zero point 300 outside the storage range [0, 255]}}
  %0 = quill.relu %x : tensor<4x!quant.uniform<u8:f32, 0.1:300>> -> tensor<4x!quant.uniform<u8:f32, 0.1:300>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.1:300>>
}

// -----

func.func @i8_zero_point_minus_129(%x: tensor<2x16x!quant.uniform<i8:f32, 0.1:-1>>, %w: tensor<8x16x!quant.uniform<i8:f32, 0.05:-129>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.2:3>> {
  // The weight is operand #1.
  // expected-error @+1 {{'quill.linear' op operand #1 has zero point -129 outside the storage range [-128, 127]}}
  %0 = quill.linear %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.1:-1>>, tensor<8x16x!quant.uniform<i8:f32, 0.05:-129>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.2:3>>
  return %0 : tensor<2x8x!quant.uniform<i8:f32, 0.2:3>>
}

// -----

func.func @custom_storage_range_operand(%x: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:-128>>) -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:0>> {
  // A narrowed storage range (qnnpack symmetric weights) bounds the zero
  // point too: -128 fits i8 but not <-127:127>.
  // expected-error @+1 {{'quill.relu' op operand #0 has zero point -128 outside the storage range [-127, 127]}}
  %0 = quill.relu %x : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:-128>> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:0>>
  return %0 : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:0>>
}

// -----

func.func @custom_storage_range_result(%x: tensor<4x!quant.uniform<u8:f32, 0.1:0>>) -> tensor<4x!quant.uniform<u8<1:255>:f32, 0.1:0>> {
  // expected-error @+1 {{'quill.relu' op result #0 has zero point 0 outside the storage range [1, 255]}}
  %0 = quill.relu %x : tensor<4x!quant.uniform<u8:f32, 0.1:0>> -> tensor<4x!quant.uniform<u8<1:255>:f32, 0.1:0>>
  return %0 : tensor<4x!quant.uniform<u8<1:255>:f32, 0.1:0>>
}

// -----

func.func @u8_zero_point_result(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32, 0.1:256>> {
  // expected-error @+1 {{'quill.relu' op result #0 has zero point 256 outside the storage range [0, 255]}}
  %0 = quill.relu %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:256>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.1:256>>
}

// -----

func.func @i8_negative_zero_point_result(%idx: tensor<3xi64>, %w: tensor<10x4x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<3x4x!quant.uniform<i8:f32, 0.1:-200>> {
  // expected-error @+1 {{'quill.embedding' op result #0 has zero point -200 outside the storage range [-128, 127]}}
  %0 = quill.embedding %idx, %w : (tensor<3xi64>, tensor<10x4x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<3x4x!quant.uniform<i8:f32, 0.1:-200>>
  return %0 : tensor<3x4x!quant.uniform<i8:f32, 0.1:-200>>
}

//===----------------------------------------------------------------------===//
// Per-axis types
//===----------------------------------------------------------------------===//

// -----

func.func @per_axis_zero_point_operand(%x: tensor<2x16xf32>, %w: tensor<2x16x!quant.uniform<u8:f32:0, {0.1:0, 0.2:256}>>) -> tensor<2x2xf32> {
  // Every channel's zero point is checked.
  // expected-error @+1 {{'quill.linear' op operand #1 has zero point 256 outside the storage range [0, 255]}}
  %0 = quill.linear %x, %w : (tensor<2x16xf32>, tensor<2x16x!quant.uniform<u8:f32:0, {0.1:0, 0.2:256}>>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @per_axis_zero_point_result(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1:0, 0.1:-129, 0.1:5}>> {
  // expected-error @+1 {{'quill.relu' op result #0 has zero point -129 outside the storage range [-128, 127]}}
  %0 = quill.relu %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1:0, 0.1:-129, 0.1:5}>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32:1, {0.1:0, 0.1:-129, 0.1:5}>>
}

// -----

func.func @per_axis_custom_range(%x: tensor<2x!quant.uniform<i8<-127:127>:f32:0, {0.1:0, 0.1:-128}>>) -> tensor<2xf32> {
  // expected-error @+1 {{'quill.relu' op operand #0 has zero point -128 outside the storage range [-127, 127]}}
  %0 = quill.relu %x : tensor<2x!quant.uniform<i8<-127:127>:f32:0, {0.1:0, 0.1:-128}>> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @per_axis_dimension_operand(%x: tensor<2x3x!quant.uniform<i8:f32:2, {0.1, 0.2}>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'quill.relu' op operand #0 is quantized along dimension 2 but has rank 2}}
  %0 = quill.relu %x : tensor<2x3x!quant.uniform<i8:f32:2, {0.1, 0.2}>> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @per_axis_dimension_result(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32:1, {0.1:3}>> {
  // expected-error @+1 {{'quill.relu' op result #0 is quantized along dimension 1 but has rank 1}}
  %0 = quill.relu %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32:1, {0.1:3}>>
  return %0 : tensor<4x!quant.uniform<u8:f32:1, {0.1:3}>>
}

// -----

func.func @per_axis_dimension_rank0(%x: tensor<!quant.uniform<i8:f32:0, {0.1}>>) -> tensor<f32> {
  // expected-error @+1 {{'quill.relu' op operand #0 is quantized along dimension 0 but has rank 0}}
  %0 = quill.relu %x : tensor<!quant.uniform<i8:f32:0, {0.1}>> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @per_axis_scale_count_operand(%x: tensor<2x16xf32>, %w: tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) -> tensor<2x8xf32> {
  // One scale per output channel: 8 expected.
  // expected-error @+1 {{'quill.linear' op operand #1 has 3 per-axis scales for dimension 0 of size 8}}
  %0 = quill.linear %x, %w : (tensor<2x16xf32>, tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @per_axis_scale_count_result(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32:1, {0.1:1, 0.2:2, 0.3:3, 0.4:4}>> {
  // expected-error @+1 {{'quill.relu' op result #0 has 4 per-axis scales for dimension 1 of size 3}}
  %0 = quill.relu %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:1, {0.1:1, 0.2:2, 0.3:3, 0.4:4}>>
  return %0 : tensor<2x3x!quant.uniform<u8:f32:1, {0.1:1, 0.2:2, 0.3:3, 0.4:4}>>
}

//===----------------------------------------------------------------------===//
// Scales
//===----------------------------------------------------------------------===//

// -----

// The upstream parser already rejects a non-positive scale (it must lie in
// the expressed type's positive range), so no quill check is reached.
// expected-error @+1 {{scale -1.000000e-01 out of expressed type range}}
func.func @negative_scale(%x: tensor<4x!quant.uniform<u8:f32, -0.1:3>>) -> tensor<4xf32> {
  %0 = quill.relu %x : tensor<4x!quant.uniform<u8:f32, -0.1:3>> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{scale 0.000000e+00 out of expressed type range}}
func.func @zero_per_axis_scale(%x: tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.0}>>) -> tensor<2xf32> {
  %0 = quill.relu %x : tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.0}>> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A NaN scale (hex literal) gets through the upstream parser; the alias keeps
// one uniqued type (NaN != NaN would make every spelled-out copy distinct).
!nan_scale = tensor<4x!quant.uniform<u8:f32, 0x7FF8000000000000:3>>
func.func @nan_scale_operand(%x: !nan_scale) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.relu' op operand #0 has quantization scale nan; scales must be positive and finite}}
  %0 = quill.relu %x : !nan_scale -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!nan_axis = tensor<2x!quant.uniform<i8:f32:0, {0.1, 0x7FF8000000000000}>>
func.func @nan_per_axis_scale_result(%x: tensor<2xf32>) -> !nan_axis {
  // expected-error @+1 {{'quill.relu' op result #0 has quantization scale nan; scales must be positive and finite}}
  %0 = quill.relu %x : tensor<2xf32> -> !nan_axis
  return %0 : !nan_axis
}
