// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the NormOps.td group (batch_norm, layer_norm, group_norm,
// instance_norm): one case per verifier message, ODS type and attribute
// constraints, and the quantized-type checks every quill op makes.

//===----------------------------------------------------------------------===//
// batch_norm
//===----------------------------------------------------------------------===//

func.func @batch_norm_quantized_running_mean(%x: tensor<1x4x8x8xf32>, %mean: tensor<4x!quant.uniform<i8:f32, 0.1>>, %var: tensor<4xf32>) {
  // Statistics and affine parameters stay float, even in an int8 graph.
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8xf32>, tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_eps_f32(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{'eps' failed to satisfy constraint: 64-bit float attribute}}
  %y = quill.batch_norm %x, %mean, %var {eps = 1.0e-05 : f32} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_zero_point_out_of_range(%x: tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:256>>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 has zero point 256 outside the storage range [0, 255]}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:256>>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @batch_norm_per_axis_scale_count(%x: tensor<1x4x8x8x!quant.uniform<u8:f32:1, {0.1,0.2}>>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 has 2 per-axis scales for dimension 1 of size 4}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8x!quant.uniform<u8:f32:1, {0.1,0.2}>>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @batch_norm_rank1(%x: tensor<4xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{input must have rank 2 to 5, got rank 1}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @batch_norm_rank6(%x: tensor<1x4x2x2x2x2xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{input must have rank 2 to 5, got rank 6}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x2x2x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2x2x2xf32>
  return
}

// -----

func.func @batch_norm_negative_eps(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{eps must be non-negative and finite, got -1.000000e-05}}
  %y = quill.batch_norm %x, %mean, %var {eps = -1.0e-05 : f64} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_running_mean_size(%x: tensor<1x4x8x8xf32>, %mean: tensor<8xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{running_mean must have shape [4], got [8]}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_running_var_rank(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<1x4x1x1xf32>) {
  // expected-error @+1 {{running_var must have shape [4], got [1, 4, 1, 1]}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_stats_on_last_dim(%x: tensor<2x3x8xf32>, %mean: tensor<8xf32>, %var: tensor<8xf32>) {
  // The channel is dimension 1, not the last one (BatchNorm1d on [N, C, L]).
  // expected-error @+1 {{running_mean must have shape [3], got [8]}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  return
}

// -----

func.func @batch_norm_weight_size(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>, %g: tensor<3xf32>) {
  // expected-error @+1 {{weight must have shape [4], got [3]}}
  %y = quill.batch_norm %x, %mean, %var weight %g : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_bias_size(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{bias must have shape [4], got [5]}}
  %y = quill.batch_norm %x, %mean, %var bias %b : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @batch_norm_mixed_element_types(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'f16'}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf16>
  return
}

// -----

func.func @batch_norm_wrong_result_shape(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{result shape [1, 4, 8] does not match the inferred shape [1, 4, 8, 8]}}
  %y = quill.batch_norm %x, %mean, %var : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

// -----

func.func @layer_norm_missing_normalized_shape(%x: tensor<2x16xf32>) {
  // expected-error @+1 {{requires attribute 'normalized_shape'}}
  %y = quill.layer_norm %x : (tensor<2x16xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @layer_norm_empty_normalized_shape(%x: tensor<2x16xf32>) {
  // expected-error @+1 {{normalized_shape must not be empty}}
  %y = quill.layer_norm %x {normalized_shape = array<i64>} : (tensor<2x16xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @layer_norm_zero_normalized_size(%x: tensor<2x?xf32>) {
  // expected-error @+1 {{normalized_shape sizes must be >= 1, got 0}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 0>} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  return
}

// -----

func.func @layer_norm_input_rank_too_small(%x: tensor<16xf32>) {
  // expected-error @+1 {{input rank 1 is smaller than normalized_shape [4, 16]}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 4, 16>} : (tensor<16xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @layer_norm_trailing_mismatch(%x: tensor<20x5x10x10xf32>) {
  // nn.LayerNorm normalizes the last dims: [10, 10] is what they are, not [5, 10].
  // expected-error @+1 {{input trailing dimensions [10, 10] do not match normalized_shape [5, 10]}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 5, 10>} : (tensor<20x5x10x10xf32>) -> tensor<20x5x10x10xf32>
  return
}

// -----

func.func @layer_norm_weight_shape(%x: tensor<20x5x10x10xf32>, %g: tensor<100xf32>) {
  // The weight has the shape normalized_shape, not its element count.
  // expected-error @+1 {{weight must have shape [10, 10], got [100]}}
  %y = quill.layer_norm %x weight %g {normalized_shape = array<i64: 10, 10>} : (tensor<20x5x10x10xf32>, tensor<100xf32>) -> tensor<20x5x10x10xf32>
  return
}

// -----

func.func @layer_norm_bias_shape(%x: tensor<2x16xf32>, %g: tensor<16xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias must have shape [16], got [8]}}
  %y = quill.layer_norm %x weight %g bias %b {normalized_shape = array<i64: 16>} : (tensor<2x16xf32>, tensor<16xf32>, tensor<8xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @layer_norm_infinite_eps(%x: tensor<2x16xf32>) {
  // expected-error @+1 {{eps must be non-negative and finite, got INF}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 16>, eps = 0x7FF0000000000000 : f64} : (tensor<2x16xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @layer_norm_mixed_element_types(%x: tensor<2x16x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{mixes element types 'f16' and 'f32' (quantized types count as their expressed type)}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 16>} : (tensor<2x16x!quant.uniform<i8:f16, 0.1>>) -> tensor<2x16x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @layer_norm_wrong_result_shape(%x: tensor<2x16xf32>) {
  // expected-error @+1 {{result shape [2, 1] does not match the inferred shape [2, 16]}}
  %y = quill.layer_norm %x {normalized_shape = array<i64: 16>} : (tensor<2x16xf32>) -> tensor<2x1xf32>
  return
}

//===----------------------------------------------------------------------===//
// group_norm
//===----------------------------------------------------------------------===//

// -----

func.func @group_norm_missing_num_groups(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'num_groups'}}
  %y = quill.group_norm %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @group_norm_quantized_weight(%x: tensor<1x4x8x8xf32>, %g: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %y = quill.group_norm %x weight %g {num_groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @group_norm_rank1(%x: tensor<4xf32>) {
  // expected-error @+1 {{input must have rank at least 2, got rank 1}}
  %y = quill.group_norm %x {num_groups = 2 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @group_norm_nan_eps(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{eps must be non-negative and finite, got nan}}
  %y = quill.group_norm %x {num_groups = 2 : i64, eps = 0x7FF8000000000000 : f64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @group_norm_zero_groups(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{num_groups must be >= 1, got 0}}
  %y = quill.group_norm %x {num_groups = 0 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @group_norm_channels_not_divisible(%x: tensor<20x6x10x10xf32>) {
  // expected-error @+1 {{channels (6) must be divisible by num_groups (4)}}
  %y = quill.group_norm %x {num_groups = 4 : i64} : (tensor<20x6x10x10xf32>) -> tensor<20x6x10x10xf32>
  return
}

// -----

func.func @group_norm_weight_per_group(%x: tensor<20x6x10x10xf32>, %g: tensor<3xf32>) {
  // The affine parameters are per channel, not per group.
  // expected-error @+1 {{weight must have shape [6], got [3]}}
  %y = quill.group_norm %x weight %g {num_groups = 3 : i64} : (tensor<20x6x10x10xf32>, tensor<3xf32>) -> tensor<20x6x10x10xf32>
  return
}

// -----

func.func @group_norm_bias_size(%x: tensor<20x6x10x10xf32>, %b: tensor<10xf32>) {
  // expected-error @+1 {{bias must have shape [6], got [10]}}
  %y = quill.group_norm %x bias %b {num_groups = 3 : i64} : (tensor<20x6x10x10xf32>, tensor<10xf32>) -> tensor<20x6x10x10xf32>
  return
}

// -----

func.func @group_norm_mixed_element_types(%x: tensor<1x4x8x8xbf16>) {
  // expected-error @+1 {{mixes element types 'bf16' and 'f32'}}
  %y = quill.group_norm %x {num_groups = 2 : i64} : (tensor<1x4x8x8xbf16>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @group_norm_wrong_result_shape(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{result shape [1, 2, 8, 8] does not match the inferred shape [1, 4, 8, 8]}}
  %y = quill.group_norm %x {num_groups = 2 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x2x8x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// instance_norm
//===----------------------------------------------------------------------===//

// -----

func.func @instance_norm_rank2(%x: tensor<4x8xf32>) {
  // Inputs are batched: InstanceNorm1d's smallest input is [N, C, L].
  // expected-error @+1 {{input must have rank 3 to 5, got rank 2}}
  %y = quill.instance_norm %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @instance_norm_rank6(%x: tensor<1x4x2x2x2x2xf32>) {
  // expected-error @+1 {{input must have rank 3 to 5, got rank 6}}
  %y = quill.instance_norm %x : (tensor<1x4x2x2x2x2xf32>) -> tensor<1x4x2x2x2x2xf32>
  return
}

// -----

func.func @instance_norm_negative_eps(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{eps must be non-negative and finite, got -1.000000e+00}}
  %y = quill.instance_norm %x {eps = -1.0 : f64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_running_mean_alone(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>) {
  // expected-error @+1 {{running_mean and running_var must be given together}}
  %y = quill.instance_norm %x running_mean %mean : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_running_var_alone(%x: tensor<1x4x8x8xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{running_mean and running_var must be given together}}
  %y = quill.instance_norm %x running_var %var : (tensor<1x4x8x8xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_weight_size(%x: tensor<1x4x8x8xf32>, %g: tensor<8xf32>) {
  // expected-error @+1 {{weight must have shape [4], got [8]}}
  %y = quill.instance_norm %x weight %g : (tensor<1x4x8x8xf32>, tensor<8xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_bias_size(%x: tensor<1x4x8x8xf32>, %b: tensor<1xf32>) {
  // expected-error @+1 {{bias must have shape [4], got [1]}}
  %y = quill.instance_norm %x bias %b : (tensor<1x4x8x8xf32>, tensor<1xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_running_mean_size(%x: tensor<1x4x8x8xf32>, %mean: tensor<2xf32>, %var: tensor<4xf32>) {
  // expected-error @+1 {{running_mean must have shape [4], got [2]}}
  %y = quill.instance_norm %x running_mean %mean running_var %var : (tensor<1x4x8x8xf32>, tensor<2xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_running_var_size(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4x1xf32>) {
  // expected-error @+1 {{running_var must have shape [4], got [4, 1]}}
  %y = quill.instance_norm %x running_mean %mean running_var %var : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4x1xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_mixed_element_types(%x: tensor<1x4x8x8xf64>) {
  // expected-error @+1 {{mixes element types 'f64' and 'f32'}}
  %y = quill.instance_norm %x : (tensor<1x4x8x8xf64>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @instance_norm_wrong_result_shape(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{result shape [1, 4, 1, 1] does not match the inferred shape [1, 4, 8, 8]}}
  %y = quill.instance_norm %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x1x1xf32>
  return
}
