//===- ObserverOps.cpp - verifiers of observe and fake_quant --------------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::quill;
using namespace mlir::quill::verify;

namespace {
// The spec must fit the observed value: a non-negative id, and a per-channel
// axis inside the tensor.
LogicalResult verifyObserverUse(Operation *op, Value input, int64_t id,
                                ObserverSpecAttr spec) {
  if (id < 0)
    return op->emitOpError("id must be non-negative, got ") << id;
  if (spec.isPerChannel() && rankOf(input) == 0)
    return op->emitOpError("per-channel observer ")
           << stringifyObserverKind(spec.getKind())
           << " needs an input of rank >= 1";
  if (spec.isPerChannel() &&
      failed(dimIn(op, "ch_axis", spec.getChAxis(), rankOf(input))))
    return failure();
  return success();
}

/// An optional array attribute: absent, or present where allowed and with
/// `size` entries (an unknown size passes).
template <typename ArrayAttrT>
LogicalResult arrayFits(Operation *op, StringRef name, ArrayAttrT attr,
                        bool allowed, StringRef kindName, int64_t size) {
  if (!attr)
    return success();
  if (!allowed)
    return op->emitOpError("'") << name << "' does not apply to a "
                                << kindName << " observer";
  if (!sizesAgree(attr.size(), size))
    return op->emitOpError("'") << name << "' has " << attr.size()
                                << " entries, expected " << size;
  return success();
}
} // namespace

LogicalResult ObserveOp::verify() {
  ObserverSpecAttr spec = getObserver();
  if (failed(verifyObserverUse(*this, getInput(), getId(), spec)))
    return failure();
  // Calibration results: one entry per tensor or per channel.
  StringRef kindName = stringifyObserverKind(spec.getKind());
  int64_t entries = spec.isPerChannel()
                        ? shapeOf(getInput())[*dimIn(*this, "ch_axis",
                                                     spec.getChAxis(),
                                                     rankOf(getInput()))]
                        : 1;
  bool hasQParams = spec.hasQParams();
  bool floatZeroPoint =
      spec.getQscheme() == QScheme::per_channel_affine_float_qparams;
  if (failed(arrayFits(*this, "scale", getScaleAttr(), hasQParams, kindName,
                       entries)) ||
      failed(arrayFits(*this, "zero_point", getZeroPointAttr(),
                       hasQParams && !floatZeroPoint, kindName, entries)) ||
      failed(arrayFits(*this, "float_zero_point", getFloatZeroPointAttr(),
                       hasQParams && floatZeroPoint, kindName, entries)) ||
      failed(arrayFits(*this, "min_val", getMinValAttr(), spec.keepsMinMax(),
                       kindName, entries)) ||
      failed(arrayFits(*this, "max_val", getMaxValAttr(), spec.keepsMinMax(),
                       kindName, entries)) ||
      failed(arrayFits(*this, "histogram", getHistogramAttr(),
                       spec.keepsHistogram(), kindName, spec.getBins())))
    return failure();
  bool hasZeroPoint = getZeroPointAttr() || getFloatZeroPointAttr();
  if (bool(getScaleAttr()) != hasZeroPoint)
    return emitOpError("'scale' and '")
           << (floatZeroPoint ? "float_zero_point" : "zero_point")
           << "' go together";
  if (bool(getMinValAttr()) != bool(getMaxValAttr()))
    return emitOpError("'min_val' and 'max_val' go together");
  if (getHistogramAttr() && !getMinValAttr())
    return emitOpError("'histogram' needs the 'min_val' and 'max_val' of its "
                       "range");
  if (getScaleAttr())
    for (double s : getScaleAttr().asArrayRef())
      if (!(s > 0) || std::isinf(s))
        return emitOpError("'scale' entries must be positive and finite, got ")
               << s;
  if (spec.getKind() == ObserverKind::fixed_qparams && getScaleAttr() &&
      (getScaleAttr()[0] != double(float(*spec.getScaleValue())) ||
       getZeroPointAttr()[0] != *spec.getZeroPoint()))
    return emitOpError("'scale' and 'zero_point' of a fixed_qparams observer "
                       "must be its fixed ones");
  return success();
}

LogicalResult FakeQuantOp::verify() {
  ObserverSpecAttr spec = getObserver();
  if (failed(verifyObserverUse(*this, getInput(), getId(), spec)))
    return failure();
  return spec.verifyFakeQuant([&] { return emitOpError(); }, getKind());
}
