// RUN: quant-opt %s --quill-prepare-qat="backend=x86 qconfig=qat_x86" | FileCheck %s
// RUN: quant-opt %s --quill-prepare-qat="backend=qnnpack qconfig=qat_qnnpack" | FileCheck %s --check-prefix=QNNPACK
// RUN: quant-opt %s --quill-prepare="backend=x86 qconfig=qat_x86" | FileCheck %s --check-prefix=PTQ
// RUN: quant-opt %s --quill-prepare-qat="backend=x86 qconfig=qat_x86" --quill-verify-graph -o /dev/null

// quill-prepare-qat = PyTorch's prepare_qat_fx with
// get_default_qat_qconfig_mapping: the QConfig sides are fake-quantize
// modules (FusedMovingAvgObsFakeQuantize), inserted as quill.fake_quant with
// their kind, where prepare_fx would put observers. The graph is not fused:
// conv -> batch_norm -> relu is one match (PyTorch's nniqat.ConvBnReLU2d),
// with the weight fake-quant on the conv weight and one output fake-quant
// after the relu; the batch norm stays. Quill does not simulate ConvBn2d's
// folding during training; the trained graph is what it converts.

// CHECK-LABEL: func.func @conv_bn_relu_sigmoid
// CHECK-NEXT: %[[X:.*]] = quill.fake_quant %arg0 {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255, reduce_range = true>, quill.module = "conv"}
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WF:.*]] = quill.fake_quant %[[W]] {id = 1 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -128, quant_max = 127>, quill.module = "conv"}
// CHECK-NEXT: arith.constant
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[C:.*]] = quill.conv2d %[[X]], %[[WF]]
// CHECK-NEXT: %[[N:.*]] = quill.batch_norm %[[C]]
// CHECK-NEXT: %[[R:.*]] = quill.relu %[[N]]
// CHECK-NEXT: %[[RF:.*]] = quill.fake_quant %[[R]] {id = 2 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255, reduce_range = true>, quill.module = "relu"}
// The fixed-qparams op's output: a fixed_qparams_fake_quantize around the
// entry's fixed observer (PyTorch's FixedQParamsFakeQuantize).
// CHECK-NEXT: %[[S:.*]] = quill.sigmoid %[[RF]]
// CHECK-NEXT: %[[SF:.*]] = quill.fake_quant %[[S]] {id = 3 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
// CHECK-NEXT: return %[[SF]]

// get_default_qat_qconfig_mapping("qnnpack"): no reduce_range, per-tensor
// weights.
// QNNPACK-LABEL: func.func @conv_bn_relu_sigmoid
// QNNPACK-NEXT: quill.fake_quant %arg0 {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255>
// QNNPACK-NEXT: arith.constant
// QNNPACK-NEXT: quill.fake_quant %cst {id = 1 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -128, quant_max = 127>

// prepare_fx with a QAT mapping also inserts its fake-quants; only the
// fixed-qparams output is the plain overwrite_output_observer.
// PTQ-LABEL: func.func @conv_bn_relu_sigmoid
// PTQ-NEXT: quill.fake_quant %arg0 {id = 0 : i64
// PTQ: quill.sigmoid
// PTQ-NEXT: quill.observe {{.*}} {id = 3 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
func.func @conv_bn_relu_sigmoid(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %m = arith.constant dense<0.0> : tensor<2xf32>
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %c = quill.conv2d %x, %w {quill.module = "conv"} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %n = quill.batch_norm %c, %m, %v {quill.module = "bn"} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = quill.relu %n {quill.module = "relu"} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %s = quill.sigmoid %r : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %s : tensor<1x2x4x4xf32>
}

// Linear and add under QAT; the max_pool shares the linear's fake-quant
// (one id, one fake-quant module).
// CHECK-LABEL: func.func @linear_pool_add
// CHECK-NEXT: %[[X:.*]] = quill.fake_quant %arg0 {id = 0 : i64
// CHECK-NEXT: %[[W:.*]] = arith.constant
// CHECK-NEXT: %[[WF:.*]] = quill.fake_quant %[[W]] {id = 1 : i64
// CHECK-NEXT: %[[L:.*]] = quill.linear %[[X]], %[[WF]]
// CHECK-NEXT: %[[LF:.*]] = quill.fake_quant %[[L]] {id = 2 : i64
// CHECK-NEXT: %[[P:.*]] = quill.max_pool1d %[[LF]]
// CHECK-NEXT: %[[PF:.*]] = quill.fake_quant %[[P]] {id = 2 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>
// CHECK-NEXT: %[[A:.*]] = quill.add %[[PF]], %[[X]]
// CHECK-NEXT: %[[AF:.*]] = quill.fake_quant %[[A]] {id = 3 : i64
// CHECK-NEXT: return %[[AF]]
func.func @linear_pool_add(%x: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  %w = arith.constant dense<1.0> : tensor<4x4xf32>
  %l = quill.linear %x, %w : (tensor<1x4x4xf32>, tensor<4x4xf32>) -> tensor<1x4x4xf32>
  %p = quill.max_pool1d %l {kernel_size = array<i64: 1>} : tensor<1x4x4xf32> -> tensor<1x4x4xf32>
  %a = quill.add %p, %x : (tensor<1x4x4xf32>, tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %a : tensor<1x4x4xf32>
}
