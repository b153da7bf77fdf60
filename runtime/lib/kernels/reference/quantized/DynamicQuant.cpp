//===- DynamicQuant.cpp - PyTorch 1.13's dynamic quantization arithmetic --===//

#include "DynamicQuant.h"

#include "quill/runtime/Observers.h"

#include <algorithm>
#include <cmath>

namespace quill::reference {

std::pair<float, float> minMax(const float *x, int64_t n) {
  if (n == 0)
    return {0.0f, 0.0f};
  float lo = x[0], hi = x[0];
  for (int64_t i = 0; i < n; ++i) {
    if (std::isnan(x[i]))
      return {x[i], x[i]};
    lo = std::min(lo, x[i]);
    hi = std::max(hi, x[i]);
  }
  return {lo, hi};
}

namespace {
/// The qparams both engines choose for `n` activations.
Expected<observers::ChosenQParams> chooseFor(const float *x, int64_t n,
                                             int64_t qmin, int64_t qmax,
                                             bool reduceRange,
                                             Numerics engine) {
  auto [lo, hi] = minMax(x, n);
  // The qnnpack engine drops reduce_range (PyTorch warns that it does).
  return observers::chooseQParams(lo, hi, qmin, qmax,
                                  /*preserveSparsity=*/false,
                                  reduceRange && engine == Numerics::onednn);
}
} // namespace

Status fakeQuantizeDynamic(const float *x, int64_t n, int64_t qmin,
                           int64_t qmax, bool reduceRange, Numerics engine,
                           float *y) {
  if (n == 0)
    return Status::success();
  Expected<observers::ChosenQParams> qp =
      chooseFor(x, n, qmin, qmax, reduceRange, engine);
  if (!qp.ok())
    return qp.status();
  const float scale = static_cast<float>(qp->scale);
  const float inv = 1.0f / scale;
  const int64_t zp = qp->zeroPoint;
  for (int64_t i = 0; i < n; ++i)
    y[i] = static_cast<float>(
               quantizeValue(x[i], inv, zp, StorageRange{qmin, qmax}) - zp) *
           scale;
  return Status::success();
}

Expected<DynamicLinear> DynamicLinear::create(const ValueInfo &weight,
                                              const std::string &what,
                                              Numerics engine, bool reduceRange,
                                              bool relu, int64_t maxRows) {
  if (weight.dtype != DType::i8 || !weight.quant)
    return Status::error(what + " must be quantized with i8 storage, got " +
                         std::string(dtypeName(weight.dtype)) +
                         (weight.quant ? "" : " without quantization"));
  if (weight.shape.size() != 2)
    return Status::error(what + " must have rank 2, got " +
                         formatShape(weight.shape));
  const QuantParams &q = *weight.quant;
  DynamicLinear l;
  l.engine_ = engine;
  l.reduceRange_ = reduceRange;
  l.relu_ = relu;
  l.out_ = weight.shape[0];
  l.in_ = weight.shape[1];
  size_t channels = q.perAxis() ? static_cast<size_t>(l.out_) : 1;
  if (q.perAxis() && q.axis != 0)
    return Status::error(what +
                         " must be quantized per tensor or along axis "
                         "0, got axis " +
                         std::to_string(q.axis));
  if (q.scales.size() != channels || q.zeroPoints.size() != channels)
    return Status::error(what + " has " + std::to_string(q.scales.size()) +
                         " scales and " + std::to_string(q.zeroPoints.size()) +
                         " zero points, expected " + std::to_string(channels));
  for (int64_t c = 0; c < l.out_; ++c) {
    double s = q.scales[q.perAxis() ? c : 0];
    l.weightZeroPoints_.push_back(
        static_cast<int32_t>(q.zeroPoints[q.perAxis() ? c : 0]));
    // ideep keeps 1/scale: divided in double from PyTorch's double q_scale,
    // in float from the float per-channel scales.
    float factor = static_cast<float>(s);
    if (engine == Numerics::onednn)
      factor = q.perAxis() ? 1.0f / factor : static_cast<float>(1.0 / s);
    l.weightFactors_.push_back(factor);
  }
  l.qx_.resize(maxRows * l.in_);
  return l;
}

Status DynamicLinear::run(const float *x, int64_t rows, const int8_t *w,
                          const float *bias, float *y) {
  const int64_t n = rows * in_;
  Expected<observers::ChosenQParams> qp =
      chooseFor(x, n, 0, 255, reduceRange_, engine_);
  if (!qp.ok())
    return qp.status();
  const double scale = qp->scale;
  const int64_t zp = qp->zeroPoint;
  const bool onednn = engine_ == Numerics::onednn;
  // oneDNN adds the zero point before rounding; ATen after.
  const float inv = onednn ? static_cast<float>(1.0 / scale)
                           : 1.0f / static_cast<float>(scale);
  for (int64_t i = 0; i < n; ++i)
    qx_[i] = static_cast<int32_t>(
        (onednn ? roundClamp(x[i] * inv + static_cast<float>(zp), 0, 255)
                : quantizeValue(x[i], inv, zp, StorageRange{0, 255})) -
        zp);

  for (int64_t c = 0; c < out_; ++c) {
    const int8_t *wc = w + c * in_;
    const int32_t wz = weightZeroPoints_[c];
    // onednn: p = isx * isw and y = (acc + bias * p) / p, the division a
    // multiplication by 1/p; qnnpack: acc * (sx * sw) + bias.
    const float p = onednn ? inv * weightFactors_[c]
                           : static_cast<float>(scale) * weightFactors_[c];
    const float rp = 1.0f / p;
    const float b = bias ? bias[c] : 0.0f;
    for (int64_t r = 0; r < rows; ++r) {
      const int32_t *xr = qx_.data() + r * in_;
      int64_t acc = 0;
      for (int64_t k = 0; k < in_; ++k)
        acc += static_cast<int64_t>(xr[k]) * (wc[k] - wz);
      float v = static_cast<float>(acc);
      v = onednn ? (bias ? (v + b * p) * rp : v * rp) : v * p + b;
      y[r * out_ + c] = relu_ ? std::max(v, 0.0f) : v;
    }
  }
  return Status::success();
}

} // namespace quill::reference
