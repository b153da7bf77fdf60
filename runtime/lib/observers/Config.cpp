//===- Config.cpp - Observer names, defaults and constructor checks -------===//
//
// The checks are those of torch.ao.quantization's observer constructors and
// calculate_qmin_qmax (and of the #quill.observer verifier), so a config
// PyTorch would refuse is refused here too.
//
//===----------------------------------------------------------------------===//

#include "ObserverImpl.h"

#include <cmath>

namespace quill::observers {
namespace {
constexpr const char *kKindNames[] = {"min_max",
                                      "moving_average_min_max",
                                      "per_channel_min_max",
                                      "moving_average_per_channel_min_max",
                                      "histogram",
                                      "histogram_torch113",
                                      "placeholder",
                                      "fixed_qparams",
                                      "noop",
                                      "recording",
                                      "reuse_input"};
constexpr const char *kDTypeNames[] = {"quint8",   "qint8",   "qint32",
                                       "quint4x2", "float16", "float32"};
constexpr const char *kSchemeNames[] = {
    "per_tensor_affine", "per_tensor_symmetric", "per_channel_affine",
    "per_channel_symmetric", "per_channel_affine_float_qparams"};

template <typename Enum, size_t N>
std::optional<Enum> parseName(const char *const (&names)[N],
                              std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i])
      return static_cast<Enum>(i);
  return std::nullopt;
}

// Largest bins accepted: the histogram and its search stay in memory and
// within float32's exact integers.
constexpr int64_t kMaxBins = int64_t(1) << 24;

std::optional<QRange> dtypeRange(QDType dtype) {
  switch (dtype) {
  case QDType::quint8:
    return QRange{0, 255};
  case QDType::qint8:
    return QRange{-128, 127};
  case QDType::qint32:
    return QRange{INT32_MIN, INT32_MAX};
  case QDType::quint4x2:
    return QRange{0, 15};
  case QDType::float16:
  case QDType::float32:
    return std::nullopt;
  }
  return std::nullopt;
}

bool isPerChannelScheme(QScheme s) {
  return s == QScheme::per_channel_affine ||
         s == QScheme::per_channel_symmetric ||
         s == QScheme::per_channel_affine_float_qparams;
}
bool isSymmetricScheme(QScheme s) {
  return s == QScheme::per_tensor_symmetric ||
         s == QScheme::per_channel_symmetric;
}
// Python's floor division (reduce_range halves a custom range with //).
int64_t floorHalf(int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

Status checkConfig(const ObserverConfig &c) {
  using detail::observerError;
  std::optional<QRange> range = dtypeRange(c.dtype);
  if (c.quantMin.has_value() != c.quantMax.has_value())
    return observerError(c, "quant_min and quant_max must be given together");
  if (c.quantMin) {
    int64_t lo = *c.quantMin, hi = *c.quantMax;
    std::string bounds =
        "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    if (!range)
      return observerError(c, std::string("quant_min/quant_max need an "
                                          "integer dtype, got ") +
                                  toString(c.dtype));
    if (lo > 0 || hi < 0)
      return observerError(c,
                           "quantization range " + bounds + " must include 0");
    if (lo >= hi)
      return observerError(c, "quant_min must be less than quant_max in " +
                                  bounds);
    if (lo < range->qmin || hi > range->qmax)
      return observerError(c, "quantization range " + bounds + " exceeds the " +
                                  toString(c.dtype) + " range");
    // calculate_qmin_qmax asserts this for qint32.
    if (c.dtype == QDType::qint32 && hi - lo + 1 > (int64_t(1) << 31))
      return observerError(c, "quantization range " + bounds +
                                  " has more than 2^31 values (PyTorch "
                                  "limits a custom qint32 range to 2^31)");
  }
  if (detail::isUniformKind(c.kind) && !range)
    return observerError(c, std::string("needs an integer dtype (quint8, "
                                        "qint8, qint32 or quint4x2), got ") +
                                toString(c.dtype));
  if (detail::isPerChannelKind(c.kind) != isPerChannelScheme(c.qscheme))
    return observerError(c, std::string("does not take qscheme ") +
                                toString(c.qscheme) +
                                " (per-channel observers need a per_channel "
                                "qscheme and the others a per_tensor one)");
  bool minMaxFamily =
      detail::isUniformKind(c.kind) && !detail::isHistogramKind(c.kind);
  if (minMaxFamily && c.reduceRange && c.dtype == QDType::quint8 &&
      isSymmetricScheme(c.qscheme))
    return observerError(c, "cannot reduce range for symmetric quantization "
                            "for quint8");
  if (!(c.eps > 0.0) || !std::isfinite(c.eps))
    return observerError(c, "eps must be positive and finite, got " +
                                std::to_string(c.eps));
  if (!(c.averagingConstant > 0.0 && c.averagingConstant <= 1.0))
    return observerError(c, "averaging_constant must be in (0, 1], got " +
                                std::to_string(c.averagingConstant));
  if (c.bins < 1 || c.bins > kMaxBins)
    return observerError(c, "bins must be in [1, 2^24], got " +
                                std::to_string(c.bins));
  bool fixed = c.kind == ObserverKind::fixed_qparams;
  if (fixed && !(c.scale && c.zeroPoint))
    return observerError(c, "needs scale and zero_point");
  if (!fixed && (c.scale || c.zeroPoint))
    return observerError(c, "takes no scale or zero_point (only "
                            "fixed_qparams does)");
  if (c.scale && (!(*c.scale > 0.0) || !std::isfinite(*c.scale)))
    return observerError(c, "scale must be positive and finite, got " +
                                std::to_string(*c.scale));
  if (c.zeroPoint && range) {
    int64_t lo = c.quantMin.value_or(range->qmin);
    int64_t hi = c.quantMax.value_or(range->qmax);
    if (*c.zeroPoint < lo || *c.zeroPoint > hi)
      return observerError(c, "zero_point " + std::to_string(*c.zeroPoint) +
                                  " is outside the quantization range [" +
                                  std::to_string(lo) + ", " +
                                  std::to_string(hi) + "]");
  }
  return Status::success();
}
} // namespace

const char *toString(ObserverKind kind) {
  return kKindNames[static_cast<int>(kind)];
}
const char *toString(QDType dtype) {
  return kDTypeNames[static_cast<int>(dtype)];
}
const char *toString(QScheme qscheme) {
  return kSchemeNames[static_cast<int>(qscheme)];
}
std::optional<ObserverKind> parseObserverKind(std::string_view name) {
  return parseName<ObserverKind>(kKindNames, name);
}
std::optional<QDType> parseQDType(std::string_view name) {
  return parseName<QDType>(kDTypeNames, name);
}
std::optional<QScheme> parseQScheme(std::string_view name) {
  return parseName<QScheme>(kSchemeNames, name);
}

ObserverConfig ObserverConfig::defaults(ObserverKind kind, QDType dtype) {
  ObserverConfig c;
  c.kind = kind;
  c.dtype = dtype;
  if (detail::isPerChannelKind(kind))
    c.qscheme = QScheme::per_channel_affine;
  return c;
}

Expected<QRange> calculateQMinQMax(const ObserverConfig &config) {
  if (Status s = checkConfig(config); !s.ok())
    return s;
  std::optional<QRange> full = dtypeRange(config.dtype);
  if (!full)
    return detail::observerError(config, "has no integer quantization range");
  if (config.quantMin) {
    QRange r{*config.quantMin, *config.quantMax};
    if (config.reduceRange)
      r = {floorHalf(r.qmin), floorHalf(r.qmax)};
    return r;
  }
  // Without a custom range only the 8-bit types shrink under reduce_range.
  if (config.reduceRange && config.dtype == QDType::quint8)
    return QRange{0, 127};
  if (config.reduceRange && config.dtype == QDType::qint8)
    return QRange{-64, 63};
  return *full;
}

Expected<std::unique_ptr<Observer>>
createObserver(const ObserverConfig &config) {
  if (Status s = checkConfig(config); !s.ok())
    return s;
  switch (config.kind) {
  case ObserverKind::min_max:
  case ObserverKind::moving_average_min_max:
    return detail::makeMinMaxObserver(config);
  case ObserverKind::per_channel_min_max:
  case ObserverKind::moving_average_per_channel_min_max:
    return detail::makePerChannelObserver(config);
  case ObserverKind::histogram:
  case ObserverKind::histogram_torch113:
    return detail::makeHistogramObserver(config);
  case ObserverKind::placeholder:
  case ObserverKind::fixed_qparams:
  case ObserverKind::noop:
  case ObserverKind::reuse_input:
  case ObserverKind::recording:
    return detail::makePassThroughObserver(config);
  }
  return detail::observerError(config, "unknown observer kind");
}

} // namespace quill::observers
