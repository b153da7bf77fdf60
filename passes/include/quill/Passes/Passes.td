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

#endif // QUILL_PASSES_TD
