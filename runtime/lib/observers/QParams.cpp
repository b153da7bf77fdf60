//===- QParams.cpp - Scale and zero point from min/max --------------------===//
//
// Two routines, as in PyTorch: the observers' _calculate_qparams (float32
// tensor arithmetic, NUMERICS.md "Observer -> (scale, zero_point)") and the
// double-precision ChooseQuantizationParams of fused fake-quant and dynamic
// quantization (NUMERICS.md "Fake quantize", "Dynamic quantization").
//
//===----------------------------------------------------------------------===//

#include "ObserverImpl.h"
#include "TorchArith.h"

#include <algorithm>
#include <cmath>

namespace quill::observers {
namespace detail {
namespace {
// Python's floor division of a sum of two int32-range values.
int64_t floorHalfSum(int64_t a, int64_t b) {
  int64_t s = a + b;
  return s >= 0 ? s / 2 : -((-s + 1) / 2);
}
} // namespace

Expected<QParams> computeQParams(const ObserverConfig &config,
                                 const std::vector<float> &minVal,
                                 const std::vector<float> &maxVal,
                                 bool perTensor) {
  const bool floatZp =
      config.qscheme == QScheme::per_channel_affine_float_qparams;
  QParams out;
  // check_min_max_valid: nothing observed -> scale 1, zero point 0, one entry
  // even for per-channel observers.
  if (minVal.empty() || (perTensor && neverObserved(minVal[0], maxVal[0]))) {
    out.scale = {1.0f};
    if (floatZp)
      out.floatZeroPoint = {0.0f};
    else
      out.zeroPoint = {0};
    return out;
  }
  for (size_t i = 0; i < minVal.size(); ++i)
    if (!(minVal[i] <= maxVal[i]))
      return observerError(
          config, "min_val " + formatFloat(minVal[i]) + " is not <= max_val " +
                      formatFloat(maxVal[i]) +
                      (perTensor ? "" : " in channel " + std::to_string(i)));

  Expected<QRange> range = calculateQMinQMax(config);
  if (!range.ok())
    return range.status();
  const int64_t qmin = range->qmin, qmax = range->qmax;
  // PyTorch divides float32 tensors by Python floats: the divisor is first
  // rounded to float32 (qint32: 2^32 - 1 becomes 2^32).
  const float span = static_cast<float>(static_cast<double>(qmax - qmin));
  const float halfSpan =
      static_cast<float>(static_cast<double>(qmax - qmin) / 2.0);
  const float eps = static_cast<float>(config.eps);
  const bool symmetric = config.qscheme == QScheme::per_tensor_symmetric ||
                         config.qscheme == QScheme::per_channel_symmetric;
  int64_t symmetricZp = 0;
  if (config.dtype == QDType::quint8)
    symmetricZp = config.quantMin ? floorHalfSum(qmin, qmax) : 128;

  for (size_t i = 0; i < minVal.size(); ++i) {
    const float lo = minVal[i], hi = maxVal[i];
    const float minNeg = std::min(lo, 0.0f);
    const float maxPos = std::max(hi, 0.0f);
    if (symmetric) {
      float scale = std::max(-minNeg, maxPos) / halfSpan;
      out.scale.push_back(std::max(scale, eps));
      out.zeroPoint.push_back(symmetricZp);
    } else if (floatZp) {
      float scale = (hi - lo) / span;
      scale = scale > eps ? scale : 1.0f;
      out.scale.push_back(scale);
      out.floatZeroPoint.push_back(-lo / scale);
    } else {
      float scale = std::max((maxPos - minNeg) / span, eps);
      // quant_min - round(min_neg / scale).to(int32), in int32 with
      // wraparound, then clamped: what PyTorch computes, ±inf inputs
      // included (their NaN quotient casts to INT32_MIN).
      int32_t rounded = truncToInt32(std::nearbyint(minNeg / scale));
      auto zp = static_cast<int32_t>(static_cast<uint32_t>(qmin) -
                                     static_cast<uint32_t>(rounded));
      out.scale.push_back(scale);
      out.zeroPoint.push_back(std::clamp<int64_t>(zp, qmin, qmax));
    }
  }
  return out;
}
} // namespace detail

Expected<ChosenQParams> chooseQParams(float min, float max, int64_t qmin,
                                      int64_t qmax, bool preserveSparsity,
                                      bool reduceRange) {
  // PyTorch's TORCH_CHECKs, in its order.
  if (!(min <= max))
    return Status::error("chooseQParams: min " + detail::formatFloat(min) +
                         " must be <= max " + detail::formatFloat(max));
  if (reduceRange) { // C++ division: truncates toward zero
    qmin /= 2;
    qmax /= 2;
  }
  if (min < 0 && max > 0 && preserveSparsity) {
    const int64_t symQmin = -((qmax - qmin) / 2 + 1);
    const int64_t symQmax = (qmax - qmin) / 2;
    // float / int in C++: float division.
    const double maxScale =
        std::max(std::fabs(min / static_cast<float>(symQmin)),
                 std::fabs(max / static_cast<float>(symQmax)));
    min = static_cast<float>(maxScale * static_cast<double>(symQmin));
    max = static_cast<float>(maxScale * static_cast<double>(symQmax));
  }
  min = std::min(min, 0.0f);
  max = std::max(max, 0.0f);
  if (!(qmin < qmax))
    return Status::error("chooseQParams: qmin " + std::to_string(qmin) +
                         " must be < qmax " + std::to_string(qmax));

  const double levels = static_cast<double>(qmax - qmin);
  double scale = (static_cast<double>(max) - min) / levels;
  // A scale whose float reciprocal is infinite becomes 0.1.
  if (static_cast<float>(scale) == 0.0f ||
      std::isinf(1.0f / static_cast<float>(scale)))
    scale = 0.1;
  if (!(scale > 0))
    return Status::error("chooseQParams: scale " + std::to_string(scale) +
                         " must be > 0");

  // Scales below 6.1e-5 are raised to it; min/max are stretched to match.
  constexpr float kSmallScale = 6.1e-5f;
  if (scale < kSmallScale) {
    const float original = static_cast<float>(scale);
    scale = kSmallScale;
    // float * int in C++: float arithmetic.
    const float span = static_cast<float>(qmax - qmin);
    if (min == 0.0f)
      max = kSmallScale * span;
    else if (max == 0.0f)
      min = -kSmallScale * span;
    else {
      const float amplifier = kSmallScale / original;
      min *= amplifier;
      max *= amplifier;
    }
  }

  // Zero point from whichever end adds the smaller terms.
  const double fromMin = qmin - min / scale;
  const double fromMax = qmax - max / scale;
  const double errMin =
      std::abs(static_cast<double>(qmin)) - std::abs(min / scale);
  const double errMax =
      std::abs(static_cast<double>(qmax)) - std::abs(max / scale);
  double initial = errMin < errMax ? fromMin : fromMax;
  if (min < 0 && max > 0 && preserveSparsity)
    initial = static_cast<double>(qmin + qmax) / 2;

  ChosenQParams out;
  out.scale = scale;
  if (initial < qmin)
    out.zeroPoint = qmin;
  else if (initial > qmax)
    out.zeroPoint = qmax;
  else
    out.zeroPoint = static_cast<int64_t>(std::nearbyint(initial));
  return out;
}

Expected<QParams> fusedFakeQuantQParams(const Observer &observer) {
  Expected<QRange> range = calculateQMinQMax(observer.config());
  if (!range.ok())
    return range.status();
  QScheme scheme = observer.config().qscheme;
  bool symmetric = scheme == QScheme::per_tensor_symmetric ||
                   scheme == QScheme::per_channel_symmetric;
  ObserverState state = observer.state();
  QParams q;
  for (size_t c = 0; c < state.minVal.size(); ++c) {
    Expected<ChosenQParams> chosen =
        chooseQParams(state.minVal[c], state.maxVal[c], range->qmin,
                      range->qmax, symmetric, /*reduceRange=*/false);
    if (!chosen.ok())
      return chosen.status();
    q.scale.push_back(static_cast<float>(chosen->scale));
    q.zeroPoint.push_back(chosen->zeroPoint);
  }
  return q;
}

Expected<ChosenQParams> chooseQParamsPerTensor(const float *data, int64_t count,
                                               bool reduceRange) {
  if (count <= 0 || !data)
    return Status::error("chooseQParamsPerTensor: empty input (PyTorch's "
                         "min() of an empty tensor fails)");
  float lo = data[0], hi = data[0];
  for (int64_t i = 0; i < count; ++i) {
    // min()/max() propagate NaN; chooseQParams then refuses it.
    if (std::isnan(data[i])) {
      lo = hi = data[i];
      break;
    }
    lo = std::min(lo, data[i]);
    hi = std::max(hi, data[i]);
  }
  return chooseQParams(lo, hi, 0, 255, /*preserveSparsity=*/false, reduceRange);
}

} // namespace quill::observers
