//===- QuillTraits.cpp - quantized-type checks for every quill op ---------===//

#include "quill/Dialect/Quill/QuillTraits.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

namespace mlir::quill {

static LogicalResult checkScaleAndZeroPoint(
    quant::QuantizedType q, double scale, int64_t zeroPoint,
    function_ref<InFlightDiagnostic()> emitError, StringRef what) {
  if (!(scale > 0.0) || !std::isfinite(scale))
    return emitError() << what << " has quantization scale " << scale
                       << "; scales must be positive and finite";
  if (zeroPoint < q.getStorageTypeMin() || zeroPoint > q.getStorageTypeMax())
    return emitError() << what << " has zero point " << zeroPoint
                       << " outside the storage range ["
                       << q.getStorageTypeMin() << ", "
                       << q.getStorageTypeMax() << "]";
  return success();
}

LogicalResult verifyQuantizedTensorType(
    Type type, function_ref<InFlightDiagnostic()> emitError, StringRef what) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return success();
  Type element = shaped.getElementType();
  if (auto q = dyn_cast<quant::UniformQuantizedType>(element))
    return checkScaleAndZeroPoint(q, q.getScale(), q.getZeroPoint(), emitError,
                                  what);
  auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(element);
  if (!q)
    return success();
  if (!shaped.hasRank())
    return emitError() << what
                       << " is per-axis quantized but has no known rank";
  int64_t axis = q.getQuantizedDimension();
  if (axis >= shaped.getRank())
    return emitError() << what << " is quantized along dimension " << axis
                       << " but has rank " << shaped.getRank();
  int64_t size = shaped.getDimSize(axis);
  int64_t count = q.getScales().size();
  if (!ShapedType::isDynamic(size) && size != count)
    return emitError() << what << " has " << count
                       << " per-axis scales for dimension " << axis
                       << " of size " << size;
  for (auto [scale, zp] : llvm::zip(q.getScales(), q.getZeroPoints()))
    if (failed(checkScaleAndZeroPoint(q, scale, zp, emitError, what)))
      return failure();
  return success();
}

LogicalResult OpTrait::verifyValidQuantizedTypes(Operation *op) {
  auto emit = [&] { return op->emitOpError(); };
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(verifyQuantizedTensorType(v.getType(), emit,
                                         "operand #" + llvm::utostr(i))))
      return failure();
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (failed(verifyQuantizedTensorType(v.getType(), emit,
                                         "result #" + llvm::utostr(i))))
      return failure();
  return success();
}

} // namespace mlir::quill
