// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the elementwise group: add, sub, mul, div (tensor-tensor
// with numpy broadcasting, or tensor-scalar literal; alpha; rounding_mode),
// cat and stack.

//===----------------------------------------------------------------------===//
// add
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @add_same_shape
func.func @add_same_shape(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // alpha = 1 is the default: elided.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = quill.add %a, %b {alpha = 1.0 : f64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_broadcast_trailing
func.func @add_broadcast_trailing(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_broadcast_both_sides
func.func @add_broadcast_both_sides(%a: tensor<4x1x5xf32>, %b: tensor<3x1xf32>) -> tensor<4x3x5xf32> {
  // Both operands stretch: [4, 1, 5] + [3, 1] -> [4, 3, 5].
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<4x1x5xf32>, tensor<3x1xf32>) -> tensor<4x3x5xf32>
  %y = quill.add %a, %b : (tensor<4x1x5xf32>, tensor<3x1xf32>) -> tensor<4x3x5xf32>
  return %y : tensor<4x3x5xf32>
}

// CHECK-LABEL: func.func @add_broadcast_rhs_higher_rank
func.func @add_broadcast_rhs_higher_rank(%a: tensor<5xf32>, %b: tensor<2x1xf32>) -> tensor<2x5xf32> {
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
  %y = quill.add %a, %b : (tensor<5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// CHECK-LABEL: func.func @add_rank0_tensor
func.func @add_rank0_tensor(%a: tensor<2x3xf32>, %b: tensor<f32>) -> tensor<2x3xf32> {
  // A 0-d tensor operand broadcasts to anything.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %y = quill.add %a, %b : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_broadcast_zero_size
func.func @add_broadcast_zero_size(%a: tensor<0x3xf32>, %b: tensor<1x3xf32>) -> tensor<0x3xf32> {
  // A size-1 dimension stretches to 0 as well.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<0x3xf32>, tensor<1x3xf32>) -> tensor<0x3xf32>
  %y = quill.add %a, %b : (tensor<0x3xf32>, tensor<1x3xf32>) -> tensor<0x3xf32>
  return %y : tensor<0x3xf32>
}

// CHECK-LABEL: func.func @add_dynamic
func.func @add_dynamic(%a: tensor<?x1xf32>, %b: tensor<1x4xf32>) -> tensor<?x4xf32> {
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<?x1xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %y = quill.add %a, %b : (tensor<?x1xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @add_dynamic_against_static
func.func @add_dynamic_against_static(%a: tensor<?x3xf32>, %b: tensor<5x3xf32>) -> tensor<5x3xf32> {
  // An unknown size meeting 5 can only be 5 (or 1): the result is 5.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<?x3xf32>, tensor<5x3xf32>) -> tensor<5x3xf32>
  %y = quill.add %a, %b : (tensor<?x3xf32>, tensor<5x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// CHECK-LABEL: func.func @add_alpha
func.func @add_alpha(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // torch.add(a, b, alpha=2.5)
  // CHECK: quill.add %{{.*}}, %{{.*}} {alpha = 2.500000e+00 : f64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = quill.add %a, %b {alpha = 2.5 : f64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_scalar
func.func @add_scalar(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // x + 2.5: the scalar is a literal, not an operand.
  // CHECK: quill.add %{{.*}}, 2.500000e+00 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = quill.add %a, 2.5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_scalar_negative_alpha
func.func @add_scalar_negative_alpha(%a: tensor<?x3xf16>) -> tensor<?x3xf16> {
  // torch.add(x, -1.0, alpha=3)
  // CHECK: quill.add %{{.*}}, -1.000000e+00 {alpha = 3.000000e+00 : f64} : (tensor<?x3xf16>) -> tensor<?x3xf16>
  %y = quill.add %a, -1.0 {alpha = 3.0 : f64} : (tensor<?x3xf16>) -> tensor<?x3xf16>
  return %y : tensor<?x3xf16>
}

// CHECK-LABEL: func.func @add_scalar_inexact
func.func @add_scalar_inexact(%a: tensor<4xf32>) -> tensor<4xf32> {
  // 0.1 has no short exact decimal form; the printed literal still
  // round-trips to the same double.
  // CHECK: quill.add %{{.*}}, 1.000000e-01 : (tensor<4xf32>) -> tensor<4xf32>
  %y = quill.add %a, 0.1 : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @add_scalar_hex
func.func @add_scalar_hex(%a: tensor<4xf32>) -> tensor<4xf32> {
  // The largest double, spelled in hex.
  // CHECK: quill.add %{{.*}}, 1.7976931348623157E+308 : (tensor<4xf32>) -> tensor<4xf32>
  %y = quill.add %a, 0x7FEFFFFFFFFFFFFF : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @add_scalar_rank0
func.func @add_scalar_rank0(%a: tensor<f32>) -> tensor<f32> {
  // CHECK: quill.add %{{.*}}, 1.000000e+00 : (tensor<f32>) -> tensor<f32>
  %y = quill.add %a, 1.0 : (tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @add_quantized
func.func @add_quantized(%a: tensor<1x8x4x4x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<1x8x4x4x!quant.uniform<u8:f32, 0.2:100>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 0.3:64>> {
  // quantized::add: each operand and the result have their own qparams.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<1x8x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<1x8x4x4x!quant.uniform<u8:f32, 2.000000e-01:100>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 3.000000e-01:64>>
  %y = quill.add %a, %b : (tensor<1x8x4x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x8x4x4x!quant.uniform<u8:f32, 0.2:100>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 0.3:64>>
  return %y : tensor<1x8x4x4x!quant.uniform<u8:f32, 0.3:64>>
}

// CHECK-LABEL: func.func @add_scalar_quantized
func.func @add_scalar_quantized(%a: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> {
  // x + scalar keeps the input's scale and zero point (reference model).
  // CHECK: quill.add %{{.*}}, 3.000000e+00 : (tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.add %a, 3.0 : (tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @add_quantized_and_float
func.func @add_quantized_and_float(%a: tensor<4x!quant.uniform<i8:f32, 0.1:0>>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // Quantized values count as their expressed type.
  // CHECK: quill.add %{{.*}}, %{{.*}} : (tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<4xf32>) -> tensor<4xf32>
  %y = quill.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.1:0>>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// sub
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @sub_alpha_broadcast
func.func @sub_alpha_broadcast(%a: tensor<2x1x3xf32>, %b: tensor<4x1xf32>) -> tensor<2x4x3xf32> {
  // CHECK: quill.sub %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f64} : (tensor<2x1x3xf32>, tensor<4x1xf32>) -> tensor<2x4x3xf32>
  %y = quill.sub %a, %b {alpha = 0.5 : f64} : (tensor<2x1x3xf32>, tensor<4x1xf32>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}

// CHECK-LABEL: func.func @sub_scalar
func.func @sub_scalar(%a: tensor<2x3xf64>) -> tensor<2x3xf64> {
  // CHECK: quill.sub %{{.*}}, 1.250000e+00 : (tensor<2x3xf64>) -> tensor<2x3xf64>
  %y = quill.sub %a, 1.25 : (tensor<2x3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

//===----------------------------------------------------------------------===//
// mul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @mul_broadcast
func.func @mul_broadcast(%a: tensor<1x8x4x4xf32>, %b: tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32> {
  // Squeeze-and-excitation scaling.
  // CHECK: quill.mul %{{.*}}, %{{.*}} : (tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %y = quill.mul %a, %b : (tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func.func @mul_scalar
func.func @mul_scalar(%a: tensor<2x3xbf16>) -> tensor<2x3xbf16> {
  // CHECK: quill.mul %{{.*}}, -5.000000e-01 : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  %y = quill.mul %a, -0.5 : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  return %y : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @mul_quantized
func.func @mul_quantized(%a: tensor<1x8x4x4x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<1x8x1x1x!quant.uniform<u8:f32, 0.00390625:0>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 0.05:128>> {
  // CHECK: quill.mul %{{.*}}, %{{.*}} : (tensor<1x8x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<1x8x1x1x!quant.uniform<u8:f32, 3.906250e-03>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 5.000000e-02:128>>
  %y = quill.mul %a, %b : (tensor<1x8x4x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x8x1x1x!quant.uniform<u8:f32, 0.00390625:0>>) -> tensor<1x8x4x4x!quant.uniform<u8:f32, 0.05:128>>
  return %y : tensor<1x8x4x4x!quant.uniform<u8:f32, 0.05:128>>
}

// CHECK-LABEL: func.func @mul_scalar_quantized
func.func @mul_scalar_quantized(%a: tensor<4x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-1>> {
  // CHECK: quill.mul %{{.*}}, 2.000000e+00 : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>) -> tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>
  %y = quill.mul %a, 2.0 : (tensor<4x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.5:-1>>
}

//===----------------------------------------------------------------------===//
// div
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @div_true
func.func @div_true(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x3xf32> {
  // rounding_mode = true_div (PyTorch's None) is the default: elided.
  // CHECK: quill.div %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %y = quill.div %a, %b {rounding_mode = #quill.rounding_mode<true_div>} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @div_floor
func.func @div_floor(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.div %{{.*}}, %{{.*}} {rounding_mode = #quill.rounding_mode<floor>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = quill.div %a, %b {rounding_mode = #quill.rounding_mode<floor>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @div_trunc_scalar
func.func @div_trunc_scalar(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // torch.div(x, 4.0, rounding_mode="trunc")
  // CHECK: quill.div %{{.*}}, 4.000000e+00 {rounding_mode = #quill.rounding_mode<trunc>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = quill.div %a, 4.0 {rounding_mode = #quill.rounding_mode<trunc>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @div_scalar_zero
func.func @div_scalar_zero(%a: tensor<2xf32>) -> tensor<2xf32> {
  // Division by zero is well defined for floats (inf/nan), as in PyTorch.
  // CHECK: quill.div %{{.*}}, 0.000000e+00 : (tensor<2xf32>) -> tensor<2xf32>
  %y = quill.div %a, 0.0 : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// cat
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @cat_dim1
func.func @cat_dim1(%a: tensor<1x2x4xf32>, %b: tensor<1x3x4xf32>) -> tensor<1x5x4xf32> {
  // CHECK: quill.cat %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<1x2x4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
  return %y : tensor<1x5x4xf32>
}

// CHECK-LABEL: func.func @cat_negative_dim_three_inputs
func.func @cat_negative_dim_three_inputs(%a: tensor<2x1xf32>, %b: tensor<2x2xf32>, %c: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // CHECK: quill.cat %{{.*}}, %{{.*}}, %{{.*}} {dim = -1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %y = quill.cat %a, %b, %c {dim = -1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// CHECK-LABEL: func.func @cat_single_input
func.func @cat_single_input(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.cat %{{.*}} {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = quill.cat %a {dim = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @cat_dynamic_along_dim
func.func @cat_dynamic_along_dim(%a: tensor<?x4xf32>, %b: tensor<3x4xf32>) -> tensor<?x4xf32> {
  // CHECK: quill.cat %{{.*}}, %{{.*}} {dim = 0 : i64} : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  %y = quill.cat %a, %b {dim = 0 : i64} : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @cat_dynamic_other_dim
func.func @cat_dynamic_other_dim(%a: tensor<?x2xf32>, %b: tensor<5x3xf32>) -> tensor<5x5xf32> {
  // CHECK: quill.cat %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<?x2xf32>, tensor<5x3xf32>) -> tensor<5x5xf32>
  %y = quill.cat %a, %b {dim = 1 : i64} : (tensor<?x2xf32>, tensor<5x3xf32>) -> tensor<5x5xf32>
  return %y : tensor<5x5xf32>
}

// CHECK-LABEL: func.func @cat_legacy_empty
func.func @cat_legacy_empty(%e: tensor<0xf32>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // PyTorch 1.13 skips 1-d empty inputs whatever the others' rank:
  // torch.cat([torch.empty(0), a, b], 1).
  // CHECK: quill.cat %{{.*}}, %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<0xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %y = quill.cat %e, %a, %b {dim = 1 : i64} : (tensor<0xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// CHECK-LABEL: func.func @cat_quantized
func.func @cat_quantized(%a: tensor<1x2x4x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<1x3x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x5x4x!quant.uniform<u8:f32, 0.1:128>> {
  // Inputs and result share one scale and zero point.
  // CHECK: quill.cat %{{.*}}, %{{.*}} {dim = -2 : i64} : (tensor<1x2x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<1x3x4x!quant.uniform<u8:f32, 1.000000e-01:128>>) -> tensor<1x5x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.cat %a, %b {dim = -2 : i64} : (tensor<1x2x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x3x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x5x4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x5x4x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// stack
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @stack_dim0
func.func @stack_dim0(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x2x4xf32> {
  // CHECK: quill.stack %{{.*}}, %{{.*}} {dim = 0 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
  %y = quill.stack %a, %b {dim = 0 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// CHECK-LABEL: func.func @stack_dim_rank
func.func @stack_dim_rank(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4x3xf32> {
  // dim may equal the input rank: the new dimension goes last.
  // CHECK: quill.stack %{{.*}}, %{{.*}}, %{{.*}} {dim = 2 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4x3xf32>
  %y = quill.stack %a, %b, %c {dim = 2 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}

// CHECK-LABEL: func.func @stack_negative_dim
func.func @stack_negative_dim(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x2x4xf32> {
  // dim = -2 counts from the end of the result (rank 3): position 1.
  // CHECK: quill.stack %{{.*}}, %{{.*}} {dim = -2 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
  %y = quill.stack %a, %b {dim = -2 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// CHECK-LABEL: func.func @stack_rank0
func.func @stack_rank0(%a: tensor<f32>, %b: tensor<f32>) -> tensor<2xf32> {
  // CHECK: quill.stack %{{.*}}, %{{.*}} {dim = -1 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  %y = quill.stack %a, %b {dim = -1 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// CHECK-LABEL: func.func @stack_dynamic
func.func @stack_dynamic(%a: tensor<?x4xf32>, %b: tensor<3x?xf32>) -> tensor<3x2x4xf32> {
  // CHECK: quill.stack %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<?x4xf32>, tensor<3x?xf32>) -> tensor<3x2x4xf32>
  %y = quill.stack %a, %b {dim = 1 : i64} : (tensor<?x4xf32>, tensor<3x?xf32>) -> tensor<3x2x4xf32>
  return %y : tensor<3x2x4xf32>
}

// CHECK-LABEL: func.func @stack_quantized
func.func @stack_quantized(%a: tensor<4x!quant.uniform<i8:f32, 0.2:5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.2:5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.2:5>> {
  // CHECK: quill.stack %{{.*}}, %{{.*}} {dim = 0 : i64} : (tensor<4x!quant.uniform<i8:f32, 2.000000e-01:5>>, tensor<4x!quant.uniform<i8:f32, 2.000000e-01:5>>) -> tensor<2x4x!quant.uniform<i8:f32, 2.000000e-01:5>>
  %y = quill.stack %a, %b {dim = 0 : i64} : (tensor<4x!quant.uniform<i8:f32, 0.2:5>>, tensor<4x!quant.uniform<i8:f32, 0.2:5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.2:5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.2:5>>
}
