// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the PoolOps.td group (max_pool1d/2d/3d, avg_pool1d/2d/3d,
// adaptive_avg_pool1d/2d/3d, mean): one case per verifier message, ODS type
// and attribute constraints, and the quantized-type checks every quill op
// makes.

//===----------------------------------------------------------------------===//
// ODS constraints and quantized types
//===----------------------------------------------------------------------===//

func.func @max_pool2d_missing_kernel_size(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_size'}}
  %y = quill.max_pool2d %x : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @avg_pool2d_missing_kernel_size(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_size'}}
  %y = quill.avg_pool2d %x {stride = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @adaptive_avg_pool2d_missing_output_size(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'output_size'}}
  %y = quill.adaptive_avg_pool2d %x : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @max_pool2d_ceil_mode_not_bool(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'ceil_mode' failed to satisfy constraint: bool attribute}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, ceil_mode = 1 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @avg_pool2d_divisor_override_i32(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'divisor_override' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>, divisor_override = 3 : i32} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @mean_unranked_input(%x: tensor<*xf32>) {
  // The custom syntax cannot even spell an unranked tensor; the generic one can.
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %y = "quill.mean"(%x) : (tensor<*xf32>) -> tensor<f32>
  return
}

// -----

func.func @mean_index_input(%x: tensor<4xi64>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or quantized type values, but got 'tensor<4xi64>'}}
  %y = quill.mean %x : tensor<4xi64> -> tensor<f32>
  return
}

// -----

func.func @max_pool2d_zero_point_out_of_range(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:300>>) {
  // The upstream parser accepts zero point 300 for u8.
  // expected-error @+1 {{operand #0 has zero point 300 outside the storage range [0, 255]}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:300>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:300>>
  return
}

// -----

func.func @avg_pool2d_result_zero_point_out_of_range(%x: tensor<1x4x8x8x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{result #0 has zero point 128 outside the storage range [-128, 127]}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8x!quant.uniform<i8:f32, 0.1>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:128>>
  return
}

// -----

func.func @mean_per_axis_scale_count(%x: tensor<1x4x8x8x!quant.uniform<i8:f32:1, {0.1,0.2,0.3}>>) {
  // expected-error @+1 {{operand #0 has 3 per-axis scales for dimension 1 of size 4}}
  %y = quill.mean %x {dims = array<i64: 2, 3>} : tensor<1x4x8x8x!quant.uniform<i8:f32:1, {0.1,0.2,0.3}>> -> tensor<1x4x!quant.uniform<i8:f32:1, {0.1,0.2,0.3,0.4}>>
  return
}

//===----------------------------------------------------------------------===//
// max_pool1d/2d/3d and avg_pool1d/2d/3d
//===----------------------------------------------------------------------===//

// -----

func.func @max_pool2d_rank2(%x: tensor<8x8xf32>) {
  // [N, C, H, W] or unbatched [C, H, W].
  // expected-error @+1 {{input must have rank 3 to 4, got rank 2}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<8x8xf32> -> tensor<4x4xf32>
  return
}

// -----

func.func @avg_pool3d_rank6(%x: tensor<1x1x4x4x4x4xf32>) {
  // expected-error @+1 {{input must have rank 4 to 5, got rank 6}}
  %y = quill.avg_pool3d %x {kernel_size = array<i64: 2, 2, 2>} : tensor<1x1x4x4x4x4xf32> -> tensor<1x1x4x2x2x2xf32>
  return
}

// -----

func.func @max_pool2d_kernel_size_length(%x: tensor<1x4x8x8xf32>) {
  // PyTorch's int shorthand is expanded on import.
  // expected-error @+1 {{kernel_size must have 2 element(s), got 1}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @avg_pool1d_zero_kernel(%x: tensor<1x4x8xf32>) {
  // expected-error @+1 {{kernel_size elements must be >= 1, got 0}}
  %y = quill.avg_pool1d %x {kernel_size = array<i64: 0>, stride = array<i64: 1>} : tensor<1x4x8xf32> -> tensor<1x4x9xf32>
  return
}

// -----

func.func @max_pool3d_stride_length(%x: tensor<1x2x8x8x8xf32>) {
  // expected-error @+1 {{stride must have 3 element(s), got 2}}
  %y = quill.max_pool3d %x {kernel_size = array<i64: 2, 2, 2>, stride = array<i64: 2, 2>} : tensor<1x2x8x8x8xf32> -> tensor<1x2x4x4x4xf32>
  return
}

// -----

func.func @max_pool2d_empty_stride(%x: tensor<1x4x8x8xf32>) {
  // A default stride is an absent attribute, not an empty list.
  // expected-error @+1 {{stride must have 2 element(s), got 0}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @max_pool2d_zero_stride(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{stride elements must be >= 1, got 0}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 0, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @avg_pool2d_negative_stride(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{stride elements must be >= 1, got -1}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, -1>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @max_pool1d_padding_length(%x: tensor<1x4x8xf32>) {
  // expected-error @+1 {{padding must have 1 element(s), got 2}}
  %y = quill.max_pool1d %x {kernel_size = array<i64: 3>, padding = array<i64: 1, 1>} : tensor<1x4x8xf32> -> tensor<1x4x3xf32>
  return
}

// -----

func.func @max_pool2d_negative_padding(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{padding elements must be >= 0, got -1}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, padding = array<i64: -1, 0>} : tensor<1x4x8x8xf32> -> tensor<1x4x3x4xf32>
  return
}

// -----

func.func @max_pool2d_dilation_length(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{dilation must have 2 element(s), got 3}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, dilation = array<i64: 1, 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @max_pool2d_zero_dilation(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{dilation elements must be >= 1, got 0}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, dilation = array<i64: 1, 0>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @max_pool2d_padding_over_half_kernel(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{padding 2 must be at most half of the kernel size 3}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x8x10xf32>
  return
}

// -----

func.func @max_pool2d_padding_over_half_dilated_kernel(%x: tensor<1x4x8x8xf32>) {
  // PyTorch 1.13 bounds the padding by the plain kernel even when dilated:
  // pad 2 with k 3, dilation 2 (effective kernel 5) is rejected.
  // expected-error @+1 {{padding 2 must be at most half of the kernel size 3}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, padding = array<i64: 2, 2>, dilation = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @avg_pool3d_padding_over_half_kernel(%x: tensor<1x2x8x8x8xf32>) {
  // expected-error @+1 {{padding 2 must be at most half of the kernel size 2}}
  %y = quill.avg_pool3d %x {kernel_size = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 2>} : tensor<1x2x8x8x8xf32> -> tensor<1x2x4x4x6xf32>
  return
}

// -----

func.func @avg_pool3d_input_smaller_than_kernel(%x: tensor<1x2x2x8x8xf32>) {
  // Padding would make room ((2 + 2 - 3) / 1 + 1 = 2), but avg_pool3d
  // requires each input size >= the kernel (PyTorch's check_input_size).
  // expected-error @+1 {{spatial dimension 0 of size 2 is smaller than the kernel size 3}}
  %y = quill.avg_pool3d %x {kernel_size = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>} : tensor<1x2x2x8x8xf32> -> tensor<1x2x2x8x8xf32>
  return
}

// -----

func.func @max_pool2d_output_too_small(%x: tensor<1x4x2x8xf32>) {
  // expected-error @+1 {{spatial dimension 0 of size 2 gives output size 0 with kernel 3}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>} : tensor<1x4x2x8xf32> -> tensor<1x4x1x2xf32>
  return
}

// -----

func.func @avg_pool1d_output_too_small(%x: tensor<4x2xf32>) {
  // expected-error @+1 {{spatial dimension 0 of size 2 gives output size 0 with kernel 3}}
  %y = quill.avg_pool1d %x {kernel_size = array<i64: 3>} : tensor<4x2xf32> -> tensor<4x1xf32>
  return
}

// -----

func.func @avg_pool2d_zero_divisor(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{divisor_override must not be zero}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>, divisor_override = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @max_pool2d_mixed_element_types(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf16>
  return
}

// -----

func.func @max_pool2d_requantized_result(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>) {
  // Pooling does not requantize: the result keeps the input's qparams.
  // expected-error @+1 {{result element type '!quant.uniform<u8:f32, 2.000000e-01:128>' differs from the input's '!quant.uniform<u8:f32, 1.000000e-01:128>' (a quantized input and result share their scale and zero point)}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.2:128>>
  return
}

// -----

func.func @avg_pool2d_float_to_quantized(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{result element type '!quant.uniform<u8:f32, 1.000000e-01:128>' differs from the input's 'f32'}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @max_pool2d_wrong_result_shape(%x: tensor<1x64x112x112xf32>) {
  // Without ceil_mode, k3 s2 on 112 gives 55.
  // expected-error @+1 {{result shape [1, 64, 56, 56] does not match the inferred shape [1, 64, 55, 55]}}
  %y = quill.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  return
}

// -----

func.func @max_pool1d_ceil_mode_window_in_padding(%x: tensor<1x1x5xf32>) {
  // ceil_mode does not keep a last window starting in the right padding.
  // expected-error @+1 {{result shape [1, 1, 4] does not match the inferred shape [1, 1, 3]}}
  %y = quill.max_pool1d %x {kernel_size = array<i64: 2>, stride = array<i64: 2>, padding = array<i64: 1>, ceil_mode = true} : tensor<1x1x5xf32> -> tensor<1x1x4xf32>
  return
}

// -----

func.func @avg_pool2d_unbatched_wrong_result(%x: tensor<4x8x8xf32>) {
  // An unbatched input gives an unbatched result.
  // expected-error @+1 {{result shape [1, 4, 4, 4] does not match the inferred shape [4, 4, 4]}}
  %y = quill.avg_pool2d %x {kernel_size = array<i64: 2, 2>} : tensor<4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// adaptive_avg_pool1d/2d/3d
//===----------------------------------------------------------------------===//

// -----

func.func @adaptive_avg_pool1d_rank1(%x: tensor<8xf32>) {
  // expected-error @+1 {{input must have rank 2 to 3, got rank 1}}
  %y = quill.adaptive_avg_pool1d %x {output_size = array<i64: 1>} : tensor<8xf32> -> tensor<1xf32>
  return
}

// -----

func.func @adaptive_avg_pool2d_output_size_length(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{output_size must have 2 element(s), got 1}}
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @adaptive_avg_pool3d_zero_output_size(%x: tensor<1x4x8x8x8xf32>) {
  // PyTorch's None entries are resolved on import; sizes are positive.
  // expected-error @+1 {{output_size elements must be >= 1, got 0}}
  %y = quill.adaptive_avg_pool3d %x {output_size = array<i64: 1, 0, 1>} : tensor<1x4x8x8x8xf32> -> tensor<1x4x1x8x1xf32>
  return
}

// -----

func.func @adaptive_avg_pool2d_mixed_element_types(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'bf16'}}
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xbf16>
  return
}

// -----

func.func @adaptive_avg_pool2d_requantized_result(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error @+1 {{(a quantized input and result share their scale and zero point)}}
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x4x1x1x!quant.uniform<u8:f32, 0.1:127>>
  return
}

// -----

func.func @adaptive_avg_pool2d_wrong_result_shape(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{result shape [1, 64, 7, 5] does not match the inferred shape [1, 64, 5, 7]}}
  %y = quill.adaptive_avg_pool2d %x {output_size = array<i64: 5, 7>} : tensor<1x64x8x9xf32> -> tensor<1x64x7x5xf32>
  return
}

//===----------------------------------------------------------------------===//
// mean
//===----------------------------------------------------------------------===//

// -----

func.func @mean_dim_out_of_range(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{dim 3 is out of range [-3, 3)}}
  %y = quill.mean %x {dims = array<i64: 3>} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @mean_negative_dim_out_of_range(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{dim -4 is out of range [-3, 3)}}
  %y = quill.mean %x {dims = array<i64: -4>} : tensor<2x3x4xf32> -> tensor<3x4xf32>
  return
}

// -----

func.func @mean_rank0_dim_out_of_range(%x: tensor<f32>) {
  // A rank-0 input takes dims 0 and -1 only.
  // expected-error @+1 {{dim 1 is out of range [-1, 1)}}
  %y = quill.mean %x {dims = array<i64: 1>} : tensor<f32> -> tensor<f32>
  return
}

// -----

func.func @mean_duplicate_dim(%x: tensor<2x3x4xf32>) {
  // -1 and 2 name the same dimension.
  // expected-error @+1 {{dim 2 appears more than once in dims}}
  %y = quill.mean %x {dims = array<i64: 2, -1>} : tensor<2x3x4xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @mean_mixed_element_types(%x: tensor<2x3x4xf16>) {
  // expected-error @+1 {{mixes element types 'f16' and 'f32'}}
  %y = quill.mean %x : tensor<2x3x4xf16> -> tensor<f32>
  return
}

// -----

func.func @mean_requantized_result(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error @+1 {{result element type '!quant.uniform<i8:f32, 1.000000e-01>' differs from the input's '!quant.uniform<u8:f32, 1.000000e-01:128>'}}
  %y = quill.mean %x {dims = array<i64: 2, 3>} : tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @mean_keepdim_ignored(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{result shape [1, 4] does not match the inferred shape [1, 4, 1, 1]}}
  %y = quill.mean %x {dims = array<i64: 2, 3>, keepdim = true} : tensor<1x4x8x8xf32> -> tensor<1x4xf32>
  return
}

// -----

func.func @mean_all_dims_not_rank0(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape [1] does not match the inferred shape []}}
  %y = quill.mean %x : tensor<2x3xf32> -> tensor<1xf32>
  return
}
