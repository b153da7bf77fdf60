//===- ConstantTensors.cpp - read and write weight constants ----------===//

#include "ConstantTensors.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::quill;

namespace {
Attribute constantAttr(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return {};
  return attr;
}
} // namespace

std::optional<std::vector<float>> mlir::quill::readF32Constant(Value value) {
  auto type =
      dyn_cast_or_null<RankedTensorType>(value ? value.getType() : Type());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  Attribute attr = constantAttr(value);
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(attr)) {
    auto values = dense.getValues<float>();
    return std::vector<float>(values.begin(), values.end());
  }
  if (auto resource = dyn_cast_or_null<DenseF32ResourceElementsAttr>(attr))
    if (std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef())
      return std::vector<float>(data->begin(), data->end());
  return std::nullopt;
}

template <typename T>
Value mlir::quill::createConstant(OpBuilder &builder, Location loc,
                                  RankedTensorType type,
                                  llvm::ArrayRef<T> values, Value like,
                                  llvm::StringRef suffix) {
  TypedAttr attr;
  if (auto resource =
          dyn_cast_or_null<DenseResourceElementsAttr>(constantAttr(like)))
    attr = DenseResourceElementsAttr::get(
        type, (resource.getRawHandle().getKey() + suffix).str(),
        HeapAsmResourceBlob::allocateAndCopyInferAlign(values));
  else
    attr = DenseElementsAttr::get(type, values);
  return arith::ConstantOp::create(builder, loc, attr);
}

#define QUILL_CREATE_CONSTANT(T)                                               \
  template Value mlir::quill::createConstant<T>(                               \
      OpBuilder &, Location, RankedTensorType, llvm::ArrayRef<T>, Value,       \
      llvm::StringRef);
QUILL_CREATE_CONSTANT(float)
QUILL_CREATE_CONSTANT(int8_t)
QUILL_CREATE_CONSTANT(uint8_t)
QUILL_CREATE_CONSTANT(int32_t)
#undef QUILL_CREATE_CONSTANT
