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
    return op->emitOpError("'")
           << name << "' does not apply to a " << kindName << " observer";
  if (!sizesAgree(attr.size(), size))
    return op->emitOpError("'")
           << name << "' has " << attr.size() << " entries, expected " << size;
  return success();
}

/// The calibration attributes of an observe or fake_quant op: one entry per
/// tensor or per channel, present only where the spec keeps them.
template <typename OpT> LogicalResult verifyCalibration(OpT op) {
  ObserverSpecAttr spec = op.getObserver();
  // Calibration results: one entry per tensor or per channel.
  StringRef kindName = stringifyObserverKind(spec.getKind());
  int64_t entries =
      spec.isPerChannel()
          ? shapeOf(op.getInput())[*dimIn(op, "ch_axis", spec.getChAxis(),
                                          rankOf(op.getInput()))]
          : 1;
  bool hasQParams = spec.hasQParams();
  bool floatZeroPoint =
      spec.getQscheme() == QScheme::per_channel_affine_float_qparams;
  if (failed(arrayFits(op, "scale", op.getScaleAttr(), hasQParams, kindName,
                       entries)) ||
      failed(arrayFits(op, "zero_point", op.getZeroPointAttr(),
                       hasQParams && !floatZeroPoint, kindName, entries)) ||
      failed(arrayFits(op, "float_zero_point", op.getFloatZeroPointAttr(),
                       hasQParams && floatZeroPoint, kindName, entries)) ||
      failed(arrayFits(op, "min_val", op.getMinValAttr(), spec.keepsMinMax(),
                       kindName, entries)) ||
      failed(arrayFits(op, "max_val", op.getMaxValAttr(), spec.keepsMinMax(),
                       kindName, entries)) ||
      failed(arrayFits(op, "histogram", op.getHistogramAttr(),
                       spec.keepsHistogram(), kindName, spec.getBins())))
    return failure();
  bool hasZeroPoint = op.getZeroPointAttr() || op.getFloatZeroPointAttr();
  if (bool(op.getScaleAttr()) != hasZeroPoint)
    return op.emitOpError("'scale' and '")
           << (floatZeroPoint ? "float_zero_point" : "zero_point")
           << "' go together";
  if (bool(op.getMinValAttr()) != bool(op.getMaxValAttr()))
    return op.emitOpError("'min_val' and 'max_val' go together");
  if (op.getHistogramAttr() && !op.getMinValAttr())
    return op.emitOpError(
        "'histogram' needs the 'min_val' and 'max_val' of its "
        "range");
  if (op.getScaleAttr())
    for (double s : op.getScaleAttr().asArrayRef())
      if (!(s > 0) || std::isinf(s))
        return op.emitOpError(
                   "'scale' entries must be positive and finite, got ")
               << s;
  if (spec.getKind() == ObserverKind::fixed_qparams && op.getScaleAttr() &&
      (op.getScaleAttr()[0] != double(float(*spec.getScaleValue())) ||
       op.getZeroPointAttr()[0] != *spec.getZeroPoint()))
    return op.emitOpError(
        "'scale' and 'zero_point' of a fixed_qparams observer "
        "must be its fixed ones");
  return success();
}
} // namespace

LogicalResult ObserveOp::verify() {
  if (failed(verifyObserverUse(*this, getInput(), getId(), getObserver())))
    return failure();
  return verifyCalibration(*this);
}

LogicalResult FakeQuantOp::verify() {
  ObserverSpecAttr spec = getObserver();
  if (failed(verifyObserverUse(*this, getInput(), getId(), spec)))
    return failure();
  if (failed(spec.verifyFakeQuant([&] { return emitOpError(); }, getKind())))
    return failure();
  return verifyCalibration(*this);
}

LogicalResult FakeQuantDynamicOp::verify() {
  switch (getDtype()) {
  case QDType::quint8:
  case QDType::qint8:
    return success();
  case QDType::float16:
    if (getReduceRange())
      return emitOpError("reduce_range does not apply to float16");
    return success();
  default:
    return emitOpError("dtype must be quint8, qint8 or float16, got ")
           << stringifyQDType(getDtype());
  }
}

LogicalResult DequantizeFloatQParamsOp::verify() {
  if (getBitWidth() != 8 && getBitWidth() != 4)
    return emitOpError("bit_width must be 8 or 4, got ") << getBitWidth();
  FailureOr<int64_t> axis = dimIn(*this, "axis", getAxis(), rankOf(getInput()));
  if (failed(axis))
    return failure();
  int64_t rows = shapeOf(getInput())[*axis];
  if (failed(isVectorOf(*this, getScales(), "scales", rows)) ||
      failed(isVectorOf(*this, getZeroPoints(), "zero_points", rows)))
    return failure();
  return resultHasShape(*this, getResult(), shapeOf(getInput()));
}
