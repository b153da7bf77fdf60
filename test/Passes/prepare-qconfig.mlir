// RUN: split-file %s %t
// RUN: quant-opt %t/rules.mlir --quill-prepare="backend=x86 qconfig=%S/Inputs/prepare-mapping.json" | FileCheck %t/rules.mlir
// RUN: quant-opt %t/reuse.mlir --quill-prepare="backend=x86 qconfig=x86" | FileCheck %t/reuse.mlir

// QConfigMapping rules choose each op's QConfig (PyTorch's precedence:
// global < object type < module-name regex < module name < module name +
// object type + order); a None QConfig leaves the op float.

//--- rules.mlir
// Inputs/prepare-mapping.json: global = x86 (histogram reduce_range,
// per-channel weights); object type quill.linear -> MinMax [0, 127] with
// per-tensor weights; regex "features\.\d+$" -> MovingAverage; module name
// "head" -> None; ("", quill.linear, 1) -> histogram without reduce_range.

// CHECK-LABEL: func.func @rules
// Linear #0 of the root module: the object-type rule.
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0, quant_max = 127>}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WT:.*]] = quill.observe %[[W]] {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// The shared weight gets a second observer for linear #1's other spec.
// CHECK-NEXT: %[[WC:.*]] = quill.observe %[[W]] {id = 3 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>}
// CHECK-NEXT: %[[A:.*]] = quill.linear %[[X]], %[[WT]]
// CHECK-NEXT: %[[AO:.*]] = quill.observe %[[A]] {id = 2 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0, quant_max = 127>}
// Linear #1: the order rule. Its input is already quint8 (PyTorch compares
// dtypes, not observer classes): no new input observer.
// CHECK-NEXT: %[[B:.*]] = quill.linear %[[AO]], %[[WC]]
// CHECK-NEXT: %[[BO:.*]] = quill.observe %[[B]] {id = 4 : i64, observer = #quill.observer<histogram, quint8>}
// The regex rule; its weight observer equals linear #0's: reused.
// CHECK-NEXT: %[[C:.*]] = quill.linear %[[BO]], %[[WT]] {quill.module = "features.3"}
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 5 : i64, observer = #quill.observer<moving_average_min_max, quint8>, quill.module = "features.3"}
// "head" and its children have no QConfig: float, no observers.
// CHECK-NEXT: %[[D:.*]] = quill.linear %[[CO]], %[[W]] {quill.module = "head.fc"}
// CHECK-NEXT: %[[E:.*]] = quill.relu %[[D]] {quill.module = "head"}
// The global QConfig again: the float relu output is observed.
// CHECK-NEXT: %[[EO:.*]] = quill.observe %[[E]] {id = 6 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: %[[F:.*]] = quill.hardswish %[[EO]]
// CHECK-NEXT: %[[FO:.*]] = quill.observe %[[F]] {id = 7 : i64
// CHECK-NEXT: return %[[FO]]
func.func @rules(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  %a = quill.linear %x, %w : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %b = quill.linear %a, %w : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %c = quill.linear %b, %w {quill.module = "features.3"} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %d = quill.linear %c, %w {quill.module = "head.fc"} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %e = quill.relu %d {quill.module = "head"} : tensor<1x4xf32> -> tensor<1x4xf32>
  %f = quill.hardswish %e : tensor<1x4xf32> -> tensor<1x4xf32>
  return %f : tensor<1x4xf32>
}

// A None op inside a chain breaks the match: conv alone is quantized, the
// relu stays float.
// CHECK-LABEL: func.func @none_in_chain
// CHECK: %[[C:.*]] = quill.conv2d
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 2 : i64
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[CO]] {quill.module = "head"}
// CHECK-NEXT: return %[[R]]
func.func @none_in_chain(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %c {quill.module = "head"} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

//--- reuse.mlir
// get_default_qconfig_mapping gives the "reshape" method
// default_reuse_input_qconfig (ReuseInputObserver): the op never observes
// its input; its output is observed by the observer upstream (same id and
// spec: PyTorch points the ReuseInputObserver to that instance), and with
// none there the op stays float.

// CHECK-LABEL: func.func @reuse_input
// The observer on %arg0 is the linear's; the first reshape adds none.
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[R:.*]] = quill.reshape %arg0
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %cst {id = 1 : i64
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[X]], %[[WO]]
// CHECK-NEXT: %[[LO:.*]] = quill.observe %[[L]] {id = 2 : i64
// CHECK-NEXT: %[[S:.*]] = quill.reshape %[[LO]]
// CHECK-NEXT: %[[SO:.*]] = quill.observe %[[S]] {id = 2 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
// CHECK-NEXT: return %[[R]], %[[SO]]
func.func @reuse_input(%x: tensor<2x4xf32>) -> (tensor<4x2xf32>, tensor<8xf32>) {
  %r = quill.reshape %x {quill.module_type = "reshape"} : tensor<2x4xf32> -> tensor<4x2xf32>
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  %l = quill.linear %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %s = quill.reshape %l {quill.module_type = "reshape"} : tensor<2x4xf32> -> tensor<8xf32>
  return %r, %s : tensor<4x2xf32>, tensor<8xf32>
}

// Without the "reshape" module type the op is plain quill.reshape, a
// share-qparams op under the global QConfig: a float input is observed.
// CHECK-LABEL: func.func @reshape_share
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK-NEXT: %[[R:.*]] = quill.reshape %[[X]]
// CHECK-NEXT: %[[RO:.*]] = quill.observe %[[R]] {id = 0 : i64
// CHECK-NEXT: return %[[RO]]
func.func @reshape_share(%x: tensor<2x4xf32>) -> tensor<8xf32> {
  %r = quill.reshape %x : tensor<2x4xf32> -> tensor<8xf32>
  return %r : tensor<8xf32>
}
