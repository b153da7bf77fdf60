// RUN: quant-opt %s -split-input-file --quill-convert="backend=x86 reference-only=true" | FileCheck %s

// quill-convert with reference-only=true: PyTorch's convert_to_reference_fx.
// Every observer becomes what it says about its value; no op is folded.

// A calibrated activation observer becomes qcast -> dcast with its qparams;
// a weight observer quantizes the constant now (per channel, symmetric:
// scale = amax / 127.5 per row, NUMERICS.md) and x * (1.0f / scale)
// rounded half to even: -1.0 * 127.49999 gives -127, as in PyTorch.
// CHECK-LABEL: func.func @static_linear
// CHECK-SAME: attributes {quill.numerics = "onednn"}
// CHECK: %[[B:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// CHECK: %[[Q:.*]] = quant.qcast %arg0 : tensor<1x3xf32> to tensor<1x3x!quant.uniform<u8:f32, 5.000000e-02:128>>
// CHECK: %[[D:.*]] = quant.dcast %[[Q]]
// CHECK: %[[WI:.*]] = arith.constant dense<{{\[\[}}64, -127, 127], [0, 127, -32]]> : tensor<2x3xi8>
// CHECK: %[[WQ:.*]] = quant.scast %[[WI]] : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.0078431377187371254,0.015686275437474251}>>
// CHECK: %[[WD:.*]] = quant.dcast %[[WQ]]
// CHECK: %[[Y:.*]] = quill.linear %[[D]], %[[WD]], %[[B]]
// CHECK: %[[YQ:.*]] = quant.qcast %[[Y]] : tensor<1x2xf32> to tensor<1x2x!quant.uniform<u8:f32, 1.000000e-01:3>>
// CHECK: %[[YD:.*]] = quant.dcast %[[YQ]]
// CHECK: return %[[YD]]
func.func @static_linear(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.998], [0.0, 2.0, -0.5]]> : tensor<2x3xf32>
  %b = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8>, scale = array<f64: 0.05>, zero_point = array<i64: 128>} : tensor<1x3xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>} : tensor<2x3xf32>
  %y = quill.linear %xo, %wo, %b : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %yo = quill.observe %y {id = 2 : i64, observer = #quill.observer<histogram, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 3>} : tensor<1x2xf32>
  return %yo : tensor<1x2xf32>
}

// -----

// Fixed qparams come from the spec; ops sharing an id share the qparams.
// CHECK-LABEL: func.func @fixed_and_shared
// CHECK: quant.qcast %{{.*}} : tensor<1x4xf32> to tensor<1x4x!quant.uniform<u8:f32, 3.906250e-03>>
// CHECK: quill.relu
// CHECK: quant.qcast %{{.*}} : tensor<1x4xf32> to tensor<1x4x!quant.uniform<u8:f32, 3.906250e-03>>
func.func @fixed_and_shared(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %s = quill.sigmoid %x : tensor<1x4xf32> -> tensor<1x4xf32>
  %so = quill.observe %s {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<1x4xf32>
  %r = quill.relu %so : tensor<1x4xf32> -> tensor<1x4xf32>
  %ro = quill.observe %r {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<1x4xf32>
  return %ro : tensor<1x4xf32>
}

// -----

// Dynamic placeholders become quill.fake_quant_dynamic (full range: PyTorch
// reduces it under the fbgemm/x86 engines only); float16 placeholders round
// through half precision; float placeholders and noops disappear.
// CHECK-LABEL: func.func @placeholders
// CHECK: %[[D:.*]] = quill.fake_quant_dynamic %arg0 {dtype = #quill.qdtype<quint8>} : tensor<2x3xf32>
// CHECK: %[[H:.*]] = quill.fake_quant_dynamic %[[D]] {dtype = #quill.qdtype<float16>} : tensor<2x3xf32>
// CHECK-NEXT: return %[[H]]
func.func @placeholders(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, quint8, is_dynamic = true>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<placeholder, float16>} : tensor<2x3xf32>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<placeholder, float32>} : tensor<2x3xf32>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<noop, float32>} : tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// -----

// Float-qparams embedding weights (8 and 4 bits): per-row scale and float
// zero point, x * (1 / scale) + zp rounded half to even.
// CHECK-LABEL: func.func @embedding_bag_weight_only
// CHECK-DAG: arith.constant dense<{{\[\[}}0, 255], [0, 255]]> : tensor<2x2xui8>
// CHECK-DAG: arith.constant dense<[0.00392156886, 0.00784313772]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 127.499992]> : tensor<2xf32>
// CHECK: %[[W:.*]] = quill.dequantize_float_qparams %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x2xui8>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK: quill.embedding_bag %arg0, %[[W]]
// CHECK: quill.dequantize_float_qparams %{{.*}} {bit_width = 4 : i64}
func.func @embedding_bag_weight_only(%i: tensor<1x2xi64>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %w = arith.constant dense<[[0.0, 1.0], [-1.0, 1.0]]> : tensor<2x2xf32>
  %wo = quill.observe %w {id = 0 : i64, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>} : tensor<2x2xf32>
  %e = quill.embedding_bag %i, %wo {mode = #quill.embedding_bag_mode<sum>} : (tensor<1x2xi64>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %w4 = quill.observe %w {id = 1 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams>} : tensor<2x2xf32>
  %e4 = quill.embedding_bag %i, %w4 {mode = #quill.embedding_bag_mode<sum>} : (tensor<1x2xi64>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %e, %e4 : tensor<1x2xf32>, tensor<1x2xf32>
}
