// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Malformed input: every problem is a located diagnostic, not a crash.

func.func @unknown_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{custom op 'quill.swish' is unknown}}
  %0 = quill.swish %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unknown_op_generic(%x: tensor<4xf32>) -> tensor<4xf32> {
  // The dialect is loaded, so an unregistered quill op is an error even in
  // the generic form.
  // expected-error @+1 {{unregistered operation 'quill.swish' found in dialect ('quill') that does not allow unknown operations}}
  %0 = "quill.swish"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @missing_colon(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = quill.relu %x tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unbalanced_paren(%x: tensor<5x2x3xf32>, %w: tensor<6x3xf32>, %v: tensor<6x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{expected ')'}}
  %y, %h = quill.gru %x weights(%w, %v {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @undefined_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{use of undeclared SSA value name}}
  %0 = quill.relu %undefined : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scalar_operand(%x: f32) -> f32 {
  // quill ops take ranked tensors, not scalars: the custom form cannot
  // even be parsed...
  // expected-error @+1 {{custom op 'quill.relu' invalid kind of type specified: expected builtin.tensor, but found 'f32'}}
  %0 = quill.relu %x : f32 -> f32
  return %0 : f32
}

// -----

func.func @scalar_operand_generic(%x: f32) -> f32 {
  // ...and the generic form fails verification.
  // expected-error @+1 {{'quill.relu' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or quantized type values, but got 'f32'}}
  %0 = "quill.relu"(%x) : (f32) -> f32
  return %0 : f32
}

// -----

func.func @unranked_operand(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{custom op 'quill.relu' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = quill.relu %x : tensor<*xf32> -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @memref_operand(%x: memref<4xf32>, %w: tensor<8x4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'quill.linear' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or quantized type values, but got 'memref<4xf32>'}}
  %0 = quill.linear %x, %w : (memref<4xf32>, tensor<8x4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @integer_tensor_operand(%x: tensor<4xi8>) -> tensor<4xi8> {
  // Plain integers are not quantized values; use !quant.uniform.
  // expected-error @+1 {{'quill.relu' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or quantized type values, but got 'tensor<4xi8>'}}
  %0 = quill.relu %x : tensor<4xi8> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @wrong_operand_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'quill.relu' op requires a single operand}}
  %0 = "quill.relu"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unknown_attribute_mnemonic(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown attribute `observr` in dialect `quill`}}
  %0 = quill.observe %x {id = 0 : i64, observer = #quill.observr<min_max, quint8>} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
