//===- Passes.td - quill pass declarations --------------------------------===//

#ifndef QUILL_PASSES_TD
#define QUILL_PASSES_TD

include "mlir/Pass/PassBase.td"

def QuillVerifyGraph : Pass<"quill-verify-graph", "::mlir::func::FuncOp"> {
  let summary = "Checks graph-level rules no single op verifier can see";
  let description = [{
    Per function: an observer or fake-quant id names one observer (its
    calibration statistics): ops sharing an id — PyTorch's observer
    instance shared along share-qparams ops — must be the same op with the
    same spec, and every `!quant.uniform` type on a block
    argument, a constant or a `return` is well formed (zero point inside the
    storage range, positive scales, per-axis dimension and scale count) —
    the types the quill op verifiers never see. With `require-quill-only`,
    any op outside quill, func, arith (constants), tensor and quant is
    reported, so that a graph meant for Quill's runtime is known to be fully
    understood.
  }];
  let options = [
    Option<"requireQuillOnly", "require-quill-only", "bool",
           /*default=*/"false",
           "Report ops from dialects other than quill, func, arith, tensor "
           "and quant">
  ];
  let dependentDialects = ["::mlir::quill::QuillDialect"];
}

def QuillFuse : Pass<"quill-fuse", "::mlir::func::FuncOp"> {
  let summary = "Fuses ops as the BackendConfig's fusion patterns say "
                "(conv+bn folding, relu into fused_activation)";
  let description = [{
    PyTorch's `fuse_fx`, driven by a BackendConfig table: every entry with a
    `fused_op` is a fusion pattern. Matches follow the table only (no
    per-fusion C++ code; a pattern added to a JSON table fuses): walking each
    function backwards, the longest pattern first and then table order, an
    op matches a pattern tree rooted at the last op, `args[i]` matching the
    producer of operand `i`; every matched op but the last must have a single
    use, and each op joins at most one match.

    A match is rewritten into its root op (the first op in dataflow order,
    which `fused_op` must name):

    - a foldable normalization (`quill.batch_norm`) is folded into the
      root's weight and bias, with PyTorch's eval-mode formula and float32
      rounding (`fuse_conv_bn_eval`, `fuse_linear_bn_eval`; NUMERICS.md). The
      root's weight and bias and the statistics must be `arith.constant`s
      (`dense` or `dense_resource`, f32); a missing bias becomes a new
      operand;
    - an activation (`quill.relu`) becomes the root's `fused_activation`;
    - the last op's uses read the root's result; the other ops are erased.
      The root keeps its `quill.module` and `quill.module_type`.

    Which ops are normalizations, activations or weighted ops is declared by
    interfaces in ODS (`WeightedOpInterface`, `FoldableNormOpInterface`,
    `FusibleActivationOpInterface`, `FusedActivationOpInterface`).

    With `qconfig`, each op's QConfig is resolved from that QConfigMapping
    (module names and types from `quill.module` / `quill.module_type`): an
    op whose QConfig is None is never fused, and the ops of one match must
    have equal QConfigs (as PyTorch's prepare requires of a fused module).

    Errors (the pass fails): a backend or qconfig that does not load, a
    non-constant weight or statistic, a grouped transposed convolution
    with a batch norm, unequal QConfigs, a fusion entry Quill cannot apply
    (an op that is neither a normalization nor an activation, `fused_op`
    other than the root).

    ```
    quant-opt --quill-fuse="backend=x86" model.mlir
    quant-opt --quill-fuse="backend=my_backend.json qconfig=qconfig.json" model.mlir
    ```
  }];
  let options = [
    Option<"backend", "backend", "std::string", /*default=*/"\"x86\"",
           "BackendConfig whose fusion patterns apply: a native name "
           "(`quill-config list`) or the path of a JSON file">,
    Option<"qconfig", "qconfig", "std::string", /*default=*/"\"\"",
           "QConfigMapping (preset name or JSON path); when given, ops "
           "whose QConfig is None are not fused and fused ops must have "
           "equal QConfigs">
  ];
  let dependentDialects = ["::mlir::quill::QuillDialect",
                           "::mlir::arith::ArithDialect"];
}

class Quill_PreparePassBase<string arg, string summ> : Pass<arg, "::mlir::func::FuncOp"> {
  let summary = summ;
  let options = [
    Option<"backend", "backend", "std::string", /*default=*/"\"x86\"",
           "BackendConfig: a native name (`quill-config list`) or a JSON path">,
    Option<"qconfig", "qconfig", "std::string", /*default=*/"\"x86\"",
           "QConfigMapping: a preset name (`quill-config list`) or a JSON path">,
    ListOption<"inputQuantizedIdxs", "input-quantized-idxs", "int64_t",
               "Function arguments that arrive quantized (PyTorch's "
               "input_quantized_idxs): observed, converted to a quantized "
               "argument type">,
    ListOption<"outputQuantizedIdxs", "output-quantized-idxs", "int64_t",
               "Results returned quantized (output_quantized_idxs)">
  ];
  let dependentDialects = ["::mlir::quill::QuillDialect",
                           "::mlir::arith::ArithDialect"];
}

def QuillPrepare : Quill_PreparePassBase<"quill-prepare",
    "Inserts observers as the QConfigMapping and BackendConfig say "
    "(PyTorch's prepare_fx)"> {
  let description = [{
    PyTorch 1.13's `prepare_fx`, driven by the tables (docs/prepare.md).
    Each op's QConfig is resolved from the QConfigMapping (`quill.module`,
    `quill.module_type`); the BackendConfig's patterns are matched as in
    quill-fuse (longest first; ops whose QConfig is None join no match),
    and a match takes its root op's QConfig. It is quantized if one of its
    entry's dtype configs accepts that QConfig (dtypes, `is_dynamic`,
    quant_min/quant_max, scale and exact fixed-qparams constraints);
    otherwise it stays float with a remark naming the op and, per dtype
    config, the mismatch or violated constraint.

    A quantized match gets `quill.observe` ops: on the activation operands
    of its first op (the first one only under dynamic quantization), on its
    weight (`input_type_to_index` or `WeightedOpInterface`; per-channel on
    the output-channel axis) when the accepted dtype config quantizes
    weights, on its bias only if the QConfig makes it non-float, and on its
    output per the observation type. A value already quantized to the
    wanted dtype is not observed again, and an existing observer with the
    same spec is reused. Observers PyTorch makes one instance share one id
    (one id is one observer): a share-qparams op's output is observed by
    its input's observer, and cat's inputs and output all by the first
    input's. Fixed-qparams ops get the entry's `overwrite_output_observer`;
    a QConfig that contradicts it leaves the op float with a warning.
    Weight-only entries observe the weight only; dynamic QConfigs observe
    the input with their placeholder and never the output.

    New observer ids continue after the largest id in the function, in
    program order (inputs in operand order, then the output); observers sit
    right after their value (a block argument's in argument order), and
    each carries the `quill.module` of the op it serves. Graph inputs
    and outputs stay float unless listed in `input-quantized-idxs` /
    `output-quantized-idxs`, recorded as the function attributes
    `quill.input_quantized_idxs` / `quill.output_quantized_idxs`.

    Errors (the pass fails): a backend or qconfig that does not load, an
    index that names no float argument or result, a quantized input or
    output whose QConfig has no static activation observer, a per-channel
    observer whose ch_axis does not fit its value.

    ```
    quant-opt --quill-prepare="backend=x86 qconfig=x86" model.mlir
    quant-opt --quill-prepare="backend=qnnpack qconfig=my_mapping.json input-quantized-idxs=0" model.mlir
    ```
  }];
}

def QuillPrepareQAT : Quill_PreparePassBase<"quill-prepare-qat",
    "Inserts fake-quantize ops for quantization-aware training "
    "(PyTorch's prepare_qat_fx)"> {
  let description = [{
    quill-prepare for a QAT QConfigMapping (docs/prepare.md): a QConfig
    side with a fake-quantize class becomes `quill.fake_quant` with that
    `kind` (a plain observer stays `quill.observe`, as in PyTorch), and a
    fixed-qparams op's output gets a `fixed_qparams_fake_quantize` around
    the entry's fixed observer. The graph need not be fused: a
    conv -> batch_norm (-> relu) chain is one match of the table's fusion
    entry, with the weight fake-quant on the conv's weight and one output
    fake-quant after the last op; the batch norm stays as it is. Quill does
    not train: the pass describes the graph PyTorch trained, so that a
    fake-quant graph with trained ranges converts like a calibrated one.

    ```
    quant-opt --quill-prepare-qat="backend=x86 qconfig=qat_x86" model.mlir
    ```
  }];
}

def QuillConvert : Pass<"quill-convert", "::mlir::func::FuncOp"> {
  let summary = "Turns a calibrated (or QAT) graph into a quantized one "
                "(PyTorch's convert_fx)";
  let description = [{
    See docs/convert.md.

    ```
    quant-opt --quill-convert="backend=x86" calibrated.mlir
    quant-opt --quill-convert="backend=x86 reference-only=true" calibrated.mlir
    ```
  }];
  let options = [
    Option<"backend", "backend", "std::string", /*default=*/"\"x86\"",
           "BackendConfig whose patterns may fold into quantized ops: a "
           "native name or a JSON path">,
    Option<"referenceOnly", "reference-only", "bool", /*default=*/"false",
           "Stop at the reference quantized model "
           "(PyTorch's convert_to_reference_fx)">,
    Option<"numerics", "numerics", "std::string", /*default=*/"\"\"",
           "Integer rules of the quantized kernels: `onednn` or `qnnpack`; "
           "by default qnnpack for the qnnpack table, onednn otherwise">,
    Option<"explain", "explain", "bool", /*default=*/"false",
           "Emit a remark on every op left computing in float, saying why">
  ];
  let dependentDialects = ["::mlir::quill::QuillDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::quant::QuantDialect"];
}

#endif // QUILL_PASSES_TD
