// RUN: split-file %s %t
// RUN: quant-opt %t/default.mlir --quill-prepare="backend=x86 qconfig=x86" -verify-diagnostics | FileCheck %t/default.mlir
// RUN: quant-opt %t/user.mlir --quill-prepare="backend=x86 qconfig=%S/Inputs/prepare-default-qconfig.json" -verify-diagnostics | FileCheck %t/user.mlir
// RUN: quant-opt %t/fp16.mlir --quill-prepare="backend=x86 qconfig=float16_static" -verify-diagnostics

// Fixed-qparams ops (sigmoid, hardsigmoid, softmax, tanh): the x86 entry's
// overwrite_output_observer is the output observer of a quint8 activation.
// PyTorch 1.13's prepare_fx raises when the op's QConfig activation is not
// that fixed observer (or a float16 placeholder); Quill leaves the op float
// with a warning and goes on (PyTorch 2.x does the same).

//--- default.mlir
// get_default_qconfig_mapping keys softmax by nn.Softmax only: an op
// imported from the module gets the fixed observer, the functional form
// gets the global histogram QConfig, which contradicts it.

// CHECK-LABEL: func.func @softmax
// CHECK-NEXT: %[[X:.*]] = quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
// CHECK-NEXT: %[[S:.*]] = quill.softmax %[[X]] {dim = 1 : i64, quill.module_type = "torch.nn.Softmax"}
// CHECK-NEXT: %[[SO:.*]] = quill.observe %[[S]] {id = 1 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
// CHECK-NEXT: %[[F:.*]] = quill.softmax %[[SO]] {dim = 1 : i64}
// CHECK-NEXT: return %[[F]]
func.func @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = quill.softmax %x {dim = 1 : i64, quill.module_type = "torch.nn.Softmax"} : tensor<2x3xf32> -> tensor<2x3xf32>
  // expected-warning-re @+1 {{quill-prepare: 'quill.softmax' stays float: its QConfig's activation observer histogram quint8 contradicts the fixed qparams (scale 0.00390625, zero_point 0) of backend 'x86' entry #{{[0-9]+}} (quill.softmax); give it that fixed_qparams observer, as get_default_qconfig_mapping does (PyTorch 1.13's prepare_fx rejects this QConfigMapping)}}
  %f = quill.softmax %s {dim = 1 : i64} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %f : tensor<2x3xf32>
}

//--- user.mlir
// Inputs/prepare-default-qconfig.json: global default_qconfig (MinMax), and
// tanh given the 0..1 fixed observer instead of its -1..1 one.

// CHECK-LABEL: func.func @user
// CHECK-NEXT: quill.sigmoid %arg0
// CHECK-NEXT: quill.tanh
// CHECK-NEXT: return
func.func @user(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-warning-re @+1 {{quill-prepare: 'quill.sigmoid' (module "sig") stays float: its QConfig's activation observer min_max quint8 contradicts the fixed qparams (scale 0.00390625, zero_point 0) of backend 'x86' entry #{{[0-9]+}} (quill.sigmoid)}}
  %a = quill.sigmoid %x {quill.module = "sig"} : tensor<2x3xf32> -> tensor<2x3xf32>
  // expected-warning-re @+1 {{quill-prepare: 'quill.tanh' stays float: its QConfig's activation observer fixed_qparams quint8 (scale 0.00390625, zero_point 0) contradicts the fixed qparams (scale 0.0078125, zero_point 128) of backend 'x86' entry #{{[0-9]+}} (quill.tanh)}}
  %b = quill.tanh %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %b : tensor<2x3xf32>
}

//--- fp16.mlir
// float16 placeholders pass PyTorch's check; x86 has no static float16
// dtype config, so the op stays float with the usual remark.
func.func @fp16(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-remark-re @+1 {{quill-prepare: 'quill.hardsigmoid' stays float: backend 'x86' entry #{{[0-9]+}} (quill.hardsigmoid) accepts no dtype config for its QConfig: dtype config #0: input_dtype quint8 does not match the activation's float16}}
  %a = quill.hardsigmoid %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %a : tensor<2x3xf32>
}
