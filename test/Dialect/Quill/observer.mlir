// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of quill.observe, quill.fake_quant and #quill.observer: every
// observer kind, dtype and qscheme, every keyword field, the
// torch.ao.quantization presets and every fake-quantize class.

//===----------------------------------------------------------------------===//
// Observer kinds with their constructor defaults (elided when printed)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @observer_kinds
func.func @observer_kinds(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<moving_average_min_max, quint8>} : tensor<2x3xf32>
  // Per-channel observers default to per_channel_affine, as in PyTorch.
  // CHECK: quill.observe %{{.*}} {id = 2 : i64, observer = #quill.observer<per_channel_min_max, quint8>} : tensor<2x3xf32>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<per_channel_min_max, quint8>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 3 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8>} : tensor<2x3xf32>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8, qscheme = per_channel_affine>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 4 : i64, observer = #quill.observer<histogram, quint8>} : tensor<2x3xf32>
  %4 = quill.observe %3 {id = 4 : i64, observer = #quill.observer<histogram, quint8>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 5 : i64, observer = #quill.observer<histogram_torch113, quint8>} : tensor<2x3xf32>
  %5 = quill.observe %4 {id = 5 : i64, observer = #quill.observer<histogram_torch113, quint8>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 6 : i64, observer = #quill.observer<placeholder, float32>} : tensor<2x3xf32>
  %6 = quill.observe %5 {id = 6 : i64, observer = #quill.observer<placeholder, float32>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 7 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<2x3xf32>
  %7 = quill.observe %6 {id = 7 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 8 : i64, observer = #quill.observer<noop, float16>} : tensor<2x3xf32>
  %8 = quill.observe %7 {id = 8 : i64, observer = #quill.observer<noop, float16>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 9 : i64, observer = #quill.observer<recording, quint8>} : tensor<2x3xf32>
  %9 = quill.observe %8 {id = 9 : i64, observer = #quill.observer<recording, quint8>} : tensor<2x3xf32>
  // CHECK: quill.observe %{{.*}} {id = 10 : i64, observer = #quill.observer<reuse_input, quint8>} : tensor<2x3xf32>
  %10 = quill.observe %9 {id = 10 : i64, observer = #quill.observer<reuse_input, quint8>} : tensor<2x3xf32>
  return %10 : tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// dtypes, qschemes and keyword fields
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @observer_dtypes
func.func @observer_dtypes(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: observer = #quill.observer<min_max, qint8>
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, qint8>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<min_max, qint32>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<min_max, qint32>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<placeholder, float16>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<placeholder, float16>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<noop, float32>
  %4 = quill.observe %3 {id = 4 : i64, observer = #quill.observer<noop, float32>} : tensor<4x8xf32>
  // FixedQParamsObserver takes any dtype.
  // CHECK: observer = #quill.observer<fixed_qparams, qint8, scale = 0.0078125, zero_point = 0>
  %5 = quill.observe %4 {id = 5 : i64, observer = #quill.observer<fixed_qparams, qint8, scale = 0.0078125, zero_point = 0>} : tensor<4x8xf32>
  return %5 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @observer_qschemes
func.func @observer_qschemes(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // Writing a default explicitly prints it elided.
  // CHECK: {id = 0 : i64, observer = #quill.observer<min_max, quint8>}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, qscheme = per_tensor_affine>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<moving_average_min_max, qint8, qscheme = per_tensor_symmetric>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<moving_average_min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<histogram, quint8, qscheme = per_tensor_symmetric>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<histogram, quint8, qscheme = per_tensor_symmetric>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 1>} : tensor<4x8xf32>
  // CHECK: observer = #quill.observer<moving_average_per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>
  %4 = quill.observe %3 {id = 4 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>} : tensor<4x8xf32>
  // A non-default qscheme is printed.
  // CHECK: observer = #quill.observer<placeholder, float32, qscheme = per_tensor_symmetric>
  %5 = quill.observe %4 {id = 5 : i64, observer = #quill.observer<placeholder, float32, qscheme = per_tensor_symmetric>} : tensor<4x8xf32>
  return %5 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @observer_fields
func.func @observer_fields(%x: tensor<4x8x2xf32>) -> tensor<4x8x2xf32> {
  // Fields in any order print in canonical order; negative ch_axis counts
  // from the back.
  // CHECK: observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -64, quant_max = 63, reduce_range = true, eps = 1.0E-5, ch_axis = -1, averaging_constant = 0.5>
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_per_channel_min_max, qint8, averaging_constant = 0.5, ch_axis = -1, eps = 1.0e-5, reduce_range = true, quant_max = 63, quant_min = -64, qscheme = per_channel_symmetric>} : tensor<4x8x2xf32>
  // CHECK: observer = #quill.observer<histogram, quint8, bins = 256, is_dynamic = true>
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<histogram, quint8, is_dynamic = true, bins = 256>} : tensor<4x8x2xf32>
  // averaging_constant = 1 (the dynamic-quantization setting) is allowed.
  // CHECK: observer = #quill.observer<moving_average_min_max, quint8, averaging_constant = 1.0, is_dynamic = true>
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<moving_average_min_max, quint8, averaging_constant = 1.0, is_dynamic = true>} : tensor<4x8x2xf32>
  // Explicit defaults are elided: reduce_range = false, ch_axis = 0, the
  // float32 epsilon, averaging_constant 0.01, bins 2048, is_dynamic = false.
  // CHECK: {id = 3 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8>}
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8, reduce_range = false, ch_axis = 0, eps = 1.1920928955078125e-07, averaging_constant = 0.01, is_dynamic = false>} : tensor<4x8x2xf32>
  // CHECK: {id = 4 : i64, observer = #quill.observer<histogram_torch113, qint8>}
  %4 = quill.observe %3 {id = 4 : i64, observer = #quill.observer<histogram_torch113, qint8, bins = 2048>} : tensor<4x8x2xf32>
  // The full dtype range may be given explicitly; quint4x2 is [0, 15],
  // qint32 the int32 range.
  // CHECK: observer = #quill.observer<min_max, quint4x2, quant_min = 0, quant_max = 15>
  %5 = quill.observe %4 {id = 5 : i64, observer = #quill.observer<min_max, quint4x2, quant_min = 0, quant_max = 15>} : tensor<4x8x2xf32>
  // CHECK: observer = #quill.observer<min_max, qint32, quant_min = -2147483648, quant_max = 2147483647>
  %6 = quill.observe %5 {id = 6 : i64, observer = #quill.observer<min_max, qint32, quant_min = -2147483648, quant_max = 2147483647>} : tensor<4x8x2xf32>
  return %6 : tensor<4x8x2xf32>
}

// CHECK-LABEL: func.func @observer_dtypes_f16
func.func @observer_dtypes_f16(%x: tensor<3xf16>, %y: tensor<?x5xbf16>, %z: tensor<f64>) -> (tensor<3xf16>, tensor<?x5xbf16>, tensor<f64>) {
  // Any float tensor, including rank 0 and unknown sizes.
  // CHECK: quill.observe %{{.*}} {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<3xf16>
  %a = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<3xf16>
  // CHECK: quill.observe %{{.*}} {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, ch_axis = 1>} : tensor<?x5xbf16>
  %b = quill.observe %y {id = 1 : i64, observer = #quill.observer<per_channel_min_max, qint8, ch_axis = 1>} : tensor<?x5xbf16>
  // CHECK: quill.observe %{{.*}} {id = 2 : i64, observer = #quill.observer<histogram, quint8>} : tensor<f64>
  %c = quill.observe %z {id = 2 : i64, observer = #quill.observer<histogram, quint8>} : tensor<f64>
  return %a, %b, %c : tensor<3xf16>, tensor<?x5xbf16>, tensor<f64>
}

//===----------------------------------------------------------------------===//
// torch.ao.quantization presets (observer.py / qconfig.py)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @pytorch_presets
func.func @pytorch_presets(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // default_observer: MinMaxObserver(quant_min=0, quant_max=127).
  // CHECK: {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0, quant_max = 127>}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0, quant_max = 127>} : tensor<4x8xf32>
  // default_weight_observer: qint8, per_tensor_symmetric.
  // CHECK: {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>}
  %1 = quill.observe %0 {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<4x8xf32>
  // weight_observer_range_neg_127_to_127 (symmetric qnnpack weights).
  // CHECK: {id = 2 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>}
  %2 = quill.observe %1 {id = 2 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>} : tensor<4x8xf32>
  // default_histogram_observer: HistogramObserver(quant_min=0, quant_max=127).
  // CHECK: {id = 3 : i64, observer = #quill.observer<histogram, quint8, quant_min = 0, quant_max = 127>}
  %3 = quill.observe %2 {id = 3 : i64, observer = #quill.observer<histogram, quint8, quant_min = 0, quant_max = 127>} : tensor<4x8xf32>
  // The x86/fbgemm activation observer: histogram, quint8, reduce_range.
  // CHECK: {id = 4 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>}
  %4 = quill.observe %3 {id = 4 : i64, observer = #quill.observer<histogram, quint8, reduce_range = true>} : tensor<4x8xf32>
  // default_symmetric_qnnpack_qconfig activation: HistogramObserver(
  // dtype=qint8, reduce_range=False, eps=2**-12).
  // CHECK: {id = 5 : i64, observer = #quill.observer<histogram, qint8, eps = 0.000244140625>}
  %5 = quill.observe %4 {id = 5 : i64, observer = #quill.observer<histogram, qint8, reduce_range = false, eps = 0.000244140625>} : tensor<4x8xf32>
  // default_per_channel_weight_observer.
  // CHECK: {id = 6 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric>}
  %6 = quill.observe %5 {id = 6 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 0>} : tensor<4x8xf32>
  // per_channel_weight_observer_range_neg_127_to_127.
  // CHECK: {id = 7 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>}
  %7 = quill.observe %6 {id = 7 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -127, quant_max = 127, eps = 0.000244140625>} : tensor<4x8xf32>
  // default_float_qparams_observer and its 4-bit twin (embeddings).
  // CHECK: {id = 8 : i64, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams>}
  %8 = quill.observe %7 {id = 8 : i64, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams, ch_axis = 0>} : tensor<4x8xf32>
  // CHECK: {id = 9 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams>}
  %9 = quill.observe %8 {id = 9 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams, ch_axis = 0>} : tensor<4x8xf32>
  // default_fixed_qparams_range_0to1_observer (sigmoid, hardsigmoid).
  // CHECK: {id = 10 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>}
  %10 = quill.observe %9 {id = 10 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  // default_fixed_qparams_range_neg1to1_observer (tanh): 2/256, zp 128.
  // CHECK: {id = 11 : i64, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.0078125, zero_point = 128>}
  %11 = quill.observe %10 {id = 11 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 7.812500e-03, zero_point = 128, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  // default_placeholder_observer, float16_static / float16_dynamic_qconfig.
  // CHECK: {id = 12 : i64, observer = #quill.observer<placeholder, float32>}
  %12 = quill.observe %11 {id = 12 : i64, observer = #quill.observer<placeholder, float32>} : tensor<4x8xf32>
  // CHECK: {id = 13 : i64, observer = #quill.observer<placeholder, float16, is_dynamic = true>}
  %13 = quill.observe %12 {id = 13 : i64, observer = #quill.observer<placeholder, float16, is_dynamic = true>} : tensor<4x8xf32>
  // default_dynamic_quant_observer: PlaceholderObserver(dtype=quint8,
  // quant_min=0, quant_max=255, is_dynamic=True).
  // CHECK: {id = 14 : i64, observer = #quill.observer<placeholder, quint8, quant_min = 0, quant_max = 255, is_dynamic = true>}
  %14 = quill.observe %13 {id = 14 : i64, observer = #quill.observer<placeholder, quint8, quant_min = 0, quant_max = 255, is_dynamic = true>} : tensor<4x8xf32>
  // default_debug_observer, default_reuse_input_observer.
  // CHECK: {id = 15 : i64, observer = #quill.observer<recording, quint8>}
  %15 = quill.observe %14 {id = 15 : i64, observer = #quill.observer<recording, quint8>} : tensor<4x8xf32>
  // CHECK: {id = 16 : i64, observer = #quill.observer<reuse_input, quint8>}
  %16 = quill.observe %15 {id = 16 : i64, observer = #quill.observer<reuse_input, quint8>} : tensor<4x8xf32>
  return %16 : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// fake_quant: every FakeQuantize class
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @fake_quant_kinds
func.func @fake_quant_kinds(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // default_fake_quant: FakeQuantize(MovingAverageMinMaxObserver, quint8
  // [0, 255], reduce_range=True).
  // CHECK: quill.fake_quant %{{.*}} {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255, reduce_range = true>} : tensor<4x8xf32>
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255, reduce_range = true>} : tensor<4x8xf32>
  // default_weight_fake_quant: qint8 [-128, 127], per_tensor_symmetric.
  // CHECK: quill.fake_quant %{{.*}} {id = 1 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -128, quant_max = 127>} : tensor<4x8xf32>
  %1 = quill.fake_quant %0 {id = 1 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_min_max, qint8, qscheme = per_tensor_symmetric, quant_min = -128, quant_max = 127>} : tensor<4x8xf32>
  // default_per_channel_weight_fake_quant.
  // CHECK: quill.fake_quant %{{.*}} {id = 2 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -128, quant_max = 127>} : tensor<4x8xf32>
  %2 = quill.fake_quant %1 {id = 2 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -128, quant_max = 127, ch_axis = 0>} : tensor<4x8xf32>
  // default_histogram_fake_quant.
  // CHECK: quill.fake_quant %{{.*}} {id = 3 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<histogram, quint8, quant_min = 0, quant_max = 255, reduce_range = true>} : tensor<4x8xf32>
  %3 = quill.fake_quant %2 {id = 3 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<histogram, quint8, quant_min = 0, quant_max = 255, reduce_range = true>} : tensor<4x8xf32>
  // default_fused_act_fake_quant and the fused per-channel weight variant.
  // CHECK: quill.fake_quant %{{.*}} {id = 4 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  %4 = quill.fake_quant %3 {id = 4 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  // CHECK: quill.fake_quant %{{.*}} {id = 5 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -128, quant_max = 127>} : tensor<4x8xf32>
  %5 = quill.fake_quant %4 {id = 5 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, quant_min = -128, quant_max = 127>} : tensor<4x8xf32>
  // default_embedding_fake_quant: fused, float qparams, averaging_constant 1.
  // CHECK: quill.fake_quant %{{.*}} {id = 6 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams, quant_min = 0, quant_max = 255, averaging_constant = 1.0>} : tensor<4x8xf32>
  %6 = quill.fake_quant %5 {id = 6 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, quint8, qscheme = per_channel_affine_float_qparams, quant_min = 0, quant_max = 255, ch_axis = 0, averaging_constant = 1.0>} : tensor<4x8xf32>
  // default_fixed_qparams_range_0to1_fake_quant / neg1to1.
  // CHECK: quill.fake_quant %{{.*}} {id = 7 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>} : tensor<4x8xf32>
  %7 = quill.fake_quant %6 {id = 7 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.00390625, zero_point = 0>} : tensor<4x8xf32>
  // CHECK: quill.fake_quant %{{.*}} {id = 8 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.0078125, zero_point = 128>} : tensor<4x8xf32>
  %8 = quill.fake_quant %7 {id = 8 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, quant_min = 0, quant_max = 255, scale = 0.0078125, zero_point = 128>} : tensor<4x8xf32>
  // _LearnableFakeQuantize, per tensor and per channel.
  // CHECK: quill.fake_quant %{{.*}} {id = 9 : i64, kind = #quill.fake_quant_kind<learnable_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  %9 = quill.fake_quant %8 {id = 9 : i64, kind = #quill.fake_quant_kind<learnable_fake_quantize>, observer = #quill.observer<moving_average_min_max, quint8, quant_min = 0, quant_max = 255>} : tensor<4x8xf32>
  // CHECK: quill.fake_quant %{{.*}} {id = 10 : i64, kind = #quill.fake_quant_kind<learnable_fake_quantize>, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = -1>} : tensor<4x8xf32>
  %10 = quill.fake_quant %9 {id = 10 : i64, kind = #quill.fake_quant_kind<learnable_fake_quantize>, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = -1>} : tensor<4x8xf32>
  // A fixed_qparams observer also works with plain FakeQuantize.
  // CHECK: quill.fake_quant %{{.*}} {id = 11 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<4x8xf32>
  %11 = quill.fake_quant %10 {id = 11 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625, zero_point = 0>} : tensor<4x8xf32>
  return %11 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @ids
func.func @ids(%x: tensor<2xf32>) -> tensor<2xf32> {
  // Ids are any non-negative i64; uniqueness is quill-verify-graph's job,
  // so a repeated id still verifies here.
  // CHECK: {id = 9223372036854775807 : i64, observer = #quill.observer<min_max, quint8>}
  %0 = quill.observe %x {id = 9223372036854775807 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2xf32>
  // CHECK: {id = 0 : i64, observer = #quill.observer<min_max, quint8>}
  %1 = quill.observe %0 {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<2xf32>
  // CHECK: {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<min_max, quint8>}
  %2 = quill.fake_quant %1 {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<min_max, quint8>} : tensor<2xf32>
  return %2 : tensor<2xf32>
}
