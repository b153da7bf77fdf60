// RUN: quant-opt %S/fuse-x86.mlir --quill-fuse="backend=qnnpack" | FileCheck %S/fuse-x86.mlir
// RUN: quant-opt %s --quill-fuse="backend=qnnpack" | FileCheck %s

// PyTorch builds the qnnpack table's fusion entries with the same
// _get_conv_configs / _get_linear_configs / _get_bn_configs as x86's (only
// the dtype configs differ, and fusion ignores them): the first RUN line
// fuses every pattern of fuse-x86.mlir with the qnnpack table and expects
// the same result.
//
// Below, a MobileNet-style block as an importer writes it: weights as
// dense_resource blobs (4-byte alignment, then little-endian f32). The
// folded weight and the new bias are dense_resource blobs too, named after
// the original weight.

// CHECK-LABEL: func.func @mobilenet_block
// conv1 + bn1 + relu: eps 1, var [3, 0] -> inv [0.5, 1]; gamma [2, -1]
// -> scale [1, -1]: W' = [[1, 2], [-3, -4]]; no conv bias:
// b' = (0 - mean) * inv * gamma + beta = [-0.75, 3].
// CHECK-NEXT: %[[W1:.*]] = arith.constant dense_resource<conv1.weight_fused> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[B1:.*]] = arith.constant dense_resource<conv1.weight_fused_bias> : tensor<2xf32>
// CHECK-NEXT: %[[Y1:.*]] = quill.conv2d %arg0, %[[W1]], %[[B1]] {fused_activation = #quill.fused_activation<relu>, quill.module = "features.0.0", quill.module_type = "torch.nn.Conv2d"}
// Depthwise conv2 + bn2 (no relu): eps 0.25, var 0 -> inv 2, no affine:
// W' = [0.5, 2] * 2 = [1, 4]; conv bias [1, -1]: b' = (b - [1, 0]) * 2 = [0, -2].
// CHECK-NEXT: %[[W2:.*]] = arith.constant dense_resource<conv2.weight_fused> : tensor<2x1x1x1xf32>
// CHECK-NEXT: %[[B2:.*]] = arith.constant dense_resource<conv2.bias_fused> : tensor<2xf32>
// CHECK-NEXT: %[[Y2:.*]] = quill.conv2d %[[Y1]], %[[W2]], %[[B2]] {groups = 2 : i64, quill.module = "features.1.0"
// CHECK-NEXT: return %[[Y2]]
// CHECK: conv1.weight_fused: "0x040000000000803F00000040000040C0000080C0"
// CHECK: conv1.weight_fused_bias: "0x04000000000040BF00004040"
// CHECK: conv2.weight_fused: "0x040000000000803F00008040"
// CHECK: conv2.bias_fused: "0x0400000000000000000000C0"
func.func @mobilenet_block(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w1 = arith.constant dense_resource<conv1.weight> : tensor<2x2x1x1xf32>
  %m1 = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %v1 = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g1 = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %b1 = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c1 = quill.conv2d %x, %w1 {quill.module = "features.0.0", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %n1 = quill.batch_norm %c1, %m1, %v1 weight %g1 bias %b1 {eps = 1.0 : f64, quill.module = "features.0.1", quill.module_type = "torch.nn.BatchNorm2d"}
      : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %r1 = quill.relu %n1 {quill.module = "features.0.2", quill.module_type = "torch.nn.ReLU"}
      : tensor<1x2x2x2xf32> -> tensor<1x2x2x2xf32>

  %w2 = arith.constant dense_resource<conv2.weight> : tensor<2x1x1x1xf32>
  %cb2 = arith.constant dense_resource<conv2.bias> : tensor<2xf32>
  %m2 = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %v2 = arith.constant dense<0.0> : tensor<2xf32>
  %c2 = quill.conv2d %r1, %w2, %cb2 {groups = 2 : i64, quill.module = "features.1.0", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x2x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %n2 = quill.batch_norm %c2, %m2, %v2 {eps = 0.25 : f64, quill.module = "features.1.1", quill.module_type = "torch.nn.BatchNorm2d"}
      : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %n2 : tensor<1x2x2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      conv1.weight: "0x040000000000803F000000400000404000008040",
      conv2.weight: "0x040000000000003F00000040",
      conv2.bias: "0x040000000000803F000080BF"
    }
  }
#-}
