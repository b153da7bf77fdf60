// RUN: quant-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --quill-verify-graph=require-quill-only=true

// quill-verify-graph diagnostics: observer / fake-quant ids shared by
// different observers,
// badly quantized types the op verifiers never see (function arguments and
// declarations, constants and other non-quill results), and with
// require-quill-only every op outside quill, func, arith, tensor and quant.

//===----------------------------------------------------------------------===//
// Observer ids
//===----------------------------------------------------------------------===//

func.func @duplicate_observe_id(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-note @+1 {{first used here}}
  %0 = quill.observe %x {id = 3 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  %1 = quill.relu %0 : tensor<4xf32> -> tensor<4xf32>
  // expected-error @+1 {{observer id 3 is shared by ops of different observers (one id is one observer)}}
  %2 = quill.observe %1 {id = 3 : i64, observer = #quill.observer<histogram, quint8>} : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

func.func @duplicate_across_observe_and_fake_quant(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-note @+1 {{first used here}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<4xf32>
  // expected-error @+1 {{observer id 0 is shared by ops of different observers (one id is one observer)}}
  %1 = quill.observe %0 {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

func.func @every_duplicate_reported(%x: tensor<4xf32>) -> tensor<4xf32> {
  // Each mismatch is reported with a note at the first use (both notes
  // match the one expectation below: -verify-diagnostics matches by line);
  // an equal observer sharing the id is fine.
  // expected-note @+1 {{first used here}}
  %0 = quill.observe %x {id = 7 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  // expected-error @+1 {{observer id 7 is shared by ops of different observers (one id is one observer)}}
  %1 = quill.observe %0 {id = 7 : i64, observer = #quill.observer<histogram, quint8>} : tensor<4xf32>
  %2 = quill.observe %1 {id = 8 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  // expected-error @+1 {{observer id 7 is shared by ops of different observers (one id is one observer)}}
  %3 = quill.fake_quant %2 {id = 7 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  return %3 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Quantized types outside quill ops
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{argument #1 of @bad_argument has zero point 300 outside the storage range [0, 255]}}
func.func @bad_argument(%x: tensor<4xf32>, %q: tensor<4x!quant.uniform<u8:f32, 0.1:300>>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 of @bad_argument_custom_range has zero point -128 outside the storage range [-127, 127]}}
func.func @bad_argument_custom_range(%q: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:-128>>) {
  return
}

// -----

// expected-error @+1 {{argument #0 of @bad_per_axis_argument has 2 per-axis scales for dimension 0 of size 8}}
func.func @bad_per_axis_argument(%w: tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  return
}

// -----

// expected-error @+1 {{argument #0 of @unranked_per_axis_argument is per-axis quantized but has no known rank}}
func.func @unranked_per_axis_argument(%w: tensor<*x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  return
}

// -----

// Every argument is checked.
// expected-error @+2 {{argument #0 of @two_bad_arguments is quantized along dimension 3 but has rank 2}}
// expected-error @+1 {{argument #1 of @two_bad_arguments has zero point 256 outside the storage range [0, 255]}}
func.func @two_bad_arguments(%a: tensor<2x2x!quant.uniform<i8:f32:3, {0.1}>>, %b: tensor<2x!quant.uniform<u8:f32, 0.1:256>>) {
  return
}

// -----

!nan_scale = tensor<4x!quant.uniform<u8:f32, 0x7FF8000000000000:3>>
// expected-error @+1 {{argument #0 of @nan_scale_argument has quantization scale nan; scales must be positive and finite}}
func.func @nan_scale_argument(%x: !nan_scale) {
  return
}

// -----

// A declaration has no block arguments: its signature is checked instead.
// expected-error @+2 {{argument #0 of @bad_declaration has zero point 300 outside the storage range [0, 255]}}
// expected-error @+1 {{result #0 of @bad_declaration has zero point -129 outside the storage range [-128, 127]}}
func.func private @bad_declaration(tensor<4x!quant.uniform<u8:f32, 0.1:300>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:-129>>

// -----

func.func @bad_constant() -> tensor<4x!quant.uniform<u8:f32, 0.1:300>> {
  // expected-error @+1 {{result #0 has zero point 300 outside the storage range [0, 255]}}
  %c = arith.constant dense_resource<blob> : tensor<4x!quant.uniform<u8:f32, 0.1:300>>
  return %c : tensor<4x!quant.uniform<u8:f32, 0.1:300>>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x0400000001020304"
    }
  }
#-}

// -----

func.func @bad_per_axis_constant() -> tensor<3x!quant.uniform<i8:f32:0, {0.1:0, 0.2:0, 0.3:200}>> {
  // expected-error @+1 {{result #0 has zero point 200 outside the storage range [-128, 127]}}
  %c = arith.constant dense_resource<blob> : tensor<3x!quant.uniform<i8:f32:0, {0.1:0, 0.2:0, 0.3:200}>>
  return %c : tensor<3x!quant.uniform<i8:f32:0, {0.1:0, 0.2:0, 0.3:200}>>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x04000000010203"
    }
  }
#-}

// -----

func.func @bad_tensor_result() -> tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>> {
  // expected-error @+1 {{result #0 has 2 per-axis scales for dimension 0 of size 4}}
  %e = tensor.empty() : tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return %e : tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
}

// -----

func.func @bad_quant_cast_result(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32, 0.1:-1>> {
  // expected-error @+1 {{result #0 has zero point -1 outside the storage range [0, 255]}}
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.1:-1>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.1:-1>>
}

//===----------------------------------------------------------------------===//
// require-quill-only
//===----------------------------------------------------------------------===//

// -----

func.func @unregistered_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{op 'foo.bar' is not understood by Quill (dialect 'foo')}}
  %0 = "foo.bar"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @registered_foreign_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // builtin is registered but not on the allow-list.
  // expected-error @+1 {{op 'builtin.unrealized_conversion_cast' is not understood by Quill (dialect 'builtin')}}
  %0 = builtin.unrealized_conversion_cast %x : tensor<4xf32> to tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @nested_foreign_ops(%x: tensor<4xf32>) -> tensor<4xf32> {
  // Ops nested in regions are walked too; ids inside count as well.
  // expected-error @+1 {{op 'foo.region' is not understood by Quill (dialect 'foo')}}
  %0 = "foo.region"(%x) ({
  ^bb0(%a: tensor<4xf32>):
    // expected-note @+1 {{first used here}}
    %1 = quill.observe %a {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
    // expected-error @+1 {{op 'foo.yield' is not understood by Quill (dialect 'foo')}}
    "foo.yield"(%1) : (tensor<4xf32>) -> ()
  }) : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+1 {{observer id 0 is shared by ops of different observers (one id is one observer)}}
  %2 = quill.observe %0 {id = 0 : i64, observer = #quill.observer<histogram, quint8>} : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

func.func @all_problems_reported(%x: tensor<4xf32>) -> tensor<4xf32> {
  // The pass reports every problem, not only the first.
  // expected-error @+1 {{op 'foo.bar' is not understood by Quill (dialect 'foo')}}
  %0 = "foo.bar"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+2 {{op 'foo.quantize' is not understood by Quill (dialect 'foo')}}
  // expected-error @+1 {{result #0 has zero point 999 outside the storage range [0, 255]}}
  %1 = "foo.quantize"(%0) : (tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32, 0.1:999>>
  // expected-note @+1 {{first used here}}
  %2 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  // expected-error @+1 {{observer id 1 is shared by ops of different observers (one id is one observer)}}
  %3 = quill.observe %2 {id = 1 : i64, observer = #quill.observer<histogram, quint8>} : tensor<4xf32>
  return %3 : tensor<4xf32>
}
