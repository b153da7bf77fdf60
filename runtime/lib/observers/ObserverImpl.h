//===- ObserverImpl.h - Shared internals of the observer library ----------===//
//
// Private to runtime/lib/observers: the per-family factories and the pieces
// every family shares (input checks, error wording, the float32
// _calculate_qparams).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_LIB_OBSERVERS_OBSERVERIMPL_H
#define QUILL_RUNTIME_LIB_OBSERVERS_OBSERVERIMPL_H

#include "quill/runtime/Observers.h"

#include <algorithm>
#include <limits>

namespace quill::observers::detail {

bool isPerChannelKind(ObserverKind kind);
bool isMovingAverageKind(ObserverKind kind);
bool isHistogramKind(ObserverKind kind);
/// Subclasses of UniformQuantizationObserverBase (they compute qparams).
bool isUniformKind(ObserverKind kind);

/// A float for a message: enough digits to tell two floats apart.
std::string formatFloat(float v);

/// "observer <kind>: <message>".
Status observerError(const ObserverConfig &config, const std::string &message);

/// Validates a batch and returns its element count. NaN is refused when
/// `rejectNaN` (observers that keep statistics).
Expected<int64_t> checkInput(const ObserverConfig &config, const float *data,
                             const std::vector<int64_t> &shape, bool rejectNaN);

/// The state belongs to this observer's kind.
Status checkStateKind(const ObserverConfig &config, const ObserverState &state);

/// PyTorch's per-tensor min_val/max_val before any data: (+inf, -inf).
inline bool neverObserved(float minVal, float maxVal) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  return minVal == inf && maxVal == -inf;
}

/// Folds a batch's extremes (lo, hi) into a running range: the extremes of
/// both, or with `moving` the float32 moving average m + c * (batch - m).
inline void foldRange(float &minVal, float &maxVal, float lo, float hi,
                      bool moving, float c) {
  if (moving) {
    minVal = minVal + c * (lo - minVal);
    maxVal = maxVal + c * (hi - maxVal);
  } else {
    minVal = std::min(minVal, lo);
    maxVal = std::max(maxVal, hi);
  }
}

/// UniformQuantizationObserverBase._calculate_qparams in float32: one entry
/// per element of minVal/maxVal. `perTensor` enables the "never observed"
/// (+inf, -inf) default the way check_min_max_valid does for 0-dim min/max.
Expected<QParams> computeQParams(const ObserverConfig &config,
                                 const std::vector<float> &minVal,
                                 const std::vector<float> &maxVal,
                                 bool perTensor);

std::unique_ptr<Observer> makeMinMaxObserver(const ObserverConfig &config);
std::unique_ptr<Observer> makePerChannelObserver(const ObserverConfig &config);
std::unique_ptr<Observer> makeHistogramObserver(const ObserverConfig &config);
std::unique_ptr<Observer> makePassThroughObserver(const ObserverConfig &config);

} // namespace quill::observers::detail

#endif // QUILL_RUNTIME_LIB_OBSERVERS_OBSERVERIMPL_H
