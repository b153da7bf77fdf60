//===- VerifyGraph.cpp - graph-level checks (quill-verify-graph) ----------===//

#include "quill/Dialect/Quill/QuillOps.h"
#include "quill/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::quill {
#define GEN_PASS_DEF_QUILLVERIFYGRAPH
#include "quill/Passes/Passes.h.inc"

namespace {
struct VerifyGraphPass : impl::QuillVerifyGraphBase<VerifyGraphPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    bool ok = true;
    // The signature, so that declarations (no block arguments) are checked
    // too; a definition's results are checked where they are produced.
    FunctionType type = fn.getFunctionType();
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      ok &= succeeded(verifyQuantizedTensorType(
          t, [&] { return fn.emitError(); },
          "argument #" + llvm::utostr(i) + " of @" + fn.getSymName().str()));
    if (fn.isExternal())
      for (auto [i, t] : llvm::enumerate(type.getResults()))
        ok &= succeeded(verifyQuantizedTensorType(
            t, [&] { return fn.emitError(); },
            "result #" + llvm::utostr(i) + " of @" + fn.getSymName().str()));

    llvm::DenseMap<int64_t, Operation *> ids;
    fn.walk([&](Operation *op) {
      if (failed(checkIdUnique(op, ids)))
        ok = false;
      if (requireQuillOnly && !isAllowedDialect(op)) {
        op->emitError("op '")
            << op->getName() << "' is not understood by Quill (dialect '"
            << op->getName().getDialectNamespace() << "')";
        ok = false;
      }
      // Quill ops check their own types; others (constants, return) may
      // carry quantized types nobody verified.
      if (!isa_and_nonnull<QuillDialect>(op->getDialect()))
        for (auto [i, r] : llvm::enumerate(op->getResults()))
          ok &= succeeded(verifyQuantizedTensorType(
              r.getType(), [&] { return op->emitError(); },
              "result #" + llvm::utostr(i)));
    });
    if (!ok)
      signalPassFailure();
  }

  static bool isAllowedDialect(Operation *op) {
    Dialect *d = op->getDialect();
    return d && isa<QuillDialect, func::FuncDialect, arith::ArithDialect,
               tensor::TensorDialect, quant::QuantDialect>(d);
  }

  static LogicalResult checkIdUnique(Operation *op,
                                     llvm::DenseMap<int64_t, Operation *> &ids) {
    std::optional<int64_t> id;
    if (auto o = dyn_cast<ObserveOp>(op))
      id = o.getId();
    else if (auto f = dyn_cast<FakeQuantOp>(op))
      id = f.getId();
    if (!id)
      return success();
    auto [it, inserted] = ids.try_emplace(*id, op);
    if (inserted)
      return success();
    InFlightDiagnostic diag = op->emitError("duplicate observer id ") << *id;
    diag.attachNote(it->second->getLoc()) << "first used here";
    return failure();
  }
};
} // namespace
} // namespace mlir::quill
