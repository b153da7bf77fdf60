//===- ObserverOps.cpp - verifiers of observe and fake_quant --------------===//

#include "VerifyUtils.h"
#include "quill/Dialect/Quill/QuillOps.h"

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
} // namespace

LogicalResult ObserveOp::verify() {
  return verifyObserverUse(*this, getInput(), getId(), getObserver());
}

LogicalResult FakeQuantOp::verify() {
  ObserverSpecAttr spec = getObserver();
  if (failed(verifyObserverUse(*this, getInput(), getId(), spec)))
    return failure();
  ObserverKind kind = spec.getKind();
  switch (getKind()) {
  case FakeQuantKind::fixed_qparams_fake_quantize:
    if (kind != ObserverKind::fixed_qparams)
      return emitOpError("fixed_qparams_fake_quantize needs a fixed_qparams "
                         "observer, got ")
             << stringifyObserverKind(kind);
    break;
  case FakeQuantKind::fused_moving_avg_obs_fake_quantize:
    if (kind != ObserverKind::moving_average_min_max &&
        kind != ObserverKind::moving_average_per_channel_min_max)
      return emitOpError("fused_moving_avg_obs_fake_quantize needs a "
                         "moving-average observer, got ")
             << stringifyObserverKind(kind);
    break;
  case FakeQuantKind::fake_quantize:
  case FakeQuantKind::learnable_fake_quantize:
    // FakeQuantize reads the observer's quant_min/quant_max and
    // calculate_qparams; these observers have neither.
    if (kind == ObserverKind::placeholder || kind == ObserverKind::noop ||
        kind == ObserverKind::recording || kind == ObserverKind::reuse_input)
      return emitOpError()
             << stringifyFakeQuantKind(getKind())
             << " needs an observer that computes quantization parameters, "
                "got "
             << stringifyObserverKind(kind);
    break;
  }
  QDType dtype = spec.getDtype();
  if (dtype == QDType::float16 || dtype == QDType::float32)
    return emitOpError("fake quantization needs an integer dtype, got ")
           << stringifyQDType(dtype);
  return success();
}
