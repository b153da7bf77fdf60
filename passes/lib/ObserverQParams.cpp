//===- ObserverQParams.cpp - what an observer says a value quantizes to ---===//

#include "ObserverQParams.h"
#include "ConstantTensors.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::quill;
namespace obs = ::quill::observers;

obs::ObserverConfig mlir::quill::toObserverConfig(ObserverSpecAttr spec) {
  // The runtime enums spell their cases like the dialect's (Observers.h).
  obs::ObserverConfig c;
  c.kind = *obs::parseObserverKind(stringifyObserverKind(spec.getKind()).str());
  c.dtype = *obs::parseQDType(stringifyQDType(spec.getDtype()).str());
  c.qscheme = *obs::parseQScheme(stringifyQScheme(spec.getQscheme()).str());
  c.quantMin = spec.getQuantMin();
  c.quantMax = spec.getQuantMax();
  c.reduceRange = spec.getReduceRange();
  c.eps = spec.getEpsValue();
  c.chAxis = spec.getChAxis();
  c.averagingConstant = spec.getAveragingConstantValue();
  c.bins = spec.getBins();
  c.scale = spec.getScaleValue();
  c.zeroPoint = spec.getZeroPoint();
  c.isDynamic = spec.getIsDynamic();
  return c;
}

namespace {
template <typename OpT> std::optional<QParamsOf> attrQParams(OpT op) {
  if (!op.getScaleAttr())
    return std::nullopt;
  QParamsOf qp;
  qp.scales.assign(op.getScaleAttr().asArrayRef().begin(),
                   op.getScaleAttr().asArrayRef().end());
  if (auto zp = op.getZeroPointAttr())
    qp.zeroPoints.assign(zp.asArrayRef().begin(), zp.asArrayRef().end());
  if (auto zp = op.getFloatZeroPointAttr())
    qp.floatZeroPoints.assign(zp.asArrayRef().begin(), zp.asArrayRef().end());
  return qp;
}

/// Runs the observer over a constant input, as PyTorch's convert runs the
/// weight observer over the weight.
FailureOr<QParamsOf> constantQParams(Operation *op, ObserverSpecAttr spec,
                                     Value input) {
  std::optional<std::vector<float>> data = readF32Constant(input);
  if (!data)
    return op->emitError("observer id has no qparams: calibrate the graph "
                         "first (quant-run --calibrate) or train it");
  auto observer = obs::createObserver(toObserverConfig(spec));
  if (!observer.ok())
    return op->emitError("observer: ") << observer.status().message();
  auto shape = cast<RankedTensorType>(input.getType()).getShape();
  if (::quill::Status s = (*observer)->observe(
          data->data(), std::vector<int64_t>(shape.begin(), shape.end()));
      !s.ok())
    return op->emitError("observer: ") << s.message();
  auto q = (*observer)->calculateQParams();
  if (!q.ok())
    return op->emitError("observer: ") << q.status().message();
  QParamsOf qp;
  qp.scales.assign(q->scale.begin(), q->scale.end());
  qp.zeroPoints = q->zeroPoint;
  qp.floatZeroPoints = q->floatZeroPoint;
  return qp;
}
} // namespace

FailureOr<QParamsOf> mlir::quill::readQParams(Operation *op) {
  ObserverSpecAttr spec;
  std::optional<QParamsOf> fromAttrs;
  Value input = op->getOperand(0);
  int64_t id = 0;
  if (!visitObserverOp(op, [&](auto o) {
        spec = o.getObserver();
        fromAttrs = attrQParams(o);
        id = o.getId();
      }))
    return op->emitError("not an observer");
  QParamsOf qp;
  if (fromAttrs) {
    qp = std::move(*fromAttrs);
  } else if (spec.getKind() == ObserverKind::fixed_qparams) {
    qp.scales = {double(float(*spec.getScaleValue()))};
    qp.zeroPoints = {*spec.getZeroPoint()};
  } else if (matchPattern(input, m_Constant())) {
    FailureOr<QParamsOf> computed = constantQParams(op, spec, input);
    if (failed(computed))
      return failure();
    qp = std::move(*computed);
  } else {
    return op->emitError("observer id ")
           << id << " has no qparams: calibrate the graph first "
           << "(quant-run --calibrate) or give it trained qparams";
  }
  qp.dtype = spec.getDtype();
  qp.axis = spec.isPerChannel() ? spec.getChAxis() : -1;
  return qp;
}

FailureOr<Type> mlir::quill::quantizedElementType(Operation *op,
                                                  const QParamsOf &qp) {
  MLIRContext *ctx = op->getContext();
  unsigned width;
  bool isSigned;
  switch (qp.dtype) {
  case QDType::quint8:
    width = 8, isSigned = false;
    break;
  case QDType::qint8:
    width = 8, isSigned = true;
    break;
  case QDType::qint32:
    width = 32, isSigned = true;
    break;
  default:
    return op->emitError("no !quant.uniform type for dtype ")
           << stringifyQDType(qp.dtype);
  }
  auto [lo, hi] = *getQDTypeRange(qp.dtype);
  Type storage = IntegerType::get(ctx, width);
  Type expressed = Float32Type::get(ctx);
  unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
  if (qp.axis < 0)
    return Type(quant::UniformQuantizedType::getChecked(
        [&] { return op->emitError(); }, flags, storage, expressed,
        qp.scales[0], qp.zeroPoints[0], lo, hi));
  return Type(quant::UniformQuantizedPerAxisType::getChecked(
      [&] { return op->emitError(); }, flags, storage, expressed, qp.scales,
      qp.zeroPoints, qp.axis, lo, hi));
}

std::vector<int64_t> mlir::quill::quantizeData(llvm::ArrayRef<float> data,
                                               llvm::ArrayRef<int64_t> shape,
                                               const QParamsOf &qp) {
  auto [lo, hi] = *getQDTypeRange(qp.dtype);
  // Elements of one channel repeat every `inner` and there are `channels`.
  int64_t inner = 1, channels = 1;
  if (qp.axis >= 0) {
    channels = shape[qp.axis];
    for (size_t d = qp.axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
  }
  std::vector<int64_t> q(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    int64_t c = qp.axis >= 0 ? (int64_t(i) / inner) % channels : 0;
    float inv = 1.0f / static_cast<float>(qp.scales[c]);
    if (qp.floatZeroPoints.empty()) {
      q[i] = ::quill::observers::quantizeValue(data[i], inv, qp.zeroPoints[c],
                                               lo, hi);
      continue;
    }
    // A float zero point is added before rounding (PyTorch's rule for it);
    // clamped as a double first: a NaN or huge value has no int64.
    float v = std::nearbyint(data[i] * inv + qp.floatZeroPoints[c]);
    double clamped = std::isnan(v)
                         ? double(lo)
                         : std::clamp<double>(v, double(lo), double(hi));
    q[i] = static_cast<int64_t>(clamped);
  }
  return q;
}
