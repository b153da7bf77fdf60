//===- ObserverSpecJSON.cpp - #quill.observer as JSON ---------------------===//
//
// Reading validates everything the printer can write (the spec's own
// verifier runs), so printing and reading back is the identity.
//
//===----------------------------------------------------------------------===//

#include "ObserverSpecJSON.h"
#include "JSONHelpers.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::quill;
namespace json = llvm::json;

namespace {
constexpr llvm::StringLiteral kObserverFields[] = {
    "kind",      "dtype",     "qscheme",
    "quant_min", "quant_max", "reduce_range",
    "eps",       "ch_axis",   "averaging_constant",
    "bins",      "scale",     "zero_point",
    "is_dynamic"};
} // namespace

ObserverSpecAttr
mlir::quill::observerSpecFromJSON(const json::Value &value, json::Path path,
                                  MLIRContext *ctx,
                                  ArrayRef<StringRef> extraKeys) {
  SmallVector<StringRef> allowed(std::begin(kObserverFields),
                                 std::end(kObserverFields));
  allowed.append(extraKeys.begin(), extraKeys.end());
  const json::Object *object =
      readObject(value, path, allowed, "expected an observer spec object");
  if (!object)
    return {};

  const json::Value *kindValue = object->get("kind");
  const json::Value *dtypeValue = object->get("dtype");
  if (!kindValue || !dtypeValue) {
    path.field(kindValue ? "dtype" : "kind").report("missing value");
    return {};
  }
  std::optional<ObserverKind> kind =
      readEnum<ObserverKind>(*kindValue, path.field("kind"), "observer kind",
                             getMaxEnumValForObserverKind());
  if (!kind)
    return {};
  std::optional<QDType> dtype = readQDType(*dtypeValue, path.field("dtype"));
  if (!dtype)
    return {};
  QScheme qscheme = ObserverSpecAttr::getDefaultQScheme(*kind);
  if (const json::Value *q = object->get("qscheme")) {
    std::optional<QScheme> parsed = readEnum<QScheme>(
        *q, path.field("qscheme"), "qscheme", getMaxEnumValForQScheme());
    if (!parsed)
      return {};
    qscheme = *parsed;
  }
  std::optional<int64_t> quantMin, quantMax, zeroPoint;
  std::optional<double> scale;
  bool reduceRange = false, isDynamic = false;
  double eps = ObserverSpecAttr::kDefaultEps;
  double averagingConstant = ObserverSpecAttr::kDefaultAveragingConstant;
  int64_t chAxis = 0, bins = ObserverSpecAttr::kDefaultBins;
  if (!readField(*object, path, "quant_min", quantMin) ||
      !readField(*object, path, "quant_max", quantMax) ||
      !readField(*object, path, "reduce_range", reduceRange) ||
      !readField(*object, path, "eps", eps) ||
      !readField(*object, path, "ch_axis", chAxis) ||
      !readField(*object, path, "averaging_constant", averagingConstant) ||
      !readField(*object, path, "bins", bins) ||
      !readField(*object, path, "scale", scale) ||
      !readField(*object, path, "zero_point", zeroPoint) ||
      !readField(*object, path, "is_dynamic", isDynamic))
    return {};

  Builder b(ctx);
  ObserverSpecAttr spec;
  verifyAt(path, ctx, [&](auto emitError) {
    spec = ObserverSpecAttr::getChecked(
        emitError, ctx, *kind, *dtype, qscheme, quantMin, quantMax, reduceRange,
        b.getF64FloatAttr(eps), chAxis, b.getF64FloatAttr(averagingConstant),
        bins, scale ? b.getF64FloatAttr(*scale) : FloatAttr(), zeroPoint,
        isDynamic);
    return static_cast<bool>(spec);
  });
  return spec;
}

json::Value mlir::quill::toJSON(ObserverSpecAttr spec) {
  json::Object object{{"kind", stringifyObserverKind(spec.getKind())},
                      {"dtype", stringifyQDType(spec.getDtype())}};
  if (spec.getQscheme() != ObserverSpecAttr::getDefaultQScheme(spec.getKind()))
    object["qscheme"] = stringifyQScheme(spec.getQscheme());
  if (spec.getQuantMin()) {
    object["quant_min"] = *spec.getQuantMin();
    object["quant_max"] = *spec.getQuantMax();
  }
  if (spec.getReduceRange())
    object["reduce_range"] = true;
  if (spec.getEpsValue() != ObserverSpecAttr::kDefaultEps)
    object["eps"] = spec.getEpsValue();
  if (spec.getChAxis() != 0)
    object["ch_axis"] = spec.getChAxis();
  if (spec.getAveragingConstantValue() !=
      ObserverSpecAttr::kDefaultAveragingConstant)
    object["averaging_constant"] = spec.getAveragingConstantValue();
  if (spec.getBins() != ObserverSpecAttr::kDefaultBins)
    object["bins"] = spec.getBins();
  if (std::optional<double> scale = spec.getScaleValue()) {
    object["scale"] = *scale;
    object["zero_point"] = *spec.getZeroPoint();
  }
  if (spec.getIsDynamic())
    object["is_dynamic"] = true;
  return object;
}
