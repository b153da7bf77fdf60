// RUN: split-file %s %t
// RUN: quant-opt %t/qnnpack.mlir --quill-prepare="backend=qnnpack qconfig=%S/Inputs/prepare-constraints.json" -verify-diagnostics | FileCheck %t/qnnpack.mlir
// RUN: quant-opt %t/exact.mlir --quill-prepare="backend=%S/Inputs/prepare-exact-backend.json qconfig=%S/Inputs/prepare-constraints.json" -verify-diagnostics | FileCheck %t/exact.mlir

// A QConfig the backend's dtype configs reject leaves the op float with a
// remark naming the op and, per dtype config, the mismatch or the violated
// constraint (PyTorch's _qconfig_satisfies_dtype_config_constraints warns
// and ignores the QConfig).

//--- qnnpack.mlir
// The qnnpack table tries its symmetric qint8 dtype config first
// (activations: scale >= 2^-12; weights: qint8 in [-127, 127], scale >=
// 2^-12), then the quint8 one. Inputs/prepare-constraints.json gives each
// module its own QConfig.

// default_symmetric_qnnpack_qconfig's settings: accepted.
// CHECK-LABEL: func.func @accepted
// CHECK-NEXT: quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, qint8, eps = 0.000244140625>, quill.module = "ok"}
// CHECK: quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>, quill.module = "ok"}
// CHECK: quill.conv2d
// CHECK-NEXT: quill.observe {{.*}}id = 2 : i64
func.func @accepted(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w {quill.module = "ok"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %c : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @rejected
// CHECK-NOT: quill.observe
// CHECK: return
func.func @rejected(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  // expected-remark-re @+1 {{quill-prepare: 'quill.conv2d' (module "eps") stays float: backend 'qnnpack' entry #{{[0-9]+}} (quill.conv2d) accepts no dtype config for its QConfig: dtype config #0: activation observer histogram qint8 eps 1.1920928955078125e-07 violates scale >= 0.000244140625; dtype config #1: input_dtype quint8 does not match the activation's qint8}}
  %a = quill.conv2d %x, %w {quill.module = "eps"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // expected-remark-re @+1 {{quill-prepare: 'quill.conv2d' (module "range") stays float: backend 'qnnpack' entry #{{[0-9]+}} (quill.conv2d) accepts no dtype config for its QConfig: dtype config #0: weight observer min_max qint8 [-128, 127] violates quant_min >= -127; dtype config #1: input_dtype quint8 does not match the activation's qint8}}
  %b = quill.conv2d %a, %w {quill.module = "range"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  // PyTorch's PlaceholderObserver has no eps: it cannot meet a scale bound.
  // expected-remark-re @+1 {{quill-prepare: 'quill.conv2d' (module "placeholder") stays float: backend 'qnnpack' entry #{{[0-9]+}} (quill.conv2d) accepts no dtype config for its QConfig: dtype config #0: activation observer placeholder qint8 has no eps to check against scale >= 0.000244140625; dtype config #1: input_dtype quint8 does not match the activation's qint8}}
  %c = quill.conv2d %b, %w {quill.module = "placeholder"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %c : tensor<1x2x4x4xf32>
}

//--- exact.mlir
// PyTorch 2.x writes fixed qparams as dtype constraints (scale_exact_match,
// zero_point_exact_match) instead of overwrite_output_observer: a QConfig
// whose activation is not that fixed_qparams observer is rejected.

// CHECK-LABEL: func.func @exact
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>, quill.module = "fixed"}
// CHECK-NEXT: %[[Y:.*]] = quill.sigmoid %[[X]]
// CHECK-NEXT: %[[YO:.*]] = quill.observe %[[Y]] {id = 1 : i64, observer = #quill.observer<fixed_qparams
// CHECK-NEXT: %[[Z:.*]] = quill.sigmoid %[[YO]] {quill.module = "not_fixed"}
// CHECK-NEXT: return %[[Z]]
func.func @exact(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = quill.sigmoid %x {quill.module = "fixed"} : tensor<2x3xf32> -> tensor<2x3xf32>
  // expected-remark @+1 {{quill-prepare: 'quill.sigmoid' (module "not_fixed") stays float: backend 'exact_fixed' entry #0 (quill.sigmoid) accepts no dtype config for its QConfig: dtype config #0: activation observer min_max quint8 is not the fixed_qparams observer the backend requires (scale == 0.00390625, zero_point == 0)}}
  %z = quill.sigmoid %y {quill.module = "not_fixed"} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}
