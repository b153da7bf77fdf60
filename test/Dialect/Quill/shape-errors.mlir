// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the shape group: one case per verifier error of ShapeOps.cpp
// (and the VerifyUtils helpers it calls), plus the ODS-generated and
// quantized-type errors worth pinning down.

//===----------------------------------------------------------------------===//
// Shared rule: shape ops keep the element type exactly
//===----------------------------------------------------------------------===//

func.func @flatten_requantizes(%x: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<6x!quant.uniform<u8:f32, 0.2:128>> {
  // expected-error @+1 {{result element type '!quant.uniform<u8:f32, 2.000000e-01:128>' differs from the input's '!quant.uniform<u8:f32, 1.000000e-01:128>' (shape ops keep the element type, quantization included)}}
  %y = quill.flatten %x : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<6x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<6x!quant.uniform<u8:f32, 0.2:128>>
}

// -----

func.func @identity_dequantizes(%x: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{result element type 'f32' differs from the input's '!quant.uniform<u8:f32, 1.000000e-01:128>'}}
  %y = quill.identity %x : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @reshape_changes_float_type(%x: tensor<2x6xf32>) -> tensor<12xf16> {
  // expected-error @+1 {{result element type 'f16' differs from the input's 'f32'}}
  %y = quill.reshape %x : tensor<2x6xf32> -> tensor<12xf16>
  return %y : tensor<12xf16>
}

// -----

func.func @transpose_zero_point_out_of_range(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:-200>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.1:-200>> {
  // expected-error @+1 {{operand #0 has zero point -200 outside the storage range [-128, 127]}}
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3x!quant.uniform<i8:f32, 0.1:-200>> -> tensor<3x2x!quant.uniform<i8:f32, 0.1:-200>>
  return %y : tensor<3x2x!quant.uniform<i8:f32, 0.1:-200>>
}

// -----

func.func @reshape_per_axis_out_of_rank(%x: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>) -> tensor<6x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>> {
  // A per-axis type whose axis no longer exists after the reshape.
  // expected-error @+1 {{result #0 is quantized along dimension 1 but has rank 1}}
  %y = quill.reshape %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>> -> tensor<6x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>
  return %y : tensor<6x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>
}

// -----

//===----------------------------------------------------------------------===//
// flatten
//===----------------------------------------------------------------------===//

func.func @flatten_start_out_of_range(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{start_dim 2 is out of range [-2, 2)}}
  %y = quill.flatten %x {start_dim = 2 : i64} : tensor<2x3xf32> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @flatten_end_out_of_range(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{end_dim -3 is out of range [-2, 2)}}
  %y = quill.flatten %x {end_dim = -3 : i64} : tensor<2x3xf32> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @flatten_rank0_dim1(%x: tensor<f32>) -> tensor<1xf32> {
  // A 0-d input counts as rank 1.
  // expected-error @+1 {{start_dim 1 is out of range [-1, 1)}}
  %y = quill.flatten %x {start_dim = 1 : i64} : tensor<f32> -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// -----

func.func @flatten_start_after_end(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{start_dim (2) must not come after end_dim (1)}}
  %y = quill.flatten %x {start_dim = -1 : i64, end_dim = 1 : i64} : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

func.func @flatten_wrong_result(%x: tensor<2x4x3x3xf32>) -> tensor<72xf32> {
  // expected-error @+1 {{result shape [72] does not match the inferred shape [2, 36]}}
  %y = quill.flatten %x {start_dim = 1 : i64} : tensor<2x4x3x3xf32> -> tensor<72xf32>
  return %y : tensor<72xf32>
}

// -----

func.func @flatten_rank0_wrong_result(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{result shape [] does not match the inferred shape [1]}}
  %y = quill.flatten %x : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

func.func @reshape_element_count(%x: tensor<2x6xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{cannot reshape 12 elements into [5] (5 elements)}}
  %y = quill.reshape %x : tensor<2x6xf32> -> tensor<5xf32>
  return %y : tensor<5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// permute
//===----------------------------------------------------------------------===//

func.func @permute_wrong_length(%x: tensor<1x3x4x5xf32>) -> tensor<1x4x3x5xf32> {
  // expected-error @+1 {{dims has 3 entries for an input of rank 4}}
  %y = quill.permute %x {dims = array<i64: 0, 2, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x3x5xf32>
  return %y : tensor<1x4x3x5xf32>
}

// -----

func.func @permute_dim_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dim 2 is out of range [-2, 2)}}
  %y = quill.permute %x {dims = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @permute_repeated_dim(%x: tensor<2x3x4xf32>) -> tensor<2x3x2xf32> {
  // -3 and 0 name the same dimension.
  // expected-error @+1 {{dims is not a permutation: 0 appears twice}}
  %y = quill.permute %x {dims = array<i64: 0, 1, -3>} : tensor<2x3x4xf32> -> tensor<2x3x2xf32>
  return %y : tensor<2x3x2xf32>
}

// -----

func.func @permute_wrong_result(%x: tensor<1x3x4x5xf32>) -> tensor<1x5x4x3xf32> {
  // expected-error @+1 {{result shape [1, 5, 4, 3] does not match the inferred shape [1, 4, 5, 3]}}
  %y = quill.permute %x {dims = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x5x4x3xf32>
  return %y : tensor<1x5x4x3xf32>
}

// -----

func.func @permute_missing_dims(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{requires attribute 'dims'}}
  %y = quill.permute %x : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

func.func @transpose_dim0_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dim0 2 is out of range [-2, 2)}}
  %y = quill.transpose %x {dim0 = 2 : i64, dim1 = 0 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_dim1_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dim1 -3 is out of range [-2, 2)}}
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = -3 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

func.func @transpose_rank0_dim1(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{dim1 1 is out of range [-1, 1)}}
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @transpose_wrong_result(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{result shape [3, 2, 4] does not match the inferred shape [4, 3, 2]}}
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = 2 : i64} : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %y : tensor<3x2x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// squeeze
//===----------------------------------------------------------------------===//

func.func @squeeze_dim_out_of_range(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{dim 3 is out of range [-3, 3)}}
  %y = quill.squeeze %x {dims = array<i64: 3>} : tensor<2x1x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @squeeze_repeated_dim(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  // 1 and -2 are the same dimension (PyTorch: "appears multiple times").
  // expected-error @+1 {{dims lists dimension 1 twice}}
  %y = quill.squeeze %x {dims = array<i64: 1, -2>} : tensor<2x1x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @squeeze_non_one_dim(%x: tensor<2x1x3xf32>) -> tensor<1x3xf32> {
  // squeeze(0) of a size-2 dimension is a no-op, not a removal.
  // expected-error @+1 {{result shape [1, 3] does not match the inferred shape [2, 1, 3]}}
  %y = quill.squeeze %x {dims = array<i64: 0>} : tensor<2x1x3xf32> -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

func.func @squeeze_all_wrong_result(%x: tensor<1x3x1x4xf32>) -> tensor<1x3x4xf32> {
  // expected-error @+1 {{result shape [1, 3, 4] does not match the inferred shape [3, 4]}}
  %y = quill.squeeze %x : tensor<1x3x1x4xf32> -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

// -----

func.func @squeeze_dynamic_wrong_result(%x: tensor<?x1x3xf32>) -> tensor<3x1xf32> {
  // A listed unknown dimension may stay or go; nothing gives [3, 1].
  // expected-error @+1 {{result shape [3, 1] cannot come from squeezing [?, 1, 3] (a squeezed dimension of unknown size may stay or go)}}
  %y = quill.squeeze %x : tensor<?x1x3xf32> -> tensor<3x1xf32>
  return %y : tensor<3x1xf32>
}

// -----

func.func @squeeze_dynamic_unlisted(%x: tensor<?x1x3xf32>) -> tensor<3xf32> {
  // Dimension 0 is not listed: it stays whatever its size.
  // expected-error @+1 {{result shape [3] does not match the inferred shape [?, 3]}}
  %y = quill.squeeze %x {dims = array<i64: 1>} : tensor<?x1x3xf32> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// unsqueeze
//===----------------------------------------------------------------------===//

func.func @unsqueeze_dim_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x3x1xf32> {
  // The result has rank 3: dim is in [-3, 3).
  // expected-error @+1 {{dim 3 is out of range [-3, 3)}}
  %y = quill.unsqueeze %x {dim = 3 : i64} : tensor<2x3xf32> -> tensor<2x3x1xf32>
  return %y : tensor<2x3x1xf32>
}

// -----

func.func @unsqueeze_wrong_result(%x: tensor<2x3xf32>) -> tensor<1x2x3xf32> {
  // expected-error @+1 {{result shape [1, 2, 3] does not match the inferred shape [2, 3, 1]}}
  %y = quill.unsqueeze %x {dim = -1 : i64} : tensor<2x3xf32> -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

func.func @pad_odd_length(%x: tensor<1x4x4xf32>) -> tensor<1x4x5xf32> {
  // expected-error @+1 {{pad must have an even number of entries, at most 6 for rank 3, got 3}}
  %y = quill.pad %x {pad = array<i64: 1, 0, 0>} : tensor<1x4x4xf32> -> tensor<1x4x5xf32>
  return %y : tensor<1x4x5xf32>
}

// -----

func.func @pad_too_long(%x: tensor<4xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{pad must have an even number of entries, at most 2 for rank 1, got 4}}
  %y = quill.pad %x {pad = array<i64: 1, 1, 0, 0>} : tensor<4xf32> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @pad_value_not_finite(%x: tensor<4xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{value must be finite}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, value = 0xFFF0000000000000 : f64} : tensor<4xf32> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @pad_value_in_reflect_mode(%x: tensor<1x4x4xf32>) -> tensor<1x4x6xf32> {
  // PyTorch: 'Padding mode "reflect" doesn't take in value argument'.
  // expected-error @+1 {{value is only meaningful in constant mode}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, mode = #quill.pad_mode<reflect>, value = 1.0 : f64} : tensor<1x4x4xf32> -> tensor<1x4x6xf32>
  return %y : tensor<1x4x6xf32>
}

// -----

func.func @pad_reflect_rank1(%x: tensor<4xf32>) -> tensor<6xf32> {
  // reflection_pad1d needs [C, W] or [N, C, W].
  // expected-error @+1 {{mode reflect needs 2 pad entries for rank 2 or 3, 4 for rank 3 or 4 or 6 for rank 4 or 5, got 2 for rank 1}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, mode = #quill.pad_mode<reflect>} : tensor<4xf32> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @pad_replicate_too_few_entries(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x6xf32> {
  // A rank-4 input takes 4 or 6 entries in replicate mode, not 2.
  // expected-error @+1 {{mode replicate needs 2 pad entries for rank 2 or 3, 4 for rank 3 or 4 or 6 for rank 4 or 5, got 2 for rank 4}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, mode = #quill.pad_mode<replicate>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x6xf32>
  return %y : tensor<1x1x4x6xf32>
}

// -----

func.func @pad_circular_unbatched(%x: tensor<2x4xf32>) -> tensor<2x6xf32> {
  // Circular padding needs the batch and channel dimensions.
  // expected-error @+1 {{mode circular needs 2 pad entries for rank 3, 4 for rank 4 or 6 for rank 5, got 2 for rank 2}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, mode = #quill.pad_mode<circular>} : tensor<2x4xf32> -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @pad_negative_reflect(%x: tensor<1x4x4xf32>) -> tensor<1x4x2xf32> {
  // expected-error @+1 {{negative padding is only allowed in constant mode}}
  %y = quill.pad %x {pad = array<i64: -1, -1>, mode = #quill.pad_mode<reflect>} : tensor<1x4x4xf32> -> tensor<1x4x2xf32>
  return %y : tensor<1x4x2xf32>
}

// -----

func.func @pad_reflect_too_wide(%x: tensor<1x3x4xf32>) -> tensor<1x3x8xf32> {
  // Reflection needs padding < dimension (4 is not < 4).
  // expected-error @+1 {{reflect padding (4, 0) must be smaller than dimension 2 of size 4}}
  %y = quill.pad %x {pad = array<i64: 4, 0>, mode = #quill.pad_mode<reflect>} : tensor<1x3x4xf32> -> tensor<1x3x8xf32>
  return %y : tensor<1x3x8xf32>
}

// -----

func.func @pad_circular_too_wide(%x: tensor<1x3x4xf32>) -> tensor<1x3x9xf32> {
  // PyTorch: "Padding value causes wrapping around more than once."
  // expected-error @+1 {{circular padding (0, 5) must not exceed dimension 2 of size 4}}
  %y = quill.pad %x {pad = array<i64: 0, 5>, mode = #quill.pad_mode<circular>} : tensor<1x3x4xf32> -> tensor<1x3x9xf32>
  return %y : tensor<1x3x9xf32>
}

// -----

func.func @pad_crop_too_much(%x: tensor<2x4xf32>) -> tensor<2x0xf32> {
  // expected-error @+1 {{padding (-3, -2) leaves dimension 1 with a negative size}}
  %y = quill.pad %x {pad = array<i64: -3, -2>} : tensor<2x4xf32> -> tensor<2x0xf32>
  return %y : tensor<2x0xf32>
}

// -----

func.func @pad_crop_to_empty_while_padding(%x: tensor<2x4xf32>) -> tensor<4x0xf32> {
  // constant_pad_nd: with any positive amount, no padded dimension may be
  // empty ("resulted in a negative output size").
  // expected-error @+1 {{padding (-2, -2) leaves dimension 1 empty, which PyTorch allows only when no padding is positive}}
  %y = quill.pad %x {pad = array<i64: -2, -2, 1, 1>} : tensor<2x4xf32> -> tensor<4x0xf32>
  return %y : tensor<4x0xf32>
}

// -----

func.func @pad_wrong_result(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x6x8xf32> {
  // The first pair pads the last dimension.
  // expected-error @+1 {{result shape [1, 1, 6, 8] does not match the inferred shape [1, 1, 8, 6]}}
  %y = quill.pad %x {pad = array<i64: 1, 1, 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x6x8xf32>
  return %y : tensor<1x1x6x8xf32>
}

// -----

func.func @pad_unknown_mode(%x: tensor<1x4x4xf32>) -> tensor<1x4x6xf32> {
  // expected-error @+2 {{expected ::mlir::quill::PadMode to be one of: constant, reflect, replicate, circular}}
  // expected-error @+1 {{failed to parse Quill_PadModeAttr parameter 'value'}}
  %y = quill.pad %x {pad = array<i64: 1, 1>, mode = #quill.pad_mode<zeros>} : tensor<1x4x4xf32> -> tensor<1x4x6xf32>
  return %y : tensor<1x4x6xf32>
}

// -----

func.func @pad_missing_pad(%x: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  // expected-error @+1 {{requires attribute 'pad'}}
  %y = quill.pad %x : tensor<1x4x4xf32> -> tensor<1x4x4xf32>
  return %y : tensor<1x4x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// interpolate
//===----------------------------------------------------------------------===//

func.func @interpolate_rank2(%x: tensor<4x4xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{input must have rank 3 to 5, got rank 2}}
  %y = quill.interpolate %x {size = array<i64: 8, 8>} : tensor<4x4xf32> -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

func.func @interpolate_bilinear_rank3(%x: tensor<1x3x4xf32>) -> tensor<1x3x8xf32> {
  // expected-error @+1 {{mode bilinear needs an input of rank 4, got rank 3}}
  %y = quill.interpolate %x {size = array<i64: 8>, mode = #quill.interpolate_mode<bilinear>} : tensor<1x3x4xf32> -> tensor<1x3x8xf32>
  return %y : tensor<1x3x8xf32>
}

// -----

func.func @interpolate_align_corners_nearest(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // Even align_corners = False is an error with nearest (PyTorch raises).
  // expected-error @+1 {{align_corners may only be set with the linear, bilinear, bicubic and trilinear modes}}
  %y = quill.interpolate %x {size = array<i64: 8, 8>, align_corners = false} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate_size_and_scale(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{takes exactly one of size and scale_factor}}
  %y = quill.interpolate %x {size = array<i64: 8, 8>, scale_factor = array<f64: 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate_neither(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{takes exactly one of size and scale_factor}}
  %y = quill.interpolate %x : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

func.func @interpolate_size_length(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{size must have 2 element(s), got 1}}
  %y = quill.interpolate %x {size = array<i64: 8>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate_size_zero(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x0x8xf32> {
  // expected-error @+1 {{size elements must be >= 1, got 0}}
  %y = quill.interpolate %x {size = array<i64: 0, 8>} : tensor<1x3x4x4xf32> -> tensor<1x3x0x8xf32>
  return %y : tensor<1x3x0x8xf32>
}

// -----

func.func @interpolate_scale_length(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{scale_factor must have 2 element(s), got 3}}
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate_scale_negative(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{scale_factor entries must be positive and finite, got -2}}
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, -2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

func.func @interpolate_scale_empties(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x0x8xf32> {
  // floor(4 * 0.2) = 0.
  // expected-error @+1 {{scale_factor 2.000000e-01 gives an empty dimension 2}}
  %y = quill.interpolate %x {scale_factor = array<f64: 0.2, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x0x8xf32>
  return %y : tensor<1x3x0x8xf32>
}

// -----

func.func @interpolate_wrong_result(%x: tensor<1x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // floor(3 * 1.5) = 4, not 5.
  // expected-error @+1 {{result shape [1, 3, 5, 5] does not match the inferred shape [1, 3, 4, 4]}}
  %y = quill.interpolate %x {scale_factor = array<f64: 1.5, 1.5>} : tensor<1x3x3x3xf32> -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// -----

func.func @interpolate_unknown_mode(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32> {
  // area is not an interpolate mode here.
  // expected-error @+2 {{expected ::mlir::quill::InterpolateMode to be one of: nearest, nearest_exact, linear, bilinear, bicubic, trilinear}}
  // expected-error @+1 {{failed to parse Quill_InterpolateModeAttr parameter 'value'}}
  %y = quill.interpolate %x {size = array<i64: 2, 2>, mode = #quill.interpolate_mode<area>} : tensor<1x3x4x4xf32> -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// dropout, identity
//===----------------------------------------------------------------------===//

func.func @dropout_p_above_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{p must be in [0, 1], got 1.5}}
  %y = quill.dropout %x {p = 1.5 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @dropout_wrong_result(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{result shape [5] does not match the inferred shape [4]}}
  %y = quill.dropout %x : tensor<4xf32> -> tensor<5xf32>
  return %y : tensor<5xf32>
}

// -----

func.func @identity_wrong_result(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{result shape [3, 2] does not match the inferred shape [2, 3]}}
  %y = quill.identity %x : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pixel_shuffle
//===----------------------------------------------------------------------===//

func.func @pixel_shuffle_rank2(%x: tensor<8x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{input must have rank at least 3, got rank 2}}
  %y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<8x3xf32> -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

func.func @pixel_shuffle_factor_zero(%x: tensor<1x8x3x3xf32>) -> tensor<1x8x3x3xf32> {
  // expected-error @+1 {{upscale_factor must be >= 1, got 0}}
  %y = quill.pixel_shuffle %x {upscale_factor = 0 : i64} : tensor<1x8x3x3xf32> -> tensor<1x8x3x3xf32>
  return %y : tensor<1x8x3x3xf32>
}

// -----

func.func @pixel_shuffle_not_divisible(%x: tensor<1x8x3x3xf32>) -> tensor<1x8x9x9xf32> {
  // expected-error @+1 {{channels (8) must be divisible by upscale_factor^2 (3^2)}}
  %y = quill.pixel_shuffle %x {upscale_factor = 3 : i64} : tensor<1x8x3x3xf32> -> tensor<1x8x9x9xf32>
  return %y : tensor<1x8x9x9xf32>
}

// -----

func.func @pixel_shuffle_huge_factor(%x: tensor<1x8x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // upscale_factor^2 overflows int64: reported, not a crash.
  // expected-error @+1 {{channels (8) must be divisible by upscale_factor^2 (4294967296^2)}}
  %y = quill.pixel_shuffle %x {upscale_factor = 4294967296 : i64} : tensor<1x8x3x3xf32> -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

// -----

func.func @pixel_shuffle_wrong_result(%x: tensor<1x8x3x3xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{result shape [1, 2, 3, 3] does not match the inferred shape [1, 2, 6, 6]}}
  %y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<1x8x3x3xf32> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// chunk
//===----------------------------------------------------------------------===//

func.func @chunk_zero_chunks(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{chunks must be >= 1, got 0}}
  %y = quill.chunk %x {chunks = 0 : i64, dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @chunk_negative_chunks(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{chunks must be >= 1, got -1}}
  %y = quill.chunk %x {chunks = -1 : i64, dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @chunk_rank0(%x: tensor<f32>) -> tensor<f32> {
  // PyTorch: "chunk expects at least a 1-dimensional tensor".
  // expected-error @+1 {{needs an input of rank >= 1, got rank 0}}
  %y = quill.chunk %x {chunks = 1 : i64, dim = 0 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @chunk_dim_out_of_range(%x: tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  // expected-error @+1 {{dim 2 is out of range [-2, 2)}}
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 2 : i64} : tensor<2x4xf32> -> tensor<2x2xf32>, tensor<2x2xf32>
  return %a, %b : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

func.func @chunk_no_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs at least one result}}
  "quill.chunk"(%x) <{chunks = 2 : i64, dim = 0 : i64}> : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @chunk_as_many_results_as_chunks(%x: tensor<6x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<0x5xf32>) {
  // torch.chunk(6 elements, 4) gives 3 pieces, not 4.
  // expected-error @+1 {{produces 3 pieces of dimension 0 (size 6), but has 4 results}}
  %r:4 = quill.chunk %x {chunks = 4 : i64, dim = 0 : i64} : tensor<6x5xf32> -> tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<0x5xf32>
  return %r#0, %r#1, %r#2, %r#3 : tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<0x5xf32>
}

// -----

func.func @chunk_empty_dim_one_result(%x: tensor<2x0xf32>) -> tensor<2x0xf32> {
  // An empty dimension gives `chunks` empty pieces.
  // expected-error @+1 {{produces 3 pieces of dimension 1 (size 0), but has 1 results}}
  %y = quill.chunk %x {chunks = 3 : i64, dim = 1 : i64} : tensor<2x0xf32> -> tensor<2x0xf32>
  return %y : tensor<2x0xf32>
}

// -----

func.func @chunk_wrong_piece(%x: tensor<3x5xf32>) -> (tensor<3x2xf32>, tensor<3x3xf32>) {
  // The bigger piece comes first.
  // expected-error @+1 {{result shape [3, 2] does not match the inferred shape [3, 3]}}
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 1 : i64} : tensor<3x5xf32> -> tensor<3x2xf32>, tensor<3x3xf32>
  return %a, %b : tensor<3x2xf32>, tensor<3x3xf32>
}

// -----

func.func @chunk_dynamic_too_many_results(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  // expected-error @+1 {{gives at most 2 pieces, but has 3 results}}
  %r:3 = quill.chunk %x {chunks = 2 : i64, dim = 0 : i64} : tensor<?x4xf32> -> tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
  return %r#0, %r#1, %r#2 : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

func.func @chunk_dynamic_other_dim(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x5xf32>) {
  // Outside the split dimension the pieces keep the input's sizes.
  // expected-error @+1 {{result shape [?, 5] does not match the inferred shape [?, 4]}}
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 0 : i64} : tensor<?x4xf32> -> tensor<?x4xf32>, tensor<?x5xf32>
  return %a, %b : tensor<?x4xf32>, tensor<?x5xf32>
}

// -----

func.func @chunk_requantizes(%x: tensor<4x!quant.uniform<u8:f32, 0.1:128>>) -> (tensor<2x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x!quant.uniform<u8:f32, 0.1:0>>) {
  // expected-error @+1 {{result element type '!quant.uniform<u8:f32, 1.000000e-01>' differs from the input's '!quant.uniform<u8:f32, 1.000000e-01:128>'}}
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 0 : i64} : tensor<4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x!quant.uniform<u8:f32, 0.1:0>>
  return %a, %b : tensor<2x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x!quant.uniform<u8:f32, 0.1:0>>
}

// -----

func.func @chunk_missing_chunks(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{requires attribute 'chunks'}}
  %y = quill.chunk %x {dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// split
//===----------------------------------------------------------------------===//

func.func @split_both_forms(%x: tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  // expected-error @+1 {{takes exactly one of split_size and split_sizes}}
  %a, %b = quill.split %x {split_size = 2 : i64, split_sizes = array<i64: 2, 2>, dim = 0 : i64} : tensor<4xf32> -> tensor<2xf32>, tensor<2xf32>
  return %a, %b : tensor<2xf32>, tensor<2xf32>
}

// -----

func.func @split_neither_form(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{takes exactly one of split_size and split_sizes}}
  %y = quill.split %x {dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @split_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{needs an input of rank >= 1, got rank 0}}
  %y = quill.split %x {split_size = 1 : i64, dim = 0 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// -----

func.func @split_dim_out_of_range(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{dim -3 is out of range [-2, 2)}}
  %y = quill.split %x {split_size = 4 : i64, dim = -3 : i64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @split_no_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs at least one result}}
  "quill.split"(%x) <{split_size = 2 : i64, dim = 0 : i64}> : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @split_size_negative(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{split_size must be >= 0, got -1}}
  %y = quill.split %x {split_size = -1 : i64, dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @split_size_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  // PyTorch: "split_size can only be 0 if dimension size is 0".
  // expected-error @+1 {{split_size can only be 0 if dimension 0 is empty, but it has size 4}}
  %y = quill.split %x {split_size = 0 : i64, dim = 0 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @split_size_piece_count(%x: tensor<5x3xf32>) -> (tensor<2x3xf32>, tensor<3x3xf32>) {
  // split_size = 2 on 5 gives [2, 2, 1].
  // expected-error @+1 {{produces 3 pieces of dimension 0 (size 5), but has 2 results}}
  %a, %b = quill.split %x {split_size = 2 : i64, dim = 0 : i64} : tensor<5x3xf32> -> tensor<2x3xf32>, tensor<3x3xf32>
  return %a, %b : tensor<2x3xf32>, tensor<3x3xf32>
}

// -----

func.func @split_sizes_negative(%x: tensor<4xf32>) -> (tensor<5xf32>, tensor<1xf32>) {
  // expected-error @+1 {{split_sizes entries must be >= 0, got -1}}
  %a, %b = quill.split %x {split_sizes = array<i64: 5, -1>, dim = 0 : i64} : tensor<4xf32> -> tensor<5xf32>, tensor<1xf32>
  return %a, %b : tensor<5xf32>, tensor<1xf32>
}

// -----

func.func @split_sizes_wrong_sum(%x: tensor<2x4xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>) {
  // expected-error @+1 {{split_sizes sum to 3, but dimension 1 has size 4}}
  %a, %b = quill.split %x {split_sizes = array<i64: 1, 2>, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x1xf32>, tensor<2x2xf32>
  return %a, %b : tensor<2x1xf32>, tensor<2x2xf32>
}

// -----

func.func @split_sizes_result_count(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{split_sizes has 2 entries but the op has 1 results}}
  %y = quill.split %x {split_sizes = array<i64: 1, 3>, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @split_sizes_wrong_piece(%x: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<2x1xf32>) {
  // expected-error @+1 {{result shape [2, 3] does not match the inferred shape [2, 1]}}
  %a, %b = quill.split %x {split_sizes = array<i64: 1, 3>, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x3xf32>, tensor<2x1xf32>
  return %a, %b : tensor<2x3xf32>, tensor<2x1xf32>
}

// -----

func.func @split_sizes_dynamic_wrong_piece(%x: tensor<?x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  // The listed sizes are checked even along an unknown dimension.
  // expected-error @+1 {{result shape [2, 8] does not match the inferred shape [3, 8]}}
  %a, %b = quill.split %x {split_sizes = array<i64: 2, 3>, dim = 0 : i64} : tensor<?x8xf32> -> tensor<2x8xf32>, tensor<2x8xf32>
  return %a, %b : tensor<2x8xf32>, tensor<2x8xf32>
}
