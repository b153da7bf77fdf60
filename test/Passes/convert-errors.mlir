// RUN: quant-opt %s -split-input-file -verify-diagnostics --quill-convert="backend=x86 explain=true"

// quill-convert errors (an activation observer without qparams) and, with
// explain=true, a remark on every pattern left in reference form.

func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{observer id 0 has no qparams: calibrate the graph first (quant-run --calibrate) or give it trained qparams}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @result_not_quantized(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.998], [0.0, 2.0, -0.5]]> : tensor<2x3xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 5>} : tensor<1x3xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<min_max, qint8, qscheme = per_tensor_symmetric>} : tensor<2x3xf32>
  // expected-remark @+1 {{left in reference form: its result is not quantized}}
  %y = quill.linear %xo, %wo : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @input_not_quantized(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %ao = quill.observe %a {id = 0 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 5>} : tensor<4xf32>
  // expected-remark @+1 {{left in reference form: an input is not quantized}}
  %s = quill.add %ao, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %so = quill.observe %s {id = 1 : i64, observer = #quill.observer<min_max, quint8>, scale = array<f64: 0.1>, zero_point = array<i64: 5>} : tensor<4xf32>
  return %so : tensor<4xf32>
}

// -----

func.func @dtypes_not_accepted(%a: tensor<4xf32>) -> tensor<4xf32> {
  %ao = quill.observe %a {id = 0 : i64, observer = #quill.observer<min_max, qint32>, scale = array<f64: 0.1>, zero_point = array<i64: 0>} : tensor<4xf32>
  // expected-remark @+1 {{left in reference form: no dtype config of its BackendConfig entry accepts these dtypes}}
  %h = quill.hardswish %ao : tensor<4xf32> -> tensor<4xf32>
  %ho = quill.observe %h {id = 1 : i64, observer = #quill.observer<min_max, qint32>, scale = array<f64: 0.1>, zero_point = array<i64: 0>} : tensor<4xf32>
  return %ho : tensor<4xf32>
}

// -----

// float16 (dynamic or static) stays in reference form: values rounded
// through half precision around a float op.
func.func @float16_linear(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0, 0.998], [0.0, 2.0, -0.5]]> : tensor<2x3xf32>
  %xo = quill.observe %x {id = 0 : i64, observer = #quill.observer<placeholder, float16, is_dynamic = true>} : tensor<1x3xf32>
  %wo = quill.observe %w {id = 1 : i64, observer = #quill.observer<placeholder, float16>} : tensor<2x3xf32>
  // expected-remark @+1 {{left in reference form: float16 dynamic ops have no quantized kernel}}
  %y = quill.linear %xo, %wo : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
