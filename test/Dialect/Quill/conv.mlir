// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the ConvOps.td group: conv1d/2d/3d, conv_transpose1d/2d/3d,
// linear, matmul, batch_matmul. Expected shapes are PyTorch 1.13's (most are
// the examples of the torch.nn docs); errors are in conv-errors.mlir.

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv2d_defaults
func.func @conv2d_defaults(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // PyTorch's defaults (stride 1, padding 0, dilation 1, groups 1) are elided.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %y = quill.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// CHECK-LABEL: func.func @conv2d_explicit_defaults_elided
func.func @conv2d_explicit_defaults_elided(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // Spelled-out defaults are dropped on printing.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf32>
  %y = quill.conv2d %x, %w {stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                            dilation = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// CHECK-LABEL: func.func @conv2d_resnet_stem
func.func @conv2d_resnet_stem(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<64xf32>) -> tensor<1x64x112x112xf32> {
  // ResNet conv1: k7 s2 p3, 224 -> 112; discardable module attributes kept.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 3, 3>, quill.module = "conv1", quill.module_type = "torch.nn.Conv2d", stride = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  %y = quill.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>,
                                quill.module = "conv1", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  return %y : tensor<1x64x112x112xf32>
}

// CHECK-LABEL: func.func @conv2d_all_attributes
func.func @conv2d_all_attributes(%x: tensor<1x4x9x10xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x4x12xf32> {
  // H: floor((9 + 2 - 2*2 - 1) / 2) + 1 = 4; W: (10 + 4 - 2 - 1) / 1 + 1 = 12.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, groups = 2 : i64, padding = array<i64: 1, 2>, stride = array<i64: 2, 1>} : (tensor<1x4x9x10xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x12xf32>
  %y = quill.conv2d %x, %w, %b {stride = array<i64: 2, 1>, padding = array<i64: 1, 2>,
                                dilation = array<i64: 2, 1>, groups = 2 : i64}
      : (tensor<1x4x9x10xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x12xf32>
  return %y : tensor<1x6x4x12xf32>
}

// CHECK-LABEL: func.func @conv2d_depthwise
func.func @conv2d_depthwise(%x: tensor<1x32x112x112xf32>, %w: tensor<32x1x3x3xf32>) -> tensor<1x32x112x112xf32> {
  // MobileNet depthwise 3x3: groups == channels, weight [C, 1, 3, 3].
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} {groups = 32 : i64, padding = array<i64: 1, 1>} : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x112x112xf32>
  %y = quill.conv2d %x, %w {padding = array<i64: 1, 1>, groups = 32 : i64}
      : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>) -> tensor<1x32x112x112xf32>
  return %y : tensor<1x32x112x112xf32>
}

// CHECK-LABEL: func.func @conv2d_depthwise_multiplier
func.func @conv2d_depthwise_multiplier(%x: tensor<2x8x10x10xf32>, %w: tensor<16x1x3x3xf32>) -> tensor<2x16x4x4xf32> {
  // Depth multiplier 2: C_out = 2 * C_in, still one input channel per group.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} {groups = 8 : i64, stride = array<i64: 2, 2>} : (tensor<2x8x10x10xf32>, tensor<16x1x3x3xf32>) -> tensor<2x16x4x4xf32>
  %y = quill.conv2d %x, %w {stride = array<i64: 2, 2>, groups = 8 : i64}
      : (tensor<2x8x10x10xf32>, tensor<16x1x3x3xf32>) -> tensor<2x16x4x4xf32>
  return %y : tensor<2x16x4x4xf32>
}

// CHECK-LABEL: func.func @conv2d_dynamic
func.func @conv2d_dynamic(%x: tensor<?x3x?x?xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x8x?x?xf32> {
  // Unknown batch and spatial sizes stay unknown.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>} : (tensor<?x3x?x?xf32>, tensor<8x3x3x3xf32>) -> tensor<?x8x?x?xf32>
  %y = quill.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<?x3x?x?xf32>, tensor<8x3x3x3xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// CHECK-LABEL: func.func @conv2d_dynamic_channels_and_result
func.func @conv2d_dynamic_channels_and_result(%x: tensor<1x?x8x8xf32>, %w: tensor<?x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x?x?x6xf32> {
  // Unknown channel counts pass; a result may be less static than inferred.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x?x8x8xf32>, tensor<?x3x3x3xf32>, tensor<4xf32>) -> tensor<1x?x?x6xf32>
  %y = quill.conv2d %x, %w, %b : (tensor<1x?x8x8xf32>, tensor<?x3x3x3xf32>, tensor<4xf32>) -> tensor<1x?x?x6xf32>
  return %y : tensor<1x?x?x6xf32>
}

// CHECK-LABEL: func.func @conv2d_f16
func.func @conv2d_f16(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf16>) -> tensor<1x4x6x6xf16> {
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x6x6xf16>
  %y = quill.conv2d %x, %w, %b : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>) -> tensor<1x4x6x6xf16>
  return %y : tensor<1x4x6x6xf16>
}

// CHECK-LABEL: func.func @conv2d_quantized_per_channel
func.func @conv2d_quantized_per_channel(
    %x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>,
    %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>,
    %b: tensor<4xf32>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05:64>> {
  // int8 conv: u8 activations, per-channel i8 weight on dim 0, float bias.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x3x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>, tensor<4xf32>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 5.000000e-02:64>>
  %y = quill.conv2d %x, %w, %b
      : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>, tensor<4xf32>)
      -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05:64>>
  return %y : tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05:64>>
}

// CHECK-LABEL: func.func @conv2d_quantized_per_tensor_i32_bias
func.func @conv2d_quantized_per_tensor_i32_bias(
    %x: tensor<1x3x224x224x!quant.uniform<u8:f32, 0.02:0>>,
    %w: tensor<64x3x7x7x!quant.uniform<i8:f32, 0.01>>,
    %b: tensor<64xi32>) -> tensor<1x64x112x112x!quant.uniform<u8:f32, 0.1:10>> {
  // Per-tensor weight (zero point 0 elided) and an i32 bias (scale s_x*s_w).
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 3, 3>, stride = array<i64: 2, 2>} : (tensor<1x3x224x224x!quant.uniform<u8:f32, 2.000000e-02>>, tensor<64x3x7x7x!quant.uniform<i8:f32, 1.000000e-02>>, tensor<64xi32>) -> tensor<1x64x112x112x!quant.uniform<u8:f32, 1.000000e-01:10>>
  %y = quill.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 3, 3>}
      : (tensor<1x3x224x224x!quant.uniform<u8:f32, 0.02:0>>,
         tensor<64x3x7x7x!quant.uniform<i8:f32, 0.01>>, tensor<64xi32>)
      -> tensor<1x64x112x112x!quant.uniform<u8:f32, 0.1:10>>
  return %y : tensor<1x64x112x112x!quant.uniform<u8:f32, 0.1:10>>
}

// CHECK-LABEL: func.func @conv2d_quantized_depthwise
func.func @conv2d_quantized_depthwise(
    %x: tensor<1x2x6x6x!quant.uniform<i8:f32, 0.5:-3>>,
    %w: tensor<2x1x3x3x!quant.uniform<i8:f32:0, {0.25,0.125:1}>>)
    -> tensor<1x2x6x6x!quant.uniform<i8:f32, 0.5:-3>> {
  // Signed activations, per-channel weight with a non-zero zero point.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}} {groups = 2 : i64, padding = array<i64: 1, 1>} : (tensor<1x2x6x6x!quant.uniform<i8:f32, 5.000000e-01:-3>>, tensor<2x1x3x3x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01:1}>>) -> tensor<1x2x6x6x!quant.uniform<i8:f32, 5.000000e-01:-3>>
  %y = quill.conv2d %x, %w {padding = array<i64: 1, 1>, groups = 2 : i64}
      : (tensor<1x2x6x6x!quant.uniform<i8:f32, 0.5:-3>>,
         tensor<2x1x3x3x!quant.uniform<i8:f32:0, {0.25,0.125:1}>>)
      -> tensor<1x2x6x6x!quant.uniform<i8:f32, 0.5:-3>>
  return %y : tensor<1x2x6x6x!quant.uniform<i8:f32, 0.5:-3>>
}

// CHECK-LABEL: func.func @conv2d_fused_relu
func.func @conv2d_fused_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // nni.ConvReLU2d: relu applied to the conv's result (what quill-fuse makes).
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  %y = quill.conv2d %x, %w, %b {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// CHECK-LABEL: func.func @conv2d_fused_relu_quantized
func.func @conv2d_fused_relu_quantized(
    %x: tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>,
    %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>,
    %b: tensor<4xf32>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05>> {
  // nniq.ConvReLU2d: the output zero point is the lower clamp.
  // CHECK: quill.conv2d %{{.*}}, %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x3x8x8x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>, tensor<4xf32>) -> tensor<1x4x6x6x!quant.uniform<u8:f32, 5.000000e-02>>
  %y = quill.conv2d %x, %w, %b {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x3x8x8x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1,0.2,0.3,0.4}>>, tensor<4xf32>)
      -> tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05>>
  return %y : tensor<1x4x6x6x!quant.uniform<u8:f32, 0.05>>
}

//===----------------------------------------------------------------------===//
// conv1d / conv3d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv1d_torch_doc
func.func @conv1d_torch_doc(%x: tensor<20x16x50xf32>, %w: tensor<33x16x3xf32>, %b: tensor<33xf32>) -> tensor<20x33x24xf32> {
  // nn.Conv1d(16, 33, 3, stride=2) on [20, 16, 50] -> [20, 33, 24].
  // CHECK: quill.conv1d %{{.*}}, %{{.*}}, %{{.*}} {stride = array<i64: 2>} : (tensor<20x16x50xf32>, tensor<33x16x3xf32>, tensor<33xf32>) -> tensor<20x33x24xf32>
  %y = quill.conv1d %x, %w, %b {stride = array<i64: 2>}
      : (tensor<20x16x50xf32>, tensor<33x16x3xf32>, tensor<33xf32>) -> tensor<20x33x24xf32>
  return %y : tensor<20x33x24xf32>
}

// CHECK-LABEL: func.func @conv1d_all_attributes
func.func @conv1d_all_attributes(%x: tensor<2x4x?xf32>, %w: tensor<8x2x5xf32>) -> tensor<2x8x?xf32> {
  // CHECK: quill.conv1d %{{.*}}, %{{.*}} {dilation = array<i64: 3>, groups = 2 : i64, padding = array<i64: 6>, stride = array<i64: 2>} : (tensor<2x4x?xf32>, tensor<8x2x5xf32>) -> tensor<2x8x?xf32>
  %y = quill.conv1d %x, %w {stride = array<i64: 2>, padding = array<i64: 6>,
                            dilation = array<i64: 3>, groups = 2 : i64}
      : (tensor<2x4x?xf32>, tensor<8x2x5xf32>) -> tensor<2x8x?xf32>
  return %y : tensor<2x8x?xf32>
}

// CHECK-LABEL: func.func @conv1d_quantized
func.func @conv1d_quantized(%x: tensor<1x4x16x!quant.uniform<u8:f32, 0.1:128>>,
                            %w: tensor<2x4x3x!quant.uniform<i8:f32:0, {0.1,0.2}>>,
                            %b: tensor<2xi32>) -> tensor<1x2x14x!quant.uniform<u8:f32, 0.2:100>> {
  // CHECK: quill.conv1d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x4x16x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<2x4x3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01}>>, tensor<2xi32>) -> tensor<1x2x14x!quant.uniform<u8:f32, 2.000000e-01:100>>
  %y = quill.conv1d %x, %w, %b
      : (tensor<1x4x16x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<2x4x3x!quant.uniform<i8:f32:0, {0.1,0.2}>>, tensor<2xi32>)
      -> tensor<1x2x14x!quant.uniform<u8:f32, 0.2:100>>
  return %y : tensor<1x2x14x!quant.uniform<u8:f32, 0.2:100>>
}

// CHECK-LABEL: func.func @conv3d_torch_doc
func.func @conv3d_torch_doc(%x: tensor<20x16x10x50x100xf32>, %w: tensor<33x16x3x5x2xf32>) -> tensor<20x33x8x50x99xf32> {
  // nn.Conv3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0)).
  // CHECK: quill.conv3d %{{.*}}, %{{.*}} {padding = array<i64: 4, 2, 0>, stride = array<i64: 2, 1, 1>} : (tensor<20x16x10x50x100xf32>, tensor<33x16x3x5x2xf32>) -> tensor<20x33x8x50x99xf32>
  %y = quill.conv3d %x, %w {stride = array<i64: 2, 1, 1>, padding = array<i64: 4, 2, 0>}
      : (tensor<20x16x10x50x100xf32>, tensor<33x16x3x5x2xf32>) -> tensor<20x33x8x50x99xf32>
  return %y : tensor<20x33x8x50x99xf32>
}

// CHECK-LABEL: func.func @conv1d_conv3d_fused_relu
func.func @conv1d_conv3d_fused_relu(%x1: tensor<1x2x5xf32>, %w1: tensor<3x2x3xf32>,
                                    %x3: tensor<1x2x3x3x3xf32>, %w3: tensor<3x2x2x2x2xf32>)
    -> (tensor<1x3x3xf32>, tensor<1x3x2x2x2xf32>) {
  // nni.ConvReLU1d and nni.ConvReLU3d.
  // CHECK: quill.conv1d %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x2x5xf32>, tensor<3x2x3xf32>) -> tensor<1x3x3xf32>
  // CHECK: quill.conv3d %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x2x3x3x3xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x2x2x2xf32>
  %y1 = quill.conv1d %x1, %w1 {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x2x5xf32>, tensor<3x2x3xf32>) -> tensor<1x3x3xf32>
  %y3 = quill.conv3d %x3, %w3 {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x2x3x3x3xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x2x2x2xf32>
  return %y1, %y3 : tensor<1x3x3xf32>, tensor<1x3x2x2x2xf32>
}

// CHECK-LABEL: func.func @conv3d_all_attributes
func.func @conv3d_all_attributes(%x: tensor<1x6x7x8x9xf32>, %w: tensor<9x2x3x3x3xf32>, %b: tensor<9xf32>) -> tensor<1x9x3x8x5xf32> {
  // D: (7 + 2 - 2*2 - 1) / 2 + 1 = 3; H: (8 + 2 - 2 - 1) / 1 + 1 = 8;
  // W: (9 + 2 - 2 - 1) / 2 + 1 = 5.
  // CHECK: quill.conv3d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1, 1>, groups = 3 : i64, padding = array<i64: 1, 1, 1>, stride = array<i64: 2, 1, 2>} : (tensor<1x6x7x8x9xf32>, tensor<9x2x3x3x3xf32>, tensor<9xf32>) -> tensor<1x9x3x8x5xf32>
  %y = quill.conv3d %x, %w, %b {stride = array<i64: 2, 1, 2>, padding = array<i64: 1, 1, 1>,
                                dilation = array<i64: 2, 1, 1>, groups = 3 : i64}
      : (tensor<1x6x7x8x9xf32>, tensor<9x2x3x3x3xf32>, tensor<9xf32>) -> tensor<1x9x3x8x5xf32>
  return %y : tensor<1x9x3x8x5xf32>
}

// CHECK-LABEL: func.func @conv3d_quantized
func.func @conv3d_quantized(%x: tensor<1x2x4x4x4x!quant.uniform<u8:f32, 0.1:128>>,
                            %w: tensor<3x2x2x2x2x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>)
    -> tensor<1x3x3x3x3x!quant.uniform<u8:f32, 0.3:0>> {
  // CHECK: quill.conv3d %{{.*}}, %{{.*}} : (tensor<1x2x4x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<3x2x2x2x2x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>) -> tensor<1x3x3x3x3x!quant.uniform<u8:f32, 3.000000e-01>>
  %y = quill.conv3d %x, %w
      : (tensor<1x2x4x4x4x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<3x2x2x2x2x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>)
      -> tensor<1x3x3x3x3x!quant.uniform<u8:f32, 0.3:0>>
  return %y : tensor<1x3x3x3x3x!quant.uniform<u8:f32, 0.3:0>>
}

//===----------------------------------------------------------------------===//
// conv_transpose1d/2d/3d: weight [C_in, C_out / groups, k...]
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_transpose2d_defaults
func.func @conv_transpose2d_defaults(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // (5 - 1) * 1 + (3 - 1) + 1 = 7.
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 1, 1>, output_padding = array<i64: 0, 0>}
      : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %y : tensor<1x2x7x7xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_torch_doc
func.func @conv_transpose2d_torch_doc(%x: tensor<20x16x50x100xf32>, %w: tensor<16x33x3x5xf32>, %b: tensor<33xf32>) -> tensor<20x33x93x100xf32> {
  // nn.ConvTranspose2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2)).
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 4, 2>, stride = array<i64: 2, 1>} : (tensor<20x16x50x100xf32>, tensor<16x33x3x5xf32>, tensor<33xf32>) -> tensor<20x33x93x100xf32>
  %y = quill.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 1>, padding = array<i64: 4, 2>}
      : (tensor<20x16x50x100xf32>, tensor<16x33x3x5xf32>, tensor<33xf32>) -> tensor<20x33x93x100xf32>
  return %y : tensor<20x33x93x100xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_output_padding
func.func @conv_transpose2d_output_padding(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32> {
  // The torch docs' upsample back to 12x12: (6 - 1) * 2 - 2 + 2 + 1 + 1 = 12.
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
                                      output_padding = array<i64: 1, 1>}
      : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  return %y : tensor<1x16x12x12xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_all_attributes
func.func @conv_transpose2d_all_attributes(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x12x17xf32> {
  // groups 2: C_out = 3 * 2. H: 4*2 - 2 + 2*2 + 1 + 1 = 12; W: 4*3 - 0 + 2 + 2 + 1 = 17.
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 2, 1>, groups = 2 : i64, output_padding = array<i64: 1, 2>, padding = array<i64: 1, 0>, stride = array<i64: 2, 3>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x12x17xf32>
  %y = quill.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 3>, padding = array<i64: 1, 0>,
                                          output_padding = array<i64: 1, 2>,
                                          dilation = array<i64: 2, 1>, groups = 2 : i64}
      : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x12x17xf32>
  return %y : tensor<1x6x12x17xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_dynamic
func.func @conv_transpose2d_dynamic(%x: tensor<?x4x?x5xf32>, %w: tensor<4x2x2x2xf32>) -> tensor<?x2x?x10xf32> {
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}} {stride = array<i64: 2, 2>} : (tensor<?x4x?x5xf32>, tensor<4x2x2x2xf32>) -> tensor<?x2x?x10xf32>
  %y = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>}
      : (tensor<?x4x?x5xf32>, tensor<4x2x2x2xf32>) -> tensor<?x2x?x10xf32>
  return %y : tensor<?x2x?x10xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_quantized
func.func @conv_transpose2d_quantized(
    %x: tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>,
    %w: tensor<4x2x2x2x!quant.uniform<i8:f32:1, {0.1,0.2}>>,
    %b: tensor<2xf32>) -> tensor<1x2x8x8x!quant.uniform<u8:f32, 0.2:128>> {
  // Per-axis weight quantized along dimension 1 (its output channels).
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}}, %{{.*}} {stride = array<i64: 2, 2>} : (tensor<1x4x4x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<4x2x2x2x!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01}>>, tensor<2xf32>) -> tensor<1x2x8x8x!quant.uniform<u8:f32, 2.000000e-01:128>>
  %y = quill.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 2>}
      : (tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<4x2x2x2x!quant.uniform<i8:f32:1, {0.1,0.2}>>, tensor<2xf32>)
      -> tensor<1x2x8x8x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<1x2x8x8x!quant.uniform<u8:f32, 0.2:128>>
}

// CHECK-LABEL: func.func @conv_transpose_fused_relu
func.func @conv_transpose_fused_relu(%x1: tensor<1x2x4xf32>, %w1: tensor<2x3x2xf32>,
                                     %x2: tensor<1x4x4x4xf32>, %w2: tensor<4x2x2x2xf32>,
                                     %x3: tensor<1x2x2x2x2xf32>, %w3: tensor<2x3x2x2x2xf32>)
    -> (tensor<1x3x5xf32>, tensor<1x2x8x8xf32>, tensor<1x3x3x3x3xf32>) {
  // No fused module in PyTorch 1.13; a custom BackendConfig entry fuses them.
  // CHECK: quill.conv_transpose1d %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x2x4xf32>, tensor<2x3x2xf32>) -> tensor<1x3x5xf32>
  // CHECK: quill.conv_transpose2d %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>, stride = array<i64: 2, 2>} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x8xf32>
  // CHECK: quill.conv_transpose3d %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<1x2x2x2x2xf32>, tensor<2x3x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  %y1 = quill.conv_transpose1d %x1, %w1 {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x2x4xf32>, tensor<2x3x2xf32>) -> tensor<1x3x5xf32>
  %y2 = quill.conv_transpose2d %x2, %w2 {stride = array<i64: 2, 2>, fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x8xf32>
  %y3 = quill.conv_transpose3d %x3, %w3 {fused_activation = #quill.fused_activation<relu>}
      : (tensor<1x2x2x2x2xf32>, tensor<2x3x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  return %y1, %y2, %y3 : tensor<1x3x5xf32>, tensor<1x2x8x8xf32>, tensor<1x3x3x3x3xf32>
}

// CHECK-LABEL: func.func @conv_transpose1d_torch_shape
func.func @conv_transpose1d_torch_shape(%x: tensor<20x16x50xf32>, %w: tensor<16x33x3xf32>, %b: tensor<33xf32>) -> tensor<20x33x101xf32> {
  // (50 - 1) * 2 + 2 + 1 = 101.
  // CHECK: quill.conv_transpose1d %{{.*}}, %{{.*}}, %{{.*}} {stride = array<i64: 2>} : (tensor<20x16x50xf32>, tensor<16x33x3xf32>, tensor<33xf32>) -> tensor<20x33x101xf32>
  %y = quill.conv_transpose1d %x, %w, %b {stride = array<i64: 2>}
      : (tensor<20x16x50xf32>, tensor<16x33x3xf32>, tensor<33xf32>) -> tensor<20x33x101xf32>
  return %y : tensor<20x33x101xf32>
}

// CHECK-LABEL: func.func @conv_transpose1d_output_padding_below_dilation
func.func @conv_transpose1d_output_padding_below_dilation(%x: tensor<1x2x4xf32>, %w: tensor<2x2x3xf32>) -> tensor<1x2x9xf32> {
  // output_padding 1 is not below the stride (1) but is below the dilation
  // (2), which PyTorch accepts: 3 * 1 + 2 * 2 + 1 + 1 = 9.
  // CHECK: quill.conv_transpose1d %{{.*}}, %{{.*}} {dilation = array<i64: 2>, output_padding = array<i64: 1>} : (tensor<1x2x4xf32>, tensor<2x2x3xf32>) -> tensor<1x2x9xf32>
  %y = quill.conv_transpose1d %x, %w {output_padding = array<i64: 1>, dilation = array<i64: 2>}
      : (tensor<1x2x4xf32>, tensor<2x2x3xf32>) -> tensor<1x2x9xf32>
  return %y : tensor<1x2x9xf32>
}

// CHECK-LABEL: func.func @conv_transpose3d_torch_doc
func.func @conv_transpose3d_torch_doc(%x: tensor<20x16x10x50x100xf32>, %w: tensor<16x33x3x5x2xf32>) -> tensor<20x33x21x46x97xf32> {
  // nn.ConvTranspose3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(0, 4, 2)).
  // CHECK: quill.conv_transpose3d %{{.*}}, %{{.*}} {padding = array<i64: 0, 4, 2>, stride = array<i64: 2, 1, 1>} : (tensor<20x16x10x50x100xf32>, tensor<16x33x3x5x2xf32>) -> tensor<20x33x21x46x97xf32>
  %y = quill.conv_transpose3d %x, %w {stride = array<i64: 2, 1, 1>, padding = array<i64: 0, 4, 2>}
      : (tensor<20x16x10x50x100xf32>, tensor<16x33x3x5x2xf32>) -> tensor<20x33x21x46x97xf32>
  return %y : tensor<20x33x21x46x97xf32>
}

// CHECK-LABEL: func.func @conv_transpose3d_all_attributes_quantized
func.func @conv_transpose3d_all_attributes_quantized(
    %x: tensor<1x2x3x3x3x!quant.uniform<u8:f32, 0.1:128>>,
    %w: tensor<2x1x2x2x2x!quant.uniform<i8:f32, 0.05>>,
    %b: tensor<2xi32>) -> tensor<1x2x8x5x7x!quant.uniform<u8:f32, 0.1:128>> {
  // Depthwise (groups 2), per-tensor weight, i32 bias.
  // D: 2*2 - 0 + 2*1 + 1 + 1 = 8; H: 2*2 - 2 + 2*1 + 0 + 1 = 5;
  // W: 2*2 - 0 + 1*1 + 1 + 1 = 7.
  // CHECK: quill.conv_transpose3d %{{.*}}, %{{.*}}, %{{.*}} {dilation = array<i64: 2, 2, 1>, groups = 2 : i64, output_padding = array<i64: 1, 0, 1>, padding = array<i64: 0, 1, 0>, stride = array<i64: 2, 2, 2>} : (tensor<1x2x3x3x3x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<2x1x2x2x2x!quant.uniform<i8:f32, 5.000000e-02>>, tensor<2xi32>) -> tensor<1x2x8x5x7x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %y = quill.conv_transpose3d %x, %w, %b {stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 1, 0>,
                                          output_padding = array<i64: 1, 0, 1>,
                                          dilation = array<i64: 2, 2, 1>, groups = 2 : i64}
      : (tensor<1x2x3x3x3x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<2x1x2x2x2x!quant.uniform<i8:f32, 0.05>>, tensor<2xi32>)
      -> tensor<1x2x8x5x7x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x2x8x5x7x!quant.uniform<u8:f32, 0.1:128>>
}

//===----------------------------------------------------------------------===//
// linear: [..., in] x [out, in] -> [..., out]
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @linear_bias
func.func @linear_bias(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %y = quill.linear %x, %w, %b : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @linear_no_bias_1d
func.func @linear_no_bias_1d(%x: tensor<16xf32>, %w: tensor<8x16xf32>) -> tensor<8xf32> {
  // F.linear on an unbatched [in] vector gives [out].
  // CHECK: quill.linear %{{.*}}, %{{.*}} : (tensor<16xf32>, tensor<8x16xf32>) -> tensor<8xf32>
  %y = quill.linear %x, %w : (tensor<16xf32>, tensor<8x16xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// CHECK-LABEL: func.func @linear_leading_dims
func.func @linear_leading_dims(%x: tensor<4x7x128x30xf32>, %w: tensor<20x30xf32>) -> tensor<4x7x128x20xf32> {
  // nn.Linear(30, 20) keeps every leading dimension.
  // CHECK: quill.linear %{{.*}}, %{{.*}} : (tensor<4x7x128x30xf32>, tensor<20x30xf32>) -> tensor<4x7x128x20xf32>
  %y = quill.linear %x, %w : (tensor<4x7x128x30xf32>, tensor<20x30xf32>) -> tensor<4x7x128x20xf32>
  return %y : tensor<4x7x128x20xf32>
}

// CHECK-LABEL: func.func @linear_dynamic
func.func @linear_dynamic(%x: tensor<?x?x16xf32>, %w: tensor<?x16xf32>, %b: tensor<8xf32>) -> tensor<?x?x8xf32> {
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x?x16xf32>, tensor<?x16xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  %y = quill.linear %x, %w, %b : (tensor<?x?x16xf32>, tensor<?x16xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  return %y : tensor<?x?x8xf32>
}

// CHECK-LABEL: func.func @linear_fused_relu
func.func @linear_fused_relu(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  // nni.LinearReLU.
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} {fused_activation = #quill.fused_activation<relu>} : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %y = quill.linear %x, %w, %b {fused_activation = #quill.fused_activation<relu>}
      : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @linear_quantized
func.func @linear_quantized(%x: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>,
                            %w: tensor<3x4x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>,
                            %b: tensor<3xi32>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:7>> {
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<3x4x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>, tensor<3xi32>) -> tensor<2x3x!quant.uniform<u8:f32, 5.000000e-01:7>>
  %y = quill.linear %x, %w, %b
      : (tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>,
         tensor<3x4x!quant.uniform<i8:f32:0, {0.1,0.2,0.3}>>, tensor<3xi32>)
      -> tensor<2x3x!quant.uniform<u8:f32, 0.5:7>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.5:7>>
}

// CHECK-LABEL: func.func @linear_dynamic_quantization
func.func @linear_dynamic_quantization(%x: tensor<2x4xf32>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.02>>,
                                       %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // Dynamic quantization (nnqd.Linear): float activations, int8 weight.
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x4xf32>, tensor<3x4x!quant.uniform<i8:f32, 2.000000e-02>>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = quill.linear %x, %w, %b : (tensor<2x4xf32>, tensor<3x4x!quant.uniform<i8:f32, 0.02>>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// matmul (torch.matmul promotion and broadcasting rules)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_dot
func.func @matmul_dot(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32> {
  // 1-d x 1-d is a dot product with a rank-0 result.
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// CHECK-LABEL: func.func @matmul_2d
func.func @matmul_2d(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @matmul_vector_matrix
func.func @matmul_vector_matrix(%a: tensor<3xf32>, %b: tensor<3x4xf32>) -> tensor<4xf32> {
  // The lhs is promoted to [1, 3]; the 1 is removed from the result.
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @matmul_matrix_vector
func.func @matmul_matrix_vector(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  %y = quill.matmul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// CHECK-LABEL: func.func @matmul_vector_batched
func.func @matmul_vector_batched(%a: tensor<3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x4xf32> {
  // 1-d x N-d: the vector is broadcast over the batch ([3] x [5, 3, 4] -> [5, 4]).
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<5x3x4xf32>) -> tensor<5x4xf32>
  %y = quill.matmul %a, %b : (tensor<3xf32>, tensor<5x3x4xf32>) -> tensor<5x4xf32>
  return %y : tensor<5x4xf32>
}

// CHECK-LABEL: func.func @matmul_batched_vector
func.func @matmul_batched_vector(%a: tensor<10x3x4xf32>, %b: tensor<4xf32>) -> tensor<10x3xf32> {
  // torch.matmul docs: [10, 3, 4] x [4] -> [10, 3].
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<10x3x4xf32>, tensor<4xf32>) -> tensor<10x3xf32>
  %y = quill.matmul %a, %b : (tensor<10x3x4xf32>, tensor<4xf32>) -> tensor<10x3xf32>
  return %y : tensor<10x3xf32>
}

// CHECK-LABEL: func.func @matmul_batch_broadcast
func.func @matmul_batch_broadcast(%a: tensor<10x1x3x4xf32>, %b: tensor<5x4x5xf32>) -> tensor<10x5x3x5xf32> {
  // Batch dims [10, 1] and [5] broadcast to [10, 5].
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<10x1x3x4xf32>, tensor<5x4x5xf32>) -> tensor<10x5x3x5xf32>
  %y = quill.matmul %a, %b : (tensor<10x1x3x4xf32>, tensor<5x4x5xf32>) -> tensor<10x5x3x5xf32>
  return %y : tensor<10x5x3x5xf32>
}

// CHECK-LABEL: func.func @matmul_batched_matrix
func.func @matmul_batched_matrix(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %y = quill.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @matmul_dynamic
func.func @matmul_dynamic(%a: tensor<?x1x2x?xf32>, %b: tensor<4x3x?xf32>) -> tensor<?x4x2x?xf32> {
  // Unknown contracting sizes pass; [?, 1] and [4] broadcast to [?, 4].
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<?x1x2x?xf32>, tensor<4x3x?xf32>) -> tensor<?x4x2x?xf32>
  %y = quill.matmul %a, %b : (tensor<?x1x2x?xf32>, tensor<4x3x?xf32>) -> tensor<?x4x2x?xf32>
  return %y : tensor<?x4x2x?xf32>
}

// CHECK-LABEL: func.func @matmul_quantized
func.func @matmul_quantized(%a: tensor<2x3x!quant.uniform<i8:f32, 0.1:-2>>,
                            %b: tensor<3x4x!quant.uniform<i8:f32, 0.2>>)
    -> tensor<2x4x!quant.uniform<i8:f32, 0.4:5>> {
  // CHECK: quill.matmul %{{.*}}, %{{.*}} : (tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-2>>, tensor<3x4x!quant.uniform<i8:f32, 2.000000e-01>>) -> tensor<2x4x!quant.uniform<i8:f32, 4.000000e-01:5>>
  %y = quill.matmul %a, %b
      : (tensor<2x3x!quant.uniform<i8:f32, 0.1:-2>>, tensor<3x4x!quant.uniform<i8:f32, 0.2>>)
      -> tensor<2x4x!quant.uniform<i8:f32, 0.4:5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.4:5>>
}

//===----------------------------------------------------------------------===//
// batch_matmul (torch.bmm: rank 3, no broadcasting)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @batch_matmul
func.func @batch_matmul(%a: tensor<10x3x4xf32>, %b: tensor<10x4x5xf32>) -> tensor<10x3x5xf32> {
  // CHECK: quill.batch_matmul %{{.*}}, %{{.*}} : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  %y = quill.batch_matmul %a, %b : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return %y : tensor<10x3x5xf32>
}

// CHECK-LABEL: func.func @batch_matmul_dynamic
func.func @batch_matmul_dynamic(%a: tensor<?x3x?xf32>, %b: tensor<2x4x?xf32>) -> tensor<2x3x?xf32> {
  // The known batch size of one side fixes the result's.
  // CHECK: quill.batch_matmul %{{.*}}, %{{.*}} : (tensor<?x3x?xf32>, tensor<2x4x?xf32>) -> tensor<2x3x?xf32>
  %y = quill.batch_matmul %a, %b : (tensor<?x3x?xf32>, tensor<2x4x?xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}

// CHECK-LABEL: func.func @batch_matmul_quantized
func.func @batch_matmul_quantized(%a: tensor<2x3x4x!quant.uniform<u8:f32, 0.1:128>>,
                                  %b: tensor<2x4x5x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<2x3x5x!quant.uniform<u8:f32, 0.3:100>> {
  // CHECK: quill.batch_matmul %{{.*}}, %{{.*}} : (tensor<2x3x4x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<2x4x5x!quant.uniform<u8:f32, 1.000000e-01:128>>) -> tensor<2x3x5x!quant.uniform<u8:f32, 3.000000e-01:100>>
  %y = quill.batch_matmul %a, %b
      : (tensor<2x3x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x4x5x!quant.uniform<u8:f32, 0.1:128>>)
      -> tensor<2x3x5x!quant.uniform<u8:f32, 0.3:100>>
  return %y : tensor<2x3x5x!quant.uniform<u8:f32, 0.3:100>>
}

// Unbatched input [C, H, W] (PyTorch 1.13 accepts it) gives [C_out, H', W'].
// CHECK-LABEL: func.func @conv_unbatched
// CHECK: quill.conv2d %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>} : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<4x8x8xf32>
// CHECK: quill.conv_transpose1d %{{.*}}, %{{.*}} {stride = array<i64: 2>} : (tensor<2x5xf32>, tensor<2x3x3xf32>) -> tensor<3x11xf32>
func.func @conv_unbatched(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %t: tensor<2x5xf32>, %tw: tensor<2x3x3xf32>) -> (tensor<4x8x8xf32>, tensor<3x11xf32>) {
  %y = quill.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<4x8x8xf32>
  %z = quill.conv_transpose1d %t, %tw {stride = array<i64: 2>} : (tensor<2x5xf32>, tensor<2x3x3xf32>) -> tensor<3x11xf32>
  return %y, %z : tensor<4x8x8xf32>, tensor<3x11xf32>
}
