//===- ObserverSpecAttr.cpp - #quill.observer parsing and checks ----------===//
//
// The rules are torch.ao.quantization's observer constructor checks
// (_validate_qmin_qmax, per-channel qschemes, fixed qparams) so that a spec
// PyTorch would refuse is refused here too.
//
//===----------------------------------------------------------------------===//

#include "quill/Dialect/Quill/QuillOps.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;
using namespace mlir::quill;

namespace {
// Shortest text that reads back as the same double ("0.00390625", not
// "3.90625E-3" or seventeen digits for 1e-5).
void printDouble(AsmPrinter &p, double v) {
  llvm::SmallString<32> s;
  for (unsigned precision = 1; precision <= 17; ++precision) {
    s.clear();
    llvm::APFloat(v).toString(s, precision, /*FormatMaxPadding=*/4);
    llvm::APFloat back(llvm::APFloat::IEEEdouble());
    auto status =
        back.convertFromString(s, llvm::APFloat::rmNearestTiesToEven);
    if (!status)
      llvm::consumeError(status.takeError());
    else if (back.convertToDouble() == v)
      break;
  }
  // MLIR float literals need a decimal point before any exponent.
  if (s.find_first_of(".nN") == llvm::StringRef::npos) {
    size_t e = s.find_first_of("eE");
    s.insert(e == llvm::StringRef::npos ? s.end() : s.begin() + e, {'.', '0'});
  }
  p << s;
}

bool isPerChannelKind(ObserverKind k) {
  return k == ObserverKind::per_channel_min_max ||
         k == ObserverKind::moving_average_per_channel_min_max;
}
bool isMovingAverageKind(ObserverKind k) {
  return k == ObserverKind::moving_average_min_max ||
         k == ObserverKind::moving_average_per_channel_min_max;
}
bool isHistogramKind(ObserverKind k) {
  return k == ObserverKind::histogram ||
         k == ObserverKind::histogram_torch113;
}
// The MinMaxObserver family (per-tensor, per-channel, moving average).
bool isMinMaxKind(ObserverKind k) {
  return k == ObserverKind::min_max || isPerChannelKind(k) ||
         isMovingAverageKind(k);
}
// Subclasses of UniformQuantizationObserverBase: they compute scale and
// zero point from statistics and take reduce_range and eps.
bool isUniformKind(ObserverKind k) {
  return isMinMaxKind(k) || isHistogramKind(k);
}
bool isPerChannelScheme(QScheme s) {
  return s == QScheme::per_channel_affine ||
         s == QScheme::per_channel_symmetric ||
         s == QScheme::per_channel_affine_float_qparams;
}
} // namespace

std::optional<std::pair<int64_t, int64_t>>
mlir::quill::getQDTypeRange(QDType dtype) {
  switch (dtype) {
  case QDType::quint8:
    return std::make_pair<int64_t, int64_t>(0, 255);
  case QDType::qint8:
    return std::make_pair<int64_t, int64_t>(-128, 127);
  case QDType::qint32:
    return std::make_pair<int64_t, int64_t>(INT32_MIN, INT32_MAX);
  case QDType::quint4x2:
    return std::make_pair<int64_t, int64_t>(0, 15);
  case QDType::float16:
  case QDType::float32:
    return std::nullopt;
  }
  return std::nullopt;
}

ObserverSpecAttr ObserverSpecAttr::get(MLIRContext *ctx, ObserverKind kind,
                                       QDType dtype) {
  Builder b(ctx);
  return get(ctx, kind, dtype, getDefaultQScheme(kind), std::nullopt,
             std::nullopt, false, b.getF64FloatAttr(kDefaultEps), 0,
             b.getF64FloatAttr(kDefaultAveragingConstant), kDefaultBins,
             FloatAttr(), std::nullopt, false);
}

bool ObserverSpecAttr::isPerChannel() const {
  return isPerChannelKind(getKind());
}
bool ObserverSpecAttr::keepsMinMax() const { return isUniformKind(getKind()); }
bool ObserverSpecAttr::keepsHistogram() const {
  return isHistogramKind(getKind());
}
bool ObserverSpecAttr::hasQParams() const {
  return keepsMinMax() || getKind() == ObserverKind::fixed_qparams;
}

// PerChannelMinMaxObserver and MovingAveragePerChannelMinMaxObserver default
// to per_channel_affine.
QScheme ObserverSpecAttr::getDefaultQScheme(ObserverKind kind) {
  return isPerChannelKind(kind) ? QScheme::per_channel_affine
                                : QScheme::per_tensor_affine;
}

// Shared by quill.fake_quant and the QConfig readers, so a fake-quant that
// PyTorch would refuse to construct is refused wherever it is written.
LogicalResult
ObserverSpecAttr::verifyFakeQuant(function_ref<InFlightDiagnostic()> emitError,
                                  FakeQuantKind fakeQuant) const {
  ObserverKind kind = getKind();
  switch (fakeQuant) {
  case FakeQuantKind::fixed_qparams_fake_quantize:
    if (kind != ObserverKind::fixed_qparams)
      return emitError() << "fixed_qparams_fake_quantize needs a "
                            "fixed_qparams observer, got "
                         << stringifyObserverKind(kind);
    break;
  case FakeQuantKind::fused_moving_avg_obs_fake_quantize:
    if (!isMovingAverageKind(kind))
      return emitError() << "fused_moving_avg_obs_fake_quantize needs a "
                            "moving-average observer, got "
                         << stringifyObserverKind(kind);
    break;
  case FakeQuantKind::fake_quantize:
  case FakeQuantKind::learnable_fake_quantize:
    // FakeQuantize reads the observer's quant_min/quant_max and
    // calculate_qparams; these observers have neither.
    if (kind == ObserverKind::placeholder || kind == ObserverKind::noop ||
        kind == ObserverKind::recording || kind == ObserverKind::reuse_input)
      return emitError()
             << stringifyFakeQuantKind(fakeQuant)
             << " needs an observer that computes quantization parameters, "
                "got "
             << stringifyObserverKind(kind);
    break;
  }
  // torch.iinfo(dtype) needs an integer dtype.
  if (!getQDTypeRange(getDtype()))
    return emitError() << "fake quantization needs an integer dtype, got "
                       << stringifyQDType(getDtype());
  return success();
}

LogicalResult ObserverSpecAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, ObserverKind kind,
    QDType dtype, QScheme qscheme, std::optional<int64_t> quantMin,
    std::optional<int64_t> quantMax, bool reduceRange, FloatAttr epsAttr,
    int64_t chAxis, FloatAttr averagingConstantAttr, int64_t bins,
    FloatAttr scaleAttr, std::optional<int64_t> zeroPoint, bool isDynamic) {
  if (!epsAttr || !averagingConstantAttr)
    return emitError() << "eps and averaging_constant are required";
  double eps = epsAttr.getValueAsDouble();
  double averagingConstant = averagingConstantAttr.getValueAsDouble();
  std::optional<double> scale;
  if (scaleAttr)
    scale = scaleAttr.getValueAsDouble();
  auto range = getQDTypeRange(dtype);
  if (quantMin.has_value() != quantMax.has_value())
    return emitError() << "quant_min and quant_max must be given together";
  if (quantMin) {
    if (!range)
      return emitError() << "quant_min/quant_max need an integer dtype, got "
                         << stringifyQDType(dtype);
    if (*quantMin > 0 || *quantMax < 0)
      return emitError() << "quantization range [" << *quantMin << ", "
                         << *quantMax << "] must include 0";
    if (*quantMin >= *quantMax)
      return emitError() << "quant_min " << *quantMin
                         << " must be less than quant_max " << *quantMax;
    if (*quantMin < range->first || *quantMax > range->second)
      return emitError() << "quantization range [" << *quantMin << ", "
                         << *quantMax << "] exceeds the "
                         << stringifyQDType(dtype) << " range ["
                         << range->first << ", " << range->second << "]";
  }
  // UniformQuantizationObserverBase asserts an integer quantized dtype.
  if (isUniformKind(kind) && !range)
    return emitError() << "observer " << stringifyObserverKind(kind)
                       << " needs an integer dtype (quint8, qint8, qint32 or "
                          "quint4x2), got "
                       << stringifyQDType(dtype);
  // Constructor arguments the observer class does not take (PyTorch raises
  // TypeError on the unexpected keyword).
  auto notAnArgument = [&](StringRef field) {
    return emitError() << "observer " << stringifyObserverKind(kind)
                       << " takes no '" << field << "'";
  };
  if (chAxis != 0 && !isPerChannelKind(kind))
    return notAnArgument("ch_axis");
  if (averagingConstant != kDefaultAveragingConstant &&
      !isMovingAverageKind(kind))
    return notAnArgument("averaging_constant");
  if (bins != kDefaultBins && !isHistogramKind(kind))
    return notAnArgument("bins");
  if (reduceRange && !isUniformKind(kind))
    return notAnArgument("reduce_range");
  if (!(eps > 0.0) || !std::isfinite(eps))
    return emitError() << "eps must be positive and finite, got " << eps;
  if (!(averagingConstant > 0.0 && averagingConstant <= 1.0))
    return emitError() << "averaging_constant must be in (0, 1], got "
                       << averagingConstant;
  if (bins <= 0)
    return emitError() << "bins must be positive, got " << bins;
  if (isPerChannelKind(kind) != isPerChannelScheme(qscheme))
    return emitError() << "observer " << stringifyObserverKind(kind)
                       << " does not take qscheme "
                       << stringifyQScheme(qscheme)
                       << " (per-channel observers need a per_channel "
                          "qscheme and the others a per_tensor one)";
  // MinMaxObserver and PerChannelMinMaxObserver raise NotImplementedError.
  if (isMinMaxKind(kind) && reduceRange && dtype == QDType::quint8 &&
      (qscheme == QScheme::per_tensor_symmetric ||
       qscheme == QScheme::per_channel_symmetric))
    return emitError() << "observer " << stringifyObserverKind(kind)
                       << " cannot reduce range for symmetric quantization "
                          "for quint8";
  bool fixed = kind == ObserverKind::fixed_qparams;
  if (fixed && !(scale && zeroPoint))
    return emitError() << "fixed_qparams observers need scale and zero_point";
  if (!fixed && (scale || zeroPoint))
    return emitError()
           << "scale and zero_point are only for fixed_qparams observers";
  if (scale && (!(*scale > 0.0) || !std::isfinite(*scale)))
    return emitError() << "scale must be positive and finite, got " << *scale;
  if (zeroPoint && range) {
    int64_t lo = quantMin.value_or(range->first);
    int64_t hi = quantMax.value_or(range->second);
    if (*zeroPoint < lo || *zeroPoint > hi)
      return emitError() << "zero_point " << *zeroPoint
                         << " is outside the quantization range [" << lo
                         << ", " << hi << "]";
  }
  return success();
}

// #quill.observer<kind, dtype[, key = value]*>
Attribute ObserverSpecAttr::parse(AsmParser &parser, Type) {
  MLIRContext *ctx = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  StringRef kindName, dtypeName;
  if (parser.parseLess() || parser.parseKeyword(&kindName) ||
      parser.parseComma() || parser.parseKeyword(&dtypeName))
    return {};
  auto kind = symbolizeObserverKind(kindName);
  if (!kind)
    return parser.emitError(loc, "unknown observer kind '") << kindName << "'",
           Attribute();
  auto dtype = symbolizeQDType(dtypeName);
  if (!dtype)
    return parser.emitError(loc, "unknown quantized dtype '")
               << dtypeName << "'",
           Attribute();

  QScheme qscheme = getDefaultQScheme(*kind);
  std::optional<int64_t> quantMin, quantMax, zeroPoint;
  std::optional<double> scale;
  bool reduceRange = false, isDynamic = false;
  double eps = kDefaultEps, averagingConstant = kDefaultAveragingConstant;
  int64_t chAxis = 0, bins = kDefaultBins;

  auto parseBool = [&](bool &out) -> ParseResult {
    StringRef word;
    SMLoc at = parser.getCurrentLocation();
    if (parser.parseKeyword(&word))
      return failure();
    if (word != "true" && word != "false")
      return parser.emitError(at, "expected true or false");
    out = word == "true";
    return success();
  };
  auto parseInt = [&](std::optional<int64_t> &out) -> ParseResult {
    int64_t v;
    if (parser.parseInteger(v))
      return failure();
    out = v;
    return success();
  };
  llvm::StringSet<> seen;
  while (succeeded(parser.parseOptionalComma())) {
    StringRef key;
    SMLoc keyLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&key))
      return {};
    // Python rejects a repeated keyword argument; so do we.
    if (!seen.insert(key).second)
      return parser.emitError(keyLoc, "duplicate observer field '")
                 << key << "'",
             Attribute();
    if (parser.parseEqual())
      return {};
    ParseResult r = success();
    if (key == "qscheme") {
      StringRef name;
      SMLoc at = parser.getCurrentLocation();
      if (parser.parseKeyword(&name))
        return {};
      auto s = symbolizeQScheme(name);
      if (!s)
        return parser.emitError(at, "unknown qscheme '") << name << "'",
               Attribute();
      qscheme = *s;
    } else if (key == "quant_min") {
      r = parseInt(quantMin);
    } else if (key == "quant_max") {
      r = parseInt(quantMax);
    } else if (key == "zero_point") {
      r = parseInt(zeroPoint);
    } else if (key == "reduce_range") {
      r = parseBool(reduceRange);
    } else if (key == "is_dynamic") {
      r = parseBool(isDynamic);
    } else if (key == "eps") {
      r = parser.parseFloat(eps);
    } else if (key == "averaging_constant") {
      r = parser.parseFloat(averagingConstant);
    } else if (key == "scale") {
      double v;
      r = parser.parseFloat(v);
      scale = v;
    } else if (key == "ch_axis") {
      r = parser.parseInteger(chAxis);
    } else if (key == "bins") {
      r = parser.parseInteger(bins);
    } else {
      return parser.emitError(keyLoc, "unknown observer field '")
                 << key << "'",
             Attribute();
    }
    if (failed(r))
      return {};
  }
  if (parser.parseGreater())
    return {};
  Builder b(ctx);
  return getChecked([&] { return parser.emitError(loc); }, ctx, *kind, *dtype,
                    qscheme, quantMin, quantMax, reduceRange,
                    b.getF64FloatAttr(eps), chAxis,
                    b.getF64FloatAttr(averagingConstant), bins,
                    scale ? b.getF64FloatAttr(*scale) : FloatAttr(), zeroPoint,
                    isDynamic);
}

void ObserverSpecAttr::print(AsmPrinter &p) const {
  p << "<" << stringifyObserverKind(getKind()) << ", "
    << stringifyQDType(getDtype());
  if (getQscheme() != getDefaultQScheme(getKind()))
    p << ", qscheme = " << stringifyQScheme(getQscheme());
  if (getQuantMin())
    p << ", quant_min = " << *getQuantMin() << ", quant_max = "
      << *getQuantMax();
  if (getReduceRange())
    p << ", reduce_range = true";
  if (getEpsValue() != kDefaultEps) {
    p << ", eps = ";
    printDouble(p, getEpsValue());
  }
  if (getChAxis() != 0)
    p << ", ch_axis = " << getChAxis();
  if (getAveragingConstantValue() != kDefaultAveragingConstant) {
    p << ", averaging_constant = ";
    printDouble(p, getAveragingConstantValue());
  }
  if (getBins() != kDefaultBins)
    p << ", bins = " << getBins();
  if (auto scale = getScaleValue()) {
    p << ", scale = ";
    printDouble(p, *scale);
    p << ", zero_point = " << *getZeroPoint();
  }
  if (getIsDynamic())
    p << ", is_dynamic = true";
  p << ">";
}
