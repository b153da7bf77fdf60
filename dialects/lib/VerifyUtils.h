//===- VerifyUtils.h - helpers shared by the op verifiers -----------------===//
//
// Private to dialects/lib. Every helper emits its own diagnostic on failure
// so a verifier reads as a list of rules.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_DIALECTS_LIB_VERIFYUTILS_H
#define QUILL_DIALECTS_LIB_VERIFYUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "quill/runtime/ShapeRules.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::quill::verify {

static_assert(::quill::shape::kDynamic == ShapedType::kDynamic,
              "shape rules and MLIR must agree on the unknown size");

using Shape = std::vector<int64_t>;

/// The shape of a ranked tensor value (dynamic sizes as kDynamic).
Shape shapeOf(Value v);
int64_t rankOf(Value v);
/// "[1, 3, ?, 8]"
std::string formatShape(ArrayRef<int64_t> shape);

/// The float type a float or quantized element type stands for.
Type expressedType(Type elementType);
/// All given tensors (null values skipped) stand for the same float type.
LogicalResult sameExpressedType(Operation *op, ArrayRef<Value> values);

/// `v` has rank in [lo, hi] (no upper bound when `hi` is kAnyRank); `name`
/// names it in the diagnostic.
constexpr int64_t kAnyRank = -1;
LogicalResult rankIn(Operation *op, Value v, StringRef name, int64_t lo,
                     int64_t hi);
/// `v` is 1-d with `size` elements (unknown sizes pass).
LogicalResult isVectorOf(Operation *op, Value v, StringRef name, int64_t size);
/// `v` has exactly `expected` as shape (unknown sizes on either side pass).
LogicalResult hasShape(Operation *op, Value v, StringRef name,
                       ArrayRef<int64_t> expected);
/// The result has the inferred shape (unknown sizes on either side pass).
LogicalResult resultHasShape(Operation *op, Value result,
                             ArrayRef<int64_t> expected);
/// Two sizes agree unless one is unknown.
bool sizesAgree(int64_t a, int64_t b);

/// Per spatial dimension integer lists: length n and each element >= min.
LogicalResult listOf(Operation *op, StringRef name, ArrayRef<int64_t> values,
                     size_t n, int64_t min);

/// Normalizes a dim attribute against `rank`, or reports it out of range.
FailureOr<int64_t> dimIn(Operation *op, StringRef name, int64_t dim,
                         int64_t rank);

} // namespace mlir::quill::verify

#endif // QUILL_DIALECTS_LIB_VERIFYUTILS_H
