// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// The discardable attributes `quill.module` (PyTorch module path) and
// `quill.module_type` (module class), read by QConfigMapping rules: allowed
// on quill ops, on arith.constant and on any other op.

// CHECK-LABEL: func.func @on_quill_ops
func.func @on_quill_ops(%x: tensor<1x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<1x8xf32> {
  // CHECK: quill.linear %{{.*}}, %{{.*}}, %{{.*}} {quill.module = "layer1.0.fc", quill.module_type = "torch.nn.Linear"} : (tensor<1x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<1x8xf32>
  %0 = quill.linear %x, %w, %b {quill.module = "layer1.0.fc", quill.module_type = "torch.nn.Linear"}
      : (tensor<1x16xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<1x8xf32>
  // Either attribute alone.
  // CHECK: quill.relu %{{.*}} {quill.module_type = "torch.nn.ReLU"} : tensor<1x8xf32> -> tensor<1x8xf32>
  %1 = quill.relu %0 {quill.module_type = "torch.nn.ReLU"} : tensor<1x8xf32> -> tensor<1x8xf32>
  // CHECK: quill.relu %{{.*}} {quill.module = "relu"} : tensor<1x8xf32> -> tensor<1x8xf32>
  %2 = quill.relu %1 {quill.module = "relu"} : tensor<1x8xf32> -> tensor<1x8xf32>
  // Next to inherent attributes, on an op that is not Pure; functional
  // module types and non-ASCII paths are just strings.
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, observer = #quill.observer<histogram, quint8>, quill.module = "blocks.\C3\A9t\C3\A9.act", quill.module_type = "torch.nn.functional.relu"} : tensor<1x8xf32>
  %3 = quill.observe %2 {id = 0 : i64, observer = #quill.observer<histogram, quint8>, quill.module = "blocks.été.act", quill.module_type = "torch.nn.functional.relu"} : tensor<1x8xf32>
  return %3 : tensor<1x8xf32>
}

// CHECK-LABEL: func.func @on_multi_result_op
func.func @on_multi_result_op(%x: tensor<5x2x3xf32>, %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>) -> tensor<5x2x2xf32> {
  // CHECK: quill.gru %{{.*}} weights(%{{.*}}, %{{.*}}) {has_biases = false, hidden_size = 2 : i64, quill.module = "encoder.rnn", quill.module_type = "torch.nn.GRU"}
  %y, %h = quill.gru %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false, quill.module = "encoder.rnn", quill.module_type = "torch.nn.GRU"}
      : (tensor<5x2x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// CHECK-LABEL: func.func @on_constants
func.func @on_constants() -> (tensor<8x16xf32>, tensor<8xf32>, i64) {
  // Parameters keep the path of the module that owns them.
  // CHECK: arith.constant {quill.module = "fc.weight"} dense<5.000000e-02> : tensor<8x16xf32>
  %w = arith.constant {quill.module = "fc.weight"} dense<0.05> : tensor<8x16xf32>
  // CHECK: arith.constant {quill.module = "fc.bias", quill.module_type = "torch.nn.Linear"} dense<0.000000e+00> : tensor<8xf32>
  %b = arith.constant {quill.module = "fc.bias", quill.module_type = "torch.nn.Linear"} dense<0.0> : tensor<8xf32>
  // CHECK: arith.constant {quill.module = "scalar"} 3 : i64
  %c = arith.constant {quill.module = "scalar"} 3 : i64
  return %w, %b, %c : tensor<8x16xf32>, tensor<8xf32>, i64
}

// CHECK-LABEL: func.func @on_other_ops
// CHECK-SAME: attributes {quill.module = "model", quill.module_type = "torchvision.models.resnet.ResNet"}
func.func @on_other_ops(%x: tensor<2x3xf32>) -> tensor<3x2xf32> attributes {quill.module = "model", quill.module_type = "torchvision.models.resnet.ResNet"} {
  // Any op may carry them (here tensor and func ops).
  // CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] {quill.module = "flatten"} : tensor<2x3xf32> into tensor<6xf32>
  %0 = tensor.collapse_shape %x [[0, 1]] {quill.module = "flatten"} : tensor<2x3xf32> into tensor<6xf32>
  // CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [3, 2] {quill.module_type = "torch.nn.Unflatten"} : tensor<6xf32> into tensor<3x2xf32>
  %1 = tensor.expand_shape %0 [[0, 1]] output_shape [3, 2] {quill.module_type = "torch.nn.Unflatten"} : tensor<6xf32> into tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}
