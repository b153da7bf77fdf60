// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the ConvOps.td group (conv1d/2d/3d, conv_transpose1d/2d/3d,
// linear, matmul, batch_matmul): one case per verifier message, ODS type and
// attribute constraints, and the quantized-type checks every quill op makes.

//===----------------------------------------------------------------------===//
// ODS constraints
//===----------------------------------------------------------------------===//

func.func @conv2d_unranked_input(%x: tensor<*xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %y = quill.conv2d %x, %w : (tensor<*xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_integer_input(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xf32>) {
  // Raw integers are not a quill tensor; int8 data uses !quant.uniform.
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or quantized type values, but got 'tensor<1x3x8x8xi8>'}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_integer_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xi8>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xi8>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_stride_not_dense_array(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'stride' failed to satisfy constraint: i64 dense array attribute}}
  %y = quill.conv2d %x, %w {stride = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_groups_i32(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = quill.conv2d %x, %w {groups = 1 : i32} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @matmul_integer_rhs(%a: tensor<2x3xf32>, %b: tensor<3x4xi32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of}}
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xi32>) -> tensor<2x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Quantized types (checked on every quill op, QuillTraits.cpp)
//===----------------------------------------------------------------------===//

// -----

func.func @conv2d_zero_point_out_of_range(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:300>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>) {
  // The upstream parser accepts zero point 300 for u8.
  // expected-error @+1 {{operand #0 has zero point 300 outside the storage range [0, 255]}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:300>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:0>>
  return
}

// -----

func.func @conv2d_result_zero_point_out_of_range(%x: tensor<1x3x8x8x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{result #0 has zero point -129 outside the storage range [-128, 127]}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<i8:f32, 0.1>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x6x6x!quant.uniform<i8:f32, 0.1:-129>>
  return
}

// -----

func.func @conv2d_per_axis_zero_point_out_of_range(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4:200}>>) {
  // expected-error @+1 {{operand #1 has zero point 200 outside the storage range [-128, 127]}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4:200}>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv2d_per_axis_scale_count(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>) {
  // Four output channels but three scales.
  // expected-error @+1 {{operand #1 has 3 per-axis scales for dimension 0 of size 4}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv2d_per_axis_dimension_out_of_rank(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:4, {0.1,0.2,0.3,0.4}>>) {
  // expected-error @+1 {{operand #1 is quantized along dimension 4 but has rank 4}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:4, {0.1,0.2,0.3,0.4}>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @linear_nan_scale(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.1>>) {
  // A NaN scale gets past the upstream range check. (NaN types are not
  // uniqued, so the NaN type may only be spelled once: on an unused result.)
  // expected-error @+1 {{result #0 has quantization scale nan; scales must be positive and finite}}
  %y = quill.linear %x, %w : (tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<u8:f32, 0x7FF8000000000000:128>>
  return
}

//===----------------------------------------------------------------------===//
// conv1d/2d/3d and conv_transpose1d/2d/3d
//===----------------------------------------------------------------------===//

// -----

func.func @conv2d_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{weight must have rank 4, got rank 3}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_rank2_input(%x: tensor<8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // [N, C, H, W] or unbatched [C, H, W]; nothing smaller.
  // expected-error @+1 {{input must have rank 3 to 4, got rank 2}}
  %y = quill.conv2d %x, %w : (tensor<8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @conv2d_unbatched_batched_result(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // An unbatched input gives an unbatched result.
  // expected-error @+1 {{result must have rank 3, got rank 4}}
  %y = quill.conv2d %x, %w : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_zero_kernel(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x0x3xf32>) {
  // expected-error @+1 {{kernel size 0 is 0; weight shape [4, 3, 0, 3]}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x0x3xf32>) -> tensor<1x4x9x6xf32>
  return
}

// -----

func.func @conv1d_result_rank(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{result must have rank 3, got rank 2}}
  %y = quill.conv1d %x, %w : (tensor<1x3x8xf32>, tensor<4x3x3xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @conv3d_stride_length(%x: tensor<1x3x8x8x8xf32>, %w: tensor<4x3x3x3x3xf32>) {
  // expected-error @+1 {{stride must have 3 element(s), got 2}}
  %y = quill.conv3d %x, %w {stride = array<i64: 1, 1>} : (tensor<1x3x8x8x8xf32>, tensor<4x3x3x3x3xf32>) -> tensor<1x4x6x6x6xf32>
  return
}

// -----

func.func @conv2d_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{stride elements must be >= 1, got 0}}
  %y = quill.conv2d %x, %w {stride = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_negative_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{stride elements must be >= 1, got -2}}
  %y = quill.conv2d %x, %w {stride = array<i64: -2, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_padding_length(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding must have 2 element(s), got 1}}
  %y = quill.conv2d %x, %w {padding = array<i64: 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv2d_negative_padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding elements must be >= 0, got -1}}
  %y = quill.conv2d %x, %w {padding = array<i64: -1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x6xf32>
  return
}

// -----

func.func @conv1d_zero_dilation(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+1 {{dilation elements must be >= 1, got 0}}
  %y = quill.conv1d %x, %w {dilation = array<i64: 0>} : (tensor<1x3x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6xf32>
  return
}

// -----

func.func @conv2d_dilation_length(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{dilation must have 2 element(s), got 1}}
  %y = quill.conv2d %x, %w {dilation = array<i64: 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @conv2d_zero_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{groups must be >= 1, got 0}}
  %y = quill.conv2d %x, %w {groups = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_negative_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{groups must be >= 1, got -1}}
  %y = quill.conv2d %x, %w {groups = -1 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_channel_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+1 {{input has 3 channels but the weight expects 4 (weight shape [4, 4, 3, 3], groups 1)}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_grouped_channel_mismatch(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // With groups 2 the weight [4, 4, ...] expects 4 * 2 input channels.
  // expected-error @+1 {{input has 4 channels but the weight expects 8 (weight shape [4, 4, 3, 3], groups 2)}}
  %y = quill.conv2d %x, %w {groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_input_channels_not_divisible(%x: tensor<1x3x8x8xf32>, %w: tensor<4x?x3x3xf32>) {
  // expected-error @+1 {{input channels (3) must be divisible by groups (2)}}
  %y = quill.conv2d %x, %w {groups = 2 : i64} : (tensor<1x3x8x8xf32>, tensor<4x?x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_output_channels_not_divisible(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+1 {{output channels (3) must be divisible by groups (2)}}
  %y = quill.conv2d %x, %w {groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @conv2d_bias_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{bias must have shape [4], got [5]}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<5xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{bias must have shape [4], got [1, 4]}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_weight_quantized_on_wrong_axis(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:1, {0.1,0.2,0.3}>>) {
  // Per-channel conv weights are quantized along their output channels.
  // expected-error @+1 {{weight must be quantized per axis along dimension 0 (output channels), got dimension 1}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:1, {0.1,0.2,0.3}>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv_transpose2d_weight_quantized_on_wrong_axis(%x: tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x2x2x2x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>) {
  // A transposed weight is [C_in, C_out / groups, k...]: its axis is 1.
  // expected-error @+1 {{weight must be quantized per axis along dimension 1 (output channels), got dimension 0}}
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>} : (tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x2x2x2x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>) -> tensor<1x2x8x8x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv2d_i32_bias_on_float(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{an integer or quantized bias ('i32') needs a quantized input}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xi32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_bias_float_type_differs(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{bias element type 'f16' differs from the input's 'f32'}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf16>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_quantized_bias_expressed_type(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i32:f16, 0.01>>) {
  // expected-error @+1 {{bias element type '!quant.uniform<i32:f16, 1.000000e-02>' does not stand for the input's 'f32'}}
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i32:f16, 0.01>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv2d_output_too_small(%x: tensor<1x3x2x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // The 3x3 kernel does not fit into the 2 rows of the input.
  // expected-error @+1 {{spatial dimension 0 of size 2 gives output size 0 with kernel 3, stride 1, padding 0, dilation 1}}
  %y = quill.conv2d %x, %w : (tensor<1x3x2x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  return
}

// -----

func.func @conv2d_dilated_kernel_too_large(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // With dilation 4 the effective kernel is 4 * (3 - 1) + 1 = 9 > 8.
  // expected-error @+1 {{spatial dimension 1 of size 8 gives output size 0 with kernel 3, stride 1, padding 0, dilation 4}}
  %y = quill.conv2d %x, %w {dilation = array<i64: 1, 4>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x1xf32>
  return
}

// -----

func.func @conv2d_mixed_element_types(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) {
  // expected-error @+1 {{mixes element types 'f32' and 'f16' (quantized types count as their expressed type)}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv2d_quantized_expressed_type_differs(%x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x3x3x3x!quant.uniform<i8:f16, 0.1>>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @conv2d_wrong_result_shape(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>) {
  // ResNet stem without padding: 224 -> 109, not 112.
  // expected-error @+1 {{result shape [1, 64, 112, 112] does not match the inferred shape [1, 64, 109, 109]}}
  %y = quill.conv2d %x, %w {stride = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<1x64x112x112xf32>
  return
}

// -----

func.func @conv2d_wrong_result_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{result shape [1, 3, 6, 6] does not match the inferred shape [1, 4, 6, 6]}}
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @conv_transpose2d_output_padding_length(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2x2xf32>) {
  // expected-error @+1 {{output_padding must have 2 element(s), got 3}}
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 1, 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x9x9xf32>
  return
}

// -----

func.func @conv_transpose2d_negative_output_padding(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2x2xf32>) {
  // expected-error @+1 {{output_padding elements must be >= 0, got -1}}
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 0, -1>} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x7xf32>
  return
}

// -----

func.func @conv_transpose2d_output_padding_too_large(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2x2xf32>) {
  // PyTorch: output padding must be smaller than either stride or dilation.
  // expected-error @+1 {{output_padding 2 must be smaller than the stride (2) or the dilation (1)}}
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, output_padding = array<i64: 0, 2>} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x10xf32>
  return
}

// -----

func.func @conv_transpose1d_output_padding_without_stride(%x: tensor<1x4x4xf32>, %w: tensor<4x2x3xf32>) {
  // expected-error @+1 {{output_padding 1 must be smaller than the stride (1) or the dilation (1)}}
  %y = quill.conv_transpose1d %x, %w {output_padding = array<i64: 1>} : (tensor<1x4x4xf32>, tensor<4x2x3xf32>) -> tensor<1x2x7xf32>
  return
}

// -----

func.func @conv_transpose2d_channel_mismatch(%x: tensor<1x3x4x4xf32>, %w: tensor<4x2x2x2xf32>) {
  // A transposed weight's dimension 0 is C_in, not multiplied by groups.
  // expected-error @+1 {{input has 3 channels but the weight expects 4 (weight shape [4, 2, 2, 2], groups 1)}}
  %y = quill.conv_transpose2d %x, %w : (tensor<1x3x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @conv_transpose2d_input_channels_not_divisible(%x: tensor<1x3x4x4xf32>, %w: tensor<3x2x2x2xf32>) {
  // expected-error @+1 {{input channels (3) must be divisible by groups (2)}}
  %y = quill.conv_transpose2d %x, %w {groups = 2 : i64} : (tensor<1x3x4x4xf32>, tensor<3x2x2x2xf32>) -> tensor<1x4x5x5xf32>
  return
}

// -----

func.func @conv_transpose2d_bias_size(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2x2xf32>, %b: tensor<2xf32>) {
  // With groups 2, C_out = 2 * 2 = 4.
  // expected-error @+1 {{bias must have shape [4], got [2]}}
  %y = quill.conv_transpose2d %x, %w, %b {groups = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>, tensor<2xf32>) -> tensor<1x4x5x5xf32>
  return
}

// -----

func.func @conv_transpose2d_output_too_small(%x: tensor<1x4x2x2xf32>, %w: tensor<4x2x2x2xf32>) {
  // (2 - 1) * 1 - 2 * 2 + (2 - 1) + 0 + 1 = -1.
  // expected-error @+1 {{spatial dimension 0 of size 2 gives output size -1 with kernel 2, stride 1, padding 2, dilation 1}}
  %y = quill.conv_transpose2d %x, %w {padding = array<i64: 2, 0>} : (tensor<1x4x2x2xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x1x3xf32>
  return
}

// -----

func.func @conv_transpose3d_weight_rank(%x: tensor<1x4x2x2x2xf32>, %w: tensor<4x2x2x2xf32>) {
  // expected-error @+1 {{weight must have rank 5, got rank 4}}
  %y = quill.conv_transpose3d %x, %w : (tensor<1x4x2x2x2xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x3x3x3xf32>
  return
}

// -----

func.func @conv_transpose2d_wrong_result_shape(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  // Without output_padding the upsampled size is 11, not 12.
  // expected-error @+1 {{result shape [1, 16, 12, 12] does not match the inferred shape [1, 16, 11, 11]}}
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  return
}

//===----------------------------------------------------------------------===//
// linear
//===----------------------------------------------------------------------===//

// -----

func.func @linear_rank0_input(%x: tensor<f32>, %w: tensor<8x16xf32>) {
  // expected-error @+1 {{input must have rank at least 1, got rank 0}}
  %y = quill.linear %x, %w : (tensor<f32>, tensor<8x16xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @linear_weight_rank(%x: tensor<2x16xf32>, %w: tensor<2x8x16xf32>) {
  // expected-error @+1 {{weight must have rank 2, got rank 3}}
  %y = quill.linear %x, %w : (tensor<2x16xf32>, tensor<2x8x16xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_feature_mismatch(%x: tensor<2x15xf32>, %w: tensor<8x16xf32>) {
  // expected-error @+1 {{input has 15 features but the weight expects 16}}
  %y = quill.linear %x, %w : (tensor<2x15xf32>, tensor<8x16xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_transposed_weight(%x: tensor<2x16xf32>, %w: tensor<16x8xf32>) {
  // The weight is [out_features, in_features], as in nn.Linear.
  // expected-error @+1 {{input has 16 features but the weight expects 8}}
  %y = quill.linear %x, %w : (tensor<2x16xf32>, tensor<16x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_bias_size(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{bias must have shape [8], got [16]}}
  %y = quill.linear %x, %w, %b : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @linear_weight_quantized_on_wrong_axis(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, %w: tensor<3x4x!quant.uniform<i8:f32:1, {0.1,0.2,0.3,0.4}>>) {
  // expected-error @+1 {{weight must be quantized per axis along dimension 0 (output channels), got dimension 1}}
  %y = quill.linear %x, %w : (tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<3x4x!quant.uniform<i8:f32:1, {0.1,0.2,0.3,0.4}>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @linear_i32_bias_on_float(%x: tensor<2x4xf32>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.1>>, %b: tensor<3xi32>) {
  // Dynamic quantization keeps a float bias.
  // expected-error @+1 {{an integer or quantized bias ('i32') needs a quantized input}}
  %y = quill.linear %x, %w, %b : (tensor<2x4xf32>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>, tensor<3xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @linear_mixed_element_types(%x: tensor<2x4xbf16>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{mixes element types 'bf16' and 'f32'}}
  %y = quill.linear %x, %w : (tensor<2x4xbf16>, tensor<3x4xf32>) -> tensor<2x3xbf16>
  return
}

// -----

func.func @linear_wrong_result_shape(%x: tensor<4x7x30xf32>, %w: tensor<20x30xf32>) {
  // expected-error @+1 {{result shape [4, 20] does not match the inferred shape [4, 7, 20]}}
  %y = quill.linear %x, %w : (tensor<4x7x30xf32>, tensor<20x30xf32>) -> tensor<4x20xf32>
  return
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_rank0_lhs(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{lhs must have rank at least 1, got rank 0}}
  %y = quill.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @matmul_rank0_rhs(%a: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{rhs must have rank at least 1, got rank 0}}
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return
}

// -----

func.func @matmul_mixed_element_types(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'f64'}}
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf64>
  return
}

// -----

func.func @matmul_contracting_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs has 3, rhs has 4}}
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_dot_length_mismatch(%a: tensor<3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs has 3, rhs has 4}}
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<4xf32>) -> tensor<f32>
  return
}

// -----

func.func @matmul_batch_not_broadcastable(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) {
  // expected-error @+1 {{batch dimensions [2] and [3] do not broadcast}}
  %y = quill.matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @matmul_dot_result_not_rank0(%a: tensor<3xf32>, %b: tensor<3xf32>) {
  // 1-d x 1-d gives a rank-0 tensor, not [1].
  // expected-error @+1 {{result shape [1] does not match the inferred shape []}}
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @matmul_vector_dims_kept(%a: tensor<3xf32>, %b: tensor<5x3x4xf32>) {
  // The promoted dimension of a 1-d lhs is removed from the result.
  // expected-error @+1 {{result shape [5, 1, 4] does not match the inferred shape [5, 4]}}
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<5x3x4xf32>) -> tensor<5x1x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// batch_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @batch_matmul_lhs_rank(%a: tensor<3x4xf32>, %b: tensor<2x4x5xf32>) {
  // torch.bmm does not broadcast: both operands are rank 3.
  // expected-error @+1 {{lhs must have rank 3, got rank 2}}
  %y = quill.batch_matmul %a, %b : (tensor<3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @batch_matmul_rhs_rank(%a: tensor<2x3x4xf32>, %b: tensor<1x2x4x5xf32>) {
  // expected-error @+1 {{rhs must have rank 3, got rank 4}}
  %y = quill.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<1x2x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @batch_matmul_mixed_element_types(%a: tensor<2x3x4xf16>, %b: tensor<2x4x5xf32>) {
  // expected-error @+1 {{mixes element types 'f16' and 'f32'}}
  %y = quill.batch_matmul %a, %b : (tensor<2x3x4xf16>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @batch_matmul_batch_mismatch(%a: tensor<2x3x4xf32>, %b: tensor<1x4x5xf32>) {
  // No broadcasting of a batch of 1 either.
  // expected-error @+1 {{batch sizes differ: 2 and 1}}
  %y = quill.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @batch_matmul_contracting_mismatch(%a: tensor<2x3x4xf32>, %b: tensor<2x3x5xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs has 4, rhs has 3}}
  %y = quill.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @batch_matmul_wrong_result_shape(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) {
  // expected-error @+1 {{result shape [2, 5, 3] does not match the inferred shape [2, 3, 5]}}
  %y = quill.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x5x3xf32>
  return
}

// -----

func.func @fused_activation_unknown(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // Only relu is a fused activation (PyTorch's fused modules).
  // expected-error @+2 {{expected ::mlir::quill::FusedActivation to be one of: relu}}
  // expected-error @+1 {{failed to parse Quill_FusedActivationAttr parameter 'value'}}
  %y = quill.linear %x, %w {fused_activation = #quill.fused_activation<sigmoid>} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @fused_activation_not_an_enum(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{attribute 'fused_activation' failed to satisfy constraint: activation applied to an op's result}}
  %y = quill.linear %x, %w {fused_activation = "relu"} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
