// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=dynamic" -verify-diagnostics | FileCheck %s
// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=dynamic_per_channel" -verify-diagnostics | FileCheck %s --check-prefix=PERCHANNEL
// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=float16_dynamic" -verify-diagnostics | FileCheck %s --check-prefix=FP16

// Dynamic quantization (default_dynamic_qconfig: PlaceholderObserver quint8
// with is_dynamic, MinMax qint8 weights): the first input of a dynamic op
// gets the placeholder (quill-convert turns it into a per-call quantizer),
// the weight its observer, the output nothing: it stays float. Ops whose
// dtype configs are static stay float with a remark.

// CHECK-LABEL: func.func @linear_relu_linear
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WO:.*]] = quill.observe %[[W]] {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// The bias stays float.
// CHECK-NEXT: %[[B:.*]] = arith.constant
// CHECK-NEXT: %[[A:.*]] = quill.linear %[[X]], %[[WO]], %[[B]]
// linear -> relu is one match (LinearReLU has a dynamic form); the output is
// float, so the next linear observes its input again.
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[A]]
// CHECK-NEXT: %[[RO:.*]] = quill.observe %[[R]] {id = 2 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>}
// CHECK-NEXT: %[[W2:.*]] = arith.constant
// CHECK-NEXT: %[[W2O:.*]] = quill.observe %[[W2]] {id = 3 : i64
// CHECK-NEXT: %[[C:.*]] = quill.linear %[[RO]], %[[W2O]]
// CHECK-NEXT: return %[[C]]

// PERCHANNEL-LABEL: func.func @linear_relu_linear
// PERCHANNEL: quill.observe %cst {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>}

// float16_dynamic_qconfig: float16 placeholders for the input and weight.
// FP16-LABEL: func.func @linear_relu_linear
// FP16-NEXT: quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<placeholder, float16, is_dynamic = true>}
// FP16-NEXT: arith.constant
// FP16-NEXT: quill.observe %cst {id = 1 : i64, observer = #quill.observer<placeholder, float16>}
func.func @linear_relu_linear(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  %b = arith.constant dense<0.5> : tensor<4xf32>
  %a = quill.linear %x, %w, %b : (tensor<2x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %r = quill.relu %a : tensor<2x4xf32> -> tensor<2x4xf32>
  %w2 = arith.constant dense<1.0> : tensor<3x4xf32>
  %c = quill.linear %r, %w2 : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// Two dynamic linears reading one value share its placeholder.
// CHECK-LABEL: func.func @shared_input
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64
// CHECK: quill.linear %[[X]]
// CHECK: quill.linear %[[X]]
// CHECK-NOT: = quill.observe %arg0
func.func @shared_input(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  %a = quill.linear %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %b = quill.linear %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %a, %b : tensor<2x4xf32>, tensor<2x4xf32>
}

// nn.LSTM (dynamic only): the input sequence gets the placeholder; the
// initial states are not its first input and stay float; w_ih and w_hh
// (QuantizableWeightsOpInterface) get the weight observer.
// CHECK-LABEL: func.func @lstm
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>}
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[WIH:.*]] = quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[WHH:.*]] = quill.observe %{{.*}} {id = 2 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// CHECK-NEXT: quill.lstm %[[X]] init(%arg1, %arg2) weights(%[[WIH]], %[[WHH]])
func.func @lstm(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2xf32>, %c0: tensor<1x2x2xf32>) -> tensor<5x2x2xf32> {
  %wih = arith.constant dense<0.1> : tensor<8x3xf32>
  %whh = arith.constant dense<0.2> : tensor<8x2xf32>
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// Static-only entries reject a dynamic QConfig.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: = quill.observe
// CHECK: return
func.func @conv(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  // expected-remark-re @+1 {{quill-prepare: 'quill.conv2d' stays float: backend 'x86' entry #{{[0-9]+}} (quill.conv2d) accepts no dtype config for its QConfig: dtype config #0: {{is_dynamic false does not match the dynamic activation|input_dtype quint8 does not match the activation's float16 \(dynamic\)}}}}
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %c : tensor<1x2x4x4xf32>
}
