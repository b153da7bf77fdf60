// RUN: quant-opt %s --quill-fuse="backend=x86 qconfig=%S/Inputs/fuse-qconfig.json" | FileCheck %s

// Negative cases: patterns of the x86 table that must not fuse.
// Inputs/fuse-qconfig.json: the x86 default QConfig globally, None for the
// modules under "float_part" and for the second linear of the root module
// (a module_name_object_type_order rule), another QConfig under
// "qnnpack_part".

// CHECK-LABEL: func.func @second_use_blocks_relu
// The conv's result is also returned: fusing would lose the pre-relu value.
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %arg0, %arg1 :
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[C]]
// CHECK-NEXT: return %[[C]], %[[R]]
func.func @second_use_blocks_relu(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %c = quill.conv2d %x, %w : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %c : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %c, %r : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @second_use_of_bn_falls_back_to_conv_bn
// conv -> bn -> relu with the bn result read twice: the 3-op pattern is
// blocked, conv + bn still folds and the relu stays.
// CHECK:      %[[C:.*]] = quill.conv2d %arg0, %{{.*}}, %{{.*}} :
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[C]]
// CHECK-NEXT: return %[[C]], %[[R]]
func.func @second_use_of_bn_falls_back_to_conv_bn(%x: tensor<1x2x4x4xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %mean = arith.constant dense<0.0> : tensor<2xf32>
  %var = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = quill.batch_norm %c, %mean, %var : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %n : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %n, %r : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @none_qconfig_relu
// The relu's QConfig is None ("float_part.relu" falls back to the module
// name "float_part"): it is left alone and the conv stays unfused.
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %arg0, %arg1 {quill.module = "body.conv"}
// CHECK-NEXT: quill.relu %[[C]] {quill.module = "float_part.relu"}
func.func @none_qconfig_relu(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c = quill.conv2d %x, %w {quill.module = "body.conv"} : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %c {quill.module = "float_part.relu"} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @none_qconfig_relu_after_bn
// conv + bn + relu with a None relu: conv + bn (both quantized) still fold.
// CHECK:      %[[C:.*]] = quill.conv2d %arg0, %{{.*}}, %{{.*}} {quill.module = "body.conv"}
// CHECK-NEXT: quill.relu %[[C]] {quill.module = "float_part.relu"}
func.func @none_qconfig_relu_after_bn(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %mean = arith.constant dense<0.0> : tensor<2xf32>
  %var = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w {quill.module = "body.conv"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = quill.batch_norm %c, %mean, %var {quill.module = "body.bn"} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %n {quill.module = "float_part.relu"} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @none_qconfig_conv
// A None root: nothing fuses into it.
// CHECK-NEXT: %[[C:.*]] = quill.linear %arg0, %arg1 {quill.module = "float_part.fc"}
// CHECK-NEXT: quill.relu %[[C]]
func.func @none_qconfig_conv(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  %l = quill.linear %x, %w {quill.module = "float_part.fc"} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  %r = quill.relu %l : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @equal_qconfigs_fuse
// Two different module names resolving to the same QConfig fuse normally.
// CHECK-NEXT: quill.linear %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>, quill.module = "qnnpack_part.fc"}
// CHECK-NEXT: return
func.func @equal_qconfigs_fuse(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  %l = quill.linear %x, %w {quill.module = "qnnpack_part.fc"} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  %r = quill.relu %l {quill.module = "qnnpack_part.relu"} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @batch_norm1d_relu
// x86 fuses batch_norm + relu for BatchNorm2d/3d only (input rank 4 or 5,
// nni.BNReLU2d/3d): BatchNorm1d inputs (rank 2 or 3) stay apart.
// CHECK-NEXT: %[[N2:.*]] = quill.batch_norm %arg0, %arg2, %arg3 :
// CHECK-NEXT: quill.relu %[[N2]]
// CHECK-NEXT: %[[N3:.*]] = quill.batch_norm %arg1, %arg2, %arg3 :
// CHECK-NEXT: quill.relu %[[N3]]
func.func @batch_norm1d_relu(%x2: tensor<8x4xf32>, %x3: tensor<8x4x5xf32>, %mean: tensor<4xf32>, %var: tensor<4xf32>)
    -> (tensor<8x4xf32>, tensor<8x4x5xf32>) {
  %n2 = quill.batch_norm %x2, %mean, %var : (tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %r2 = quill.relu %n2 : tensor<8x4xf32> -> tensor<8x4xf32>
  %n3 = quill.batch_norm %x3, %mean, %var : (tensor<8x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<8x4x5xf32>
  %r3 = quill.relu %n3 : tensor<8x4x5xf32> -> tensor<8x4x5xf32>
  return %r2, %r3 : tensor<8x4xf32>, tensor<8x4x5xf32>
}

// CHECK-LABEL: func.func @double_relu
// relu(relu(conv)): the outer relu is visited first, but no x86 entry is
// relu(relu(...)); the inner relu then fuses with the conv, the outer stays.
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: quill.relu %[[C]]
func.func @double_relu(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c = quill.conv2d %x, %w : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r1 = quill.relu %c : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %r2 = quill.relu %r1 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r2 : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @conv_relu_conv_relu
// Two chains in a row each fuse, the second conv reading the first's fused
// result.
// CHECK-NEXT: %[[A:.*]] = quill.conv2d %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: %[[B:.*]] = quill.conv2d %[[A]], %arg2 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[B]]
func.func @conv_relu_conv_relu(%x: tensor<1x3x4x4xf32>, %w1: tensor<2x3x1x1xf32>, %w2: tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c1 = quill.conv2d %x, %w1 : (tensor<1x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r1 = quill.relu %c1 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %c2 = quill.conv2d %r1, %w2 : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r2 = quill.relu %c2 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r2 : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @order_rule
// Ops are counted per (module, object type) in function order: the linear
// with index 1 in the root module "" is None and stays apart from its relu.
// CHECK-NEXT: %[[A:.*]] = quill.linear %arg0, %arg1 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: %[[B:.*]] = quill.linear %[[A]], %arg1 :
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[B]]
// CHECK-NEXT: %[[C:.*]] = quill.linear %[[R]], %arg1 {fused_activation = #quill.fused_activation<relu>}
// CHECK-NEXT: return %[[C]]
func.func @order_rule(%x: tensor<2x4xf32>, %w: tensor<4x4xf32>) -> tensor<2x4xf32> {
  %l0 = quill.linear %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %r0 = quill.relu %l0 : tensor<2x4xf32> -> tensor<2x4xf32>
  %l1 = quill.linear %r0, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %r1 = quill.relu %l1 : tensor<2x4xf32> -> tensor<2x4xf32>
  %l2 = quill.linear %r1, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %r2 = quill.relu %l2 : tensor<2x4xf32> -> tensor<2x4xf32>
  return %r2 : tensor<2x4xf32>
}
