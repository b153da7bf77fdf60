//===- QuillOps.h - the quill op classes ----------------------------------===//

#ifndef QUILL_DIALECT_QUILL_QUILLOPS_H
#define QUILL_DIALECT_QUILL_QUILLOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "quill/Dialect/Quill/QuillDialect.h"
#include "quill/Dialect/Quill/QuillTraits.h"

#include "quill/Dialect/Quill/QuillInterfaces.h.inc"

#define GET_OP_CLASSES
#include "quill/Dialect/Quill/QuillOps.h.inc"

namespace mlir::quill {

/// Calls `fn` with `op` as the quill.observe or quill.fake_quant op it is —
/// both carry an id, an observer spec and the same calibration attributes,
/// so one generic lambda serves both; false (fn not called) for other ops.
template <typename Fn> bool visitObserverOp(Operation *op, Fn &&fn) {
  if (auto o = dyn_cast<ObserveOp>(op))
    return fn(o), true;
  if (auto o = dyn_cast<FakeQuantOp>(op))
    return fn(o), true;
  return false;
}

} // namespace mlir::quill

#endif // QUILL_DIALECT_QUILL_QUILLOPS_H
