//===- NativeBackendConfigs.cpp - x86, fbgemm, qnnpack, native ------------===//
//
// PyTorch 1.13's native BackendConfigs (torch/ao/quantization/
// backend_config/{x86,fbgemm,qnnpack,native}.py), written in quill ops. The
// group functions mirror _common_operator_config_utils.py; PyTorch's
// module / functional / QAT / fused-module variants of one pattern are a
// single quill entry here (see TorchNames.cpp), and PyTorch ops Quill does
// not represent are left out (the list is in TorchNames.cpp).
// test/python/test_backend_config_parity.py compares these tables with the
// live PyTorch ones entry by entry.
//
//===----------------------------------------------------------------------===//

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/TorchNames.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::quill;

namespace {

using DTypeConfigs = std::vector<DTypeConfig>;

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

PatternNode node(StringRef op, std::vector<int64_t> inputRanks = {}) {
  return PatternNode{op.str(), std::move(inputRanks), {}};
}

/// A chain in dataflow order: chain({conv, bn, relu}) is relu(bn(conv)).
PatternNode chain(std::vector<PatternNode> nodes) {
  PatternNode root = std::move(nodes.front());
  for (size_t i = 1; i < nodes.size(); ++i) {
    PatternNode next = std::move(nodes[i]);
    next.args.push_back(std::move(root));
    root = std::move(next);
  }
  return root;
}

/// nn.BatchNorm1d/2d/3d: quill.batch_norm on the input ranks the PyTorch
/// name implies (TorchNames.cpp).
PatternNode batchNorm(int dims) {
  ArrayRef<int64_t> ranks =
      torchNameInputRanks("torch.nn.BatchNorm" + std::to_string(dims) + "d");
  return node("quill.batch_norm", {ranks.begin(), ranks.end()});
}

BackendPatternConfig
entry(PatternNode pattern, const DTypeConfigs &dtypes,
      ObservationType observation =
          ObservationType::OutputUseDifferentObserverAsInput) {
  BackendPatternConfig config;
  config.pattern = std::move(pattern);
  config.dtypeConfigs = dtypes;
  config.observationType = observation;
  return config;
}

/// A fusion entry: quill-fuse folds the rest of the match into the root op.
BackendPatternConfig fusion(PatternNode pattern, const DTypeConfigs &dtypes) {
  BackendPatternConfig config = entry(std::move(pattern), dtypes);
  config.fusedOp = config.getRootOp().str();
  return config;
}

/// The ODS operand positions of the root op's weight and bias.
std::map<std::string, int64_t> weightBias(int64_t weight, int64_t bias) {
  return {{"weight", weight}, {"bias", bias}};
}

//===----------------------------------------------------------------------===//
// Pattern groups (_common_operator_config_utils.py)
//===----------------------------------------------------------------------===//

using Configs = std::vector<BackendPatternConfig>;

// _get_conv_configs: conv (+relu, +bn, +bn+relu) and conv_transpose (+bn),
// 1d to 3d. nn.ConvNd, F.convNd, their QAT and fused (nni/nniqat) modules
// are all the plain quill.convNd entry; F.convNd contributes the weight and
// bias positions.
void addConvConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  for (int dims = 1; dims <= 3; ++dims) {
    std::string conv = "quill.conv" + std::to_string(dims) + "d";
    std::string transpose = "quill.conv_transpose" + std::to_string(dims) + "d";
    PatternNode bn = batchNorm(dims);

    BackendPatternConfig single = entry(node(conv), dtypes);
    single.inputTypeToIndex = weightBias(1, 2);
    configs.push_back(single);
    configs.push_back(fusion(chain({node(conv), node("quill.relu")}), dtypes));
    configs.push_back(fusion(chain({node(conv), bn}), dtypes));
    configs.push_back(
        fusion(chain({node(conv), bn, node("quill.relu")}), dtypes));

    configs.push_back(entry(node(transpose), dtypes));
    configs.push_back(fusion(chain({node(transpose), bn}), dtypes));
  }
}

// _get_linear_configs: linear (+relu, +bn1d).
void addLinearConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  BackendPatternConfig single = entry(node("quill.linear"), dtypes);
  single.inputTypeToIndex = weightBias(1, 2);
  configs.push_back(single);
  configs.push_back(
      fusion(chain({node("quill.linear"), node("quill.relu")}), dtypes));
  configs.push_back(
      fusion(chain({node("quill.linear"), batchNorm(1)}), dtypes));
}

// _get_binary_op_configs: add and mul (+relu; operator.* and torch.* alike),
// observed by the number of tensor operands; matmul.
void addBinaryOpConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  const std::map<int64_t, ObservationType> byTensorArgs = {
      {0, ObservationType::OutputUseDifferentObserverAsInput},
      {1, ObservationType::OutputShareObserverWithInput},
      {2, ObservationType::OutputUseDifferentObserverAsInput},
  };
  for (StringRef op : {"quill.add", "quill.mul"}) {
    for (PatternNode pattern :
         {node(op), chain({node(op), node("quill.relu")})}) {
      BackendPatternConfig config = entry(std::move(pattern), dtypes);
      config.numTensorArgsToObservationType = byTensorArgs;
      configs.push_back(config);
    }
  }
  configs.push_back(entry(node("quill.matmul"), dtypes));
}

// _get_cat_config.
void addCatConfig(Configs &configs, const DTypeConfigs &dtypes) {
  configs.push_back(entry(node("quill.cat"), dtypes,
                          ObservationType::OutputShareObserverWithInput));
}

// _get_default_op_configs. F.group_norm / F.instance_norm give the weight
// and bias positions.
void addDefaultOpConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  for (StringRef op : {"quill.elu", "quill.leaky_relu", "quill.hardswish",
                       "quill.dropout", "quill.prelu"})
    configs.push_back(entry(node(op), dtypes));
  for (StringRef op : {"quill.instance_norm", "quill.group_norm"}) {
    BackendPatternConfig config = entry(node(op), dtypes);
    config.inputTypeToIndex = weightBias(1, 2);
    configs.push_back(config);
  }
}

// _get_fixed_qparams_op_configs: the output observer is fixed
// (_FIXED_QPARAMS_OP_TO_OBSERVER): default_fixed_qparams_range_0to1_observer
// (scale 1/256, zero point 0) for hardsigmoid, sigmoid and softmax,
// default_fixed_qparams_range_neg1to1_observer (scale 2/256, zero point 128)
// for tanh; both quint8 with quant_min=0, quant_max=255 spelled out, as
// observer.py writes them (and as the QConfig presets do), per-tensor affine.
void addFixedQParamsOpConfigs(Configs &configs, const DTypeConfigs &dtypes,
                              MLIRContext *ctx) {
  Builder b(ctx);
  auto fixed = [&](double scale, int64_t zeroPoint) {
    return ObserverSpecAttr::get(
        ctx, ObserverKind::fixed_qparams, QDType::quint8,
        QScheme::per_tensor_affine, /*quantMin=*/0, /*quantMax=*/255,
        /*reduceRange=*/false, b.getF64FloatAttr(ObserverSpecAttr::kDefaultEps),
        /*chAxis=*/0,
        b.getF64FloatAttr(ObserverSpecAttr::kDefaultAveragingConstant),
        ObserverSpecAttr::kDefaultBins, b.getF64FloatAttr(scale), zeroPoint,
        /*isDynamic=*/false);
  };
  ObserverSpecAttr range0to1 = fixed(1.0 / 256.0, 0);
  ObserverSpecAttr rangeNeg1to1 = fixed(2.0 / 256.0, 128);
  for (auto [op, observer] : {std::make_pair("quill.hardsigmoid", range0to1),
                              std::make_pair("quill.sigmoid", range0to1),
                              std::make_pair("quill.softmax", range0to1),
                              std::make_pair("quill.tanh", rangeNeg1to1)}) {
    BackendPatternConfig config = entry(node(op), dtypes);
    config.overwriteOutputObserver = observer;
    configs.push_back(config);
  }
}

// _get_share_qparams_op_configs: the output shares the input's observer.
// Module, functional and method spellings collapse ("reshape" and "view" are
// quill.reshape).
void addShareQParamsOpConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  for (StringRef op : {"quill.adaptive_avg_pool1d",
                       "quill.adaptive_avg_pool2d",
                       "quill.adaptive_avg_pool3d",
                       "quill.avg_pool1d",
                       "quill.avg_pool2d",
                       "quill.avg_pool3d",
                       "quill.hardtanh",
                       "quill.identity",
                       "quill.max_pool1d",
                       "quill.max_pool2d",
                       "quill.max_pool3d",
                       "quill.relu",
                       "quill.relu6",
                       "quill.interpolate",
                       "quill.clamp",
                       "quill.flatten",
                       "quill.mean",
                       "quill.transpose",
                       "quill.squeeze",
                       "quill.stack",
                       "quill.unsqueeze",
                       "quill.permute",
                       "quill.reshape"})
    configs.push_back(
        entry(node(op), dtypes, ObservationType::OutputShareObserverWithInput));
}

// _get_bn_configs: BatchNorm2d/3d (+relu); the fused BNReLU2d/3d modules
// are the plain batch_norm entries.
void addBatchNormConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  for (int dims : {2, 3}) {
    PatternNode bn = batchNorm(dims);
    configs.push_back(fusion(chain({bn, node("quill.relu")}), dtypes));
    configs.push_back(entry(bn, dtypes));
  }
}

// _get_ln_configs (native only): F.layer_norm gives the weight and bias
// positions.
void addLayerNormConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  BackendPatternConfig config = entry(node("quill.layer_norm"), dtypes);
  config.inputTypeToIndex = weightBias(1, 2);
  configs.push_back(config);
}

// _get_rnn_op_configs: nn.LSTM (the GRUCell/LSTMCell/RNNCell entries have no
// quill op).
void addRnnOpConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  configs.push_back(entry(node("quill.lstm"), dtypes));
}

// _get_embedding_op_configs: weight-only, activations stay float.
void addEmbeddingOpConfigs(Configs &configs, const DTypeConfigs &dtypes) {
  for (StringRef op : {"quill.embedding", "quill.embedding_bag"}) {
    BackendPatternConfig config = entry(node(op), dtypes);
    config.inputOutputObserved = false;
    configs.push_back(config);
  }
}

//===----------------------------------------------------------------------===//
// Dtype configs (x86.py, fbgemm.py, qnnpack.py, native.py)
//===----------------------------------------------------------------------===//

DTypeWithConstraints dt(DType dtype) {
  DTypeWithConstraints d;
  d.dtype = dtype;
  return d;
}

DTypeConfig dtypeConfig(std::optional<DTypeWithConstraints> input,
                        std::optional<DTypeWithConstraints> output,
                        std::optional<DTypeWithConstraints> weight = {},
                        std::optional<DTypeWithConstraints> bias = {},
                        std::optional<bool> isDynamic = {}) {
  return DTypeConfig{input, output, weight, bias, isDynamic};
}

// The dtype configs shared by every native table.
const DTypeConfig kWeightedInt8 = dtypeConfig(
    dt(DType::quint8), dt(DType::quint8), dt(DType::qint8), dt(DType::float32));
const DTypeConfig kDefaultOpQuint8 =
    dtypeConfig(dt(DType::quint8), dt(DType::quint8));
const DTypeConfig kDynamicInt8 =
    dtypeConfig(dt(DType::quint8), dt(DType::float32), dt(DType::qint8),
                dt(DType::float32), true);
const DTypeConfig kDynamicFloat16 =
    dtypeConfig(dt(DType::float16), dt(DType::float32), dt(DType::float16),
                dt(DType::float32), true);
const DTypeConfig kWeightOnlyQuint8 =
    dtypeConfig(dt(DType::float32), dt(DType::float32), dt(DType::quint8));
const DTypeConfig kWeightOnlyQuint4x2 =
    dtypeConfig(dt(DType::float32), dt(DType::float32), dt(DType::quint4x2));
// native.py: layer_norm keeps float weights.
const DTypeConfig kInputOutputOnlyQuint8 =
    dtypeConfig(dt(DType::quint8), dt(DType::quint8), dt(DType::float32),
                dt(DType::float32));

// qnnpack.py: symmetric qint8 for XNNPACK, scale >= 2^-12, weights in
// [-127, 127].
DTypeWithConstraints qnnpackActQint8() {
  DTypeWithConstraints d = dt(DType::qint8);
  d.scaleMinLowerBound = 1.0 / 4096.0;
  return d;
}
DTypeWithConstraints qnnpackWeightQint8() {
  DTypeWithConstraints d = qnnpackActQint8();
  d.quantMinLowerBound = -127;
  d.quantMaxUpperBound = 127;
  return d;
}
const DTypeConfig kQnnpackWeightedQint8Symmetric =
    dtypeConfig(qnnpackActQint8(), qnnpackActQint8(), qnnpackWeightQint8(),
                dt(DType::float32));
const DTypeConfig kQnnpackDefaultOpQint8Symmetric =
    dtypeConfig(qnnpackActQint8(), qnnpackActQint8());

/// The dtype configs of one backend, per pattern group (the local variables
/// of get_*_backend_config()).
struct BackendDTypes {
  DTypeConfigs conv, linear, binary, defaultOp, fixedQParams, shareQParams, rnn,
      embedding;
  /// Only `native` has layer_norm entries.
  std::optional<DTypeConfigs> layerNorm;
};

/// x86.py, fbgemm.py and native.py: quint8 activations, qint8 weights.
BackendDTypes serverDTypes() {
  BackendDTypes d;
  d.conv = {kWeightedInt8};
  d.linear = {kWeightedInt8, kDynamicInt8, kDynamicFloat16};
  d.binary = {kWeightedInt8};
  d.defaultOp = {kDefaultOpQuint8};
  d.fixedQParams = {kWeightedInt8};
  d.shareQParams = {kDefaultOpQuint8};
  d.rnn = {kDynamicInt8, kDynamicFloat16};
  d.embedding = {kWeightOnlyQuint8, kWeightOnlyQuint4x2};
  return d;
}

BackendDTypes qnnpackDTypes() {
  BackendDTypes d;
  d.conv = {kQnnpackWeightedQint8Symmetric, kWeightedInt8};
  d.linear = {kQnnpackWeightedQint8Symmetric, kWeightedInt8, kDynamicInt8,
              kDynamicFloat16};
  d.binary = {kQnnpackWeightedQint8Symmetric, kWeightedInt8};
  d.defaultOp = {kQnnpackDefaultOpQint8Symmetric, kDefaultOpQuint8};
  d.fixedQParams = {kQnnpackWeightedQint8Symmetric, kWeightedInt8};
  d.shareQParams = {kQnnpackDefaultOpQint8Symmetric, kDefaultOpQuint8};
  d.rnn = {kDynamicInt8, kDynamicFloat16};
  d.embedding = {kWeightOnlyQuint8, kWeightOnlyQuint4x2};
  return d;
}

BackendDTypes nativeDTypes() {
  BackendDTypes d = serverDTypes();
  d.layerNorm = DTypeConfigs{kInputOutputOnlyQuint8};
  return d;
}

/// The group order of get_*_backend_config().
BackendConfig build(StringRef name, const BackendDTypes &d, MLIRContext *ctx) {
  BackendConfig config;
  config.name = name.str();
  Configs &c = config.configs;
  addConvConfigs(c, d.conv);
  addLinearConfigs(c, d.linear);
  addBinaryOpConfigs(c, d.binary);
  addCatConfig(c, d.defaultOp);
  addDefaultOpConfigs(c, d.defaultOp);
  addFixedQParamsOpConfigs(c, d.fixedQParams, ctx);
  addShareQParamsOpConfigs(c, d.shareQParams);
  addBatchNormConfigs(c, d.defaultOp);
  if (d.layerNorm)
    addLayerNormConfigs(c, *d.layerNorm);
  addRnnOpConfigs(c, d.rnn);
  addEmbeddingOpConfigs(c, d.embedding);
  return config;
}

} // namespace

ArrayRef<StringRef> mlir::quill::nativeBackendNames() {
  static const StringRef names[] = {"x86", "fbgemm", "qnnpack", "native"};
  return names;
}

llvm::Expected<BackendConfig>
mlir::quill::getNativeBackendConfig(StringRef name, MLIRContext *ctx) {
  ctx->getOrLoadDialect<QuillDialect>();
  if (name == "x86" || name == "fbgemm")
    return build(name, serverDTypes(), ctx);
  if (name == "qnnpack")
    return build(name, qnnpackDTypes(), ctx);
  if (name == "native")
    return build(name, nativeDTypes(), ctx);
  return llvm::createStringError("unknown native backend '" + name +
                                 "' (expected " +
                                 llvm::join(nativeBackendNames(), ", ") + ")");
}
