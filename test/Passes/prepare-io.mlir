// RUN: split-file %s %t
// RUN: quant-opt %t/io.mlir --quill-prepare="backend=x86 qconfig=x86 input-quantized-idxs=0 output-quantized-idxs=0,1" | FileCheck %t/io.mlir
// RUN: quant-opt %t/float.mlir --quill-prepare="backend=x86 qconfig=x86" | FileCheck %t/float.mlir
// RUN: quant-opt %t/errors.mlir --quill-prepare="backend=x86 qconfig=x86 input-quantized-idxs=1 output-quantized-idxs=0" -split-input-file -verify-diagnostics
// RUN: quant-opt %t/bad-index.mlir --quill-prepare="input-quantized-idxs=3" -verify-diagnostics
// RUN: quant-opt %t/bad-output.mlir --quill-prepare="output-quantized-idxs=2" -verify-diagnostics

// Graph inputs and outputs stay float unless listed in input-quantized-idxs
// / output-quantized-idxs (PyTorch's PrepareCustomConfig fields). The lists
// are recorded as function attributes for quill-convert, which gives those
// arguments and results quantized types. A quantized argument's qparams
// must be known when the graph is compiled, so it is observed once, at
// entry, with the activation observer of its first quantizing user; a
// quantized result is observed if it is not already (with its producer's
// activation observer, as PyTorch's maybe_insert_observers_before_graph_output).

//--- io.mlir
// CHECK-LABEL: func.func @io
// CHECK-SAME: attributes {quill.input_quantized_idxs = array<i64: 0>, quill.output_quantized_idxs = array<i64: 0, 1>}
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "pool"}
// The pool shares the argument's observer, the conv needs no input observer.
// CHECK-NEXT: %[[P:.*]] = quill.max_pool2d %[[X]]
// CHECK-NEXT: %[[PO:.*]] = quill.observe %[[P]] {id = 0 : i64
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %[[PO]], %[[WO]]
// CHECK-NEXT: %[[CO:.*]] = quill.observe %[[C]] {id = 2 : i64
// gelu has no entry: its float result gets its QConfig's activation observer
// before the return only (inserted after the graph is walked: id 5); the
// sigmoid observes it with its own fixed observer. Result #2 is not listed:
// quill-convert returns it float.
// CHECK-NEXT: %[[G:.*]] = quill.gelu %[[CO]] {quill.module = "act"}
// CHECK-NEXT: %[[GO:.*]] = quill.observe %[[G]] {id = 5 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>, quill.module = "act"}
// CHECK-NEXT: %[[GS:.*]] = quill.observe %[[G]] {id = 3 : i64, observer = #quill.observer<fixed_qparams
// CHECK-NEXT: %[[S:.*]] = quill.sigmoid %[[GS]]
// CHECK-NEXT: %[[SO:.*]] = quill.observe %[[S]] {id = 4 : i64
// CHECK-NEXT: return %[[CO]], %[[GO]], %[[SO]]
func.func @io(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %p = quill.max_pool2d %x {kernel_size = array<i64: 2, 2>, quill.module = "pool"} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %p, %w : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %g = quill.gelu %c {quill.module = "act"} : tensor<1x2x2x2xf32> -> tensor<1x2x2x2xf32>
  %s = quill.sigmoid %g : tensor<1x2x2x2xf32> -> tensor<1x2x2x2xf32>
  return %c, %g, %s : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

//--- float.mlir
// By default the function keeps float arguments and results, and no
// attribute is added.
// CHECK-LABEL: func.func @float(%arg0: tensor<2x4xf32>) -> tensor<2x4xf32> {
func.func @float(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = quill.relu %x : tensor<2x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

//--- errors.mlir
// expected-error @+1 {{quill-prepare: input-quantized-idxs: argument #1 is not a float tensor}}
func.func @not_float(%x: tensor<2x4xf32>, %i: tensor<3xi64>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

// -----

// expected-error @+1 {{quill-prepare: input-quantized-idxs: argument #1 has no user whose QConfig quantizes activations statically, so nothing says how to observe it}}
func.func @no_user(%x: tensor<2x4xf32>, %y: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %y : tensor<2x4xf32>
}

// -----

func.func @output_from_argument(%x: tensor<2x4xf32>, %y: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = quill.relu %y : tensor<2x4xf32> -> tensor<2x4xf32>
  // expected-error @+1 {{quill-prepare: output-quantized-idxs: result #0 comes from a function argument, whose QConfig does not quantize activations statically}}
  return %x : tensor<2x4xf32>
}

//--- bad-index.mlir
// expected-error @+1 {{quill-prepare: input-quantized-idxs: no argument #3 (the function has 1)}}
func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}

//--- bad-output.mlir
func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{quill-prepare: output-quantized-idxs: no result #2 (the function returns 1)}}
  return %x : tensor<2x4xf32>
}
