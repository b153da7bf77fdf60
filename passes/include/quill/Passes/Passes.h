//===- Passes.h - quill passes --------------------------------------------===//
//
// Declarations and registration of every quill pass (generated from
// Passes.td). Link QuillPasses and call registerQuillPasses().
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_PASSES_H
#define QUILL_PASSES_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "quill/Dialect/Quill/QuillDialect.h"

namespace mlir::quill {
#define GEN_PASS_DECL
#include "quill/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quill/Passes/Passes.h.inc"
} // namespace mlir::quill

#endif // QUILL_PASSES_PASSES_H
