// RUN: quant-opt %s -split-input-file -verify-diagnostics

// The quill dialect's check of discardable `quill.*` attributes: only
// `quill.module` and `quill.module_type`, each a non-empty string, on any op.

func.func @typo_on_quill_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown quill attribute 'quill.modul' (expected 'quill.module', 'quill.module_type' or a function's 'quill.numerics', 'quill.input_quantized_idxs', 'quill.output_quantized_idxs')}}
  %0 = quill.relu %x {quill.modul = "relu"} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unknown_on_constant() -> tensor<4xf32> {
  // expected-error @+1 {{unknown quill attribute 'quill.qconfig' (expected 'quill.module', 'quill.module_type' or a function's 'quill.numerics', 'quill.input_quantized_idxs', 'quill.output_quantized_idxs')}}
  %0 = arith.constant {quill.qconfig = "default"} dense<1.0> : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{unknown quill attribute 'quill.module_name' (expected 'quill.module', 'quill.module_type' or a function's 'quill.numerics', 'quill.input_quantized_idxs', 'quill.output_quantized_idxs')}}
func.func @unknown_on_func(%x: tensor<4xf32>) -> tensor<4xf32> attributes {quill.module_name = "root"} {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{unknown quill attribute 'quill.observer' (expected 'quill.module', 'quill.module_type' or a function's 'quill.numerics', 'quill.input_quantized_idxs', 'quill.output_quantized_idxs')}}
module attributes {quill.observer = #quill.observer<min_max, quint8>} {
}

// -----

func.func @module_not_string(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module' must be a non-empty string attribute}}
  %0 = quill.relu %x {quill.module = 3 : i64} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_empty(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module' must be a non-empty string attribute}}
  %0 = quill.relu %x {quill.module = ""} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_unit(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module' must be a non-empty string attribute}}
  %0 = quill.relu %x {quill.module} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_type_symbol(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module_type' must be a non-empty string attribute}}
  %0 = quill.relu %x {quill.module_type = @ReLU} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_type_array_on_constant() -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module_type' must be a non-empty string attribute}}
  %0 = arith.constant {quill.module_type = ["torch.nn.Linear"]} dense<1.0> : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_type_empty_on_constant() -> tensor<4xf32> {
  // expected-error @+1 {{'quill.module_type' must be a non-empty string attribute}}
  %0 = arith.constant {quill.module = "fc.weight", quill.module_type = ""} dense<1.0> : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @module_empty_on_tensor_op(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'quill.module' must be a non-empty string attribute}}
  %0 = tensor.collapse_shape %x [[0, 1]] {quill.module = ""} : tensor<2x3xf32> into tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// expected-error @+1 {{'quill.numerics' must be "onednn" or "qnnpack" on a function}}
func.func @bad_numerics() attributes {quill.numerics = "fbgemm"} {
  return
}

// -----

func.func @numerics_on_op() {
  // expected-error @+1 {{'quill.numerics' must be "onednn" or "qnnpack" on a function}}
  %c = arith.constant {quill.numerics = "onednn"} dense<1.0> : tensor<2xf32>
  return
}

// -----

// expected-error @+1 {{'quill.input_quantized_idxs' must be an array<i64> on a function}}
func.func @bad_idxs() attributes {quill.input_quantized_idxs = [0]} {
  return
}
