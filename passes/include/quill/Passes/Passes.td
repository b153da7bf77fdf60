//===- Passes.td - quill pass declarations --------------------------------===//

#ifndef QUILL_PASSES_TD
#define QUILL_PASSES_TD

include "mlir/Pass/PassBase.td"

def QuillVerifyGraph : Pass<"quill-verify-graph", "::mlir::func::FuncOp"> {
  let summary = "Checks graph-level rules no single op verifier can see";
  let description = [{
    Per function: observer and fake-quant ids are unique (they name
    calibration statistics), and every `!quant.uniform` type on a block
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

#endif // QUILL_PASSES_TD
