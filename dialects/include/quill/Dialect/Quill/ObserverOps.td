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
  }];
  let arguments = (ins Quill_FloatTensor:$input, I64Attr:$id,
                       Quill_ObserverSpecAttr:$observer);
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
