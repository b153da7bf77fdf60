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

  /// One id names one observer: several ops may share it (PyTorch's
  /// observer instance shared along share-qparams ops) if they are the same
  /// kind of op with the same spec.
  static LogicalResult
  checkIdUnique(Operation *op, llvm::DenseMap<int64_t, Operation *> &ids) {
    std::optional<int64_t> id;
    visitObserverOp(op, [&](auto o) { id = o.getId(); });
    if (!id)
      return success();
    auto [it, inserted] = ids.try_emplace(*id, op);
    if (inserted)
      return success();
    Operation *first = it->second;
    auto sameObserver = [&](StringRef name) {
      return first->getAttr(name) == op->getAttr(name);
    };
    if (first->getName() == op->getName() && sameObserver("observer") &&
        sameObserver("kind"))
      return success();
    InFlightDiagnostic diag = op->emitError("observer id ")
                              << *id << " is shared by ops of different "
                              << "observers (one id is one observer)";
    diag.attachNote(first->getLoc()) << "first used here";
    return failure();
  }
};
} // namespace
} // namespace mlir::quill
