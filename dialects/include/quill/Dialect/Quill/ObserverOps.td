//===- ObserverOps.td - observers and fake-quantization -------------------===//

#ifndef QUILL_OBSERVER_OPS_TD
#define QUILL_OBSERVER_OPS_TD

include "quill/Dialect/Quill/QuillAttrs.td"

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
  let arguments = (ins Quill_FloatTensor:$input, I64Attr:$id,
                       Quill_ObserverSpecAttr:$observer,
                       OptionalAttr<DenseF64ArrayAttr>:$scale,
                       OptionalAttr<DenseI64ArrayAttr>:$zero_point,
                       OptionalAttr<DenseF64ArrayAttr>:$float_zero_point,
                       OptionalAttr<DenseF32ArrayAttr>:$min_val,
                       OptionalAttr<DenseF32ArrayAttr>:$max_val,
                       OptionalAttr<DenseF32ArrayAttr>:$histogram);
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
  }];
  let arguments = (ins Quill_FloatTensor:$input, I64Attr:$id,
                       Quill_FakeQuantKindAttr:$kind,
                       Quill_ObserverSpecAttr:$observer);
  let results = (outs Quill_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

#endif // QUILL_OBSERVER_OPS_TD
