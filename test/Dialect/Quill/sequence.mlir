// RUN: quant-opt %s | quant-opt | FileCheck %s
// RUN: quant-opt %s --mlir-print-op-generic | quant-opt | FileCheck %s

// Round trips of the sequence group: embedding, embedding_bag, lstm, gru,
// multihead_attention (torch.nn.Embedding, EmbeddingBag, LSTM, GRU,
// MultiheadAttention in eval mode).

//===----------------------------------------------------------------------===//
// embedding
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @embedding_basic
func.func @embedding_basic(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: quill.embedding %{{.*}}, %{{.*}} : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x3x4xf32>
  %y = quill.embedding %idx, %w : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @embedding_padding_idx
func.func @embedding_padding_idx(%idx: tensor<5xi32>, %w: tensor<10x4xf16>) -> (tensor<5x4xf16>, tensor<5x4xf16>, tensor<5x4xf16>) {
  // padding_idx is in [-num_embeddings, num_embeddings); i32 indices.
  // CHECK: quill.embedding %{{.*}}, %{{.*}} {padding_idx = -10 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  %a = quill.embedding %idx, %w {padding_idx = -10 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  // CHECK: quill.embedding %{{.*}}, %{{.*}} {padding_idx = 9 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  %b = quill.embedding %idx, %w {padding_idx = 9 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  // CHECK: quill.embedding %{{.*}}, %{{.*}} {padding_idx = 0 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  %c = quill.embedding %idx, %w {padding_idx = 0 : i64} : (tensor<5xi32>, tensor<10x4xf16>) -> tensor<5x4xf16>
  return %a, %b, %c : tensor<5x4xf16>, tensor<5x4xf16>, tensor<5x4xf16>
}

// CHECK-LABEL: func.func @embedding_scalar_index
func.func @embedding_scalar_index(%idx: tensor<i64>, %w: tensor<10x4xf32>) -> tensor<4xf32> {
  // A 0-d index gathers one row.
  // CHECK: quill.embedding %{{.*}}, %{{.*}} : (tensor<i64>, tensor<10x4xf32>) -> tensor<4xf32>
  %y = quill.embedding %idx, %w : (tensor<i64>, tensor<10x4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @embedding_dynamic
func.func @embedding_dynamic(%idx: tensor<?x7xi64>, %w: tensor<?x4xf32>) -> tensor<?x7x4xf32> {
  // Unknown sizes pass; padding_idx is not range-checked against `?`.
  // CHECK: quill.embedding %{{.*}}, %{{.*}} {padding_idx = 100 : i64} : (tensor<?x7xi64>, tensor<?x4xf32>) -> tensor<?x7x4xf32>
  %y = quill.embedding %idx, %w {padding_idx = 100 : i64} : (tensor<?x7xi64>, tensor<?x4xf32>) -> tensor<?x7x4xf32>
  return %y : tensor<?x7x4xf32>
}

// CHECK-LABEL: func.func @embedding_quantized_weight
func.func @embedding_quantized_weight(%idx: tensor<6xi64>, %w: tensor<3x4x!quant.uniform<u8:f32:0, {0.1:3, 0.2:7, 0.05:0}>>) -> tensor<6x4xf32> {
  // Weight-only quantization (float_qparams_weight_only_qconfig): per-row
  // quint8 weight, float result.
  // CHECK: quill.embedding %{{.*}}, %{{.*}} : (tensor<6xi64>, tensor<3x4x!quant.uniform<u8:f32:0, {1.000000e-01:3,2.000000e-01:7,5.000000e-02}>>) -> tensor<6x4xf32>
  %y = quill.embedding %idx, %w : (tensor<6xi64>, tensor<3x4x!quant.uniform<u8:f32:0, {0.1:3, 0.2:7, 0.05:0}>>) -> tensor<6x4xf32>
  return %y : tensor<6x4xf32>
}

//===----------------------------------------------------------------------===//
// embedding_bag
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @embedding_bag_2d
func.func @embedding_bag_2d(%idx: tensor<2x3xi64>, %w: tensor<10x4xf32>) -> tensor<2x4xf32> {
  // 2-d indices: one bag per row, no offsets; mode mean is the default.
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  %y = quill.embedding_bag %idx, %w {mode = #quill.embedding_bag_mode<mean>} : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @embedding_bag_offsets
func.func @embedding_bag_offsets(%idx: tensor<6xi64>, %w: tensor<10x4xf32>, %off: tensor<2xi64>, %off3: tensor<3xi32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} {mode = #quill.embedding_bag_mode<max>, padding_idx = -1 : i64} : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  %a = quill.embedding_bag %idx, %w offsets %off {mode = #quill.embedding_bag_mode<max>, padding_idx = -1 : i64} : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  // include_last_offset: 3 offsets are 2 bags (CSR); i32 offsets with i64
  // indices are promoted by PyTorch.
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} {include_last_offset = true} : (tensor<6xi64>, tensor<10x4xf32>, tensor<3xi32>) -> tensor<2x4xf32>
  %b = quill.embedding_bag %idx, %w offsets %off3 {include_last_offset = true} : (tensor<6xi64>, tensor<10x4xf32>, tensor<3xi32>) -> tensor<2x4xf32>
  return %a, %b : tensor<2x4xf32>, tensor<2x4xf32>
}

// CHECK-LABEL: func.func @embedding_bag_per_sample_weights
func.func @embedding_bag_per_sample_weights(%idx: tensor<6xi32>, %w: tensor<10x4xf32>, %off: tensor<2xi32>, %psw: tensor<6xf32>, %idx2: tensor<2x3xi64>, %psw2: tensor<2x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  // per_sample_weights (mode sum only), shaped like the indices.
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} per_sample_weights %{{.*}} {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi32>, tensor<10x4xf32>, tensor<2xi32>, tensor<6xf32>) -> tensor<2x4xf32>
  %a = quill.embedding_bag %idx, %w offsets %off per_sample_weights %psw {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi32>, tensor<10x4xf32>, tensor<2xi32>, tensor<6xf32>) -> tensor<2x4xf32>
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} per_sample_weights %{{.*}} {mode = #quill.embedding_bag_mode<sum>} : (tensor<2x3xi64>, tensor<10x4xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
  %b = quill.embedding_bag %idx2, %w per_sample_weights %psw2 {mode = #quill.embedding_bag_mode<sum>} : (tensor<2x3xi64>, tensor<10x4xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
  return %a, %b : tensor<2x4xf32>, tensor<2x4xf32>
}

// CHECK-LABEL: func.func @embedding_bag_dynamic
func.func @embedding_bag_dynamic(%idx: tensor<?xi64>, %w: tensor<10x?xf32>, %off: tensor<?xi64>) -> tensor<?x?xf32> {
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} {include_last_offset = true} : (tensor<?xi64>, tensor<10x?xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  %y = quill.embedding_bag %idx, %w offsets %off {include_last_offset = true} : (tensor<?xi64>, tensor<10x?xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @embedding_bag_quantized_weight
func.func @embedding_bag_quantized_weight(%idx: tensor<6xi64>, %off: tensor<2xi64>, %psw: tensor<6xf32>,
    %w8: tensor<3x4x!quant.uniform<u8:f32:0, {0.1:3, 0.2:7, 0.05}>>,
    %w4: tensor<3x4x!quant.uniform<u4:f32:0, {0.5:8, 0.25:1, 1.0:15}>>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  // Quantized EmbeddingBag: quint8 / quint4x2 rows with float results; float
  // per_sample_weights go with the expressed f32.
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} per_sample_weights %{{.*}} {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<3x4x!quant.uniform<u8:f32:0, {1.000000e-01:3,2.000000e-01:7,5.000000e-02}>>, tensor<2xi64>, tensor<6xf32>) -> tensor<2x4xf32>
  %a = quill.embedding_bag %idx, %w8 offsets %off per_sample_weights %psw {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<3x4x!quant.uniform<u8:f32:0, {0.1:3, 0.2:7, 0.05}>>, tensor<2xi64>, tensor<6xf32>) -> tensor<2x4xf32>
  // CHECK: quill.embedding_bag %{{.*}}, %{{.*}} offsets %{{.*}} {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<3x4x!quant.uniform<u4:f32:0, {5.000000e-01:8,2.500000e-01:1,1.000000e+00:15}>>, tensor<2xi64>) -> tensor<2x4xf32>
  %b = quill.embedding_bag %idx, %w4 offsets %off {mode = #quill.embedding_bag_mode<sum>} : (tensor<6xi64>, tensor<3x4x!quant.uniform<u4:f32:0, {0.5:8, 0.25:1, 1.0:15}>>, tensor<2xi64>) -> tensor<2x4xf32>
  return %a, %b : tensor<2x4xf32>, tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// lstm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @lstm_single_layer
func.func @lstm_single_layer(%x: tensor<5x2x3xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>, %bih: tensor<8xf32>, %bhh: tensor<8xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>) {
  // Zero initial states; num_layers 1, unidirectional, has_biases are the
  // defaults and are elided.
  // CHECK: quill.lstm %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {hidden_size = 2 : i64} : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  %y, %h, %c = quill.lstm %x weights(%wih, %whh, %bih, %bhh) {hidden_size = 2 : i64, num_layers = 1 : i64, bidirectional = false, has_biases = true}
      : (tensor<5x2x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %h, %c : tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @lstm_init_states
func.func @lstm_init_states(%x: tensor<5x2x3xf32>, %h0: tensor<1x2x2xf32>, %c0: tensor<1x2x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>) {
  // Given (h0, c0); bias=False leaves two weights per direction.
  // CHECK: quill.lstm %{{.*}} init(%{{.*}}, %{{.*}}) weights(%{{.*}}, %{{.*}}) {has_biases = false, hidden_size = 2 : i64} : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %h, %c : tensor<5x2x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @lstm_bidirectional_two_layers
func.func @lstm_bidirectional_two_layers(%x: tensor<5x2x3xf32>, %h0: tensor<4x2x2xf32>, %c0: tensor<4x2x2xf32>,
    %w0ih: tensor<8x3xf32>, %w0hh: tensor<8x2xf32>, %b0ih: tensor<8xf32>, %b0hh: tensor<8xf32>,
    %w0ihr: tensor<8x3xf32>, %w0hhr: tensor<8x2xf32>, %b0ihr: tensor<8xf32>, %b0hhr: tensor<8xf32>,
    %w1ih: tensor<8x4xf32>, %w1hh: tensor<8x2xf32>, %b1ih: tensor<8xf32>, %b1hh: tensor<8xf32>,
    %w1ihr: tensor<8x4xf32>, %w1hhr: tensor<8x2xf32>, %b1ihr: tensor<8xf32>, %b1hhr: tensor<8xf32>) -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>) {
  // _flat_weights order: layer 0 forward, layer 0 reverse, layer 1 forward,
  // layer 1 reverse; layer 1 sees 2 * hidden_size inputs. States and h_n/c_n
  // are [num_layers * 2, N, hidden].
  // CHECK: quill.lstm %{{.*}} init(%{{.*}}, %{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {bidirectional = true, hidden_size = 2 : i64, num_layers = 2 : i64}
  // CHECK-SAME: : (tensor<5x2x3xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x4xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>)
  %y, %h, %c = quill.lstm %x init(%h0, %c0)
      weights(%w0ih, %w0hh, %b0ih, %b0hh, %w0ihr, %w0hhr, %b0ihr, %b0hhr,
              %w1ih, %w1hh, %b1ih, %b1hh, %w1ihr, %w1hhr, %b1ihr, %b1hhr)
      {hidden_size = 2 : i64, num_layers = 2 : i64, bidirectional = true}
      : (tensor<5x2x3xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>,
         tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<8x4xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<8x4xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>)
      -> (tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>)
  return %y, %h, %c : tensor<5x2x4xf32>, tensor<4x2x2xf32>, tensor<4x2x2xf32>
}

// CHECK-LABEL: func.func @lstm_batch_first
func.func @lstm_batch_first(%x: tensor<2x5x3xf32>, %h0: tensor<1x2x2xf32>, %c0: tensor<1x2x2xf32>, %wih: tensor<8x3xf32>, %whh: tensor<8x2xf32>, %bih: tensor<8xf32>, %bhh: tensor<8xf32>) -> (tensor<2x5x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>) {
  // batch_first: input and output are [N, T, *]; the states stay [L*D, N, H].
  // CHECK: quill.lstm %{{.*}} init(%{{.*}}, %{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {batch_first = true, hidden_size = 2 : i64} : (tensor<2x5x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x5x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  %y, %h, %c = quill.lstm %x init(%h0, %c0) weights(%wih, %whh, %bih, %bhh) {hidden_size = 2 : i64, batch_first = true}
      : (tensor<2x5x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x5x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %h, %c : tensor<2x5x2xf32>, tensor<1x2x2xf32>, tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @lstm_unbatched
func.func @lstm_unbatched(%x: tensor<5x3xf32>, %h0: tensor<2x2xf32>, %c0: tensor<2x2xf32>,
    %a: tensor<8x3xf32>, %b: tensor<8x2xf32>, %c: tensor<8xf32>, %d: tensor<8xf32>) -> (tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  // Unbatched [T, input_size] input: 2-d states and results.
  // CHECK: quill.lstm %{{.*}} init(%{{.*}}, %{{.*}}) weights({{.*}}) {bidirectional = true, hidden_size = 2 : i64} : (tensor<5x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, {{.*}}) -> (tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  %y, %h, %cn = quill.lstm %x init(%h0, %c0) weights(%a, %b, %c, %d, %a, %b, %c, %d) {hidden_size = 2 : i64, bidirectional = true}
      : (tensor<5x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>)
        -> (tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  // PyTorch ignores batch_first for an unbatched input.
  // CHECK: quill.lstm %{{.*}} weights({{.*}}) {batch_first = true, bidirectional = true, hidden_size = 2 : i64} : (tensor<5x3xf32>, {{.*}}) -> (tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  %y2, %h2, %c2 = quill.lstm %x weights(%a, %b, %c, %d, %a, %b, %c, %d) {hidden_size = 2 : i64, bidirectional = true, batch_first = true}
      : (tensor<5x3xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>)
        -> (tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  return %y, %h, %cn, %y2, %h2, %c2 : tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<5x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// CHECK-LABEL: func.func @lstm_dynamic_quantized
func.func @lstm_dynamic_quantized(%x: tensor<?x?x3xf32>,
    %wih: tensor<8x3x!quant.uniform<i8:f32, 0.02>>,
    %whh: tensor<8x2x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4}>>,
    %bih: tensor<8xf32>, %bhh: tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>) {
  // Dynamic quantization: int8 weights (per tensor and per channel), float
  // biases, float activations; unknown T and N.
  // CHECK: quill.lstm %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {hidden_size = 2 : i64} : (tensor<?x?x3xf32>, tensor<8x3x!quant.uniform<i8:f32, 2.000000e-02>>, tensor<8x2x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,1.000000e-01,2.000000e-01,2.000000e-01,3.000000e-01,3.000000e-01,4.000000e-01,4.000000e-01}>>, tensor<8xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  %y, %h, %c = quill.lstm %x weights(%wih, %whh, %bih, %bhh) {hidden_size = 2 : i64}
      : (tensor<?x?x3xf32>, tensor<8x3x!quant.uniform<i8:f32, 0.02>>,
         tensor<8x2x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4}>>,
         tensor<8xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  return %y, %h, %c : tensor<?x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>
}

//===----------------------------------------------------------------------===//
// gru
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gru_single_layer
func.func @gru_single_layer(%x: tensor<5x2x3xf32>, %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>, %bih: tensor<6xf32>, %bhh: tensor<6xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>) {
  // CHECK: quill.gru %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {hidden_size = 2 : i64} : (tensor<5x2x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  %y, %h = quill.gru %x weights(%wih, %whh, %bih, %bhh) {hidden_size = 2 : i64}
      : (tensor<5x2x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<5x2x2xf32>, tensor<1x2x2xf32>)
  return %y, %h : tensor<5x2x2xf32>, tensor<1x2x2xf32>
}

// CHECK-LABEL: func.func @gru_init_no_bias
func.func @gru_init_no_bias(%x: tensor<5x2x3xf64>, %h0: tensor<1x2x2xf64>, %wih: tensor<6x3xf64>, %whh: tensor<6x2xf64>) -> (tensor<5x2x2xf64>, tensor<1x2x2xf64>) {
  // CHECK: quill.gru %{{.*}} init(%{{.*}}) weights(%{{.*}}, %{{.*}}) {has_biases = false, hidden_size = 2 : i64} : (tensor<5x2x3xf64>, tensor<1x2x2xf64>, tensor<6x3xf64>, tensor<6x2xf64>) -> (tensor<5x2x2xf64>, tensor<1x2x2xf64>)
  %y, %h = quill.gru %x init(%h0) weights(%wih, %whh) {hidden_size = 2 : i64, has_biases = false}
      : (tensor<5x2x3xf64>, tensor<1x2x2xf64>, tensor<6x3xf64>, tensor<6x2xf64>) -> (tensor<5x2x2xf64>, tensor<1x2x2xf64>)
  return %y, %h : tensor<5x2x2xf64>, tensor<1x2x2xf64>
}

// CHECK-LABEL: func.func @gru_bidirectional_two_layers
func.func @gru_bidirectional_two_layers(%x: tensor<2x5x3xf32>, %h0: tensor<4x2x2xf32>,
    %w0ih: tensor<6x3xf32>, %w0hh: tensor<6x2xf32>, %b0ih: tensor<6xf32>, %b0hh: tensor<6xf32>,
    %w0ihr: tensor<6x3xf32>, %w0hhr: tensor<6x2xf32>, %b0ihr: tensor<6xf32>, %b0hhr: tensor<6xf32>,
    %w1ih: tensor<6x4xf32>, %w1hh: tensor<6x2xf32>, %b1ih: tensor<6xf32>, %b1hh: tensor<6xf32>,
    %w1ihr: tensor<6x4xf32>, %w1hhr: tensor<6x2xf32>, %b1ihr: tensor<6xf32>, %b1hhr: tensor<6xf32>) -> (tensor<2x5x4xf32>, tensor<4x2x2xf32>) {
  // Bidirectional, two layers, batch_first, with h0.
  // CHECK: quill.gru %{{.*}} init(%{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {batch_first = true, bidirectional = true, hidden_size = 2 : i64, num_layers = 2 : i64}
  // CHECK-SAME: : (tensor<2x5x3xf32>, tensor<4x2x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6x4xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6x4xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<2x5x4xf32>, tensor<4x2x2xf32>)
  %y, %h = quill.gru %x init(%h0)
      weights(%w0ih, %w0hh, %b0ih, %b0hh, %w0ihr, %w0hhr, %b0ihr, %b0hhr,
              %w1ih, %w1hh, %b1ih, %b1hh, %w1ihr, %w1hhr, %b1ihr, %b1hhr)
      {hidden_size = 2 : i64, num_layers = 2 : i64, bidirectional = true, batch_first = true}
      : (tensor<2x5x3xf32>, tensor<4x2x2xf32>,
         tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<6x4xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<6x4xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>)
      -> (tensor<2x5x4xf32>, tensor<4x2x2xf32>)
  return %y, %h : tensor<2x5x4xf32>, tensor<4x2x2xf32>
}

// CHECK-LABEL: func.func @gru_unbatched_three_layers
func.func @gru_unbatched_three_layers(%x: tensor<7x3xf32>, %h0: tensor<3x2xf32>,
    %w0: tensor<6x3xf32>, %w1: tensor<6x2xf32>, %wq: tensor<6x2x!quant.uniform<i8:f32, 0.05>>) -> (tensor<7x2xf32>, tensor<3x2xf32>) {
  // Unbatched, three unidirectional layers without biases; layer 1 and 2
  // take hidden_size inputs. One weight is int8 (dynamic quantization).
  // CHECK: quill.gru %{{.*}} init(%{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {has_biases = false, hidden_size = 2 : i64, num_layers = 3 : i64} : (tensor<7x3xf32>, tensor<3x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6x2xf32>, tensor<6x2xf32>, tensor<6x2x!quant.uniform<i8:f32, 5.000000e-02>>, tensor<6x2xf32>) -> (tensor<7x2xf32>, tensor<3x2xf32>)
  %y, %h = quill.gru %x init(%h0) weights(%w0, %w1, %w1, %w1, %wq, %w1) {hidden_size = 2 : i64, num_layers = 3 : i64, has_biases = false}
      : (tensor<7x3xf32>, tensor<3x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6x2xf32>, tensor<6x2xf32>, tensor<6x2x!quant.uniform<i8:f32, 0.05>>, tensor<6x2xf32>)
        -> (tensor<7x2xf32>, tensor<3x2xf32>)
  return %y, %h : tensor<7x2xf32>, tensor<3x2xf32>
}

//===----------------------------------------------------------------------===//
// multihead_attention
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @mha_self_attention
func.func @mha_self_attention(%q: tensor<5x1x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>, %wo: tensor<8x8xf32>, %bo: tensor<8xf32>) -> tensor<5x1x8xf32> {
  // need_weights=False: no attention-weights result.
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}}, %{{.*}} out_proj %{{.*}}, %{{.*}} {num_heads = 2 : i64} : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<5x1x8xf32>
  %y = quill.multihead_attention %q, %q, %q in_proj %w, %b out_proj %wo, %bo {num_heads = 2 : i64}
      : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<5x1x8xf32>
  return %y : tensor<5x1x8xf32>
}

// CHECK-LABEL: func.func @mha_no_bias_masks_weights
func.func @mha_no_bias_masks_weights(%q: tensor<5x2x8xf32>, %k: tensor<7x2x8xf32>, %v: tensor<7x2x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>,
    %mask: tensor<5x7xi1>, %kpm: tensor<2x7xi1>) -> (tensor<5x2x8xf32>, tensor<2x5x7xf32>) {
  // bias=False, bool attn_mask [L, S] and key_padding_mask [N, S];
  // need_weights with the default head averaging: [N, L, S].
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}} out_proj %{{.*}} attn_mask %{{.*}} key_padding_mask %{{.*}} {num_heads = 4 : i64} : (tensor<5x2x8xf32>, tensor<7x2x8xf32>, tensor<7x2x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<5x7xi1>, tensor<2x7xi1>) -> (tensor<5x2x8xf32>, tensor<2x5x7xf32>)
  %y, %a = quill.multihead_attention %q, %k, %v in_proj %w out_proj %wo attn_mask %mask key_padding_mask %kpm {num_heads = 4 : i64}
      : (tensor<5x2x8xf32>, tensor<7x2x8xf32>, tensor<7x2x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<5x7xi1>, tensor<2x7xi1>) -> (tensor<5x2x8xf32>, tensor<2x5x7xf32>)
  return %y, %a : tensor<5x2x8xf32>, tensor<2x5x7xf32>
}

// CHECK-LABEL: func.func @mha_batch_first_3d_mask
func.func @mha_batch_first_3d_mask(%q: tensor<2x5x8xf32>, %kv: tensor<2x7x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>, %wo: tensor<8x8xf32>,
    %mask: tensor<4x5x7xf32>) -> (tensor<2x5x8xf32>, tensor<2x2x5x7xf32>) {
  // batch_first, float 3-d attn_mask [N * num_heads, L, S], per-head weights
  // (average_attn_weights=False) [N, num_heads, L, S]; only in_proj has a bias.
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}}, %{{.*}} out_proj %{{.*}} attn_mask %{{.*}} {average_attn_weights = false, batch_first = true, num_heads = 2 : i64} : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<4x5x7xf32>) -> (tensor<2x5x8xf32>, tensor<2x2x5x7xf32>)
  %y, %a = quill.multihead_attention %q, %kv, %kv in_proj %w, %b out_proj %wo attn_mask %mask {num_heads = 2 : i64, batch_first = true, average_attn_weights = false}
      : (tensor<2x5x8xf32>, tensor<2x7x8xf32>, tensor<2x7x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<4x5x7xf32>) -> (tensor<2x5x8xf32>, tensor<2x2x5x7xf32>)
  return %y, %a : tensor<2x5x8xf32>, tensor<2x2x5x7xf32>
}

// CHECK-LABEL: func.func @mha_unbatched
func.func @mha_unbatched(%q: tensor<5x8xf32>, %kv: tensor<7x8xf32>, %w: tensor<24x8xf32>, %wo: tensor<8x8xf32>, %bo: tensor<8xf32>,
    %mask: tensor<2x5x7xi1>, %kpm: tensor<7xi1>) -> (tensor<5x8xf32>, tensor<5x7xf32>, tensor<5x8xf32>, tensor<2x5x7xf32>) {
  // Unbatched [L, E] / [S, E]: 3-d attn_mask is [num_heads, L, S],
  // key_padding_mask [S], weights [L, S] or [num_heads, L, S]; only
  // out_proj has a bias. batch_first is ignored, as in PyTorch.
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}} out_proj %{{.*}}, %{{.*}} key_padding_mask %{{.*}} {num_heads = 2 : i64} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<7xi1>) -> (tensor<5x8xf32>, tensor<5x7xf32>)
  %y, %a = quill.multihead_attention %q, %kv, %kv in_proj %w out_proj %wo, %bo key_padding_mask %kpm {num_heads = 2 : i64}
      : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<7xi1>) -> (tensor<5x8xf32>, tensor<5x7xf32>)
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}} out_proj %{{.*}}, %{{.*}} attn_mask %{{.*}} {average_attn_weights = false, batch_first = true, num_heads = 2 : i64} : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<2x5x7xi1>) -> (tensor<5x8xf32>, tensor<2x5x7xf32>)
  %y2, %a2 = quill.multihead_attention %q, %kv, %kv in_proj %w out_proj %wo, %bo attn_mask %mask {num_heads = 2 : i64, average_attn_weights = false, batch_first = true}
      : (tensor<5x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>, tensor<24x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<2x5x7xi1>) -> (tensor<5x8xf32>, tensor<2x5x7xf32>)
  return %y, %a, %y2, %a2 : tensor<5x8xf32>, tensor<5x7xf32>, tensor<5x8xf32>, tensor<2x5x7xf32>
}

// CHECK-LABEL: func.func @mha_quantized
func.func @mha_quantized(%q: tensor<5x1x8x!quant.uniform<u8:f32, 0.05:128>>, %w: tensor<24x8x!quant.uniform<i8:f32, 0.01>>, %b: tensor<24xi32>,
    %wo: tensor<8x8x!quant.uniform<i8:f32, 0.02>>, %bo: tensor<8xf32>) -> tensor<5x1x8x!quant.uniform<u8:f32, 0.1:120>> {
  // Quantized activations and projections; int32 in_proj bias, float
  // out_proj bias.
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}}, %{{.*}} out_proj %{{.*}}, %{{.*}} {num_heads = 1 : i64} : (tensor<5x1x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<5x1x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<5x1x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<24x8x!quant.uniform<i8:f32, 1.000000e-02>>, tensor<24xi32>, tensor<8x8x!quant.uniform<i8:f32, 2.000000e-02>>, tensor<8xf32>) -> tensor<5x1x8x!quant.uniform<u8:f32, 1.000000e-01:120>>
  %y = quill.multihead_attention %q, %q, %q in_proj %w, %b out_proj %wo, %bo {num_heads = 1 : i64}
      : (tensor<5x1x8x!quant.uniform<u8:f32, 0.05:128>>, tensor<5x1x8x!quant.uniform<u8:f32, 0.05:128>>, tensor<5x1x8x!quant.uniform<u8:f32, 0.05:128>>,
         tensor<24x8x!quant.uniform<i8:f32, 0.01>>, tensor<24xi32>, tensor<8x8x!quant.uniform<i8:f32, 0.02>>, tensor<8xf32>)
        -> tensor<5x1x8x!quant.uniform<u8:f32, 0.1:120>>
  return %y : tensor<5x1x8x!quant.uniform<u8:f32, 0.1:120>>
}

// CHECK-LABEL: func.func @mha_dynamic
func.func @mha_dynamic(%q: tensor<?x?x?xf16>, %w: tensor<?x?xf16>, %wo: tensor<?x?xf16>, %m: tensor<?x?xf16>) -> (tensor<?x?x?xf16>, tensor<?x?x?xf16>) {
  // Unknown sizes; float16 mask added to the scores.
  // CHECK: quill.multihead_attention %{{.*}}, %{{.*}}, %{{.*}} in_proj %{{.*}} out_proj %{{.*}} attn_mask %{{.*}} {num_heads = 3 : i64} : (tensor<?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?xf16>, tensor<?x?xf16>, tensor<?x?xf16>) -> (tensor<?x?x?xf16>, tensor<?x?x?xf16>)
  %y, %a = quill.multihead_attention %q, %q, %q in_proj %w out_proj %wo attn_mask %m {num_heads = 3 : i64}
      : (tensor<?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?xf16>, tensor<?x?xf16>, tensor<?x?xf16>) -> (tensor<?x?x?xf16>, tensor<?x?x?xf16>)
  return %y, %a : tensor<?x?x?xf16>, tensor<?x?x?xf16>
}
