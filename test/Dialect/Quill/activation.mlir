// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the activation group: relu, relu6, hardtanh, clamp,
// leaky_relu, elu, gelu, hardswish, hardsigmoid, sigmoid, tanh, silu, softmax,
// prelu. The result has the input's shape; quantized inputs and results may
// carry different scales and zero points (same expressed type).

//===----------------------------------------------------------------------===//
// relu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @relu_f32
func.func @relu_f32(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // CHECK: quill.relu %{{.*}} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.relu %x : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @relu_dynamic
func.func @relu_dynamic(%x: tensor<?x4xf16>) -> tensor<?x4xf16> {
  // CHECK: quill.relu %{{.*}} : tensor<?x4xf16> -> tensor<?x4xf16>
  %y = quill.relu %x : tensor<?x4xf16> -> tensor<?x4xf16>
  return %y : tensor<?x4xf16>
}

// CHECK-LABEL: func.func @relu_dynamic_result_static
func.func @relu_dynamic_result_static(%x: tensor<?x4xf32>) -> tensor<3x?xf32> {
  // Unknown sizes on either side agree with anything.
  // CHECK: quill.relu %{{.*}} : tensor<?x4xf32> -> tensor<3x?xf32>
  %y = quill.relu %x : tensor<?x4xf32> -> tensor<3x?xf32>
  return %y : tensor<3x?xf32>
}

// CHECK-LABEL: func.func @relu_rank0
func.func @relu_rank0(%x: tensor<bf16>) -> tensor<bf16> {
  // CHECK: quill.relu %{{.*}} : tensor<bf16> -> tensor<bf16>
  %y = quill.relu %x : tensor<bf16> -> tensor<bf16>
  return %y : tensor<bf16>
}

// CHECK-LABEL: func.func @relu_quantized
func.func @relu_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.05:0>> {
  // CHECK: quill.relu %{{.*}} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %y = quill.relu %x : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.05:0>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.05:0>>
}

// CHECK-LABEL: func.func @relu_quantized_to_float
func.func @relu_quantized_to_float(%x: tensor<8x!quant.uniform<i8:f32, 0.1:-3>>) -> tensor<8xf32> {
  // A quantized value counts as its expressed type.
  // CHECK: quill.relu %{{.*}} : tensor<8x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<8xf32>
  %y = quill.relu %x : tensor<8x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<8xf32>
  return %y : tensor<8xf32>
}

//===----------------------------------------------------------------------===//
// relu6
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @relu6_f32
func.func @relu6_f32(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // CHECK: quill.relu6 %{{.*}} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  %y = quill.relu6 %x : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @relu6_quantized
func.func @relu6_quantized(%x: tensor<1x3x?x?x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x3x?x?x!quant.uniform<u8:f32, 0.0235:0>> {
  // CHECK: quill.relu6 %{{.*}} : tensor<1x3x?x?x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x3x?x?x!quant.uniform<u8:f32, 2.350000e-02>>
  %y = quill.relu6 %x : tensor<1x3x?x?x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x3x?x?x!quant.uniform<u8:f32, 0.0235:0>>
  return %y : tensor<1x3x?x?x!quant.uniform<u8:f32, 0.0235:0>>
}

//===----------------------------------------------------------------------===//
// hardtanh
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @hardtanh_defaults
func.func @hardtanh_defaults(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // min_val = -1 and max_val = 1 are PyTorch's defaults: elided.
  // CHECK: quill.hardtanh %{{.*}} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.hardtanh %x : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @hardtanh_explicit_defaults
func.func @hardtanh_explicit_defaults(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // Spelled-out defaults are elided as well.
  // CHECK: quill.hardtanh %{{.*}} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.hardtanh %x {min_val = -1.0 : f64, max_val = 1.0 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @hardtanh_bounds
func.func @hardtanh_bounds(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.0235:0>> {
  // ReLU6 spelled as hardtanh(0, 6), as torchvision's MobileNet does.
  // CHECK: quill.hardtanh %{{.*}} {max_val = 6.000000e+00 : f64, min_val = 0.000000e+00 : f64} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 2.350000e-02>>
  %y = quill.hardtanh %x {min_val = 0.0 : f64, max_val = 6.0 : f64} : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.0235:0>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.0235:0>>
}

// CHECK-LABEL: func.func @hardtanh_equal_bounds
func.func @hardtanh_equal_bounds(%x: tensor<3xf32>) -> tensor<3xf32> {
  // min_val == max_val is allowed: every element becomes that value.
  // CHECK: quill.hardtanh %{{.*}} {max_val = 5.000000e-01 : f64, min_val = 5.000000e-01 : f64} : tensor<3xf32> -> tensor<3xf32>
  %y = quill.hardtanh %x {min_val = 0.5 : f64, max_val = 0.5 : f64} : tensor<3xf32> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// clamp
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @clamp_min_only
func.func @clamp_min_only(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // torch.clamp(x, min=0.5): no upper bound.
  // CHECK: quill.clamp %{{.*}} {min = 5.000000e-01 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.clamp %x {min = 0.5 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @clamp_max_only
func.func @clamp_max_only(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // torch.clamp(x, max=-1.5): no lower bound.
  // CHECK: quill.clamp %{{.*}} {max = -1.500000e+00 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.clamp %x {max = -1.5 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @clamp_both_quantized
func.func @clamp_both_quantized(%x: tensor<?x4x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<?x4x!quant.uniform<i8:f32, 0.02:-128>> {
  // CHECK: quill.clamp %{{.*}} {max = 5.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<?x4x!quant.uniform<i8:f32, 2.000000e-02:-128>>
  %y = quill.clamp %x {min = 0.0 : f64, max = 5.0 : f64} : tensor<?x4x!quant.uniform<i8:f32, 0.1:0>> -> tensor<?x4x!quant.uniform<i8:f32, 0.02:-128>>
  return %y : tensor<?x4x!quant.uniform<i8:f32, 0.02:-128>>
}

// CHECK-LABEL: func.func @clamp_min_above_max
func.func @clamp_min_above_max(%x: tensor<4xf32>) -> tensor<4xf32> {
  // PyTorch accepts min > max (every element becomes max).
  // CHECK: quill.clamp %{{.*}} {max = 1.000000e+00 : f64, min = 2.000000e+00 : f64} : tensor<4xf32> -> tensor<4xf32>
  %y = quill.clamp %x {min = 2.0 : f64, max = 1.0 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @clamp_infinite_bound
func.func @clamp_infinite_bound(%x: tensor<4xf32>) -> tensor<4xf32> {
  // An infinite bound is legal (only NaN is rejected).
  // CHECK: quill.clamp %{{.*}} {max = 0x7FF0000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  %y = quill.clamp %x {max = 0x7FF0000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// leaky_relu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @leaky_relu_default
func.func @leaky_relu_default(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // negative_slope = 0.01 is PyTorch's default: elided.
  // CHECK: quill.leaky_relu %{{.*}} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.leaky_relu %x {negative_slope = 0.01 : f64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @leaky_relu_slope_quantized
func.func @leaky_relu_slope_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.08:100>> {
  // CHECK: quill.leaky_relu %{{.*}} {negative_slope = 2.000000e-01 : f64} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 8.000000e-02:100>>
  %y = quill.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.08:100>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.08:100>>
}

// CHECK-LABEL: func.func @leaky_relu_negative_slope
func.func @leaky_relu_negative_slope(%x: tensor<5xf64>) -> tensor<5xf64> {
  // Any finite slope, negative included, is accepted (as in PyTorch).
  // CHECK: quill.leaky_relu %{{.*}} {negative_slope = -5.000000e-01 : f64} : tensor<5xf64> -> tensor<5xf64>
  %y = quill.leaky_relu %x {negative_slope = -0.5 : f64} : tensor<5xf64> -> tensor<5xf64>
  return %y : tensor<5xf64>
}

//===----------------------------------------------------------------------===//
// elu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @elu_default
func.func @elu_default(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // CHECK: quill.elu %{{.*}} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.elu %x : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @elu_alpha_quantized
func.func @elu_alpha_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.05:10>> {
  // CHECK: quill.elu %{{.*}} {alpha = 5.000000e-01 : f64} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 5.000000e-02:10>>
  %y = quill.elu %x {alpha = 0.5 : f64} : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.05:10>>
}

//===----------------------------------------------------------------------===//
// gelu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gelu_default
func.func @gelu_default(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // approximate = none is the default: elided.
  // CHECK: quill.gelu %{{.*}} : tensor<2x8xf32> -> tensor<2x8xf32>
  %y = quill.gelu %x {approximate = #quill.gelu_approximate<none>} : tensor<2x8xf32> -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @gelu_tanh
func.func @gelu_tanh(%x: tensor<2x?x8xf32>) -> tensor<2x?x8xf32> {
  // CHECK: quill.gelu %{{.*}} {approximate = #quill.gelu_approximate<tanh>} : tensor<2x?x8xf32> -> tensor<2x?x8xf32>
  %y = quill.gelu %x {approximate = #quill.gelu_approximate<tanh>} : tensor<2x?x8xf32> -> tensor<2x?x8xf32>
  return %y : tensor<2x?x8xf32>
}

// CHECK-LABEL: func.func @gelu_quantized
func.func @gelu_quantized(%x: tensor<2x8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.04:-60>> {
  // CHECK: quill.gelu %{{.*}} : tensor<2x8x!quant.uniform<i8:f32, 5.000000e-02:3>> -> tensor<2x8x!quant.uniform<i8:f32, 4.000000e-02:-60>>
  %y = quill.gelu %x : tensor<2x8x!quant.uniform<i8:f32, 0.05:3>> -> tensor<2x8x!quant.uniform<i8:f32, 0.04:-60>>
  return %y : tensor<2x8x!quant.uniform<i8:f32, 0.04:-60>>
}

//===----------------------------------------------------------------------===//
// hardswish, hardsigmoid, sigmoid, tanh, silu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @hardswish
func.func @hardswish(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: quill.hardswish %{{.*}} : tensor<1x16x8x8xf32> -> tensor<1x16x8x8xf32>
  %y = quill.hardswish %x : tensor<1x16x8x8xf32> -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @hardswish_quantized
func.func @hardswish_quantized(%x: tensor<1x16x8x8x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x16x8x8x!quant.uniform<u8:f32, 0.06:5>> {
  // CHECK: quill.hardswish %{{.*}} : tensor<1x16x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x16x8x8x!quant.uniform<u8:f32, 6.000000e-02:5>>
  %y = quill.hardswish %x : tensor<1x16x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x16x8x8x!quant.uniform<u8:f32, 0.06:5>>
  return %y : tensor<1x16x8x8x!quant.uniform<u8:f32, 0.06:5>>
}

// CHECK-LABEL: func.func @hardsigmoid_quantized
func.func @hardsigmoid_quantized(%x: tensor<1x16x1x1x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x16x1x1x!quant.uniform<u8:f32, 0.00390625:0>> {
  // PyTorch's fixed output qparams for hardsigmoid: 1/256, 0.
  // CHECK: quill.hardsigmoid %{{.*}} : tensor<1x16x1x1x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x16x1x1x!quant.uniform<u8:f32, 3.906250e-03>>
  %y = quill.hardsigmoid %x : tensor<1x16x1x1x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x16x1x1x!quant.uniform<u8:f32, 0.00390625:0>>
  return %y : tensor<1x16x1x1x!quant.uniform<u8:f32, 0.00390625:0>>
}

// CHECK-LABEL: func.func @sigmoid
func.func @sigmoid(%x: tensor<2x4xf16>) -> tensor<2x4xf16> {
  // CHECK: quill.sigmoid %{{.*}} : tensor<2x4xf16> -> tensor<2x4xf16>
  %y = quill.sigmoid %x : tensor<2x4xf16> -> tensor<2x4xf16>
  return %y : tensor<2x4xf16>
}

// CHECK-LABEL: func.func @sigmoid_quantized
func.func @sigmoid_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.00390625:0>> {
  // CHECK: quill.sigmoid %{{.*}} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 3.906250e-03>>
  %y = quill.sigmoid %x : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.00390625:0>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.00390625:0>>
}

// CHECK-LABEL: func.func @tanh_quantized
func.func @tanh_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x4x!quant.uniform<u8:f32, 0.0078125:128>> {
  // PyTorch's fixed output qparams for tanh: 2/256, 128.
  // CHECK: quill.tanh %{{.*}} : tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x4x!quant.uniform<u8:f32, 7.812500e-03:128>>
  %y = quill.tanh %x : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x4x!quant.uniform<u8:f32, 0.0078125:128>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.0078125:128>>
}

// CHECK-LABEL: func.func @tanh
func.func @tanh(%x: tensor<?xf64>) -> tensor<?xf64> {
  // CHECK: quill.tanh %{{.*}} : tensor<?xf64> -> tensor<?xf64>
  %y = quill.tanh %x : tensor<?xf64> -> tensor<?xf64>
  return %y : tensor<?xf64>
}

// CHECK-LABEL: func.func @silu
func.func @silu(%x: tensor<1x32x8x8xf32>) -> tensor<1x32x8x8xf32> {
  // CHECK: quill.silu %{{.*}} : tensor<1x32x8x8xf32> -> tensor<1x32x8x8xf32>
  %y = quill.silu %x : tensor<1x32x8x8xf32> -> tensor<1x32x8x8xf32>
  return %y : tensor<1x32x8x8xf32>
}

// CHECK-LABEL: func.func @silu_quantized
func.func @silu_quantized(%x: tensor<1x32x8x8x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<1x32x8x8x!quant.uniform<i8:f32, 0.07:-100>> {
  // CHECK: quill.silu %{{.*}} : tensor<1x32x8x8x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<1x32x8x8x!quant.uniform<i8:f32, 7.000000e-02:-100>>
  %y = quill.silu %x : tensor<1x32x8x8x!quant.uniform<i8:f32, 0.1:0>> -> tensor<1x32x8x8x!quant.uniform<i8:f32, 0.07:-100>>
  return %y : tensor<1x32x8x8x!quant.uniform<i8:f32, 0.07:-100>>
}

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @softmax_dim1
func.func @softmax_dim1(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: quill.softmax %{{.*}} {dim = 1 : i64} : tensor<2x10xf32> -> tensor<2x10xf32>
  %y = quill.softmax %x {dim = 1 : i64} : tensor<2x10xf32> -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}

// CHECK-LABEL: func.func @softmax_negative_dim
func.func @softmax_negative_dim(%x: tensor<2x4x?xf32>) -> tensor<2x4x?xf32> {
  // dim = -3 is the first dimension (-rank <= dim < rank).
  // CHECK: quill.softmax %{{.*}} {dim = -3 : i64} : tensor<2x4x?xf32> -> tensor<2x4x?xf32>
  %y = quill.softmax %x {dim = -3 : i64} : tensor<2x4x?xf32> -> tensor<2x4x?xf32>
  return %y : tensor<2x4x?xf32>
}

// CHECK-LABEL: func.func @softmax_dim0
func.func @softmax_dim0(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // dim = 0 is printed: softmax has no default dim.
  // CHECK: quill.softmax %{{.*}} {dim = 0 : i64} : tensor<3x4xf32> -> tensor<3x4xf32>
  %y = quill.softmax %x {dim = 0 : i64} : tensor<3x4xf32> -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @softmax_rank0
func.func @softmax_rank0(%x: tensor<f32>) -> tensor<f32> {
  // A rank-0 input takes dim 0 or -1, as in PyTorch (maybe_wrap_dim).
  // CHECK: quill.softmax %{{.*}} {dim = -1 : i64} : tensor<f32> -> tensor<f32>
  %y = quill.softmax %x {dim = -1 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @softmax_quantized
func.func @softmax_quantized(%x: tensor<2x10x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x10x!quant.uniform<u8:f32, 0.00390625:0>> {
  // CHECK: quill.softmax %{{.*}} {dim = -1 : i64} : tensor<2x10x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x10x!quant.uniform<u8:f32, 3.906250e-03>>
  %y = quill.softmax %x {dim = -1 : i64} : tensor<2x10x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x10x!quant.uniform<u8:f32, 0.00390625:0>>
  return %y : tensor<2x10x!quant.uniform<u8:f32, 0.00390625:0>>
}

//===----------------------------------------------------------------------===//
// prelu
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @prelu_per_channel
func.func @prelu_per_channel(%x: tensor<1x4x8x8xf32>, %a: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @prelu_shared_weight
func.func @prelu_shared_weight(%x: tensor<1x4x8x8xf32>, %a: tensor<1xf32>) -> tensor<1x4x8x8xf32> {
  // nn.PReLU() default: one weight shared by every channel.
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf32>, tensor<1xf32>) -> tensor<1x4x8x8xf32>
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<1xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @prelu_rank2
func.func @prelu_rank2(%x: tensor<5x3xf32>, %a: tensor<3xf32>) -> tensor<5x3xf32> {
  // [N, C]: the channel is dimension 1.
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  %y = quill.prelu %x, %a : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// CHECK-LABEL: func.func @prelu_rank1
func.func @prelu_rank1(%x: tensor<7xf32>, %a: tensor<1xf32>) -> tensor<7xf32> {
  // Below rank 2 there is a single channel.
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<7xf32>, tensor<1xf32>) -> tensor<7xf32>
  %y = quill.prelu %x, %a : (tensor<7xf32>, tensor<1xf32>) -> tensor<7xf32>
  return %y : tensor<7xf32>
}

// CHECK-LABEL: func.func @prelu_dynamic
func.func @prelu_dynamic(%x: tensor<?x?x8xf32>, %a: tensor<?xf32>) -> tensor<?x?x8xf32> {
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<?x?x8xf32>, tensor<?xf32>) -> tensor<?x?x8xf32>
  %y = quill.prelu %x, %a : (tensor<?x?x8xf32>, tensor<?xf32>) -> tensor<?x?x8xf32>
  return %y : tensor<?x?x8xf32>
}

// CHECK-LABEL: func.func @prelu_quantized
func.func @prelu_quantized(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, %a: tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.07:90>> {
  // The weight stays float; input and result may be quantized.
  // CHECK: quill.prelu %{{.*}}, %{{.*}} : (tensor<1x4x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 7.000000e-02:90>>
  %y = quill.prelu %x, %a : (tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.07:90>>
  return %y : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.07:90>>
}

// CHECK-LABEL: func.func @module_attributes
func.func @module_attributes(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // The discardable module attributes survive the round trip.
  // CHECK: quill.relu %{{.*}} {quill.module = "features.0.act", quill.module_type = "torch.nn.ReLU"} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.relu %x {quill.module = "features.0.act", quill.module_type = "torch.nn.ReLU"} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
