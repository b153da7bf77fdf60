//===- ConstantTensors.h - read and write weight constants ------------===//
//
// Weights reach the passes as `arith.constant` of `dense<...>` (hand-written
// tests) or `dense_resource<...>` (importers). Passes that rewrite weights
// (fuse now, convert later) read them as floats and write new constants of
// the same kind.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_CONSTANTTENSORS_H
#define QUILL_PASSES_CONSTANTTENSORS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>
#include <vector>

namespace mlir::quill {

/// The values of an f32 ranked tensor produced by a constant-like op
/// (dense, splat or dense_resource); nullopt otherwise.
std::optional<std::vector<float>> readF32Constant(Value value);

/// A new `arith.constant` holding `values`, of the same kind as the constant
/// `like`: a `dense_resource` named `<like's resource name><suffix>` (made
/// unique by the resource manager) when `like` is one, else `dense`. T is
/// float, int8_t, uint8_t or int32_t, matching `type`'s element type.
template <typename T>
Value createConstant(OpBuilder &builder, Location loc, RankedTensorType type,
                     llvm::ArrayRef<T> values, Value like,
                     llvm::StringRef suffix);

} // namespace mlir::quill

#endif // QUILL_PASSES_CONSTANTTENSORS_H
