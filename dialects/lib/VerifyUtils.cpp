//===- VerifyUtils.cpp - helpers shared by the op verifiers ---------------===//

#include "VerifyUtils.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::quill::verify {

Shape shapeOf(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  return Shape(type.getShape().begin(), type.getShape().end());
}

int64_t rankOf(Value v) { return cast<RankedTensorType>(v.getType()).getRank(); }

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(shape, os, [&](int64_t d) {
    if (d == ShapedType::kDynamic)
      os << "?";
    else
      os << d;
  });
  os << "]";
  return s;
}

Type expressedType(Type elementType) {
  if (auto q = dyn_cast<quant::QuantizedType>(elementType))
    return q.getExpressedType();
  return elementType;
}

LogicalResult sameExpressedType(Operation *op, ArrayRef<Value> values) {
  Type first;
  for (Value v : values) {
    if (!v)
      continue;
    Type t = expressedType(cast<ShapedType>(v.getType()).getElementType());
    if (!first)
      first = t;
    else if (t != first)
      return op->emitOpError("mixes element types ")
             << first << " and " << t
             << " (quantized types count as their expressed type)";
  }
  return success();
}

bool sizesAgree(int64_t a, int64_t b) {
  return a == b || a == ShapedType::kDynamic || b == ShapedType::kDynamic;
}

LogicalResult rankIn(Operation *op, Value v, StringRef name, int64_t lo,
                     int64_t hi) {
  int64_t r = rankOf(v);
  if (r >= lo && (hi == kAnyRank || r <= hi))
    return success();
  auto diag = op->emitOpError() << name << " must have rank ";
  if (hi == kAnyRank)
    diag << "at least " << lo;
  else if (lo == hi)
    diag << lo;
  else
    diag << lo << " to " << hi;
  return diag << ", got rank " << r;
}

LogicalResult isVectorOf(Operation *op, Value v, StringRef name, int64_t size) {
  return hasShape(op, v, name, {size});
}

LogicalResult hasShape(Operation *op, Value v, StringRef name,
                       ArrayRef<int64_t> expected) {
  Shape actual = shapeOf(v);
  bool ok = actual.size() == expected.size();
  for (size_t i = 0; ok && i < actual.size(); ++i)
    ok = sizesAgree(actual[i], expected[i]);
  if (ok)
    return success();
  return op->emitOpError() << name << " must have shape "
                           << formatShape(expected) << ", got "
                           << formatShape(actual);
}

LogicalResult resultHasShape(Operation *op, Value result,
                             ArrayRef<int64_t> expected) {
  Shape actual = shapeOf(result);
  bool ok = actual.size() == expected.size();
  for (size_t i = 0; ok && i < actual.size(); ++i)
    ok = sizesAgree(actual[i], expected[i]);
  if (ok)
    return success();
  return op->emitOpError("result shape ")
         << formatShape(actual) << " does not match the inferred shape "
         << formatShape(expected);
}

LogicalResult listOf(Operation *op, StringRef name, ArrayRef<int64_t> values,
                     size_t n, int64_t min) {
  if (values.size() != n)
    return op->emitOpError() << name << " must have " << n
                             << " element(s), got " << values.size();
  for (int64_t v : values)
    if (v < min)
      return op->emitOpError() << name << " elements must be >= " << min
                               << ", got " << v;
  return success();
}

FailureOr<int64_t> dimIn(Operation *op, StringRef name, int64_t dim,
                         int64_t rank) {
  if (auto d = ::quill::shape::normalizeDim(dim, rank))
    return *d;
  return op->emitOpError() << name << " " << dim << " is out of range [-"
                           << rank << ", " << rank << ")";
}

} // namespace mlir::quill::verify
