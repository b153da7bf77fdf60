// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the activation group: one case per verifier error of
// ActivationOps.cpp (and the VerifyUtils helpers it calls), plus the
// ODS-generated and quantized-type errors worth pinning down.

//===----------------------------------------------------------------------===//
// Shared elementwise rules (relu stands for every activation)
//===----------------------------------------------------------------------===//

func.func @relu_mixed_float_types(%x: tensor<2x4xf32>) -> tensor<2x4xf16> {
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.relu %x : tensor<2x4xf32> -> tensor<2x4xf16>
  return %y : tensor<2x4xf16>
}

// -----

func.func @relu_quantized_expressed_type(%x: tensor<2x4x!quant.uniform<u8:f16, 0.1:128>>) -> tensor<2x4xf32> {
  // A quantized value counts as its expressed type: f16 is not f32.
  // expected-error @+1 {{mixes element types 'f16' and 'f32' (quantized types count as their expressed type)}}
  %y = quill.relu %x : tensor<2x4x!quant.uniform<u8:f16, 0.1:128>> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @relu_wrong_shape(%x: tensor<2x4xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{result shape [4, 2] does not match the inferred shape [2, 4]}}
  %y = quill.relu %x : tensor<2x4xf32> -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

func.func @sigmoid_wrong_rank(%x: tensor<2x?xf32>) -> tensor<2x4x1xf32> {
  // expected-error @+1 {{result shape [2, 4, 1] does not match the inferred shape [2, ?]}}
  %y = quill.sigmoid %x : tensor<2x?xf32> -> tensor<2x4x1xf32>
  return %y : tensor<2x4x1xf32>
}

// -----

func.func @relu_integer_tensor(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  // ODS: float or quantized elements only.
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %y = quill.relu %x : tensor<2x4xi8> -> tensor<2x4xi8>
  return %y : tensor<2x4xi8>
}

// -----

func.func @relu_unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // The custom form needs a ranked type; the generic form reaches ODS.
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %y = "quill.relu"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @relu_zero_point_out_of_range(%x: tensor<2x4x!quant.uniform<i8:f32, 0.1:-200>>) -> tensor<2x4xf32> {
  // The upstream parser accepts an i8 zero point of -200; every quill op
  // rejects it.
  // expected-error @+1 {{operand #0 has zero point -200 outside the storage range [-128, 127]}}
  %y = quill.relu %x : tensor<2x4x!quant.uniform<i8:f32, 0.1:-200>> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @relu_result_zero_point_out_of_range(%x: tensor<2x4xf32>) -> tensor<2x4x!quant.uniform<u8:f32, 0.1:300>> {
  // expected-error @+1 {{result #0 has zero point 300 outside the storage range [0, 255]}}
  %y = quill.relu %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 0.1:300>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.1:300>>
}

// -----

// A non-positive scale never reaches the quill check: the upstream parser
// already rejects it.
// expected-error @+1 {{scale 0.000000e+00 out of expressed type range}}
func.func @relu_zero_scale(%x: tensor<2x4x!quant.uniform<u8:f32, 0.0:128>>) {
  return
}

// -----

//===----------------------------------------------------------------------===//
// hardtanh
//===----------------------------------------------------------------------===//

func.func @hardtanh_min_not_finite(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min_val must be finite, got -INF}}
  %y = quill.hardtanh %x {min_val = 0xFFF0000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @hardtanh_max_not_finite(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{max_val must be finite, got nan}}
  %y = quill.hardtanh %x {max_val = 0x7FF8000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @hardtanh_min_above_max(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min_val (2.000000e+00) must not exceed max_val (1.000000e+00)}}
  %y = quill.hardtanh %x {min_val = 2.0 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @hardtanh_integer_attribute(%x: tensor<4xf32>) -> tensor<4xf32> {
  // ODS: the bounds are f64 attributes.
  // expected-error @+1 {{attribute 'min_val' failed to satisfy constraint: 64-bit float attribute}}
  %y = quill.hardtanh %x {min_val = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// clamp
//===----------------------------------------------------------------------===//

func.func @clamp_no_bound(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{needs at least one of min and max}}
  %y = quill.clamp %x : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @clamp_nan_bound(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{bounds must not be NaN}}
  %y = quill.clamp %x {min = 0.0 : f64, max = 0x7FF8000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @clamp_wrong_shape(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{result shape [5] does not match the inferred shape [4]}}
  %y = quill.clamp %x {min = 0.0 : f64} : tensor<4xf32> -> tensor<5xf32>
  return %y : tensor<5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// leaky_relu, elu
//===----------------------------------------------------------------------===//

func.func @leaky_relu_slope_not_finite(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{negative_slope must be finite, got INF}}
  %y = quill.leaky_relu %x {negative_slope = 0x7FF0000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @elu_alpha_not_finite(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{alpha must be finite, got nan}}
  %y = quill.elu %x {alpha = 0x7FF8000000000000 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @elu_mixed_types(%x: tensor<4xf64>) -> tensor<4xf32> {
  // expected-error @+1 {{mixes element types 'f64' and 'f32'}}
  %y = quill.elu %x {alpha = 0.5 : f64} : tensor<4xf64> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// gelu
//===----------------------------------------------------------------------===//

func.func @gelu_unknown_approximation(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::mlir::quill::GeluApproximate to be one of: none, tanh}}
  // expected-error @+1 {{failed to parse Quill_GeluApproximateAttr parameter 'value'}}
  %y = quill.gelu %x {approximate = #quill.gelu_approximate<erf>} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @gelu_string_approximation(%x: tensor<4xf32>) -> tensor<4xf32> {
  // PyTorch's string spelling is not the attribute: the enum is required.
  // expected-error @+1 {{attribute 'approximate' failed to satisfy constraint}}
  %y = quill.gelu %x {approximate = "tanh"} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

func.func @softmax_missing_dim(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // dim has no default (implicit-dim softmax is deprecated in PyTorch).
  // expected-error @+1 {{requires attribute 'dim'}}
  %y = quill.softmax %x : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @softmax_dim_too_large(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{dim 2 is out of range [-2, 2)}}
  %y = quill.softmax %x {dim = 2 : i64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @softmax_dim_too_negative(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{dim -3 is out of range [-2, 2)}}
  %y = quill.softmax %x {dim = -3 : i64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @softmax_rank0_dim1(%x: tensor<f32>) -> tensor<f32> {
  // A rank-0 input counts as rank 1: only 0 and -1 are valid.
  // expected-error @+1 {{dim 1 is out of range [-1, 1)}}
  %y = quill.softmax %x {dim = 1 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @softmax_wrong_shape(%x: tensor<2x4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{result shape [2] does not match the inferred shape [2, 4]}}
  %y = quill.softmax %x {dim = 1 : i64} : tensor<2x4xf32> -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// prelu
//===----------------------------------------------------------------------===//

func.func @prelu_weight_rank2(%x: tensor<1x4x8x8xf32>, %a: tensor<4x1xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{weight must have rank 1, got rank 2}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4x1xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @prelu_weight_rank0(%x: tensor<1x4x8x8xf32>, %a: tensor<f32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{weight must have rank 1, got rank 0}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @prelu_weight_count(%x: tensor<1x4x8x8xf32>, %a: tensor<3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{weight has 3 elements; expected 1 or the channel count 4}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<3xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @prelu_rank1_single_channel(%x: tensor<4xf32>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // Below rank 2 there is one channel, whatever the size of dimension 0.
  // expected-error @+1 {{weight has 4 elements; expected 1 or the channel count 1}}
  %y = quill.prelu %x, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @prelu_weight_type(%x: tensor<1x4x8x8xf32>, %a: tensor<4xf16>) -> tensor<1x4x8x8xf32> {
  // PyTorch reads the weight with the input's dtype.
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4xf16>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @prelu_quantized_weight(%x: tensor<1x4x8x8xf32>, %a: tensor<4x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<1x4x8x8xf32> {
  // ODS: the weight stays float.
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

func.func @prelu_wrong_shape(%x: tensor<1x4x8x8xf32>, %a: tensor<4xf32>) -> tensor<1x4x8x9xf32> {
  // expected-error @+1 {{result shape [1, 4, 8, 9] does not match the inferred shape [1, 4, 8, 8]}}
  %y = quill.prelu %x, %a : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x9xf32>
  return %y : tensor<1x4x8x9xf32>
}
