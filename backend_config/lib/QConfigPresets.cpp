//===- QConfigPresets.cpp - PyTorch 1.13's default QConfigMappings --------===//
//
// Each preset equals a torch.ao.quantization object field by field
// (test/python/test_qconfig_parity.py compares them with the live module):
// observer classes become ObserverKind, constructor arguments ObserverSpec
// fields, fake-quantize classes FakeQuantKind. HistogramObserver becomes
// `histogram`, Quill's corrected histogram (NUMERICS.md); switch a mapping's
// specs to `histogram_torch113` to reproduce 1.13's observer bit for bit.
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/QConfig.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::quill;

namespace {
// An observer constructor with arguments, written like PyTorch's with_args.
class Observer {
public:
  Observer(ObserverKind kind, QDType dtype) : kind(kind), dtype(dtype) {}
  Observer &qscheme(QScheme s) {
    qscheme_ = s;
    return *this;
  }
  Observer &range(int64_t lo, int64_t hi) {
    quantMin = lo;
    quantMax = hi;
    return *this;
  }
  Observer &reduceRange(bool r) {
    reduceRange_ = r;
    return *this;
  }
  Observer &eps(double e) {
    eps_ = e;
    return *this;
  }
  Observer &fixed(double s, int64_t zp) {
    scale = s;
    zeroPoint = zp;
    return *this;
  }
  // PlaceholderObserver's compute_dtype: dynamic quantization.
  Observer &dynamic() {
    isDynamic = true;
    return *this;
  }

  ObserverSpecAttr build(MLIRContext *ctx) const {
    Builder b(ctx);
    return ObserverSpecAttr::get(
        ctx, kind, dtype,
        qscheme_.value_or(ObserverSpecAttr::getDefaultQScheme(kind)), quantMin,
        quantMax, reduceRange_, b.getF64FloatAttr(eps_), /*chAxis=*/0,
        b.getF64FloatAttr(ObserverSpecAttr::kDefaultAveragingConstant),
        ObserverSpecAttr::kDefaultBins,
        scale ? b.getF64FloatAttr(*scale) : FloatAttr(), zeroPoint, isDynamic);
  }

private:
  ObserverKind kind;
  QDType dtype;
  std::optional<QScheme> qscheme_;
  std::optional<int64_t> quantMin, quantMax, zeroPoint;
  bool reduceRange_ = false, isDynamic = false;
  double eps_ = ObserverSpecAttr::kDefaultEps;
  std::optional<double> scale;
};

// The observers and fake-quantizers of observer.py and fake_quantize.py
// that the presets use, by their PyTorch names.
struct Library {
  MLIRContext *ctx;

  QuantizerSpec observer(const Observer &o) const {
    return {o.build(ctx), std::nullopt};
  }
  QuantizerSpec fakeQuant(FakeQuantKind kind, const Observer &o) const {
    return {o.build(ctx), kind};
  }

  // HistogramObserver.with_args(reduce_range=r)
  QuantizerSpec histogram(bool reduceRange) const {
    return observer(Observer(ObserverKind::histogram, QDType::quint8)
                        .reduceRange(reduceRange));
  }
  QuantizerSpec defaultWeightObserver() const {
    return observer(Observer(ObserverKind::min_max, QDType::qint8)
                        .qscheme(QScheme::per_tensor_symmetric));
  }
  QuantizerSpec defaultPerChannelWeightObserver() const {
    return observer(Observer(ObserverKind::per_channel_min_max, QDType::qint8)
                        .qscheme(QScheme::per_channel_symmetric));
  }
  QuantizerSpec placeholder(QDType dtype) const {
    return observer(Observer(ObserverKind::placeholder, dtype));
  }
  QuantizerSpec dynamicPlaceholder(QDType dtype) const {
    return observer(Observer(ObserverKind::placeholder, dtype).dynamic());
  }
  // default_fixed_qparams_range_0to1_observer / _neg1to1_observer
  Observer fixedQParams(double scale, int64_t zeroPoint) const {
    return Observer(ObserverKind::fixed_qparams, QDType::quint8)
        .range(0, 255)
        .fixed(scale, zeroPoint);
  }
  QuantizerSpec floatQParamsObserver(QDType dtype) const {
    return observer(Observer(ObserverKind::per_channel_min_max, dtype)
                        .qscheme(QScheme::per_channel_affine_float_qparams));
  }
  // FusedMovingAvgObsFakeQuantize.with_args(observer=MovingAverageMinMax
  // Observer, quant_min=0, quant_max=255, reduce_range=r)
  QuantizerSpec fusedActivation(bool reduceRange) const {
    return fakeQuant(
        FakeQuantKind::fused_moving_avg_obs_fake_quantize,
        Observer(ObserverKind::moving_average_min_max, QDType::quint8)
            .range(0, 255)
            .reduceRange(reduceRange));
  }
  QuantizerSpec defaultFusedWeight() const {
    return fakeQuant(
        FakeQuantKind::fused_moving_avg_obs_fake_quantize,
        Observer(ObserverKind::moving_average_min_max, QDType::qint8)
            .qscheme(QScheme::per_tensor_symmetric)
            .range(-128, 127));
  }
  QuantizerSpec defaultFusedPerChannelWeight() const {
    return fakeQuant(FakeQuantKind::fused_moving_avg_obs_fake_quantize,
                     Observer(ObserverKind::moving_average_per_channel_min_max,
                              QDType::qint8)
                         .qscheme(QScheme::per_channel_symmetric)
                         .range(-128, 127));
  }
  QuantizerSpec defaultWeightFakeQuant() const {
    return fakeQuant(
        FakeQuantKind::fake_quantize,
        Observer(ObserverKind::moving_average_min_max, QDType::qint8)
            .qscheme(QScheme::per_tensor_symmetric)
            .range(-128, 127));
  }

  // get_default_qconfig(backend) / get_default_qat_qconfig(backend)
  QConfig backendDefault(StringRef backend, bool qat) const {
    bool reduceRange = backend == "fbgemm" || backend == "x86";
    bool perChannel = backend != "qnnpack";
    if (qat)
      return {fusedActivation(reduceRange), perChannel
                                                ? defaultFusedPerChannelWeight()
                                                : defaultFusedWeight()};
    return {histogram(reduceRange), perChannel
                                        ? defaultPerChannelWeightObserver()
                                        : defaultWeightObserver()};
  }
};

// qconfig_mapping.py's _get_default_qconfig_mapping. PyTorch lists the
// module, function and method spellings of an op; where it lists more than
// one (nn.Conv2d and F.conv2d, nn.ReLU, F.relu and torch.relu ...) they
// share a qconfig and Quill keys the rule by the quill op, which also covers
// hand-written IR. Where it lists a single spelling ("reshape",
// nn.BatchNorm{1,2,3}d, nn.Softmax) the rule keeps that spelling, written
// as TorchNames.h spells PyTorch objects, so only ops imported with that
// quill.module_type match, as in PyTorch.
QConfigMapping defaultMapping(MLIRContext *ctx, StringRef backend, bool qat) {
  Library lib{ctx};
  QConfig qconfig = lib.backendDefault(backend, qat);
  QuantizerSpec defaultWeight =
      qat ? lib.defaultWeightFakeQuant() : lib.defaultWeightObserver();
  // Per-channel weights are not supported for ConvTranspose by fbgemm/x86.
  QConfig transpose = backend == "fbgemm" || backend == "x86"
                          ? QConfig{qconfig.activation, defaultWeight}
                          : qconfig;
  // LayerNorm only supports float weights.
  QConfig layerNorm{qconfig.activation, lib.placeholder(QDType::float32)};
  // default_reuse_input_qconfig: ReuseInputObserver, NoopObserver.
  QConfig reuseInput{
      lib.observer(Observer(ObserverKind::reuse_input, QDType::quint8)),
      lib.observer(Observer(ObserverKind::noop, QDType::float16))};
  auto fixedQParams = [&](double scale, int64_t zeroPoint) {
    Observer fixed = lib.fixedQParams(scale, zeroPoint);
    return QConfig{
        qat ? lib.fakeQuant(FakeQuantKind::fixed_qparams_fake_quantize, fixed)
            : lib.observer(fixed),
        defaultWeight};
  };
  QConfig range0to1 = fixedQParams(1.0 / 256.0, 0);
  QConfig rangeNeg1to1 = fixedQParams(2.0 / 256.0, 128);

  QConfigMapping mapping;
  mapping.setGlobal(qconfig)
      .setObjectType("reshape", reuseInput)
      .setObjectType("quill.conv1d", qconfig)
      .setObjectType("quill.conv2d", qconfig)
      .setObjectType("quill.conv3d", qconfig)
      .setObjectType("quill.conv_transpose1d", transpose)
      .setObjectType("quill.conv_transpose2d", transpose)
      .setObjectType("quill.conv_transpose3d", transpose)
      .setObjectType("quill.linear", qconfig)
      .setObjectType("quill.relu", qconfig)
      .setObjectType("torch.nn.modules.batchnorm.BatchNorm1d", qconfig)
      .setObjectType("torch.nn.modules.batchnorm.BatchNorm2d", qconfig)
      .setObjectType("torch.nn.modules.batchnorm.BatchNorm3d", qconfig)
      .setObjectType("quill.layer_norm", layerNorm)
      .setObjectType("quill.hardsigmoid", range0to1)
      .setObjectType("quill.sigmoid", range0to1)
      .setObjectType("torch.nn.modules.activation.Softmax", range0to1)
      .setObjectType("quill.tanh", rangeNeg1to1);
  return mapping;
}

QConfigMapping globalOnly(QConfig qconfig) {
  QConfigMapping mapping;
  mapping.setGlobal(std::move(qconfig));
  return mapping;
}

// float_qparams_weight_only_qconfig(_4bit) is what PyTorch's docs and tests
// pass for nn.Embedding and nn.EmbeddingBag only (quantize_dynamic's
// qconfig_spec, FX object_type rules): as a global it would ask every other
// op for weight-only float-qparams quantization, which no backend supports.
QConfigMapping weightOnlyEmbedding(MLIRContext *ctx, QDType weightDtype) {
  Library lib{ctx};
  QConfig qconfig{lib.placeholder(QDType::float32),
                  lib.floatQParamsObserver(weightDtype)};
  QConfigMapping mapping;
  mapping.setObjectType("quill.embedding", qconfig)
      .setObjectType("quill.embedding_bag", qconfig);
  return mapping;
}
} // namespace

ArrayRef<StringRef> mlir::quill::qconfigPresetNames() {
  static const StringRef names[] = {"x86",
                                    "fbgemm",
                                    "qnnpack",
                                    "onednn",
                                    "qat_x86",
                                    "qat_fbgemm",
                                    "qat_qnnpack",
                                    "qat_onednn",
                                    "dynamic",
                                    "dynamic_per_channel",
                                    "float16_dynamic",
                                    "float16_static",
                                    "weight_only_embedding",
                                    "weight_only_embedding_4bit",
                                    "symmetric_qnnpack"};
  return names;
}

llvm::Expected<QConfigMapping> mlir::quill::getQConfigPreset(StringRef name,
                                                             MLIRContext *ctx) {
  ctx->getOrLoadDialect<QuillDialect>();
  Library lib{ctx};
  StringRef backend = name;
  bool qat = backend.consume_front("qat_");
  if (llvm::is_contained({"x86", "fbgemm", "qnnpack", "onednn"}, backend))
    return defaultMapping(ctx, backend, qat);
  if (name == "dynamic") // default_dynamic_qconfig
    return globalOnly(
        {lib.dynamicPlaceholder(QDType::quint8), lib.defaultWeightObserver()});
  if (name == "dynamic_per_channel") // per_channel_dynamic_qconfig
    return globalOnly({lib.dynamicPlaceholder(QDType::quint8),
                       lib.defaultPerChannelWeightObserver()});
  if (name == "float16_dynamic") // float16_dynamic_qconfig
    return globalOnly({lib.dynamicPlaceholder(QDType::float16),
                       lib.placeholder(QDType::float16)});
  if (name == "float16_static") // float16_static_qconfig
    return globalOnly(
        {lib.placeholder(QDType::float16), lib.placeholder(QDType::float16)});
  if (name == "weight_only_embedding")
    return weightOnlyEmbedding(ctx, QDType::quint8);
  if (name == "weight_only_embedding_4bit")
    return weightOnlyEmbedding(ctx, QDType::quint4x2);
  if (name == "symmetric_qnnpack") // default_symmetric_qnnpack_qconfig
    return globalOnly(
        {lib.observer(
             Observer(ObserverKind::histogram, QDType::qint8).eps(0x1p-12)),
         lib.observer(Observer(ObserverKind::min_max, QDType::qint8)
                          .qscheme(QScheme::per_tensor_symmetric)
                          .range(-127, 127)
                          .eps(0x1p-12))});
  return llvm::createStringError("unknown qconfig preset '" + name +
                                 "' (expected one of " +
                                 llvm::join(qconfigPresetNames(), ", ") + ")");
}
