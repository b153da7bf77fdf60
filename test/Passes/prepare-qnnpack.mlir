// RUN: split-file %s %t
// RUN: quant-opt %t/tables.mlir --quill-prepare="backend=qnnpack qconfig=qnnpack" | FileCheck %t/tables.mlir --check-prefix=QNNPACK
// RUN: quant-opt %t/tables.mlir --quill-prepare="backend=qnnpack qconfig=symmetric_qnnpack" | FileCheck %t/tables.mlir --check-prefix=SYMMETRIC
// RUN: quant-opt %t/x86-symmetric.mlir --quill-prepare="backend=x86 qconfig=symmetric_qnnpack" -verify-diagnostics | FileCheck %t/x86-symmetric.mlir
// RUN: quant-opt %t/transpose.mlir --quill-prepare="backend=x86 qconfig=onednn" | FileCheck %t/transpose.mlir

// The same graph under the x86 and qnnpack tables and presets.

//--- tables.mlir
// get_default_qconfig_mapping("qnnpack"): histogram quint8 without
// reduce_range, per-tensor MinMax weights; the qnnpack table's quint8
// dtype config takes it (its first, symmetric qint8 one does not).
// QNNPACK-LABEL: func.func @conv_add
// QNNPACK-NEXT: quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, quint8>}
// QNNPACK-NEXT: arith.constant
// QNNPACK-NEXT: quill.observe %cst {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
// QNNPACK-NEXT: quill.conv2d
// QNNPACK-NEXT: quill.observe {{.*}}id = 2 : i64, observer = #quill.observer<histogram, quint8>}
// QNNPACK-NEXT: quill.add
// QNNPACK-NEXT: quill.observe {{.*}}id = 3 : i64, observer = #quill.observer<histogram, quint8>}

// default_symmetric_qnnpack_qconfig: qint8 activations with eps 2^-12,
// weights in [-127, 127]: the symmetric dtype config takes it.
// SYMMETRIC-LABEL: func.func @conv_add
// SYMMETRIC-NEXT: quill.observe %arg0 {id = 0 : i64, observer = #quill.observer<histogram, qint8, eps = 0.000244140625>}
// SYMMETRIC-NEXT: arith.constant
// SYMMETRIC-NEXT: quill.observe %cst {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>}
// SYMMETRIC-NEXT: quill.conv2d
// SYMMETRIC-NEXT: quill.observe {{.*}}id = 2 : i64
// SYMMETRIC-NEXT: quill.add
// SYMMETRIC-NEXT: quill.observe {{.*}}id = 3 : i64
func.func @conv_add(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %a = quill.add %c, %x : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %a : tensor<1x2x4x4xf32>
}

//--- x86-symmetric.mlir
// The x86 table has no qint8 activations.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: = quill.observe
// CHECK: return
func.func @conv(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  // expected-remark-re @+1 {{quill-prepare: 'quill.conv2d' stays float: backend 'x86' entry #{{[0-9]+}} (quill.conv2d) accepts no dtype config for its QConfig: dtype config #0: input_dtype quint8 does not match the activation's qint8}}
  %c = quill.conv2d %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %c : tensor<1x2x4x4xf32>
}

//--- transpose.mlir
// get_default_qconfig_mapping("onednn") keeps per-channel weights for
// ConvTranspose: their output channels are weight dimension 1.
// CHECK-LABEL: func.func @conv_transpose
// CHECK: quill.observe %cst {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>}
func.func @conv_transpose(%x: tensor<1x4x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2x3x3xf32>
  %y = quill.conv_transpose2d %x, %w : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}
