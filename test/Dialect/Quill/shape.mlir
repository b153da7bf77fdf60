// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the shape group: flatten, reshape, permute, transpose,
// squeeze, unsqueeze, pad, interpolate, dropout, identity, pixel_shuffle,
// chunk, split. Shape ops keep the element type exactly, quantization
// included (PyTorch's share-qparams rule).

//===----------------------------------------------------------------------===//
// flatten
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @flatten_defaults
func.func @flatten_defaults(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  // torch.flatten(x): start_dim = 0 and end_dim = -1 are elided.
  // CHECK: quill.flatten %{{.*}} : tensor<2x3x4xf32> -> tensor<24xf32>
  %y = quill.flatten %x {start_dim = 0 : i64, end_dim = -1 : i64} : tensor<2x3x4xf32> -> tensor<24xf32>
  return %y : tensor<24xf32>
}

// CHECK-LABEL: func.func @flatten_module
func.func @flatten_module(%x: tensor<2x4x3x3xf32>) -> tensor<2x36xf32> {
  // nn.Flatten(): start_dim = 1.
  // CHECK: quill.flatten %{{.*}} {start_dim = 1 : i64} : tensor<2x4x3x3xf32> -> tensor<2x36xf32>
  %y = quill.flatten %x {start_dim = 1 : i64} : tensor<2x4x3x3xf32> -> tensor<2x36xf32>
  return %y : tensor<2x36xf32>
}

// CHECK-LABEL: func.func @flatten_middle
func.func @flatten_middle(%x: tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32> {
  // CHECK: quill.flatten %{{.*}} {end_dim = 2 : i64, start_dim = 1 : i64} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  %y = quill.flatten %x {start_dim = 1 : i64, end_dim = 2 : i64} : tensor<2x3x4x5xf32> -> tensor<2x12x5xf32>
  return %y : tensor<2x12x5xf32>
}

// CHECK-LABEL: func.func @flatten_negative_dims
func.func @flatten_negative_dims(%x: tensor<2x3x4x5xf32>) -> tensor<6x4x5xf32> {
  // CHECK: quill.flatten %{{.*}} {end_dim = -3 : i64, start_dim = -4 : i64} : tensor<2x3x4x5xf32> -> tensor<6x4x5xf32>
  %y = quill.flatten %x {start_dim = -4 : i64, end_dim = -3 : i64} : tensor<2x3x4x5xf32> -> tensor<6x4x5xf32>
  return %y : tensor<6x4x5xf32>
}

// CHECK-LABEL: func.func @flatten_single_dim
func.func @flatten_single_dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // start_dim == end_dim: nothing merges.
  // CHECK: quill.flatten %{{.*}} {end_dim = 1 : i64, start_dim = 1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  %y = quill.flatten %x {start_dim = 1 : i64, end_dim = 1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @flatten_rank0
func.func @flatten_rank0(%x: tensor<f32>) -> tensor<1xf32> {
  // A 0-d tensor flattens to [1].
  // CHECK: quill.flatten %{{.*}} : tensor<f32> -> tensor<1xf32>
  %y = quill.flatten %x : tensor<f32> -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// CHECK-LABEL: func.func @flatten_rank0_explicit_dims
func.func @flatten_rank0_explicit_dims(%x: tensor<f32>) -> tensor<1xf32> {
  // ... and takes dims 0 and -1 (it counts as rank 1).
  // CHECK: quill.flatten %{{.*}} {end_dim = 0 : i64, start_dim = -1 : i64} : tensor<f32> -> tensor<1xf32>
  %y = quill.flatten %x {start_dim = -1 : i64, end_dim = 0 : i64} : tensor<f32> -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// CHECK-LABEL: func.func @flatten_dynamic
func.func @flatten_dynamic(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  // CHECK: quill.flatten %{{.*}} {start_dim = 1 : i64} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  %y = quill.flatten %x {start_dim = 1 : i64} : tensor<?x3x4xf32> -> tensor<?x12xf32>
  return %y : tensor<?x12xf32>
}

// CHECK-LABEL: func.func @flatten_dynamic_merged
func.func @flatten_dynamic_merged(%x: tensor<2x?x4xf32>) -> tensor<?xf32> {
  // CHECK: quill.flatten %{{.*}} : tensor<2x?x4xf32> -> tensor<?xf32>
  %y = quill.flatten %x : tensor<2x?x4xf32> -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// CHECK-LABEL: func.func @flatten_quantized
func.func @flatten_quantized(%x: tensor<1x8x2x2x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x32x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.flatten %{{.*}} {start_dim = 1 : i64} : tensor<1x8x2x2x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x32x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.flatten %x {start_dim = 1 : i64} : tensor<1x8x2x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x32x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x32x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @reshape_static
func.func @reshape_static(%x: tensor<2x6xf32>) -> tensor<3x4xf32> {
  // CHECK: quill.reshape %{{.*}} : tensor<2x6xf32> -> tensor<3x4xf32>
  %y = quill.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @reshape_rank0
func.func @reshape_rank0(%x: tensor<f32>) -> tensor<1x1xf32> {
  // CHECK: quill.reshape %{{.*}} : tensor<f32> -> tensor<1x1xf32>
  %y = quill.reshape %x : tensor<f32> -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}

// CHECK-LABEL: func.func @reshape_empty
func.func @reshape_empty(%x: tensor<0x5xf32>) -> tensor<5x0x2xf32> {
  // CHECK: quill.reshape %{{.*}} : tensor<0x5xf32> -> tensor<5x0x2xf32>
  %y = quill.reshape %x : tensor<0x5xf32> -> tensor<5x0x2xf32>
  return %y : tensor<5x0x2xf32>
}

// CHECK-LABEL: func.func @reshape_dynamic
func.func @reshape_dynamic(%x: tensor<?x6xf32>) -> tensor<?x2x3xf32> {
  // x.view(-1, 2, 3)
  // CHECK: quill.reshape %{{.*}} : tensor<?x6xf32> -> tensor<?x2x3xf32>
  %y = quill.reshape %x : tensor<?x6xf32> -> tensor<?x2x3xf32>
  return %y : tensor<?x2x3xf32>
}

// CHECK-LABEL: func.func @reshape_quantized
func.func @reshape_quantized(%x: tensor<2x6x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<12x!quant.uniform<i8:f32, 0.05:-3>> {
  // CHECK: quill.reshape %{{.*}} : tensor<2x6x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<12x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %y = quill.reshape %x : tensor<2x6x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<12x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<12x!quant.uniform<i8:f32, 0.05:-3>>
}

//===----------------------------------------------------------------------===//
// permute
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @permute_nchw_to_nhwc
func.func @permute_nchw_to_nhwc(%x: tensor<1x3x4x5xf32>) -> tensor<1x4x5x3xf32> {
  // CHECK: quill.permute %{{.*}} {dims = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x5x3xf32>
  %y = quill.permute %x {dims = array<i64: 0, 2, 3, 1>} : tensor<1x3x4x5xf32> -> tensor<1x4x5x3xf32>
  return %y : tensor<1x4x5x3xf32>
}

// CHECK-LABEL: func.func @permute_negative
func.func @permute_negative(%x: tensor<1x3x4x5xf32>) -> tensor<5x4x3x1xf32> {
  // CHECK: quill.permute %{{.*}} {dims = array<i64: -1, -2, -3, -4>} : tensor<1x3x4x5xf32> -> tensor<5x4x3x1xf32>
  %y = quill.permute %x {dims = array<i64: -1, -2, -3, -4>} : tensor<1x3x4x5xf32> -> tensor<5x4x3x1xf32>
  return %y : tensor<5x4x3x1xf32>
}

// CHECK-LABEL: func.func @permute_rank0
func.func @permute_rank0(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: quill.permute %{{.*}} {dims = array<i64>} : tensor<f32> -> tensor<f32>
  %y = quill.permute %x {dims = array<i64>} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @permute_dynamic_quantized
func.func @permute_dynamic_quantized(%x: tensor<?x3x?x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<?x?x3x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.permute %{{.*}} {dims = array<i64: 2, 0, 1>} : tensor<?x3x?x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<?x?x3x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.permute %x {dims = array<i64: 2, 0, 1>} : tensor<?x3x?x!quant.uniform<u8:f32, 0.1:128>> -> tensor<?x?x3x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<?x?x3x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @transpose_2d
func.func @transpose_2d(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // CHECK: quill.transpose %{{.*}} {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// CHECK-LABEL: func.func @transpose_negative
func.func @transpose_negative(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // CHECK: quill.transpose %{{.*}} {dim0 = -1 : i64, dim1 = -3 : i64} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %y = quill.transpose %x {dim0 = -1 : i64, dim1 = -3 : i64} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  return %y : tensor<4x3x2xf32>
}

// CHECK-LABEL: func.func @transpose_same_dim
func.func @transpose_same_dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.transpose %{{.*}} {dim0 = 1 : i64, dim1 = -1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  %y = quill.transpose %x {dim0 = 1 : i64, dim1 = -1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @transpose_rank0
func.func @transpose_rank0(%x: tensor<f32>) -> tensor<f32> {
  // A 0-d tensor takes dims 0 and -1, as in PyTorch.
  // CHECK: quill.transpose %{{.*}} {dim0 = 0 : i64, dim1 = -1 : i64} : tensor<f32> -> tensor<f32>
  %y = quill.transpose %x {dim0 = 0 : i64, dim1 = -1 : i64} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @transpose_dynamic_quantized
func.func @transpose_dynamic_quantized(%x: tensor<?x8x64x!quant.uniform<i8:f32, 0.02:0>>) -> tensor<?x64x8x!quant.uniform<i8:f32, 0.02:0>> {
  // CHECK: quill.transpose %{{.*}} {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x8x64x!quant.uniform<i8:f32, 2.000000e-02>> -> tensor<?x64x8x!quant.uniform<i8:f32, 2.000000e-02>>
  %y = quill.transpose %x {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x8x64x!quant.uniform<i8:f32, 0.02:0>> -> tensor<?x64x8x!quant.uniform<i8:f32, 0.02:0>>
  return %y : tensor<?x64x8x!quant.uniform<i8:f32, 0.02:0>>
}

//===----------------------------------------------------------------------===//
// squeeze
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @squeeze_all
func.func @squeeze_all(%x: tensor<1x3x1x4xf32>) -> tensor<3x4xf32> {
  // CHECK: quill.squeeze %{{.*}} : tensor<1x3x1x4xf32> -> tensor<3x4xf32>
  %y = quill.squeeze %x : tensor<1x3x1x4xf32> -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @squeeze_dim
func.func @squeeze_dim(%x: tensor<2x1x3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 1>} : tensor<2x1x3xf32> -> tensor<2x3xf32>
  %y = quill.squeeze %x {dims = array<i64: 1>} : tensor<2x1x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @squeeze_non_one_dim_is_noop
func.func @squeeze_non_one_dim_is_noop(%x: tensor<2x1x3xf32>) -> tensor<2x1x3xf32> {
  // x.squeeze(0) with size 2 at dim 0: PyTorch returns x unchanged.
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 0>} : tensor<2x1x3xf32> -> tensor<2x1x3xf32>
  %y = quill.squeeze %x {dims = array<i64: 0>} : tensor<2x1x3xf32> -> tensor<2x1x3xf32>
  return %y : tensor<2x1x3xf32>
}

// CHECK-LABEL: func.func @squeeze_negative_dims
func.func @squeeze_negative_dims(%x: tensor<1x3x1xf32>) -> tensor<3xf32> {
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: -1, 0>} : tensor<1x3x1xf32> -> tensor<3xf32>
  %y = quill.squeeze %x {dims = array<i64: -1, 0>} : tensor<1x3x1xf32> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// CHECK-LABEL: func.func @squeeze_dynamic_dim_stays
func.func @squeeze_dynamic_dim_stays(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // A listed dimension of unknown size may stay (it is not 1) ...
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<?x3xf32>
  %y = quill.squeeze %x {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @squeeze_dynamic_dim_goes
func.func @squeeze_dynamic_dim_goes(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  // ... or go (it is 1).
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  %y = quill.squeeze %x {dims = array<i64: 0>} : tensor<?x3xf32> -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// CHECK-LABEL: func.func @squeeze_all_dynamic
func.func @squeeze_all_dynamic(%x: tensor<?x1x3x?xf32>) -> tensor<?x3xf32> {
  // Without dims: size-1 dimensions go, unknown ones may go or stay.
  // CHECK: quill.squeeze %{{.*}} : tensor<?x1x3x?xf32> -> tensor<?x3xf32>
  %y = quill.squeeze %x : tensor<?x1x3x?xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @squeeze_rank0
func.func @squeeze_rank0(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 0>} : tensor<f32> -> tensor<f32>
  %y = quill.squeeze %x {dims = array<i64: 0>} : tensor<f32> -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @squeeze_quantized
func.func @squeeze_quantized(%x: tensor<1x16x1x1x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x16x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.squeeze %{{.*}} {dims = array<i64: 2, 3>} : tensor<1x16x1x1x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x16x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.squeeze %x {dims = array<i64: 2, 3>} : tensor<1x16x1x1x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x16x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x16x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// unsqueeze
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unsqueeze_front
func.func @unsqueeze_front(%x: tensor<2x3xf32>) -> tensor<1x2x3xf32> {
  // CHECK: quill.unsqueeze %{{.*}} {dim = 0 : i64} : tensor<2x3xf32> -> tensor<1x2x3xf32>
  %y = quill.unsqueeze %x {dim = 0 : i64} : tensor<2x3xf32> -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}

// CHECK-LABEL: func.func @unsqueeze_end
func.func @unsqueeze_end(%x: tensor<2x3xf32>) -> tensor<2x3x1xf32> {
  // dim may equal the rank.
  // CHECK: quill.unsqueeze %{{.*}} {dim = 2 : i64} : tensor<2x3xf32> -> tensor<2x3x1xf32>
  %y = quill.unsqueeze %x {dim = 2 : i64} : tensor<2x3xf32> -> tensor<2x3x1xf32>
  return %y : tensor<2x3x1xf32>
}

// CHECK-LABEL: func.func @unsqueeze_negative
func.func @unsqueeze_negative(%x: tensor<2x3xf32>) -> tensor<2x1x3xf32> {
  // dim = -2 on rank 2 counts in the result's rank 3: position 1.
  // CHECK: quill.unsqueeze %{{.*}} {dim = -2 : i64} : tensor<2x3xf32> -> tensor<2x1x3xf32>
  %y = quill.unsqueeze %x {dim = -2 : i64} : tensor<2x3xf32> -> tensor<2x1x3xf32>
  return %y : tensor<2x1x3xf32>
}

// CHECK-LABEL: func.func @unsqueeze_rank0
func.func @unsqueeze_rank0(%x: tensor<f32>) -> tensor<1xf32> {
  // CHECK: quill.unsqueeze %{{.*}} {dim = -1 : i64} : tensor<f32> -> tensor<1xf32>
  %y = quill.unsqueeze %x {dim = -1 : i64} : tensor<f32> -> tensor<1xf32>
  return %y : tensor<1xf32>
}

// CHECK-LABEL: func.func @unsqueeze_dynamic_quantized
func.func @unsqueeze_dynamic_quantized(%x: tensor<?x3x!quant.uniform<i8:f32, 0.1:0>>) -> tensor<?x3x1x!quant.uniform<i8:f32, 0.1:0>> {
  // CHECK: quill.unsqueeze %{{.*}} {dim = -1 : i64} : tensor<?x3x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<?x3x1x!quant.uniform<i8:f32, 1.000000e-01>>
  %y = quill.unsqueeze %x {dim = -1 : i64} : tensor<?x3x!quant.uniform<i8:f32, 0.1:0>> -> tensor<?x3x1x!quant.uniform<i8:f32, 0.1:0>>
  return %y : tensor<?x3x1x!quant.uniform<i8:f32, 0.1:0>>
}

//===----------------------------------------------------------------------===//
// pad
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @pad_constant_defaults
func.func @pad_constant_defaults(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x8x6xf32> {
  // (left, right) of the last dimension first: W + 1 + 1, H + 2 + 2.
  // mode = constant and value = 0 are the defaults: elided.
  // CHECK: quill.pad %{{.*}} {pad = array<i64: 1, 1, 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x8x6xf32>
  %y = quill.pad %x {pad = array<i64: 1, 1, 2, 2>, mode = #quill.pad_mode<constant>, value = 0.0 : f64} : tensor<1x1x4x4xf32> -> tensor<1x1x8x6xf32>
  return %y : tensor<1x1x8x6xf32>
}

// CHECK-LABEL: func.func @pad_constant_value
func.func @pad_constant_value(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // CHECK: quill.pad %{{.*}} {pad = array<i64: 0, 3>, value = -1.500000e+00 : f64} : tensor<2x3xf32> -> tensor<2x6xf32>
  %y = quill.pad %x {pad = array<i64: 0, 3>, value = -1.5 : f64} : tensor<2x3xf32> -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// CHECK-LABEL: func.func @pad_constant_crop
func.func @pad_constant_crop(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x2xf32> {
  // Negative amounts crop (constant mode only).
  // CHECK: quill.pad %{{.*}} {pad = array<i64: -1, -1>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x2xf32>
  %y = quill.pad %x {pad = array<i64: -1, -1>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x2xf32>
  return %y : tensor<1x1x4x2xf32>
}

// CHECK-LABEL: func.func @pad_constant_crop_and_pad
func.func @pad_constant_crop_and_pad(%x: tensor<3x4xf32>) -> tensor<5x5xf32> {
  // W: 4 - 1 + 2 = 5; H: 3 + 2 + 0 = 5.
  // CHECK: quill.pad %{{.*}} {pad = array<i64: -1, 2, 2, 0>} : tensor<3x4xf32> -> tensor<5x5xf32>
  %y = quill.pad %x {pad = array<i64: -1, 2, 2, 0>} : tensor<3x4xf32> -> tensor<5x5xf32>
  return %y : tensor<5x5xf32>
}

// CHECK-LABEL: func.func @pad_constant_crop_to_empty
func.func @pad_constant_crop_to_empty(%x: tensor<2x4xf32>) -> tensor<2x0xf32> {
  // Cropping alone may empty a dimension (PyTorch narrows the input).
  // CHECK: quill.pad %{{.*}} {pad = array<i64: -2, -2>} : tensor<2x4xf32> -> tensor<2x0xf32>
  %y = quill.pad %x {pad = array<i64: -2, -2>} : tensor<2x4xf32> -> tensor<2x0xf32>
  return %y : tensor<2x0xf32>
}

// CHECK-LABEL: func.func @pad_constant_empty_list
func.func @pad_constant_empty_list(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // CHECK: quill.pad %{{.*}} {pad = array<i64>} : tensor<2x4xf32> -> tensor<2x4xf32>
  %y = quill.pad %x {pad = array<i64>} : tensor<2x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @pad_constant_every_dim
func.func @pad_constant_every_dim(%x: tensor<2x3xf32>) -> tensor<4x5xf32> {
  // Up to 2 * rank entries: here the batch dimension is padded too.
  // CHECK: quill.pad %{{.*}} {pad = array<i64: 1, 1, 1, 1>} : tensor<2x3xf32> -> tensor<4x5xf32>
  %y = quill.pad %x {pad = array<i64: 1, 1, 1, 1>} : tensor<2x3xf32> -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// CHECK-LABEL: func.func @pad_reflect
func.func @pad_reflect(%x: tensor<1x3x4xf32>) -> tensor<1x3x10xf32> {
  // reflection_pad1d: each amount below the dimension (3 < 4).
  // CHECK: quill.pad %{{.*}} {mode = #quill.pad_mode<reflect>, pad = array<i64: 3, 3>} : tensor<1x3x4xf32> -> tensor<1x3x10xf32>
  %y = quill.pad %x {pad = array<i64: 3, 3>, mode = #quill.pad_mode<reflect>} : tensor<1x3x4xf32> -> tensor<1x3x10xf32>
  return %y : tensor<1x3x10xf32>
}

// CHECK-LABEL: func.func @pad_reflect_unbatched
func.func @pad_reflect_unbatched(%x: tensor<3x4x5xf32>) -> tensor<3x6x7xf32> {
  // reflection_pad2d on [C, H, W] (no batch dimension).
  // CHECK: quill.pad %{{.*}} {mode = #quill.pad_mode<reflect>, pad = array<i64: 1, 1, 1, 1>} : tensor<3x4x5xf32> -> tensor<3x6x7xf32>
  %y = quill.pad %x {pad = array<i64: 1, 1, 1, 1>, mode = #quill.pad_mode<reflect>} : tensor<3x4x5xf32> -> tensor<3x6x7xf32>
  return %y : tensor<3x6x7xf32>
}

// CHECK-LABEL: func.func @pad_replicate_3d
func.func @pad_replicate_3d(%x: tensor<1x1x4x4x4xf32>) -> tensor<1x1x15x11x7xf32> {
  // W + 1 + 2, H + 3 + 4, D + 5 + 6.
  // CHECK: quill.pad %{{.*}} {mode = #quill.pad_mode<replicate>, pad = array<i64: 1, 2, 3, 4, 5, 6>} : tensor<1x1x4x4x4xf32> -> tensor<1x1x15x11x7xf32>
  %y = quill.pad %x {pad = array<i64: 1, 2, 3, 4, 5, 6>, mode = #quill.pad_mode<replicate>} : tensor<1x1x4x4x4xf32> -> tensor<1x1x15x11x7xf32>
  return %y : tensor<1x1x15x11x7xf32>
}

// CHECK-LABEL: func.func @pad_circular
func.func @pad_circular(%x: tensor<1x2x4xf32>) -> tensor<1x2x12xf32> {
  // Circular padding may equal the dimension (wraps around once).
  // CHECK: quill.pad %{{.*}} {mode = #quill.pad_mode<circular>, pad = array<i64: 4, 4>} : tensor<1x2x4xf32> -> tensor<1x2x12xf32>
  %y = quill.pad %x {pad = array<i64: 4, 4>, mode = #quill.pad_mode<circular>} : tensor<1x2x4xf32> -> tensor<1x2x12xf32>
  return %y : tensor<1x2x12xf32>
}

// CHECK-LABEL: func.func @pad_dynamic
func.func @pad_dynamic(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32> {
  // CHECK: quill.pad %{{.*}} {mode = #quill.pad_mode<reflect>, pad = array<i64: 2, 2, 2, 2>} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %y = quill.pad %x {pad = array<i64: 2, 2, 2, 2>, mode = #quill.pad_mode<reflect>} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  return %y : tensor<?x3x?x?xf32>
}

// CHECK-LABEL: func.func @pad_quantized
func.func @pad_quantized(%x: tensor<1x3x4x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x3x6x6x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.pad %{{.*}} {pad = array<i64: 1, 1, 1, 1>} : tensor<1x3x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x3x6x6x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.pad %x {pad = array<i64: 1, 1, 1, 1>} : tensor<1x3x4x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x3x6x6x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x3x6x6x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// interpolate
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @interpolate_size
func.func @interpolate_size(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x6xf32> {
  // mode = nearest is the default: elided.
  // CHECK: quill.interpolate %{{.*}} {size = array<i64: 8, 6>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x6xf32>
  %y = quill.interpolate %x {size = array<i64: 8, 6>, mode = #quill.interpolate_mode<nearest>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x6xf32>
  return %y : tensor<1x3x8x6xf32>
}

// CHECK-LABEL: func.func @interpolate_scale
func.func @interpolate_scale(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // CHECK: quill.interpolate %{{.*}} {scale_factor = array<f64: 2.000000e+00, 2.000000e+00>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func.func @interpolate_scale_floors
func.func @interpolate_scale_floors(%x: tensor<1x3x3x5xf32>) -> tensor<1x3x4x2xf32> {
  // floor(3 * 1.5) = 4, floor(5 * 0.5) = 2.
  // CHECK: quill.interpolate %{{.*}} {scale_factor = array<f64: 1.500000e+00, 5.000000e-01>} : tensor<1x3x3x5xf32> -> tensor<1x3x4x2xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 1.5, 0.5>} : tensor<1x3x3x5xf32> -> tensor<1x3x4x2xf32>
  return %y : tensor<1x3x4x2xf32>
}

// CHECK-LABEL: func.func @interpolate_bilinear_align_corners
func.func @interpolate_bilinear_align_corners(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x7x7xf32> {
  // CHECK: quill.interpolate %{{.*}} {align_corners = true, mode = #quill.interpolate_mode<bilinear>, size = array<i64: 7, 7>} : tensor<1x3x4x4xf32> -> tensor<1x3x7x7xf32>
  %y = quill.interpolate %x {size = array<i64: 7, 7>, mode = #quill.interpolate_mode<bilinear>, align_corners = true} : tensor<1x3x4x4xf32> -> tensor<1x3x7x7xf32>
  return %y : tensor<1x3x7x7xf32>
}

// CHECK-LABEL: func.func @interpolate_bilinear_align_corners_false
func.func @interpolate_bilinear_align_corners_false(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // An explicit align_corners = False is kept (PyTorch tells None from False).
  // CHECK: quill.interpolate %{{.*}} {align_corners = false, mode = #quill.interpolate_mode<bilinear>, scale_factor = array<f64: 2.000000e+00, 2.000000e+00>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0>, mode = #quill.interpolate_mode<bilinear>, align_corners = false} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func.func @interpolate_linear
func.func @interpolate_linear(%x: tensor<2x3x10xf32>) -> tensor<2x3x25xf32> {
  // CHECK: quill.interpolate %{{.*}} {mode = #quill.interpolate_mode<linear>, scale_factor = array<f64: 2.500000e+00>} : tensor<2x3x10xf32> -> tensor<2x3x25xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 2.5>, mode = #quill.interpolate_mode<linear>} : tensor<2x3x10xf32> -> tensor<2x3x25xf32>
  return %y : tensor<2x3x25xf32>
}

// CHECK-LABEL: func.func @interpolate_bicubic
func.func @interpolate_bicubic(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x16x16xf32> {
  // CHECK: quill.interpolate %{{.*}} {mode = #quill.interpolate_mode<bicubic>, size = array<i64: 16, 16>} : tensor<1x3x4x4xf32> -> tensor<1x3x16x16xf32>
  %y = quill.interpolate %x {size = array<i64: 16, 16>, mode = #quill.interpolate_mode<bicubic>} : tensor<1x3x4x4xf32> -> tensor<1x3x16x16xf32>
  return %y : tensor<1x3x16x16xf32>
}

// CHECK-LABEL: func.func @interpolate_trilinear
func.func @interpolate_trilinear(%x: tensor<1x2x2x3x4xf32>) -> tensor<1x2x4x6x8xf32> {
  // CHECK: quill.interpolate %{{.*}} {align_corners = true, mode = #quill.interpolate_mode<trilinear>, scale_factor = array<f64: 2.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<1x2x2x3x4xf32> -> tensor<1x2x4x6x8xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0, 2.0>, mode = #quill.interpolate_mode<trilinear>, align_corners = true} : tensor<1x2x2x3x4xf32> -> tensor<1x2x4x6x8xf32>
  return %y : tensor<1x2x4x6x8xf32>
}

// CHECK-LABEL: func.func @interpolate_nearest_exact_3d
func.func @interpolate_nearest_exact_3d(%x: tensor<1x4x5xf32>) -> tensor<1x4x3xf32> {
  // Downsampling is fine.
  // CHECK: quill.interpolate %{{.*}} {mode = #quill.interpolate_mode<nearest_exact>, size = array<i64: 3>} : tensor<1x4x5xf32> -> tensor<1x4x3xf32>
  %y = quill.interpolate %x {size = array<i64: 3>, mode = #quill.interpolate_mode<nearest_exact>} : tensor<1x4x5xf32> -> tensor<1x4x3xf32>
  return %y : tensor<1x4x3xf32>
}

// CHECK-LABEL: func.func @interpolate_dynamic
func.func @interpolate_dynamic(%x: tensor<?x3x?x4xf32>) -> tensor<?x3x?x8xf32> {
  // CHECK: quill.interpolate %{{.*}} {scale_factor = array<f64: 2.000000e+00, 2.000000e+00>} : tensor<?x3x?x4xf32> -> tensor<?x3x?x8xf32>
  %y = quill.interpolate %x {scale_factor = array<f64: 2.0, 2.0>} : tensor<?x3x?x4xf32> -> tensor<?x3x?x8xf32>
  return %y : tensor<?x3x?x8xf32>
}

// CHECK-LABEL: func.func @interpolate_quantized
func.func @interpolate_quantized(%x: tensor<1x3x4x4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.interpolate %{{.*}} {mode = #quill.interpolate_mode<bilinear>, size = array<i64: 8, 8>} : tensor<1x3x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x3x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.interpolate %x {size = array<i64: 8, 8>, mode = #quill.interpolate_mode<bilinear>} : tensor<1x3x4x4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// dropout, identity
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dropout_default
func.func @dropout_default(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // p = 0.5 is the default: elided.
  // CHECK: quill.dropout %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
  %y = quill.dropout %x {p = 0.5 : f64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dropout_p
func.func @dropout_p(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // CHECK: quill.dropout %{{.*}} {p = 1.000000e-01 : f64} : tensor<?x3xf32> -> tensor<?x3xf32>
  %y = quill.dropout %x {p = 1.000000e-01 : f64} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @dropout_bounds
func.func @dropout_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // p = 0 and p = 1 are both valid.
  // CHECK: quill.dropout %{{.*}} {p = 0.000000e+00 : f64} : tensor<4xf32> -> tensor<4xf32>
  // CHECK: quill.dropout %{{.*}} {p = 1.000000e+00 : f64} : tensor<4xf32> -> tensor<4xf32>
  %y = quill.dropout %x {p = 0.0 : f64} : tensor<4xf32> -> tensor<4xf32>
  %z = quill.dropout %y {p = 1.0 : f64} : tensor<4xf32> -> tensor<4xf32>
  return %z : tensor<4xf32>
}

// CHECK-LABEL: func.func @dropout_quantized
func.func @dropout_quantized(%x: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.dropout %{{.*}} {p = 2.000000e-01 : f64} : tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<2x3x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.dropout %x {p = 0.2 : f64} : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @identity
func.func @identity(%x: tensor<2x?xf32>) -> tensor<2x?xf32> {
  // CHECK: quill.identity %{{.*}} : tensor<2x?xf32> -> tensor<2x?xf32>
  %y = quill.identity %x : tensor<2x?xf32> -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// CHECK-LABEL: func.func @identity_quantized
func.func @identity_quantized(%x: tensor<3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) -> tensor<3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>> {
  // Per-axis types pass through unchanged as well.
  // CHECK: quill.identity %{{.*}} : tensor<3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>> -> tensor<3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>
  %y = quill.identity %x : tensor<3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>> -> tensor<3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>
  return %y : tensor<3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>
}

//===----------------------------------------------------------------------===//
// pixel_shuffle
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @pixel_shuffle
func.func @pixel_shuffle(%x: tensor<1x8x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // CHECK: quill.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64} : tensor<1x8x3x3xf32> -> tensor<1x2x6x6xf32>
  %y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<1x8x3x3xf32> -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

// CHECK-LABEL: func.func @pixel_shuffle_factor1
func.func @pixel_shuffle_factor1(%x: tensor<1x8x3x3xf32>) -> tensor<1x8x3x3xf32> {
  // CHECK: quill.pixel_shuffle %{{.*}} {upscale_factor = 1 : i64} : tensor<1x8x3x3xf32> -> tensor<1x8x3x3xf32>
  %y = quill.pixel_shuffle %x {upscale_factor = 1 : i64} : tensor<1x8x3x3xf32> -> tensor<1x8x3x3xf32>
  return %y : tensor<1x8x3x3xf32>
}

// CHECK-LABEL: func.func @pixel_shuffle_unbatched
func.func @pixel_shuffle_unbatched(%x: tensor<18x2x5xf32>) -> tensor<2x6x15xf32> {
  // [C*r*r, H, W] with r = 3.
  // CHECK: quill.pixel_shuffle %{{.*}} {upscale_factor = 3 : i64} : tensor<18x2x5xf32> -> tensor<2x6x15xf32>
  %y = quill.pixel_shuffle %x {upscale_factor = 3 : i64} : tensor<18x2x5xf32> -> tensor<2x6x15xf32>
  return %y : tensor<2x6x15xf32>
}

// CHECK-LABEL: func.func @pixel_shuffle_extra_batch_dims
func.func @pixel_shuffle_extra_batch_dims(%x: tensor<2x3x8x3x3xf32>) -> tensor<2x3x2x6x6xf32> {
  // CHECK: quill.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64} : tensor<2x3x8x3x3xf32> -> tensor<2x3x2x6x6xf32>
  %y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<2x3x8x3x3xf32> -> tensor<2x3x2x6x6xf32>
  return %y : tensor<2x3x2x6x6xf32>
}

// CHECK-LABEL: func.func @pixel_shuffle_dynamic_quantized
func.func @pixel_shuffle_dynamic_quantized(%x: tensor<?x?x3x?x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<?x?x6x?x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: quill.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64} : tensor<?x?x3x?x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<?x?x6x?x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.pixel_shuffle %x {upscale_factor = 2 : i64} : tensor<?x?x3x?x!quant.uniform<u8:f32, 0.1:128>> -> tensor<?x?x6x?x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<?x?x6x?x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// chunk
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @chunk_even
func.func @chunk_even(%x: tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  // CHECK: quill.chunk %{{.*}} {chunks = 2 : i64, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x2xf32>, tensor<2x2xf32>
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x2xf32>, tensor<2x2xf32>
  return %a, %b : tensor<2x2xf32>, tensor<2x2xf32>
}

// CHECK-LABEL: func.func @chunk_fewer_pieces
func.func @chunk_fewer_pieces(%x: tensor<6x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>) {
  // torch.chunk(6 elements, 4): pieces of ceil(6/4) = 2, so only 3 of them.
  // CHECK: quill.chunk %{{.*}} {chunks = 4 : i64, dim = 0 : i64} : tensor<6x5xf32> -> tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>
  %r:3 = quill.chunk %x {chunks = 4 : i64, dim = 0 : i64} : tensor<6x5xf32> -> tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>
  return %r#0, %r#1, %r#2 : tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>
}

// CHECK-LABEL: func.func @chunk_uneven_negative_dim
func.func @chunk_uneven_negative_dim(%x: tensor<3x5xf32>) -> (tensor<3x3xf32>, tensor<3x2xf32>) {
  // The last piece is smaller.
  // CHECK: quill.chunk %{{.*}} {chunks = 2 : i64, dim = -1 : i64} : tensor<3x5xf32> -> tensor<3x3xf32>, tensor<3x2xf32>
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = -1 : i64} : tensor<3x5xf32> -> tensor<3x3xf32>, tensor<3x2xf32>
  return %a, %b : tensor<3x3xf32>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func @chunk_more_chunks_than_elements
func.func @chunk_more_chunks_than_elements(%x: tensor<2xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  // CHECK: quill.chunk %{{.*}} {chunks = 5 : i64, dim = 0 : i64} : tensor<2xf32> -> tensor<1xf32>, tensor<1xf32>
  %a, %b = quill.chunk %x {chunks = 5 : i64, dim = 0 : i64} : tensor<2xf32> -> tensor<1xf32>, tensor<1xf32>
  return %a, %b : tensor<1xf32>, tensor<1xf32>
}

// CHECK-LABEL: func.func @chunk_empty_dim
func.func @chunk_empty_dim(%x: tensor<2x0xf32>) -> (tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x0xf32>) {
  // An empty dimension gives `chunks` empty pieces (torch.chunk calls
  // split_with_sizes so that none is lost).
  // CHECK: quill.chunk %{{.*}} {chunks = 3 : i64, dim = 1 : i64} : tensor<2x0xf32> -> tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x0xf32>
  %r:3 = quill.chunk %x {chunks = 3 : i64, dim = 1 : i64} : tensor<2x0xf32> -> tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x0xf32>
  return %r#0, %r#1, %r#2 : tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x0xf32>
}

// CHECK-LABEL: func.func @chunk_dynamic
func.func @chunk_dynamic(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  // Piece sizes along an unknown dimension are unknown; the other
  // dimensions are still checked.
  // CHECK: quill.chunk %{{.*}} {chunks = 3 : i64, dim = 0 : i64} : tensor<?x4xf32> -> tensor<?x4xf32>, tensor<?x4xf32>
  %a, %b = quill.chunk %x {chunks = 3 : i64, dim = 0 : i64} : tensor<?x4xf32> -> tensor<?x4xf32>, tensor<?x4xf32>
  return %a, %b : tensor<?x4xf32>, tensor<?x4xf32>
}

// CHECK-LABEL: func.func @chunk_quantized
func.func @chunk_quantized(%x: tensor<1x4x2x!quant.uniform<u8:f32, 0.1:128>>) -> (tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>) {
  // CHECK: quill.chunk %{{.*}} {chunks = 2 : i64, dim = 1 : i64} : tensor<1x4x2x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<1x2x2x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<1x2x2x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %a, %b = quill.chunk %x {chunks = 2 : i64, dim = 1 : i64} : tensor<1x4x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>
  return %a, %b : tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>, tensor<1x2x2x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// split
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @split_size
func.func @split_size(%x: tensor<5x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<1x3xf32>) {
  // CHECK: quill.split %{{.*}} {dim = 0 : i64, split_size = 2 : i64} : tensor<5x3xf32> -> tensor<2x3xf32>, tensor<2x3xf32>, tensor<1x3xf32>
  %r:3 = quill.split %x {split_size = 2 : i64, dim = 0 : i64} : tensor<5x3xf32> -> tensor<2x3xf32>, tensor<2x3xf32>, tensor<1x3xf32>
  return %r#0, %r#1, %r#2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<1x3xf32>
}

// CHECK-LABEL: func.func @split_size_larger_than_dim
func.func @split_size_larger_than_dim(%x: tensor<5x3xf32>) -> tensor<5x3xf32> {
  // CHECK: quill.split %{{.*}} {dim = -2 : i64, split_size = 8 : i64} : tensor<5x3xf32> -> tensor<5x3xf32>
  %r = quill.split %x {split_size = 8 : i64, dim = -2 : i64} : tensor<5x3xf32> -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// CHECK-LABEL: func.func @split_sizes
func.func @split_sizes(%x: tensor<2x4xf32>) -> (tensor<2x1xf32>, tensor<2x3xf32>) {
  // CHECK: quill.split %{{.*}} {dim = 1 : i64, split_sizes = array<i64: 1, 3>} : tensor<2x4xf32> -> tensor<2x1xf32>, tensor<2x3xf32>
  %a, %b = quill.split %x {split_sizes = array<i64: 1, 3>, dim = 1 : i64} : tensor<2x4xf32> -> tensor<2x1xf32>, tensor<2x3xf32>
  return %a, %b : tensor<2x1xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @split_sizes_with_empty_piece
func.func @split_sizes_with_empty_piece(%x: tensor<2x4xf32>) -> (tensor<2x0xf32>, tensor<2x4xf32>) {
  // CHECK: quill.split %{{.*}} {dim = -1 : i64, split_sizes = array<i64: 0, 4>} : tensor<2x4xf32> -> tensor<2x0xf32>, tensor<2x4xf32>
  %a, %b = quill.split %x {split_sizes = array<i64: 0, 4>, dim = -1 : i64} : tensor<2x4xf32> -> tensor<2x0xf32>, tensor<2x4xf32>
  return %a, %b : tensor<2x0xf32>, tensor<2x4xf32>
}

// CHECK-LABEL: func.func @split_sizes_dynamic
func.func @split_sizes_dynamic(%x: tensor<?x8xf32>) -> (tensor<2x8xf32>, tensor<3x8xf32>) {
  // The listed sizes are known even when the dimension is not.
  // CHECK: quill.split %{{.*}} {dim = 0 : i64, split_sizes = array<i64: 2, 3>} : tensor<?x8xf32> -> tensor<2x8xf32>, tensor<3x8xf32>
  %a, %b = quill.split %x {split_sizes = array<i64: 2, 3>, dim = 0 : i64} : tensor<?x8xf32> -> tensor<2x8xf32>, tensor<3x8xf32>
  return %a, %b : tensor<2x8xf32>, tensor<3x8xf32>
}

// CHECK-LABEL: func.func @split_size_dynamic
func.func @split_size_dynamic(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>) {
  // CHECK: quill.split %{{.*}} {dim = 0 : i64, split_size = 4 : i64} : tensor<?x8xf32> -> tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>
  %r:3 = quill.split %x {split_size = 4 : i64, dim = 0 : i64} : tensor<?x8xf32> -> tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>
  return %r#0, %r#1, %r#2 : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>
}

// CHECK-LABEL: func.func @split_size_zero_empty_dim
func.func @split_size_zero_empty_dim(%x: tensor<0x3xf32>) -> tensor<0x3xf32> {
  // split_size = 0 is valid on an empty dimension: one empty piece.
  // CHECK: quill.split %{{.*}} {dim = 0 : i64, split_size = 0 : i64} : tensor<0x3xf32> -> tensor<0x3xf32>
  %r = quill.split %x {split_size = 0 : i64, dim = 0 : i64} : tensor<0x3xf32> -> tensor<0x3xf32>
  return %r : tensor<0x3xf32>
}

// CHECK-LABEL: func.func @split_quantized
func.func @split_quantized(%x: tensor<1x6x!quant.uniform<i8:f32, 0.1:-1>>) -> (tensor<1x4x!quant.uniform<i8:f32, 0.1:-1>>, tensor<1x2x!quant.uniform<i8:f32, 0.1:-1>>) {
  // CHECK: quill.split %{{.*}} {dim = 1 : i64, split_size = 4 : i64} : tensor<1x6x!quant.uniform<i8:f32, 1.000000e-01:-1>> -> tensor<1x4x!quant.uniform<i8:f32, 1.000000e-01:-1>>, tensor<1x2x!quant.uniform<i8:f32, 1.000000e-01:-1>>
  %a, %b = quill.split %x {split_size = 4 : i64, dim = 1 : i64} : tensor<1x6x!quant.uniform<i8:f32, 0.1:-1>> -> tensor<1x4x!quant.uniform<i8:f32, 0.1:-1>>, tensor<1x2x!quant.uniform<i8:f32, 0.1:-1>>
  return %a, %b : tensor<1x4x!quant.uniform<i8:f32, 0.1:-1>>, tensor<1x2x!quant.uniform<i8:f32, 0.1:-1>>
}
