// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Diagnostics of #quill.observer (parser and the torch.ao.quantization
// constructor checks), quill.observe and quill.fake_quant.

func.func @unknown_kind(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{unknown observer kind 'minmax'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<minmax, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @unknown_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // Observer dtypes are the torch.q* types (1.13 rejects torch.int8).
  // expected-error @+1 {{unknown quantized dtype 'int8'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, int8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @missing_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected ','}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @unknown_field(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // dtype is positional.
  // expected-error @+1 {{unknown observer field 'dtype'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, dtype = qint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @unknown_qscheme(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{unknown qscheme 'per_tensor'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, qscheme = per_tensor>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bad_bool(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected true or false}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, reduce_range = yes>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bad_integer(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected integer value}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0.5, quant_max = 127>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @duplicate_field(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // A repeated keyword is a SyntaxError in Python, not a silent override.
  // expected-error @+1 {{duplicate observer field 'quant_min'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0, quant_max = 127, quant_min = 1>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @missing_greater(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{expected '>'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8 quant_min = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_min_alone(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quant_min and quant_max must be given together}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_float_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quant_min/quant_max need an integer dtype, got float16}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, float16, quant_min = 0, quant_max = 1>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_excludes_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // _validate_qmin_qmax: the user-specified range must include 0.
  // expected-error @+1 {{quantization range [1, 255] must include 0}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, quant_min = 1, quant_max = 255>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_empty(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quant_min 0 must be less than quant_max 0}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, qint8, quant_min = 0, quant_max = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_exceeds_quint8(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quantization range [-1, 255] exceeds the quint8 range [0, 255]}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, quant_min = -1, quant_max = 255>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_exceeds_qint8(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quantization range [-128, 128] exceeds the qint8 range [-128, 127]}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, qint8, quant_min = -128, quant_max = 128>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @quant_range_exceeds_quint4x2(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{quantization range [0, 16] exceeds the quint4x2 range [0, 15]}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<per_channel_min_max, quint4x2, qscheme = per_channel_affine_float_qparams, quant_min = 0, quant_max = 16>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @min_max_float_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // UniformQuantizationObserverBase asserts an integer quantized dtype.
  // expected-error @+1 {{observer min_max needs an integer dtype (quint8, qint8, qint32 or quint4x2), got float32}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, float32>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @histogram_float_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer histogram needs an integer dtype (quint8, qint8, qint32 or quint4x2), got float16}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, float16>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @ch_axis_per_tensor(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // MinMaxObserver has no ch_axis argument (TypeError in PyTorch).
  // expected-error @+1 {{observer min_max takes no 'ch_axis'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, ch_axis = 1>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @averaging_constant_not_moving(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer per_channel_min_max takes no 'averaging_constant'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<per_channel_min_max, qint8, averaging_constant = 0.5>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bins_not_histogram(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer moving_average_min_max takes no 'bins'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_min_max, quint8, bins = 256>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @reduce_range_placeholder(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer placeholder takes no 'reduce_range'}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, quint8, reduce_range = true>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{eps must be positive and finite, got 0.000000e+00}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, eps = 0.0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_negative(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{eps must be positive and finite, got -1.000000e-03}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, eps = -1.0e-3>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_infinite(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{eps must be positive and finite, got INF}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, eps = 0x7FF0000000000000>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @averaging_constant_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{averaging_constant must be in (0, 1], got 0.000000e+00}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_min_max, quint8, averaging_constant = 0.0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @averaging_constant_above_one(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{averaging_constant must be in (0, 1], got 1.500000e+00}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_per_channel_min_max, qint8, averaging_constant = 1.5>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bins_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{bins must be positive, got 0}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, bins = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bins_negative(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{bins must be positive, got -8}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram_torch113, quint8, bins = -8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @per_tensor_observer_per_channel_qscheme(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer min_max does not take qscheme per_channel_symmetric (per-channel observers need a per_channel qscheme and the others a per_tensor one)}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_channel_symmetric>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @per_channel_observer_per_tensor_qscheme(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer moving_average_per_channel_min_max does not take qscheme per_tensor_symmetric}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @histogram_float_qparams(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer histogram does not take qscheme per_channel_affine_float_qparams}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8, qscheme = per_channel_affine_float_qparams>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @symmetric_quint8_reduce_range(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // MinMaxObserver raises NotImplementedError.
  // expected-error @+1 {{observer min_max cannot reduce range for symmetric quantization for quint8}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, qscheme = per_tensor_symmetric, reduce_range = true>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @per_channel_symmetric_quint8_reduce_range(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{observer per_channel_min_max cannot reduce range for symmetric quantization for quint8}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<per_channel_min_max, quint8, qscheme = per_channel_symmetric, reduce_range = true>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_qparams_without_zero_point(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{fixed_qparams observers need scale and zero_point}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.00390625>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_qparams_without_scale(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{fixed_qparams observers need scale and zero_point}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @scale_on_min_max(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{scale and zero_point are only for fixed_qparams observers}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8, scale = 0.1, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @zero_point_alone_on_placeholder(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{scale and zero_point are only for fixed_qparams observers}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, quint8, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_scale_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{scale must be positive and finite, got 0.000000e+00}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.0, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_scale_negative(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{scale must be positive and finite, got -5.000000e-01}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = -0.5, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_zero_point_dtype_range(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{zero_point 256 is outside the quantization range [0, 255]}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, quint8, scale = 0.0078125, zero_point = 256>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_zero_point_custom_range(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{zero_point 64 is outside the quantization range [-64, 63]}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<fixed_qparams, qint8, quant_min = -64, quant_max = 63, scale = 0.0078125, zero_point = 64>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// quill.observe
//===----------------------------------------------------------------------===//

func.func @observe_negative_id(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.observe' op id must be non-negative, got -1}}
  %0 = quill.observe %x {id = -1 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @observe_ch_axis(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.observe' op ch_axis 2 is out of range [-2, 2)}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 2>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @observe_ch_axis_negative(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.observe' op ch_axis -3 is out of range [-2, 2)}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<per_channel_min_max, qint8, ch_axis = -3>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @observe_per_channel_scalar(%x: tensor<f32>) -> tensor<f32> {
  // A per-channel observer needs a channel dimension.
  // expected-error @+1 {{'quill.observe' op per-channel observer moving_average_per_channel_min_max needs an input of rank >= 1}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<moving_average_per_channel_min_max, quint8>} : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @observe_quantized_input(%x: tensor<4x!quant.uniform<u8:f32, 0.1>>) -> tensor<4x!quant.uniform<u8:f32, 0.1>> {
  // Observers watch float values.
  // expected-error @+1 {{'quill.observe' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4x!quant.uniform<u8:f32, 0.1>>
  return %0 : tensor<4x!quant.uniform<u8:f32, 0.1>>
}

// -----

func.func @observe_result_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'quill.observe' op requires the same type for all operands and results}}
  %0 = "quill.observe"(%x) <{id = 0 : i64, observer = #quill.observer<min_max, quint8>}> : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @observe_missing_observer(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.observe' op requires attribute 'observer'}}
  %0 = "quill.observe"(%x) <{id = 0 : i64}> : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @observe_observer_not_spec(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.observe' op attribute 'observer' failed to satisfy constraint: an observer's class and constructor arguments}}
  %0 = quill.observe %x {id = 0 : i64, observer = "min_max"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// quill.fake_quant
//===----------------------------------------------------------------------===//

func.func @fake_quant_negative_id(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op id must be non-negative, got -5}}
  %0 = quill.fake_quant %x {id = -5 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<min_max, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quant_ch_axis(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op ch_axis 4 is out of range [-2, 2)}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<moving_average_per_channel_min_max, qint8, qscheme = per_channel_symmetric, ch_axis = 4>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fixed_fake_quant_needs_fixed_observer(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // FixedQParamsFakeQuantize asserts a FixedQParamsObserver.
  // expected-error @+1 {{'quill.fake_quant' op fixed_qparams_fake_quantize needs a fixed_qparams observer, got min_max}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<min_max, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fused_needs_moving_average(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // FusedMovingAvgObsFakeQuantize asserts a MovingAverage(PerChannel)MinMaxObserver.
  // expected-error @+1 {{'quill.fake_quant' op fused_moving_avg_obs_fake_quantize needs a moving-average observer, got histogram}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<histogram, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fused_needs_moving_average_min_max(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op fused_moving_avg_obs_fake_quantize needs a moving-average observer, got per_channel_min_max}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fused_moving_avg_obs_fake_quantize>, observer = #quill.observer<per_channel_min_max, qint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quantize_placeholder(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // FakeQuantize reads quant_min/quant_max and calculate_qparams.
  // expected-error @+1 {{'quill.fake_quant' op fake_quantize needs an observer that computes quantization parameters, got placeholder}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<placeholder, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @learnable_noop(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op learnable_fake_quantize needs an observer that computes quantization parameters, got noop}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<learnable_fake_quantize>, observer = #quill.observer<noop, float16>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quantize_recording(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op fake_quantize needs an observer that computes quantization parameters, got recording}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<recording, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quantize_reuse_input(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'quill.fake_quant' op fake_quantize needs an observer that computes quantization parameters, got reuse_input}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<reuse_input, quint8>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quant_float_dtype(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // torch.iinfo(dtype) needs an integer dtype.
  // expected-error @+1 {{'quill.fake_quant' op fake quantization needs an integer dtype, got float16}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fixed_qparams_fake_quantize>, observer = #quill.observer<fixed_qparams, float16, scale = 0.00390625, zero_point = 0>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @fake_quant_missing_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.fake_quant' op requires attribute 'kind'}}
  %0 = "quill.fake_quant"(%x) <{id = 0 : i64, observer = #quill.observer<min_max, quint8>}> : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_unknown_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::mlir::quill::FakeQuantKind to be one of: fake_quantize, fused_moving_avg_obs_fake_quantize, fixed_qparams_fake_quantize, learnable_fake_quantize}}
  // expected-error @+1 {{failed to parse Quill_FakeQuantKindAttr parameter 'value'}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantise>, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_integer_input(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'quill.fake_quant' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = quill.fake_quant %x {id = 0 : i64, kind = #quill.fake_quant_kind<fake_quantize>, observer = #quill.observer<min_max, quint8>} : tensor<4xi8>
  return %0 : tensor<4xi8>
}
