// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the elementwise group: one case per verifier error of
// ElementwiseOps.cpp (binary ops, cat, stack, and the VerifyUtils helpers they
// call), the custom parser of the binary ops' right operand, and the
// ODS-generated and quantized-type errors worth pinning down.

//===----------------------------------------------------------------------===//
// Binary ops: right operand parser (custom<OperandOrScalar>)
//===----------------------------------------------------------------------===//

func.func @add_rhs_not_a_number(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expected floating point literal}}
  %y = quill.add %a, two : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_rhs_integer_literal(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // The scalar is a float literal: `2.0`, not `2`.
  // expected-error @+2 {{unexpected decimal integer literal for a floating point value}}
  // expected-note @+1 {{add a trailing dot to make the literal a float}}
  %y = quill.add %a, 2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_rhs_missing(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{expected floating point literal}}
  %y = quill.add %a, : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_scalar_with_two_operand_types(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // The functional type lists the operands actually present.
  // expected-error @+1 {{number of operands and types do not match: got 1 operands and 2 types}}
  %y = quill.add %a, 1.0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Binary ops: verifier
//===----------------------------------------------------------------------===//

func.func @add_tensor_and_scalar(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{takes exactly one of a tensor right operand and a scalar}}
  %y = "quill.add"(%a, %b) <{scalar = 1.0 : f64}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @mul_no_right_operand(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{takes exactly one of a tensor right operand and a scalar}}
  %y = "quill.mul"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_scalar_infinite(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{scalar must be finite}}
  %y = quill.add %a, 0x7FF0000000000000 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @div_scalar_nan(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{scalar must be finite}}
  %y = quill.div %a, 0x7FF8000000000000 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_mixed_types(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) -> tensor<2x3xf32> {
  // No implicit type promotion: the importer inserts the casts.
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @sub_mixed_result_type(%a: tensor<2x3xf32>) -> tensor<2x3xbf16> {
  // expected-error @+1 {{mixes element types 'f32' and 'bf16'}}
  %y = quill.sub %a, 1.0 : (tensor<2x3xf32>) -> tensor<2x3xbf16>
  return %y : tensor<2x3xbf16>
}

// -----

func.func @add_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand shapes [2, 3] and [4] do not broadcast}}
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @mul_no_broadcast_zero(%a: tensor<0x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // 0 only broadcasts against 1.
  // expected-error @+1 {{operand shapes [0, 3] and [2, 3] do not broadcast}}
  %y = quill.mul %a, %b : (tensor<0x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_broadcast_wrong_result(%a: tensor<4x1x5xf32>, %b: tensor<3x1xf32>) -> tensor<4x1x5xf32> {
  // PyTorch gives [4, 3, 5]; the result cannot keep the lhs shape.
  // expected-error @+1 {{result shape [4, 1, 5] does not match the inferred shape [4, 3, 5]}}
  %y = quill.add %a, %b : (tensor<4x1x5xf32>, tensor<3x1xf32>) -> tensor<4x1x5xf32>
  return %y : tensor<4x1x5xf32>
}

// -----

func.func @div_scalar_wrong_result(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{result shape [3, 2] does not match the inferred shape [2, 3]}}
  %y = quill.div %a, 2.0 : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @add_scalar_requantizes(%a: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.2:0>> {
  // x + scalar keeps the input's scale and zero point.
  // expected-error @+1 {{with a scalar operand, input and result share one quantized type, got '!quant.uniform<u8:f32, 1.000000e-01:128>' and '!quant.uniform<u8:f32, 2.000000e-01>'}}
  %y = quill.add %a, 1.0 : (tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.2:0>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.2:0>>
}

// -----

func.func @mul_scalar_dequantizes(%a: tensor<4x!quant.uniform<i8:f32, 0.5:0>>) -> tensor<4xf32> {
  // expected-error @+1 {{with a scalar operand, input and result share one quantized type}}
  %y = quill.mul %a, 2.0 : (tensor<4x!quant.uniform<i8:f32, 0.5:0>>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @div_unknown_rounding_mode(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{expected ::mlir::quill::DivRoundingMode to be one of: true_div, trunc, floor}}
  // expected-error @+1 {{failed to parse Quill_DivRoundingModeAttr parameter 'value'}}
  %y = quill.div %a, %b {rounding_mode = #quill.rounding_mode<round>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_alpha_not_float(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{attribute 'alpha' failed to satisfy constraint: 64-bit float attribute}}
  %y = quill.add %a, %b {alpha = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @add_zero_point_out_of_range(%a: tensor<4x!quant.uniform<i8:f32, 0.1:-200>>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operand #0 has zero point -200 outside the storage range [-128, 127]}}
  %y = quill.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.1:-200>>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @add_per_axis_wrong_scale_count(%a: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // A per-axis type needs one scale per element of its axis (3 here).
  // expected-error @+1 {{operand #0 has 2 per-axis scales for dimension 1 of size 3}}
  %y = quill.add %a, %b : (tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// cat
//===----------------------------------------------------------------------===//

func.func @cat_no_input() -> tensor<2xf32> {
  // expected-error @+1 {{needs at least one input}}
  %y = quill.cat {dim = 0 : i64} : () -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @cat_missing_dim(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{requires attribute 'dim'}}
  %y = quill.cat %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @cat_rank0_input(%a: tensor<f32>, %b: tensor<f32>) -> tensor<2xf32> {
  // torch.cat: "zero-dimensional tensor cannot be concatenated" (use stack).
  // expected-error @+1 {{input #0 is zero-dimensional and cannot be concatenated}}
  %y = quill.cat %a, %b {dim = 0 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @cat_dim_out_of_range(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{dim 2 is out of range [-2, 2)}}
  %y = quill.cat %a, %b {dim = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @cat_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{input #1 has rank 3, expected 2}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @cat_non_empty_rank1_not_skipped(%a: tensor<1xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // Only a 1-d input of size 0 is skipped.
  // expected-error @+1 {{input #1 has rank 2, expected 1}}
  %y = quill.cat %a, %b {dim = 0 : i64} : (tensor<1xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @cat_shape_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{input #1 has shape [4, 3], which differs from [2, 3] outside dimension 1}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @cat_mixed_types(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) -> tensor<2x6xf32> {
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @cat_quantized_different_qparams(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<2x6x!quant.uniform<u8:f32, 0.1:128>> {
  // torch.cat on quantized tensors: "All inputs should share the same
  // quantization parameters."
  // expected-error @+1 {{inputs and result share one quantized type (PyTorch's cat does not requantize), got '!quant.uniform<u8:f32, 1.000000e-01:128>' and '!quant.uniform<u8:f32, 2.000000e-01:128>'}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<2x6x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<2x6x!quant.uniform<u8:f32, 0.1:128>>
}

// -----

func.func @cat_quantized_float_result(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x6xf32> {
  // expected-error @+1 {{inputs and result share one quantized type (PyTorch's cat does not requantize)}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @cat_per_axis(%a: tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, %b: tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) -> tensor<2x6x!quant.uniform<i8:f32:0, {0.1, 0.2}>> {
  // torch.cat: "Only per-tensor quantization is supported in 'cat'!"
  // expected-error @+1 {{supports only per-tensor quantization, got '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01}>'}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) -> tensor<2x6x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return %y : tensor<2x6x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
}

// -----

func.func @cat_wrong_result(%a: tensor<1x2x4xf32>, %b: tensor<1x3x4xf32>) -> tensor<1x6x4xf32> {
  // expected-error @+1 {{result shape [1, 6, 4] does not match the inferred shape [1, 5, 4]}}
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x6x4xf32>
  return %y : tensor<1x6x4xf32>
}

// -----

func.func @cat_all_legacy_empty(%a: tensor<0xf32>, %b: tensor<0xf32>) -> tensor<1xf32> {
  // Every input skipped: PyTorch returns shape [0].
  // expected-error @+1 {{result shape [1] does not match the inferred shape [0]}}
  %y = quill.cat %a, %b {dim = 0 : i64} : (tensor<0xf32>, tensor<0xf32>) -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// stack
//===----------------------------------------------------------------------===//

func.func @stack_no_input() -> tensor<1x2xf32> {
  // expected-error @+1 {{needs at least one input}}
  %y = quill.stack {dim = 0 : i64} : () -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @stack_dim_out_of_range(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x2x4xf32> {
  // The result has rank 3: dim is in [-3, 3).
  // expected-error @+1 {{dim 3 is out of range [-3, 3)}}
  %y = quill.stack %a, %b {dim = 3 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// -----

func.func @stack_shape_mismatch(%a: tensor<2x4xf32>, %b: tensor<2x5xf32>) -> tensor<2x2x4xf32> {
  // expected-error @+1 {{input #1 must have shape [2, 4], got [2, 5]}}
  %y = quill.stack %a, %b {dim = 0 : i64} : (tensor<2x4xf32>, tensor<2x5xf32>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// -----

func.func @stack_mixed_types(%a: tensor<2x4xf32>, %b: tensor<2x4xf64>) -> tensor<2x2x4xf32> {
  // expected-error @+1 {{mixes element types 'f32' and 'f64'}}
  %y = quill.stack %a, %b {dim = 0 : i64} : (tensor<2x4xf32>, tensor<2x4xf64>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// -----

func.func @stack_quantized_different_qparams(%a: tensor<4x!quant.uniform<i8:f32, 0.2:5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.2:6>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.2:5>> {
  // expected-error @+1 {{inputs and result share one quantized type (PyTorch's stack does not requantize)}}
  %y = quill.stack %a, %b {dim = 0 : i64} : (tensor<4x!quant.uniform<i8:f32, 0.2:5>>, tensor<4x!quant.uniform<i8:f32, 0.2:6>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.2:5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.2:5>>
}

// -----

func.func @stack_wrong_result(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x4x2xf32> {
  // dim = 1 inserts the new dimension second.
  // expected-error @+1 {{result shape [2, 4, 2] does not match the inferred shape [2, 2, 4]}}
  %y = quill.stack %a, %b {dim = 1 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4x2xf32>
  return %y : tensor<2x4x2xf32>
}
