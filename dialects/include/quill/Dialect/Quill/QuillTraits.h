//===- QuillTraits.h - op traits shared by every quill op -----------------===//

#ifndef QUILL_DIALECT_QUILL_QUILLTRAITS_H
#define QUILL_DIALECT_QUILL_QUILLTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir::quill {

/// Checks what the upstream `!quant.uniform` parser lets through: zero points
/// inside the storage range, positive finite scales, and for per-axis types a
/// quantized dimension inside the tensor with one scale per element of it.
/// `what` names the value in diagnostics ("operand #1", "result #0").
LogicalResult verifyQuantizedTensorType(Type type,
                                        function_ref<InFlightDiagnostic()> emitError,
                                        StringRef what);

namespace OpTrait {
/// Applies verifyQuantizedTensorType to every operand and result.
template <typename ConcreteType>
class ValidQuantizedTypes
    : public ::mlir::OpTrait::TraitBase<ConcreteType, ValidQuantizedTypes> {
public:
  static LogicalResult verifyTrait(Operation *op);
};
LogicalResult verifyValidQuantizedTypes(Operation *op);
template <typename ConcreteType>
LogicalResult ValidQuantizedTypes<ConcreteType>::verifyTrait(Operation *op) {
  return verifyValidQuantizedTypes(op);
}
} // namespace OpTrait

} // namespace mlir::quill

#endif // QUILL_DIALECT_QUILL_QUILLTRAITS_H
