// RUN: quant-opt %s -split-input-file -verify-diagnostics

// Verifier diagnostics of the sequence group: embedding, embedding_bag, lstm,
// gru, multihead_attention (PyTorch's own argument checks).

//===----------------------------------------------------------------------===//
// embedding
//===----------------------------------------------------------------------===//

func.func @embedding_float_indices(%idx: tensor<2xf32>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %y = quill.embedding %idx, %w : (tensor<2xf32>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_weight_rank(%idx: tensor<2xi64>, %w: tensor<10x4x2xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding' op weight must have rank 2, got rank 3}}
  %y = quill.embedding %idx, %w : (tensor<2xi64>, tensor<10x4x2xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_padding_idx_high(%idx: tensor<2xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding' op padding_idx 10 is out of range [-10, 10)}}
  %y = quill.embedding %idx, %w {padding_idx = 10 : i64} : (tensor<2xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_padding_idx_low(%idx: tensor<2xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding' op padding_idx -11 is out of range [-10, 10)}}
  %y = quill.embedding %idx, %w {padding_idx = -11 : i64} : (tensor<2xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_result_type(%idx: tensor<2xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf16> {
  // expected-error @+1 {{'quill.embedding' op mixes element types 'f32' and 'f16' (quantized types count as their expressed type)}}
  %y = quill.embedding %idx, %w : (tensor<2xi64>, tensor<10x4xf32>) -> tensor<2x4xf16>
  return %y : tensor<2x4xf16>
}

// -----

func.func @embedding_result_shape(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>) -> tensor<6x4xf32> {
  // expected-error @+1 {{'quill.embedding' op result shape [6, 4] does not match the inferred shape [2, 3, 4]}}
  %y = quill.embedding %idx, %w : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<6x4xf32>
  return %y : tensor<6x4xf32>
}

//===----------------------------------------------------------------------===//
// embedding_bag
//===----------------------------------------------------------------------===//

// -----

func.func @embedding_bag_weight_rank(%idx: tensor<2x3xi64>, %w: tensor<10xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op weight must have rank 2, got rank 1}}
  %y = quill.embedding_bag %idx, %w : (tensor<2x3xi64>, tensor<10xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_indices_rank(%idx: tensor<2x3x4xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op indices must have rank 1 to 2, got rank 3}}
  %y = quill.embedding_bag %idx, %w : (tensor<2x3x4xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_padding_idx(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op padding_idx 12 is out of range [-10, 10)}}
  %y = quill.embedding_bag %idx, %w {padding_idx = 12 : i64} : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_2d_with_offsets(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>, %off: tensor<2xi64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op offsets must be absent when indices are 2-d}}
  %y = quill.embedding_bag %idx, %w offsets %off : (tensor<2x3xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_1d_without_offsets(%idx: tensor<6xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op offsets are required when indices are 1-d}}
  %y = quill.embedding_bag %idx, %w : (tensor<6xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_offsets_rank(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op offsets must have rank 1, got rank 2}}
  %y = quill.embedding_bag %idx, %w offsets %off : (tensor<6xi64>, tensor<10x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_last_offset_empty(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<0xi64>) -> tensor<0x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op include_last_offset needs at least one offset}}
  %y = quill.embedding_bag %idx, %w offsets %off {include_last_offset = true} : (tensor<6xi64>, tensor<10x4xf32>, tensor<0xi64>) -> tensor<0x4xf32>
  return %y : tensor<0x4xf32>
}

// -----

func.func @embedding_bag_psw_mode_mean(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>, %psw: tensor<2x3xf32>) -> tensor<2x4xf32> {
  // mode defaults to mean.
  // expected-error @+1 {{'quill.embedding_bag' op per_sample_weights are only supported with mode sum, got mode mean}}
  %y = quill.embedding_bag %idx, %w per_sample_weights %psw : (tensor<2x3xi64>, tensor<10x4xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_psw_mode_max(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<2xi64>, %psw: tensor<6xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op per_sample_weights are only supported with mode sum, got mode max}}
  %y = quill.embedding_bag %idx, %w offsets %off per_sample_weights %psw {mode = #quill.embedding_bag_mode<max>} : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>, tensor<6xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_psw_shape(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<2xi64>, %psw: tensor<2x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'quill.embedding_bag' op per_sample_weights must have shape [6], got [2, 3]}}
  %y = quill.embedding_bag %idx, %w offsets %off per_sample_weights %psw {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>, tensor<2x3xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_psw_dtype(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<2xi64>, %psw: tensor<6xf16>) -> tensor<2x4xf32> {
  // PyTorch: per_sample_weights must have the weight's dtype.
  // expected-error @+1 {{'quill.embedding_bag' op mixes element types 'f32' and 'f16'}}
  %y = quill.embedding_bag %idx, %w offsets %off per_sample_weights %psw {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>, tensor<6xf16>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @embedding_bag_result_type(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf64> {
  // expected-error @+1 {{'quill.embedding_bag' op mixes element types 'f32' and 'f64'}}
  %y = quill.embedding_bag %idx, %w : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

// -----

func.func @embedding_bag_result_shape(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<3xi64>) -> tensor<3x4xf32> {
  // With include_last_offset, 3 offsets make 2 bags.
  // expected-error @+1 {{'quill.embedding_bag' op result shape [3, 4] does not match the inferred shape [2, 4]}}
  %y = quill.embedding_bag %idx, %w offsets %off {include_last_offset = true} : (tensor<6xi64>, tensor<10x4xf32>, tensor<3xi64>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

//===----------------------------------------------------------------------===//
// lstm
//===----------------------------------------------------------------------===//

// -----

func.func @lstm_h0_without_c0(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // Only the generic form can leave c0 out.
  // expected-error @+1 {{'quill.lstm' op h0 and c0 must be given together}}
  %y, %h, %c = "quill.lstm"(%x, %h0, %wih, %whh) <{hidden_size = 2 : i64, has_biases = false, operandSegmentSizes = array<i32: 1, 1, 0, 2>}>
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_hidden_size(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op hidden_size must be >= 1, got 0}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 0 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_num_layers(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op num_layers must be >= 1, got 0}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, num_layers = 0 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_input_rank(%x: tensor<5x2x3x1xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op input must have rank 2 to 3, got rank 4}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3x1xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_h0_shape(%x: tensor<5x2x3xf32>, %h0: tensor<2x2x2xf32>, %c0: tensor<1x2x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op h0 must have shape [1, 2, 2], got [2, 2, 2]}}
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<2x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_c0_shape_batch_first(%x: tensor<2x5x3xf32>, %h0: tensor<1x2x2xf32>, %c0: tensor<1x5x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<2x5x2xf32> {
  // With batch_first the batch is dim 0 of the input, but states stay
  // [num_layers * D, N, hidden].
  // expected-error @+1 {{'quill.lstm' op c0 must have shape [1, 2, 2], got [1, 5, 2]}}
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false, batch_first = true}
      : (tensor<2x5x3xf32>, tensor<1x2x2xf32>, tensor<1x5x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<2x5x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<2x5x2xf32>
}

// -----

func.func @lstm_unbatched_3d_states(%x: tensor<5x3xf32>, %h0: tensor<1x1x2xf32>, %c0: tensor<1x1x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2xf32> {
  // PyTorch: for unbatched 2-D input, hx and cx should also be 2-D.
  // expected-error @+1 {{'quill.lstm' op h0 must have shape [1, 2], got [1, 1, 2]}}
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x3xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>)
  return %y : tensor<5x2xf32>
}

// -----

func.func @lstm_weight_count(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // has_biases defaults to true: b_ih and b_hh are missing.
  // expected-error @+1 {{'quill.lstm' op expects 4 weights (1 layer(s) x 1 direction(s) x 4), got 2}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_weight_count_bidirectional(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x4xf32> {
  // expected-error @+1 {{'quill.lstm' op expects 8 weights (2 layer(s) x 2 direction(s) x 2), got 4}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh, %wih, %whh) {hidden_size = 2 : i64, num_layers = 2 : i64, bidirectional = true, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @lstm_weight_count_overflow(%x: tensor<5x2x3xf32>) -> tensor<5x2x4xf32> {
  // A num_layers whose weight count overflows must not wrap to 0 (and then
  // index past the empty weight list).
  // expected-error @+1 {{'quill.lstm' op expects 18446744073709551615 weights (4611686018427387904 layer(s) x 2 direction(s) x 4), got 0}}
  %y, %h, %c = quill.lstm %x weights() {hidden_size = 2 : i64, num_layers = 4611686018427387904 : i64, bidirectional = true}
      : (tensor<5x2x3xf32>) -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @lstm_w_ih_input_size(%x: tensor<5x2x3xf32>, %wih: tensor<8x4xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // input.size(-1) must be the input_size w_ih was built for.
  // expected-error @+1 {{'quill.lstm' op layer 0 w_ih must have shape [8, 3], got [8, 4]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x4xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_w_hh_gates(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<6x2xf32>) -> tensor<5x2x2xf32> {
  // LSTM has 4 gates (a GRU's [3*hidden, hidden] w_hh is rejected).
  // expected-error @+1 {{'quill.lstm' op layer 0 w_hh must have shape [8, 2], got [6, 2]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<6x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_b_ih_shape(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>, %b: tensor<8xf32>, %bad: tensor<2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op layer 0 b_ih must have shape [8], got [2]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh, %bad, %b) {hidden_size = 2 : i64}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<2xf32>, tensor<8xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_b_hh_reverse_shape(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>, %b: tensor<8xf32>, %bad: tensor<8x1xf32>) -> tensor<5x2x4xf32> {
  // expected-error @+1 {{'quill.lstm' op layer 0 reverse b_hh must have shape [8], got [8, 1]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh, %b, %b, %wih, %whh, %b, %bad) {hidden_size = 2 : i64, bidirectional = true}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8x1xf32>)
        -> (tensor<5x2x4xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @lstm_layer1_reverse_w_ih(%x: tensor<5x2x3xf32>, %w0: tensor<8x3xf32>, %w1: tensor<8x4xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x4xf32> {
  // Layer 1 of a bidirectional LSTM sees 2 * hidden_size = 4 inputs.
  // expected-error @+1 {{'quill.lstm' op layer 1 reverse w_ih must have shape [8, 4], got [8, 3]}}
  %y, %h, %c = quill.lstm %x weights(%w0, %whh, %w0, %whh, %w1, %whh, %w0, %whh) {hidden_size = 2 : i64, num_layers = 2 : i64, bidirectional = true, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8x4xf32>, tensor<8x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>)
        -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @lstm_weight_dtype(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf16>, %whh: tensor<8x2xf16>) -> tensor<5x2x2xf32> {
  // PyTorch: input must have the type of the weights.
  // expected-error @+1 {{'quill.lstm' op mixes element types 'f32' and 'f16'}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf16>, tensor<8x2xf16>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_state_dtype(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2xf64>, %c0: tensor<1x2x2xf64>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op mixes element types 'f32' and 'f64'}}
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf64>, tensor<1x2x2xf64>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_quantized_state(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2x!quant.uniform<i8:f32, 0.1>>, %c0: tensor<1x2x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // States stay float, even with dynamically quantized weights.
  // expected-error @+1 {{'quill.lstm' op operand #1 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x2x2x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<1x2x2x!quant.uniform<i8:f32, 0.1>>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_output_shape(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x4xf32> {
  // Unidirectional: the output has hidden_size features, not 2 * hidden_size.
  // expected-error @+1 {{'quill.lstm' op result shape [5, 2, 4] does not match the inferred shape [5, 2, 2]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @lstm_output_shape_batch_first(%x: tensor<2x5x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op result shape [5, 2, 2] does not match the inferred shape [2, 5, 2]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false, batch_first = true}
      : (tensor<2x5x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @lstm_c_n_shape(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.lstm' op result shape [1, 2, 3] does not match the inferred shape [1, 2, 2]}}
  %y, %h, %c = quill.lstm %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x3xf32>)
  return %y : tensor<5x2x2xf32>
}

//===----------------------------------------------------------------------===//
// gru (shares the lstm rules with 3 gates)
//===----------------------------------------------------------------------===//

// -----

func.func @gru_w_ih_gates(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.gru' op layer 0 w_ih must have shape [6, 3], got [8, 3]}}
  %y, %h = quill.gru %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @gru_weight_count(%x: tensor<5x2x3xf32>, %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>, %b: tensor<6xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.gru' op expects 4 weights (1 layer(s) x 1 direction(s) x 4), got 3}}
  %y, %h = quill.gru %x weights(%wih, %whh, %b) {hidden_size = 2 : i64}
      : (tensor<5x2x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @gru_h0_shape_bidirectional(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2xf32>, %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>) -> tensor<5x2x4xf32> {
  // expected-error @+1 {{'quill.gru' op h0 must have shape [2, 2, 2], got [1, 2, 2]}}
  %y, %h = quill.gru %x init(%h0) weights(%wih, %whh, %wih, %whh) {hidden_size = 2 : i64, bidirectional = true, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>) -> (tensor<5x2x4xf32>, tensor<2x2x2xf32>)
  return %y : tensor<5x2x4xf32>
}

// -----

func.func @gru_hidden_size(%x: tensor<5x2x3xf32>) -> tensor<5x2x2xf32> {
  // expected-error @+1 {{'quill.gru' op hidden_size must be >= 1, got -1}}
  %y, %h = quill.gru %x weights() {hidden_size = -1 : i64}
      : (tensor<5x2x3xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y : tensor<5x2x2xf32>
}

// -----

func.func @gru_h_n_unbatched(%x: tensor<5x3xf32>, %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>) -> tensor<5x2xf32> {
  // expected-error @+1 {{'quill.gru' op result shape [1, 1, 2] does not match the inferred shape [1, 2]}}
  %y, %h = quill.gru %x weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>) -> (tensor<5x2xf32>, tensor<1x1x2xf32>)
  return %y : tensor<5x2xf32>
}

//===----------------------------------------------------------------------===//
// multihead_attention
//===----------------------------------------------------------------------===//

// -----

func.func @mha_num_heads(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op num_heads must be >= 1, got 0}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 0 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_query_rank(%q: tensor<8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op query must have rank 2 to 3, got rank 1}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 1 : i64}
      : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @mha_key_rank(%q: tensor<5x1x8xf32>, %k: tensor<5x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op key must have rank 3, got rank 2}}
  %y = quill.multihead_attention %q, %k, %q in_proj %w out_proj %wo {num_heads = 1 : i64}
      : (tensor<5x1x8xf32>, tensor<5x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_value_rank(%q: tensor<5x8xf32>, %v: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op value must have rank 2, got rank 3}}
  %y = quill.multihead_attention %q, %q, %v in_proj %w out_proj %wo {num_heads = 1 : i64}
      : (tensor<5x8xf32>, tensor<5x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x8xf32>
  return %y : tensor<5x8xf32>
}

// -----

func.func @mha_heads_divide_embed(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op embed_dim (8) must be divisible by num_heads (3)}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 3 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_kdim(%q: tensor<5x1x8xf32>, %k: tensor<5x1x6xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op key and value must have embed_dim 8 (separate kdim/vdim are not supported)}}
  %y = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x6xf32>, tensor<5x1x6xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_key_value_length(%q: tensor<5x1x8xf32>, %k: tensor<7x1x8xf32>, %v: tensor<6x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op key and value sequence lengths differ: 7 and 6}}
  %y = quill.multihead_attention %q, %k, %v in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<7x1x8xf32>, tensor<6x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_batch_sizes(%q: tensor<2x5x8xf32>, %k: tensor<3x7x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x5x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op query, key and value batch sizes differ}}
  %y = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo {num_heads = 2 : i64, batch_first = true}
      : (tensor<2x5x8xf32>, tensor<3x7x8xf32>, tensor<3x7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

func.func @mha_in_proj_weight(%q: tensor<5x1x8xf32>, %w: tensor<8x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op in_proj_weight must have shape [24, 8], got [8, 8]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_out_proj_weight(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x4xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op out_proj_weight must have shape [8, 8], got [8, 4]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x4xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_in_proj_bias(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %b: tensor<8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op in_proj_bias must have shape [24], got [8]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w, %b out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_out_proj_bias(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %bo: tensor<24xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op out_proj_bias must have shape [8], got [24]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo, %bo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<24xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_attn_mask_2d(%q: tensor<5x1x8xf32>, %k: tensor<7x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<7x5xi1>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op attn_mask must have shape [5, 7], got [7, 5]}}
  %y = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo attn_mask %m {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<7x1x8xf32>, tensor<7x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<7x5xi1>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_attn_mask_3d(%q: tensor<5x3x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<2x5x5xi1>) -> tensor<5x3x8xf32> {
  // A 3-d mask is [N * num_heads, L, S].
  // expected-error @+1 {{'quill.multihead_attention' op attn_mask must have shape [6, 5, 5], got [2, 5, 5]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo attn_mask %m {num_heads = 2 : i64}
      : (tensor<5x3x8xf32>, tensor<5x3x8xf32>, tensor<5x3x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<2x5x5xi1>) -> tensor<5x3x8xf32>
  return %y : tensor<5x3x8xf32>
}

// -----

func.func @mha_attn_mask_int(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<5x5xi32>) -> tensor<5x1x8xf32> {
  // Only bool and float masks.
  // expected-error @+1 {{'quill.multihead_attention' op operand #5 must be ranked tensor of 1-bit signless integer or 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<5x5xi32>'}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo attn_mask %m {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<5x5xi32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_key_padding_mask(%q: tensor<5x2x8xf32>, %k: tensor<7x2x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<7x2xi1>) -> tensor<5x2x8xf32> {
  // key_padding_mask is [N, S] whatever batch_first says.
  // expected-error @+1 {{'quill.multihead_attention' op key_padding_mask must have shape [2, 7], got [7, 2]}}
  %y = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo key_padding_mask %m {num_heads = 2 : i64}
      : (tensor<5x2x8xf32>, tensor<7x2x8xf32>, tensor<7x2x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<7x2xi1>) -> tensor<5x2x8xf32>
  return %y : tensor<5x2x8xf32>
}

// -----

func.func @mha_key_padding_mask_unbatched(%q: tensor<5x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<1x5xi1>) -> tensor<5x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op key_padding_mask must have shape [5], got [1, 5]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo key_padding_mask %m {num_heads = 2 : i64}
      : (tensor<5x8xf32>, tensor<5x8xf32>, tensor<5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<1x5xi1>) -> tensor<5x8xf32>
  return %y : tensor<5x8xf32>
}

// -----

func.func @mha_value_dtype(%q: tensor<5x1x8xf32>, %v: tensor<5x1x8xf16>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op mixes element types 'f32' and 'f16'}}
  %y = quill.multihead_attention %q, %q, %v in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf16>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_weight_dtype(%q: tensor<5x1x8xf32>, %w: tensor<24x8xbf16>, %wo: tensor<8x8xf32>) -> tensor<5x1x8xf32> {
  // F.linear needs the projection weight in the query's dtype.
  // expected-error @+1 {{'quill.multihead_attention' op mixes element types 'f32' and 'bf16'}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xbf16>, tensor<8x8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_bias_dtype(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %bo: tensor<8xf64>) -> tensor<5x1x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op mixes element types 'f32' and 'f64'}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo, %bo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<8xf64>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_float_mask_dtype(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %m: tensor<5x5xf16>) -> tensor<5x1x8xf32> {
  // A float mask is added to the f32 scores (baddbmm): same dtype.
  // expected-error @+1 {{'quill.multihead_attention' op mixes element types 'f32' and 'f16'}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo attn_mask %m {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<5x5xf16>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// -----

func.func @mha_output_shape(%q: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x2x8xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op result shape [5, 2, 8] does not match the inferred shape [2, 5, 8]}}
  %y = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo {num_heads = 2 : i64, batch_first = true}
      : (tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> tensor<5x2x8xf32>
  return %y : tensor<5x2x8xf32>
}

// -----

func.func @mha_attn_weights_averaged(%q: tensor<5x2x8xf32>, %k: tensor<7x2x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<2x2x5x7xf32> {
  // average_attn_weights (the default) gives [N, L, S].
  // expected-error @+1 {{'quill.multihead_attention' op result shape [2, 2, 5, 7] does not match the inferred shape [2, 5, 7]}}
  %y, %a = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo {num_heads = 2 : i64}
      : (tensor<5x2x8xf32>, tensor<7x2x8xf32>, tensor<7x2x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> (tensor<5x2x8xf32>, tensor<2x2x5x7xf32>)
  return %a : tensor<2x2x5x7xf32>
}

// -----

func.func @mha_attn_weights_per_head(%q: tensor<5x8xf32>, %k: tensor<7x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>) -> tensor<5x7xf32> {
  // expected-error @+1 {{'quill.multihead_attention' op result shape [5, 7] does not match the inferred shape [2, 5, 7]}}
  %y, %a = quill.multihead_attention %q, %k, %k in_proj %w out_proj %wo {num_heads = 2 : i64, average_attn_weights = false}
      : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>) -> (tensor<5x8xf32>, tensor<5x7xf32>)
  return %a : tensor<5x7xf32>
}
