//===- ObserverQParams.h - what an observer says a value quantizes to -----===//
//
// quill-convert reads each `quill.observe` / `quill.fake_quant` op: the
// qparams calibration (or training) wrote on it or, for a weight constant
// with none, the qparams its observer computes from the weight now (the
// runtime's observers, bit-exact with PyTorch). It quantizes constants
// with NUMERICS.md's rule and builds the `!quant.uniform` type.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_OBSERVERQPARAMS_H
#define QUILL_PASSES_OBSERVERQPARAMS_H

#include "quill/Dialect/Quill/QuillOps.h"
#include "quill/runtime/Observers.h"

#include <vector>

namespace mlir::quill {

/// The runtime's observer config for a `#quill.observer` spec.
::quill::observers::ObserverConfig toObserverConfig(ObserverSpecAttr spec);

/// Per-tensor (axis < 0) or per-axis quantization parameters.
struct QParamsOf {
  QDType dtype = QDType::quint8;
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  /// per_channel_affine_float_qparams only (zeroPoints empty then).
  std::vector<float> floatZeroPoints;
  int64_t axis = -1;
};

/// The qparams of an observe or fake_quant op: its `scale`/`zero_point`
/// attributes, or those its observer computes from a constant input;
/// failure (with a diagnostic) when neither exists.
FailureOr<QParamsOf> readQParams(Operation *observerOp);

/// `!quant.uniform<...>` for `qp` (full storage range, as PyTorch's
/// quantize clamps to the dtype's range, not the observer's).
FailureOr<Type> quantizedElementType(Operation *op, const QParamsOf &qp);

/// NUMERICS.md quantize of `data` (shape `shape`):
/// clamp(zp + nearbyint(x * (1.0f / scale)), dtype range), per axis if set.
/// Float zero points: nearbyint(x * (1.0f / scale) + zp) (PyTorch's
/// per_channel_affine_float_qparams rule).
std::vector<int64_t> quantizeData(llvm::ArrayRef<float> data,
                                  llvm::ArrayRef<int64_t> shape,
                                  const QParamsOf &qp);

} // namespace mlir::quill

#endif // QUILL_PASSES_OBSERVERQPARAMS_H
