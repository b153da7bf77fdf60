// RUN: quant-opt %s -split-input-file -verify-diagnostics --quill-convert="backend=x86" | FileCheck %s

// Arguments and results quill-prepare recorded as quantized
// (quill.input_quantized_idxs / quill.output_quantized_idxs, PyTorch's
// input/output_quantized_idxs) take their observers' quantized types: the
// caller passes and receives int8 tensors. Float users of a quantized
// argument read it dequantized; the attributes are consumed.

// CHECK-LABEL: func.func @io
// CHECK-SAME: (%arg0: tensor<1x4x!quant.uniform<u8:f32, 1.000000e-01:10>>) -> (tensor<1x4x!quant.uniform<u8:f32, 2.000000e-01>>, tensor<1x4xf32>)
// CHECK-SAME: attributes {quill.numerics = "onednn"}
// CHECK-NEXT: %[[D:.*]] = quant.dcast %arg0
// CHECK-NEXT: %[[R:.*]] = quill.relu %arg0 : tensor<1x4x!quant.uniform<u8:f32, 1.000000e-01:10>> -> tensor<1x4x!quant.uniform<u8:f32, 2.000000e-01>>
// CHECK-NEXT: %[[G:.*]] = quill.gelu %[[D]] : tensor<1x4xf32>
// CHECK-NEXT: return %[[R]], %[[G]]
func.func @io(%x: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) attributes {quill.input_quantized_idxs = array<i64: 0>, quill.output_quantized_idxs = array<i64: 0>} {
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 10>} : tensor<1x4xf32>
  %r = quill.relu %xo : tensor<1x4xf32> -> tensor<1x4xf32>
  %ro = quill.observe %r {id = 1 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.2>, zero_point = array<i64: 0>} : tensor<1x4xf32>
  %g = quill.gelu %x : tensor<1x4xf32> -> tensor<1x4xf32>
  return %ro, %g : tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// expected-error @+1 {{argument 0 is marked quantized but no static observer gives it a quantized type}}
func.func @unobserved_input(%x: tensor<4xf32>) -> tensor<4xf32> attributes {quill.input_quantized_idxs = array<i64: 0>} {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{result 0 is marked quantized but no static observer gives it a quantized type}}
func.func @unobserved_output(%x: tensor<4xf32>) -> tensor<4xf32> attributes {quill.output_quantized_idxs = array<i64: 0>} {
  %g = quill.gelu %x : tensor<4xf32> -> tensor<4xf32>
  return %g : tensor<4xf32>
}
