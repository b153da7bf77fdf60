//===- ObserverOps.td - observers, fake-quantization, quantization helpers ===//

#ifndef QUILL_OBSERVER_OPS_TD
#define QUILL_OBSERVER_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"

// What calibration (or training) leaves on an observer or fake-quant op.
defvar Quill_CalibrationAttrs = (ins OptionalAttr<DenseF64ArrayAttr>:$scale,
                                     OptionalAttr<DenseI64ArrayAttr>:$zero_point,
                                     OptionalAttr<DenseF64ArrayAttr>:$float_zero_point,
                                     OptionalAttr<DenseF32ArrayAttr>:$min_val,
                                     OptionalAttr<DenseF32ArrayAttr>:$max_val,
                                     OptionalAttr<DenseF32ArrayAttr>:$histogram);

def Quill_ObserveOp : Quill_Op<"observe", [SameOperandsAndResultType]> {
  let summary = "records statistics of a float value (an observer)";
  let description = [{
    Identity on its float input; during calibration the runtime feeds the
    value to the observer described by `observer` (`#quill.observer`), whose
    statistics give the value's scale and zero point at convert time. `id` is
    a stable, non-negative name for the observer, unique within the function
    (`quill-verify-graph` checks), so that calibration statistics, observer
    state files and PyTorch's `activation_post_process_<n>` can be matched.
    The op is not `Pure`: it records state.

    ```mlir
    %o = quill.observe %x {id = 0 : i64, observer = #quill.observer<histogram, quint8>}
        : tensor<1x3x8x8xf32>
    ```

    Calibration (`quant-run --calibrate`, docs/quant-run.md) writes what the
    observer learned back into the op as optional attributes, one entry per
    tensor, or per channel (the size of `ch_axis`) for the per-channel kinds:

    - `scale` and `zero_point` — `calculate_qparams()`; the scale is
      PyTorch's float32 value, held exactly in an f64. Under
      `per_channel_affine_float_qparams` the zero points are floats:
      `float_zero_point` replaces `zero_point`. Kinds without qparams
      (placeholder, noop, recording, reuse_input) have none; for
      `fixed_qparams` they equal the spec's.
    - `min_val` and `max_val` — the observer's running min and max (float32,
      printed exactly); the min/max, moving-average and histogram kinds.
    - `histogram` — the `bins` counts over [`min_val`, `max_val`];
      histogram kinds only.

    ```mlir
    %o = quill.observe %x {id = 0 : i64, observer = #quill.observer<min_max, quint8>,
        max_val = array<f32: 2.5>, min_val = array<f32: -1.0>,
        scale = array<f64: 0.013725490309298038>, zero_point = array<i64: 73>}
        : tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = !con((ins Quill_FloatTensor:$input, I64Attr:$id,
                            Quill_ObserverSpecAttr:$observer),
                       Quill_CalibrationAttrs);
  let results = (outs Quill_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Quill_FakeQuantOp : Quill_Op<"fake_quant", [SameOperandsAndResultType]> {
  let summary = "fake-quantizes a float value (QAT)";
  let description = [{
    `(clamp(zp + round(x / scale), qmin, qmax) - zp) * scale` in float, with
    scale and zero point from the embedded `observer` (NUMERICS.md, fake
    quantize). `kind` names the PyTorch class: `fake_quantize`,
    `fused_moving_avg_obs_fake_quantize` (needs a moving-average observer),
    `fixed_qparams_fake_quantize` (needs a `fixed_qparams` observer) or
    `learnable_fake_quantize`. `id` is as for `quill.observe`.

    ```mlir
    %f = quill.fake_quant %x {id = 1 : i64,
        kind = #quill.fake_quant_kind<fake_quantize>,
        observer = #quill.observer<moving_average_min_max, quint8>}
        : tensor<1x3x8x8xf32>
    ```

    The trained (or calibrated) statistics are the optional attributes of
    `quill.observe` — `scale`, `zero_point` (or `float_zero_point`),
    `min_val`, `max_val` — written by `quant-run --calibrate` or by an
    exporter from PyTorch QAT (the module's `scale`, `zero_point` and its
    observer's `min_val`/`max_val`). `quill-convert` reads them exactly as
    it reads a calibrated observer's.
  }];
  let arguments = !con((ins Quill_FloatTensor:$input, I64Attr:$id,
                            Quill_FakeQuantKindAttr:$kind,
                            Quill_ObserverSpecAttr:$observer),
                       Quill_CalibrationAttrs);
  let results = (outs Quill_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Quill_FakeQuantDynamicOp : Quill_PureOp<"fake_quant_dynamic",
                                            [SameOperandsAndResultType]> {
  let summary = "quantizes and dequantizes with qparams chosen per call "
                "(dynamic quantization, reference form)";
  let description = [{
    The reference form of a dynamically quantized activation (PyTorch's
    `quantize_per_tensor_dynamic` followed by `dequantize`): each call
    chooses a scale and zero point from this tensor's own min and max
    (NUMERICS.md, "Dynamic quantization"), quantizes to `dtype` (`quint8`
    or `qint8`; `reduce_range` halves the range) and dequantizes. With
    `dtype = float16` it rounds to half precision and back (PyTorch's
    float16 dynamic and static placeholders). `quill-convert` produces it
    from a dynamic placeholder observer and folds it, with the consuming
    op, into a dynamically quantized op (a `quill.linear` with a float
    input and a quantized weight).

    ```mlir
    %d = quill.fake_quant_dynamic %x {dtype = #quill.qdtype<quint8>, reduce_range = true}
        : tensor<4x16xf32>
    ```
  }];
  let arguments = (ins Quill_FloatTensor:$input, Quill_QDTypeAttr:$dtype,
                       DefaultValuedAttr<BoolAttr, "false">:$reduce_range);
  let results = (outs Quill_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Quill_DequantizeFloatQParamsOp : Quill_PureOp<"dequantize_float_qparams"> {
  let summary = "dequantizes rows quantized with float zero points "
                "(weight-only embeddings)";
  let description = [{
    PyTorch's `per_channel_affine_float_qparams` tensors (the weights of
    quantized `nn.Embedding` and `nn.EmbeddingBag`), which `!quant.uniform`
    cannot express because their zero points are floats:
    `result[i, ...] = (input[i, ...] - zero_points[i]) * scales[i]` along
    `axis`. `input` holds the unsigned integers, one per element: 8-bit
    values, or 4-bit ones (`bit_width = 4`, quint4x2, values 0..15)
    unpacked one per byte. `quill-convert` emits it for weight-only
    quantized embeddings, whose weights become constants of this op.

    ```mlir
    %w = quill.dequantize_float_qparams %q, %scales, %zero_points
        : (tensor<10x4xui8>, tensor<10xf32>, tensor<10xf32>) -> tensor<10x4xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[UI8]>:$input,
                       Quill_FloatTensor:$scales,
                       Quill_FloatTensor:$zero_points,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<I64Attr, "8">:$bit_width);
  let results = (outs Quill_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scales `,` $zero_points attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // QUILL_OBSERVER_OPS_TD
