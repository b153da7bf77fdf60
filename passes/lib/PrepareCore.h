//===- PrepareCore.h - observer insertion of quill-prepare(-qat) ----------===//
//
// PyTorch 1.13's prepare_fx / prepare_qat_fx over quill ops, driven by a
// BackendConfig and a QConfigMapping (docs/prepare.md). Both passes run the
// same code; they differ only in the observer a fixed-qparams op gets under
// QAT (a fixed_qparams_fake_quantize, PyTorch's
// overwrite_output_fake_quantize).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_PREPARECORE_H
#define QUILL_PASSES_PREPARECORE_H

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/QConfig.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <memory>
#include <string>

namespace mlir::quill {

/// The tables a prepare pass reads, loaded once per pass-manager run and
/// shared by the per-thread pass clones.
struct PrepareTables {
  std::shared_ptr<const BackendConfig> backend;
  std::shared_ptr<const QConfigMapping> mapping;
  /// Set when a table does not load; reported on every function.
  std::string loadError;
};

/// Loads `backend` and `qconfig` (native names / presets or JSON paths).
PrepareTables loadPrepareTables(llvm::StringRef passName,
                                llvm::StringRef backend,
                                llvm::StringRef qconfig, MLIRContext *ctx);

struct PrepareOptions {
  /// "quill-prepare" or "quill-prepare-qat", for diagnostics.
  llvm::StringRef passName;
  /// prepare_qat_fx: fixed-qparams outputs get a fixed_qparams_fake_quantize.
  bool qat = false;
  llvm::ArrayRef<int64_t> inputQuantizedIdxs, outputQuantizedIdxs;
};

/// Inserts the observers (or fake-quants) of one function and records the
/// quantized argument and result indices as the function attributes
/// QuillDialect::kInputQuantizedIdxsAttrName and
/// kOutputQuantizedIdxsAttrName (each listed value is observed; its observer
/// gives its qparams). Fails, with a diagnostic, on a table load error, a
/// bad input/output index or a per-channel observer that does not fit its
/// value.
LogicalResult prepareFunction(func::FuncOp fn, const PrepareTables &tables,
                              const PrepareOptions &options);

/// The body of both passes over their generated ODS base (`Base<Derived>`,
/// whose options are backend, qconfig and the quantized index lists).
template <typename Derived, template <typename> class Base, bool qat>
struct PreparePass : Base<Derived> {
  using Base<Derived>::Base;

  LogicalResult initialize(MLIRContext *ctx) override {
    tables = loadPrepareTables(this->getArgument(), this->backend,
                               this->qconfig, ctx);
    return success();
  }

  void runOnOperation() override {
    PrepareOptions options{this->getArgument(), qat, this->inputQuantizedIdxs,
                           this->outputQuantizedIdxs};
    if (failed(prepareFunction(this->getOperation(), tables, options)))
      this->signalPassFailure();
  }

  PrepareTables tables;
};

} // namespace mlir::quill

#endif // QUILL_PASSES_PREPARECORE_H
