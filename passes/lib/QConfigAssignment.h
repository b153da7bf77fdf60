//===- QConfigAssignment.h - the QConfig of every op of a function --------===//
//
// Resolves a QConfigMapping over a function the way PyTorch's prepare does
// over a traced graph: ops are visited in order, each gets an OpIdentity
// (its name, `quill.module_type`, `quill.module`, and how many earlier ops of
// the same module had the same object type, for the module-name + object-type
// + index rules) and the QConfigAny it resolves to. Used by quill-fuse
// (None blocks a fusion, parts must agree) and by prepare.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_QCONFIGASSIGNMENT_H
#define QUILL_PASSES_QCONFIGASSIGNMENT_H

#include "quill/BackendConfig/QConfig.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::quill {

class QConfigAssignment {
public:
  struct Entry {
    OpIdentity identity;
    QConfigAny qconfig;
  };

  /// Assigns every quill op nested in `root`, in pre-order. Other ops
  /// (constants, returns) are not quantized and get no entry.
  QConfigAssignment(Operation *root, const QConfigMapping &mapping);

  /// The entry of a quill op of the function; null for other ops.
  const Entry *lookup(Operation *op) const;

private:
  llvm::DenseMap<Operation *, Entry> entries;
};

/// Describes an op for diagnostics: `'quill.conv2d' (module "layer1.conv1")`.
std::string describeOp(Operation *op);

} // namespace mlir::quill

#endif // QUILL_PASSES_QCONFIGASSIGNMENT_H
