// RUN: quant-opt %s --quill-fuse="backend=x86" | FileCheck %s
// RUN: quant-opt %s --quill-fuse="backend=fbgemm" | FileCheck %s

// Every fusion entry of the x86 BackendConfig (PyTorch's
// _get_conv_configs, _get_linear_configs and _get_bn_configs; fbgemm's table
// has the same entries), one function each:
//   conv{1,2,3}d + relu, conv{1,2,3}d + batch_norm (+ relu),
//   conv_transpose{1,2,3}d + batch_norm, linear + relu, linear + batch_norm,
//   batch_norm (2d, 3d) + relu.
//
// Folding (NUMERICS.md, PyTorch's fuse_conv_bn_eval), per output channel c:
//   inv = 1 / sqrt(var + eps);  W'[c] = W[c] * gamma[c] * inv
//   b'  = (b - mean) * inv * gamma + beta        (b = 0 when absent)
// Most cases use eps = 1 and var = [3, 0], so inv = [0.5, 1] and, with
// gamma = [2, -1], the scale gamma * inv is [1, -1]: the folded constants are
// exact and easy to read. With mean = [1, 2], bias = [1, 1], beta = [0.25, 1]:
//   b' = [(1 - 1) * 0.5 * 2 + 0.25, (1 - 2) * 1 * -1 + 1] = [0.25, 2].
// The CHECK-NEXT lines also show that the replaced constants are erased and
// that the root op keeps its quill.module / quill.module_type.

//===----------------------------------------------------------------------===//
// conv + relu -> fused_activation = relu (nni.ConvReLU1d/2d/3d)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv1d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.conv1d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>, quill.module = "features.0", quill.module_type = "torch.nn.Conv1d"}
// CHECK-NEXT: return %[[Y]]
func.func @conv1d_relu(%x: tensor<1x2x5xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x3x3xf32> {
  %c = quill.conv1d %x, %w {quill.module = "features.0", quill.module_type = "torch.nn.Conv1d"}
      : (tensor<1x2x5xf32>, tensor<3x2x3xf32>) -> tensor<1x3x3xf32>
  %r = quill.relu %c {quill.module = "features.1", quill.module_type = "torch.nn.ReLU"}
      : tensor<1x3x3xf32> -> tensor<1x3x3xf32>
  return %r : tensor<1x3x3xf32>
}

// CHECK-LABEL: func.func @conv2d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %arg1, %arg2 {fused_activation = #quill.fused_activation<relu>, padding = array<i64: 1, 1>}
// CHECK-NEXT: return %[[Y]]
func.func @conv2d_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  // A conv whose weight is not a constant fuses with relu: no folding needed.
  %c = quill.conv2d %x, %w, %b {padding = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %r = quill.relu %c : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return %r : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @conv3d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.conv3d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[Y]]
func.func @conv3d_relu(%x: tensor<1x2x3x3x3xf32>, %w: tensor<3x2x2x2x2xf32>) -> tensor<1x3x2x2x2xf32> {
  %c = quill.conv3d %x, %w : (tensor<1x2x3x3x3xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x2x2x2xf32>
  %r = quill.relu %c : tensor<1x3x2x2x2xf32> -> tensor<1x3x2x2x2xf32>
  return %r : tensor<1x3x2x2x2xf32>
}

//===----------------------------------------------------------------------===//
// conv + batch_norm -> folded weight and bias (nni.ConvBn*d in eval)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv1d_bn_no_bias_no_affine
// No conv bias and BatchNorm1d(affine=False): b' = -mean * inv = [-0.5, -2],
// a new bias operand; W' = W * inv.
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[5.000000e-01], [1.000000e+00]], {{\[}}[3.000000e+00], [4.000000e+00]]]> : tensor<2x2x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[-5.000000e-01, -2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv1d %arg0, %[[W]], %[[B]] {quill.module = "conv"}
// CHECK-NEXT: return %[[Y]]
func.func @conv1d_bn_no_bias_no_affine(%x: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> {
  %w = arith.constant dense<[[[1.0], [2.0]], [[3.0], [4.0]]]> : tensor<2x2x1xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %c = quill.conv1d %x, %w {quill.module = "conv"} : (tensor<1x2x4xf32>, tensor<2x2x1xf32>) -> tensor<1x2x4xf32>
  %y = quill.batch_norm %c, %mean, %var {eps = 1.0 : f64, quill.module = "bn"}
      : (tensor<1x2x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @conv2d_bn
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[-3.000000e+00]], {{\[}}[-4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %[[W]], %[[B]] {quill.module = "conv1", quill.module_type = "torch.nn.Conv2d"}
// CHECK-NEXT: return %[[Y]]
func.func @conv2d_bn(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv2d %x, %w, %b {quill.module = "conv1", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64, quill.module = "bn1", quill.module_type = "torch.nn.BatchNorm2d"}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @conv3d_bn
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[2.000000e+00]]]], {{\[}}{{\[}}{{\[}}[-3.000000e+00]]], {{\[}}{{\[}}[-4.000000e+00]]]]]> : tensor<2x2x1x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv3d %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
func.func @conv3d_bn(%x: tensor<1x2x2x2x2xf32>) -> tensor<1x2x2x2x2xf32> {
  %w = arith.constant dense<[[[[[1.0]]], [[[2.0]]]], [[[[3.0]]], [[[4.0]]]]]> : tensor<2x2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv3d %x, %w, %b : (tensor<1x2x2x2x2xf32>, tensor<2x2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  return %y : tensor<1x2x2x2x2xf32>
}

// CHECK-LABEL: func.func @conv2d_bn_torch_values
// Default eps and values PyTorch folds inexactly: the constants are the ones
// torch.nn.utils.fusion.fuse_conv_bn_eval computes for this conv and
// BatchNorm2d, bit for bit (checked with /usr/bin/python3 and torch 1.13).
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[0.347848624]]], {{\[}}{{\[}}[-0.645103394]]]]> : tensor<2x1x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[-1.09569716, 0.0879472643]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
func.func @conv2d_bn_torch_values(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[0.3]]], [[[-1.7]]]]> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[0.1, -0.2]> : tensor<2xf32>
  %mean = arith.constant dense<[0.7, -0.3]> : tensor<2xf32>
  %var = arith.constant dense<[0.9, 2.5]> : tensor<2xf32>
  %g = arith.constant dense<[1.1, 0.6]> : tensor<2xf32>
  %beta = arith.constant dense<[-0.4, 0.05]> : tensor<2xf32>
  %c = quill.conv2d %x, %w, %b : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta
      : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

//===----------------------------------------------------------------------===//
// conv + batch_norm + relu (nni.ConvBnReLU*d in eval = ConvReLU*d of the
// folded conv)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv1d_bn_relu
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00], [2.000000e+00]], {{\[}}[-3.000000e+00], [-4.000000e+00]]]> : tensor<2x2x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv1d %arg0, %[[W]], %[[B]] {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[Y]]
func.func @conv1d_bn_relu(%x: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> {
  %w = arith.constant dense<[[[1.0], [2.0]], [[3.0], [4.0]]]> : tensor<2x2x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv1d %x, %w, %b : (tensor<1x2x4xf32>, tensor<2x2x1xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  %n = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  %r = quill.relu %n : tensor<1x2x4xf32> -> tensor<1x2x4xf32>
  return %r : tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @conv2d_bn_relu
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[-3.000000e+00]], {{\[}}[-4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %[[W]], %[[B]] {fused_activation = #quill.fused_activation<relu>, quill.module = "layer1.0.conv1", quill.module_type = "torch.nn.Conv2d"}
// CHECK-NEXT: return %[[Y]]
func.func @conv2d_bn_relu(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv2d %x, %w, %b {quill.module = "layer1.0.conv1", quill.module_type = "torch.nn.Conv2d"}
      : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %n = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64, quill.module = "layer1.0.bn1"}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %n {quill.module = "layer1.0.relu"} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @conv3d_bn_relu
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[2.000000e+00]]]], {{\[}}{{\[}}{{\[}}[-3.000000e+00]]], {{\[}}{{\[}}[-4.000000e+00]]]]]> : tensor<2x2x1x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv3d %arg0, %[[W]], %[[B]] {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[Y]]
func.func @conv3d_bn_relu(%x: tensor<1x2x2x2x2xf32>) -> tensor<1x2x2x2x2xf32> {
  %w = arith.constant dense<[[[[[1.0]]], [[[2.0]]]], [[[[3.0]]], [[[4.0]]]]]> : tensor<2x2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv3d %x, %w, %b : (tensor<1x2x2x2x2xf32>, tensor<2x2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  %n = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  %r = quill.relu %n : tensor<1x2x2x2x2xf32> -> tensor<1x2x2x2x2xf32>
  return %r : tensor<1x2x2x2x2xf32>
}

//===----------------------------------------------------------------------===//
// conv_transpose + batch_norm: the weight is [C_in, C_out, k...], so the
// scale [1, -1] applies along dimension 1 (fuse_conv_bn_eval(transpose=True))
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_transpose1d_bn
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00], [-2.000000e+00]], {{\[}}[3.000000e+00], [-4.000000e+00]]]> : tensor<2x2x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv_transpose1d %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
func.func @conv_transpose1d_bn(%x: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> {
  %w = arith.constant dense<[[[1.0], [2.0]], [[3.0], [4.0]]]> : tensor<2x2x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv_transpose1d %x, %w, %b : (tensor<1x2x4xf32>, tensor<2x2x1xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @conv_transpose2d_bn
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[-2.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]], {{\[}}[-4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv_transpose2d %arg0, %[[W]], %[[B]] {stride = array<i64: 2, 2>}
// CHECK-NEXT: return %[[Y]]
func.func @conv_transpose2d_bn(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv_transpose2d %x, %w, %b {stride = array<i64: 2, 2>}
      : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// CHECK-LABEL: func.func @conv_transpose3d_bn
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[-2.000000e+00]]]], {{\[}}{{\[}}{{\[}}[3.000000e+00]]], {{\[}}{{\[}}[-4.000000e+00]]]]]> : tensor<2x2x1x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.conv_transpose3d %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
func.func @conv_transpose3d_bn(%x: tensor<1x2x2x2x2xf32>) -> tensor<1x2x2x2x2xf32> {
  %w = arith.constant dense<[[[[[1.0]]], [[[2.0]]]], [[[[3.0]]], [[[4.0]]]]]> : tensor<2x2x1x1x1xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %c = quill.conv_transpose3d %x, %w, %b : (tensor<1x2x2x2x2xf32>, tensor<2x2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  %y = quill.batch_norm %c, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<1x2x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  return %y : tensor<1x2x2x2x2xf32>
}

//===----------------------------------------------------------------------===//
// linear + relu (nni.LinearReLU), linear + batch_norm (nni.LinearBn1d)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @linear_relu
// CHECK-NEXT: %[[Y:.*]] = quill.linear %arg0, %arg1, %arg2 {fused_activation = #quill.fused_activation<relu>, quill.module = "fc1", quill.module_type = "torch.nn.Linear"}
// CHECK-NEXT: return %[[Y]]
func.func @linear_relu(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %l = quill.linear %x, %w, %b {quill.module = "fc1", quill.module_type = "torch.nn.Linear"}
      : (tensor<2x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %r = quill.relu %l {quill.module_type = "torch.nn.functional.relu"} : tensor<2x8xf32> -> tensor<2x8xf32>
  return %r : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @linear_bn
// fuse_linear_bn_eval: W'[c] = W[c] * gamma[c] * inv, rows are channels.
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [-3.000000e+00, -4.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[2.500000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: %[[Y:.*]] = quill.linear %arg0, %[[W]], %[[B]] :
// CHECK-NEXT: return %[[Y]]
func.func @linear_bn(%x: tensor<5x2xf32>) -> tensor<5x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %g = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 1.0]> : tensor<2xf32>
  %l = quill.linear %x, %w, %b : (tensor<5x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<5x2xf32>
  %y = quill.batch_norm %l, %mean, %var weight %g bias %beta {eps = 1.0 : f64}
      : (tensor<5x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}

//===----------------------------------------------------------------------===//
// batch_norm + relu (nni.BNReLU2d, nni.BNReLU3d): no folding, the batch
// norm takes the activation
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @bn2d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.batch_norm %arg0, %arg1, %arg2 {fused_activation = #quill.fused_activation<relu>, quill.module = "bn"}
// CHECK-NEXT: return %[[Y]]
func.func @bn2d_relu(%x: tensor<1x4x8x8xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %n = quill.batch_norm %x, %mean, %var {quill.module = "bn"} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %r = quill.relu %n : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  return %r : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @bn3d_relu
// CHECK-NEXT: %[[Y:.*]] = quill.batch_norm %arg0, %arg1, %arg2 weight %arg3 bias %arg4 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[Y]]
func.func @bn3d_relu(%x: tensor<1x4x2x2x2xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>,
                     %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x4x2x2x2xf32> {
  %n = quill.batch_norm %x, %mean, %var weight %g bias %b
      : (tensor<1x4x2x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2x2xf32>
  %r = quill.relu %n : tensor<1x4x2x2x2xf32> -> tensor<1x4x2x2x2xf32>
  return %r : tensor<1x4x2x2x2xf32>
}

//===----------------------------------------------------------------------===//
// The fused op produces the last op's result type (its uses expect it)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @result_type_of_last_op
// CHECK-NEXT: %[[Y:.*]] = quill.conv2d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>} : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x?x?xf32>
// CHECK-NEXT: return %[[Y]] : tensor<1x2x?x?xf32>
func.func @result_type_of_last_op(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>) -> tensor<1x2x?x?xf32> {
  %c = quill.conv2d %x, %w : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %c : tensor<1x2x4x4xf32> -> tensor<1x2x?x?xf32>
  return %r : tensor<1x2x?x?xf32>
}
