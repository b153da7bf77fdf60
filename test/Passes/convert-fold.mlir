// RUN: quant-opt %s -split-input-file --quill-convert="backend=x86" | FileCheck %s
// RUN: quant-opt %s -split-input-file --quill-convert="backend=qnnpack" | FileCheck %s --check-prefix=QNNPACK

// quill-convert folds every BackendConfig pattern whose inputs are dcast'ed
// and whose result feeds a qcast into its root op on quantized types.

// A fused conv (relu applied by the op) on per-channel weights; the float
// bias stays float. A max_pool sharing the conv's observer runs on int8.
// CHECK-LABEL: func.func @conv_pool
// CHECK-SAME: attributes {quill.numerics = "onednn"}
// QNNPACK: attributes {quill.numerics = "qnnpack"}
// CHECK: %[[X:.*]] = quant.qcast %arg0 : tensor<1x1x4x4xf32> to tensor<1x1x4x4x!quant.uniform<u8:f32, 2.000000e-02:10>>
// CHECK: %[[W:.*]] = quant.scast %{{.*}} : tensor<2x1x3x3xi8> to tensor<2x1x3x3x!quant.uniform<i8:f32:0, {0.0078431377187371254,0.0039215688593685627}>>
// CHECK: %[[C:.*]] = quill.conv2d %[[X]], %[[W]], %{{.*}} {fused_activation = #quill.fused_activation<relu>, padding = array<i64: 1, 1>} : (tensor<1x1x4x4x!quant.uniform<u8:f32, 2.000000e-02:10>>, tensor<2x1x3x3x!quant.uniform<i8:f32:0, {{.*}}>>, tensor<2xf32>) -> tensor<1x2x4x4x!quant.uniform<u8:f32, 5.000000e-02>>
// CHECK: %[[P:.*]] = quill.max_pool2d %[[C]] {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4x!quant.uniform<u8:f32, 5.000000e-02>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 5.000000e-02>>
// CHECK: %[[D:.*]] = quant.dcast %[[P]]
// CHECK: return %[[D]]
func.func @conv_pool(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0, 0.5, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 0.25]]], [[[0.5, 0.5, 0.5], [0.0, 0.0, 0.0], [0.0, 0.0, -0.5]]]]> : tensor<2x1x3x3xf32>
  %b = arith.constant dense<[0.1, -0.1]> : tensor<2xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8>, scale = array<f64: 0.02>, zero_point = array<i64: 10>} : tensor<1x1x4x4xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>} : tensor<2x1x3x3xf32>
  %c = quill.conv2d %xo, %wo, %b {padding = array<i64: 1, 1>, fused_activation = #quill.fused_activation<relu>} : (tensor<1x1x4x4xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %co = quill.observe %c {id = 2 : i64, observer = #quill.observer<histogram, quint8>, scale = array<f64: 0.05>, zero_point = array<i64: 0>} : tensor<1x2x4x4xf32>
  %p = quill.max_pool2d %co {kernel_size = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %po = quill.observe %p {id = 2 : i64, observer = #quill.observer<histogram, quint8>, scale = array<f64: 0.05>, zero_point = array<i64: 0>} : tensor<1x2x2x2xf32>
  return %po : tensor<1x2x2x2xf32>
}

// -----

// add -> relu is one pattern: a quantized add with a fused relu.
// CHECK-LABEL: func.func @add_relu
// CHECK: %[[A:.*]] = quant.qcast %arg0 {{.*}}1.000000e-01:5
// CHECK: %[[B:.*]] = quant.qcast %arg1 {{.*}}2.000000e-01:7
// CHECK: %[[S:.*]] = quill.add %[[A]], %[[B]] {fused_activation = #quill.fused_activation<relu>} : (tensor<4x!quant.uniform<u8:f32, 1.000000e-01:5>>, tensor<4x!quant.uniform<u8:f32, 2.000000e-01:7>>) -> tensor<4x!quant.uniform<u8:f32, 3.000000e-01>>
// CHECK-NOT: quill.relu
func.func @add_relu(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %ao = quill.observe %a {id = 0 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 5>} : tensor<4xf32>
  %bo = quill.observe %b {id = 1 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.2>, zero_point = array<i64: 7>} : tensor<4xf32>
  %s = quill.add %ao, %bo : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r = quill.relu %s : tensor<4xf32> -> tensor<4xf32>
  %ro = quill.observe %r {id = 2 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.3>, zero_point = array<i64: 0>} : tensor<4xf32>
  return %ro : tensor<4xf32>
}

// -----

// Mixed graphs: an op the BackendConfig does not list (gelu in 1.13's x86
// table) computes in float between a dcast and a qcast.
// CHECK-LABEL: func.func @mixed
// CHECK: %[[S:.*]] = quill.sigmoid %{{.*}} : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:5>> -> tensor<4x!quant.uniform<u8:f32, 3.906250e-03>>
// CHECK: %[[D:.*]] = quant.dcast %[[S]]
// CHECK: %[[G:.*]] = quill.gelu %[[D]] : tensor<4xf32> -> tensor<4xf32>
// CHECK: %[[Q:.*]] = quant.qcast %[[G]]
// CHECK: quill.hardswish %[[Q]]
func.func @mixed(%a: tensor<4xf32>) -> tensor<4xf32> {
  %ao = quill.observe %a {id = 0 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 5>} : tensor<4xf32>
  %s = quill.sigmoid %ao : tensor<4xf32> -> tensor<4xf32>
  %so = quill.observe %s {id = 1 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<4xf32>
  %g = quill.gelu %so : tensor<4xf32> -> tensor<4xf32>
  %go = quill.observe %g {id = 2 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.01>, zero_point = array<i64: 20>} : tensor<4xf32>
  %h = quill.hardswish %go : tensor<4xf32> -> tensor<4xf32>
  %ho = quill.observe %h {id = 3 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.02>, zero_point = array<i64: 30>} : tensor<4xf32>
  return %ho : tensor<4xf32>
}

// -----

// Dynamic quantization: the placeholder-observed input and the quantized
// weight fold into a linear on a float input and an int8 weight (PyTorch's
// quantized::linear_dynamic); the result stays float.
// CHECK-LABEL: func.func @dynamic_linear
// CHECK: %[[W:.*]] = quant.scast %{{.*}} : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32, 0.015686275437474251>>
// CHECK: %[[Y:.*]] = quill.linear %arg0, %[[W]], %{{.*}} : (tensor<1x3xf32>, tensor<2x3x!quant.uniform<i8:f32, 0.015686275437474251>>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NEXT: return %[[Y]]
func.func @dynamic_linear(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.998], [0.0, 2.0, -0.5]]> : tensor<2x3xf32>
  %b = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>} : tensor<1x3xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<2x3xf32>
  %y = quill.linear %xo, %wo, %b : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Weight-only int8 linear: no quantized kernel takes a float input with an
// int8 weight statically, so it stays in reference form (dcast'ed weight).
// CHECK-LABEL: func.func @weight_only_linear
// CHECK: %[[WD:.*]] = quant.dcast %{{.*}} : tensor<2x3x!quant.uniform<i8:f32
// CHECK: quill.linear %arg0, %[[WD]], %{{.*}} : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
func.func @weight_only_linear(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.998], [0.0, 2.0, -0.5]]> : tensor<2x3xf32>
  %b = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>} : tensor<2x3xf32>
  %y = quill.linear %x, %wo, %b : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// A dynamic LSTM: float sequence and states, int8 w_ih / w_hh, float biases
// (PyTorch's nnqd.LSTM).
// CHECK-LABEL: func.func @dynamic_lstm
// CHECK: %[[WIH:.*]] = quant.scast %{{.*}} : tensor<8x3xi8> to tensor<8x3x!quant.uniform<i8:f32, {{.*}}>>
// CHECK: %[[WHH:.*]] = quant.scast %{{.*}} : tensor<8x2xi8> to tensor<8x2x!quant.uniform<i8:f32, {{.*}}>>
// CHECK: quill.lstm %arg0 weights(%[[WIH]], %[[WHH]], %{{.*}}, %{{.*}}) {hidden_size = 2 : i64}
// CHECK-SAME: -> (tensor<5x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
// CHECK-NOT: fake_quant_dynamic
func.func @dynamic_lstm(%x: tensor<5x1x3xf32>) -> tensor<5x1x2xf32> {
  %wih = arith.constant dense<[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [0.7, 0.8, 0.9], [-1.0, 0.1, 0.2], [0.3, 0.4, 0.5], [0.6, -0.7, 0.8], [0.9, 1.0, 0.1], [0.2, 0.3, -0.4]]> : tensor<8x3xf32>
  %whh = arith.constant dense<[[0.1, -0.2], [0.4, 0.5], [0.7, 0.8], [-1.0, 0.1], [0.3, 0.4], [0.6, -0.7], [0.9, 1.0], [0.2, 0.3]]> : tensor<8x2xf32>
  %bih = arith.constant dense<0.1> : tensor<8xf32>
  %bhh = arith.constant dense<0.2> : tensor<8xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>} : tensor<5x1x3xf32>
  %wo1 = quill.observe %wih {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<8x3xf32>
  %wo2 = quill.observe %whh {id = 2 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<8x2xf32>
  %y, %h, %c = quill.lstm %xo weights(%wo1, %wo2, %bih, %bhh) {hidden_size = 2 : i64}
      : (tensor<5x1x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<5x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
  return %y : tensor<5x1x2xf32>
}
