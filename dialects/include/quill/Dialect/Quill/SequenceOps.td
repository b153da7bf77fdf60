//===- SequenceOps.td - embeddings, recurrent layers and attention --------===//

#ifndef QUILL_SEQUENCE_OPS_TD
#define QUILL_SEQUENCE_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"
include "quill/Dialect/Quill/QuillInterfaces.td"

def Quill_EmbeddingOp : Quill_PureOp<"embedding",
    [Quill_QuantizableWeightsOpInterface]> {
  let summary = "embedding lookup (`torch.nn.Embedding`)";
  let description = [{
    Gathers rows of `weight` (`[num_embeddings, embedding_dim]`, float or
    quantized for weight-only quantization) by integer `indices`; the result
    is `indices.shape + [embedding_dim]`. `padding_idx`, when given, is in
    `[-num_embeddings, num_embeddings)`. `max_norm` renormalization is not
    represented.

    ```mlir
    %y = quill.embedding %idx, %w : (tensor<2x3xi64>, tensor<10x4xf32>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Quill_IndexTensor:$indices, Quill_Tensor:$weight,
                       OptionalAttr<I64Attr>:$padding_idx);
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $indices `,` $weight attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Quill_EmbeddingBagOp : Quill_PureOp<"embedding_bag",
    [AttrSizedOperandSegments, Quill_QuantizableWeightsOpInterface]> {
  let summary = "bags of embeddings reduced by sum, mean or max (`torch.nn.EmbeddingBag`)";
  let description = [{
    With 2-d `indices` `[B, L]` each row is a bag and `offsets` is absent;
    with 1-d `indices`, 1-d `offsets` gives each bag's start (the last entry
    is the end when `include_last_offset`). The result is
    `[B, embedding_dim]`. `per_sample_weights` (shape of `indices`) is only
    allowed with mode `sum`. `mode` defaults to `mean`, as in PyTorch.

    ```mlir
    %y = quill.embedding_bag %idx, %w offsets %off {mode = #quill.embedding_bag_mode<sum>}
        : (tensor<6xi64>, tensor<10x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins
    Quill_IndexTensor:$indices,
    Quill_Tensor:$weight,
    Optional<Quill_IndexTensor>:$offsets,
    Optional<Quill_FloatTensor>:$per_sample_weights,
    DefaultValuedAttr<Quill_EmbeddingBagModeAttr,
                      "::mlir::quill::EmbeddingBagMode::mean">:$mode,
    DefaultValuedAttr<BoolAttr, "false">:$include_last_offset,
    OptionalAttr<I64Attr>:$padding_idx
  );
  let results = (outs Quill_Tensor:$result);
  let assemblyFormat = [{
    $indices `,` $weight (`offsets` $offsets^)?
    (`per_sample_weights` $per_sample_weights^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

// LSTM and GRU share operands and attributes; gates is 4 or 3.
class Quill_RecurrentOp<string mnemonic, string torchName, int gates,
                        dag stateOperands, dag stateResults, string format>
    : Quill_PureOp<mnemonic, [AttrSizedOperandSegments,
        DeclareOpInterfaceMethods<Quill_QuantizableWeightsOpInterface,
                                  ["getQuantizableWeights"]>]> {
  let summary = "multi-layer " # mnemonic # " (`" # torchName # "`), eval mode";
  let description = "`input` is `[T, N, input_size]` (`[N, T, input_size]` "
      "with `batch_first`, `[T, input_size]` unbatched). The initial states, "
      "when given, are `[num_layers * D, N, hidden_size]` with D = 2 if "
      "bidirectional; absent means zeros. `weights` lists PyTorch's "
      "`_flat_weights` in order: for each layer, for each direction, "
      "`w_ih [" # gates # "*hidden, in]`, `w_hh [" # gates # "*hidden, hidden]`, "
      "then `b_ih` and `b_hh` `[" # gates # "*hidden]` when `has_biases`; `in` is "
      "`input_size` for layer 0 and `D*hidden_size` after. Weights may be "
      "quantized (dynamic quantization). The results are the output sequence "
      "`[T, N, D*hidden_size]` and the final states. `proj_size` and "
      "inter-layer dropout (training only) are not represented.";
  let arguments = !con((ins Quill_Tensor:$input), stateOperands,
      (ins Variadic<Quill_Tensor>:$weights,
           I64Attr:$hidden_size,
           DefaultValuedAttr<I64Attr, "1">:$num_layers,
           DefaultValuedAttr<BoolAttr, "false">:$bidirectional,
           DefaultValuedAttr<BoolAttr, "false">:$batch_first,
           DefaultValuedAttr<BoolAttr, "true">:$has_biases));
  let results = !con((outs Quill_Tensor:$output), stateResults);
  let assemblyFormat = format;
  let hasVerifier = 1;
  int numGates = gates;
}

def Quill_LstmOp : Quill_RecurrentOp<"lstm", "torch.nn.LSTM", 4,
    (ins Optional<Quill_FloatTensor>:$h0, Optional<Quill_FloatTensor>:$c0),
    (outs Quill_FloatTensor:$h_n, Quill_FloatTensor:$c_n),
    [{
      $input (`init` `(` $h0^ `,` $c0 `)`)? `weights` `(` $weights `)`
      attr-dict `:` functional-type(operands, results)
    }]>;

def Quill_GruOp : Quill_RecurrentOp<"gru", "torch.nn.GRU", 3,
    (ins Optional<Quill_FloatTensor>:$h0),
    (outs Quill_FloatTensor:$h_n),
    [{
      $input (`init` `(` $h0^ `)`)? `weights` `(` $weights `)`
      attr-dict `:` functional-type(operands, results)
    }]>;

def Quill_MultiheadAttentionOp : Quill_PureOp<"multihead_attention",
    [AttrSizedOperandSegments]> {
  let summary = "multi-head attention (`torch.nn.MultiheadAttention`), eval mode";
  let description = [{
    `query` is `[L, N, E]`, `key` and `value` `[S, N, E]` (`[N, L, E]` and
    `[N, S, E]` with `batch_first`; `[L, E]`/`[S, E]` unbatched).
    `in_proj_weight` is `[3E, E]` (q, k, v stacked), `out_proj_weight`
    `[E, E]`, the optional biases `[3E]` and `[E]`; `num_heads` divides `E`.
    `attn_mask` is `[L, S]` or `[N*num_heads, L, S]` (bool: true = masked;
    float: added), `key_padding_mask` is `[N, S]`. With `need_weights` a second
    result holds the attention weights, `[N, L, S]` averaged over heads
    (`average_attn_weights`) or `[N, num_heads, L, S]`. Separate `kdim`/`vdim`
    projections, `add_bias_kv` and `add_zero_attn` are not represented.

    ```mlir
    %y = quill.multihead_attention %q, %q, %q in_proj %w, %b out_proj %wo, %bo
        {num_heads = 2 : i64}
        : (tensor<5x1x8xf32>, tensor<5x1x8xf32>, tensor<5x1x8xf32>,
           tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>)
          -> tensor<5x1x8xf32>
    ```
  }];
  let arguments = (ins
    Quill_Tensor:$query,
    Quill_Tensor:$key,
    Quill_Tensor:$value,
    Quill_Tensor:$in_proj_weight,
    Optional<Quill_BiasTensor>:$in_proj_bias,
    Quill_Tensor:$out_proj_weight,
    Optional<Quill_BiasTensor>:$out_proj_bias,
    Optional<Quill_MaskTensor>:$attn_mask,
    Optional<Quill_MaskTensor>:$key_padding_mask,
    I64Attr:$num_heads,
    DefaultValuedAttr<BoolAttr, "false">:$batch_first,
    DefaultValuedAttr<BoolAttr, "true">:$average_attn_weights
  );
  let results = (outs Quill_Tensor:$output,
                      Optional<Quill_FloatTensor>:$attn_weights);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    `in_proj` $in_proj_weight (`,` $in_proj_bias^)?
    `out_proj` $out_proj_weight (`,` $out_proj_bias^)?
    (`attn_mask` $attn_mask^)? (`key_padding_mask` $key_padding_mask^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_SEQUENCE_OPS_TD
