// RUN: quant-opt %s --quill-fuse="backend=%S/Inputs/custom-backend.json" | FileCheck %s
// RUN: quant-opt %s --quill-fuse="backend=x86" | FileCheck %s --check-prefix=X86

// A user BackendConfig (Inputs/custom-backend.json) with fusions no native
// table has: conv_transpose2d + relu (written with PyTorch names),
// conv_transpose2d + batch_norm + relu, and linear + two batch norms. The
// pass has no code for any of them: the table entries alone make them fuse.
// Under x86 (second RUN) they fuse only as far as x86's entries go, and
// conv2d + relu, absent from the custom table, fuses only under x86.

// CHECK-LABEL: func.func @conv_transpose2d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.conv_transpose2d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>, stride = array<i64: 2, 2>}
// CHECK-NEXT: return %[[Y]]
// X86-LABEL: func.func @conv_transpose2d_relu
// X86-NEXT: quill.conv_transpose2d %arg0, %arg1 {stride = array<i64: 2, 2>}
// X86-NEXT: quill.relu
func.func @conv_transpose2d_relu(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2x2xf32>) -> tensor<1x2x8x8xf32> {
  %c = quill.conv_transpose2d %x, %w {stride = array<i64: 2, 2>}
      : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x8x8xf32>
  %r = quill.relu %c : tensor<1x2x8x8xf32> -> tensor<1x2x8x8xf32>
  return %r : tensor<1x2x8x8xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_bn_relu
// eps 1, var [3, 0]: inv [0.5, 1]; no affine; scale along weight dim 1.
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[5.000000e-01]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[1.500000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[-5.000000e-01, -2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv_transpose2d %arg0, %[[W]], %[[B]] {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[Y]]
// x86 has no 3-op pattern for it. Matching walks backwards, so the relu
// claims first, with batch_norm + relu (BNReLU2d), as in PyTorch's fuse;
// conv_transpose2d + batch_norm then finds its batch norm taken.
// X86-LABEL: func.func @conv_transpose2d_bn_relu
// X86: %[[Y:.*]] = quill.conv_transpose2d %arg0, %{{.*}} :
// X86-NEXT: quill.batch_norm %[[Y]], %{{.*}}, %{{.*}} {eps = 1.000000e+00 : f64, fused_activation = #quill.fused_activation<relu>}
func.func @conv_transpose2d_bn_relu(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %c = quill.conv_transpose2d %x, %w : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %n = quill.batch_norm %c, %mean, %var {eps = 1.0 : f64}
      : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %r = quill.relu %n : tensor<1x2x3x3xf32> -> tensor<1x2x3x3xf32>
  return %r : tensor<1x2x3x3xf32>
}

// CHECK-LABEL: func.func @linear_bn_bn
// Two folds in a row. bn1 (eps 1, var [3, 0], mean [1, 2]): inv [0.5, 1],
// W' = [[0.5, 1], [3, 4]], b' = (0 - mean) * inv = [-0.5, -2]. bn2 (eps 0.25,
// var 0, mean 0): inv 2, W'' = 2 W', b'' = 2 b'.
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [6.000000e+00, 8.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[-1.000000e+00, -4.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.linear %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
// x86 folds the first batch norm only (linear + BatchNorm1d).
// X86-LABEL: func.func @linear_bn_bn
// X86: %[[Y:.*]] = quill.linear
// X86-NEXT: quill.batch_norm %[[Y]]
func.func @linear_bn_bn(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %m1 = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %v1 = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %z = arith.constant dense<0.0> : tensor<2xf32>
  %l = quill.linear %x, %w : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %n1 = quill.batch_norm %l, %m1, %v1 {eps = 1.0 : f64}
      : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %n2 = quill.batch_norm %n1, %z, %z {eps = 0.25 : f64}
      : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %n2 : tensor<3x2xf32>
}

// CHECK-LABEL: func.func @conv2d_relu_not_in_table
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %arg1 :
// CHECK-NEXT: quill.relu %[[Y]]
// X86-LABEL: func.func @conv2d_relu_not_in_table
// X86-NEXT: quill.conv2d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>}
// X86-NEXT: return
func.func @conv2d_relu_not_in_table(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c = quill.conv2d %x, %w : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %c : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}
