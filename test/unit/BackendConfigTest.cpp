// BackendConfig as a C++ library: the native tables survive a JSON round
// trip, pattern helpers and root-op defaults, PyTorch names, and JSON errors
// naming the path of the offending field.

#include "quill/BackendConfig/BackendConfig.h"
#include "quill/BackendConfig/QConfig.h"
#include "quill/BackendConfig/TorchNames.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"

#include <catch2/catch.hpp>

using namespace mlir;
using namespace mlir::quill;

namespace {
struct Fixture {
  MLIRContext ctx;
  Fixture() { ctx.loadDialect<QuillDialect>(); }

  BackendConfig native(StringRef name) {
    auto config = getNativeBackendConfig(name, &ctx);
    REQUIRE(bool(config));
    return *config;
  }
  std::string parseError(StringRef json) {
    auto config = parseBackendConfig(json, &ctx);
    REQUIRE_FALSE(bool(config));
    return llvm::toString(config.takeError());
  }
};

PatternNode leaf(StringRef op, std::vector<int64_t> ranks = {}) {
  return PatternNode{op.str(), std::move(ranks), {}};
}
PatternNode tree(StringRef op, std::vector<PatternNode> args) {
  return PatternNode{op.str(), {}, std::move(args)};
}

std::string print(const BackendConfig &config) {
  return llvm::formatv("{0:2}", toJSON(config)).str();
}

void checkSame(const BackendPatternConfig &a, const BackendPatternConfig &b) {
  CHECK(a.pattern == b.pattern);
  CHECK(a.observationType == b.observationType);
  CHECK(a.dtypeConfigs == b.dtypeConfigs);
  CHECK(a.rootOp == b.rootOp);
  CHECK(a.fusedOp == b.fusedOp);
  CHECK(a.referenceQuantizedOp == b.referenceQuantizedOp);
  CHECK(a.inputTypeToIndex == b.inputTypeToIndex);
  CHECK(a.numTensorArgsToObservationType == b.numTensorArgsToObservationType);
  CHECK(a.inputOutputObserved == b.inputOutputObserved);
  CHECK(a.overwriteOutputObserver == b.overwriteOutputObserver);
}
} // namespace

TEST_CASE_METHOD(Fixture, "every native table round-trips through JSON",
                 "[backend_config]") {
  for (StringRef name : nativeBackendNames()) {
    INFO(name.str());
    BackendConfig config = native(name);
    CHECK(config.name == name);
    CHECK_FALSE(config.configs.empty());
    auto back = parseBackendConfig(print(config), &ctx);
    REQUIRE(bool(back));
    CHECK(back->name == config.name);
    REQUIRE(back->configs.size() == config.configs.size());
    for (size_t i = 0; i < config.configs.size(); ++i)
      checkSame(back->configs[i], config.configs[i]);
  }
}

TEST_CASE_METHOD(Fixture, "native tables differ where PyTorch's do",
                 "[backend_config]") {
  auto has = [](const BackendConfig &config, StringRef op) {
    return llvm::any_of(config.configs, [&](const BackendPatternConfig &c) {
      return c.pattern == leaf(op);
    });
  };
  // x86 and fbgemm are the same table; native adds layer_norm.
  BackendConfig fbgemm = native("fbgemm");
  fbgemm.name = "x86";
  CHECK(print(fbgemm) == print(native("x86")));
  CHECK_FALSE(has(native("x86"), "quill.layer_norm"));
  CHECK(has(native("native"), "quill.layer_norm"));
  // qnnpack's symmetric config: scale >= 2^-12, weights in [-127, 127].
  BackendConfig qnnpack = native("qnnpack");
  const DTypeConfig &symmetric = qnnpack.configs.front().dtypeConfigs.front();
  REQUIRE(symmetric.weight);
  CHECK(symmetric.weight->dtype == DType::qint8);
  CHECK(symmetric.weight->quantMinLowerBound == -127);
  CHECK(symmetric.weight->quantMaxUpperBound == 127);
  CHECK(symmetric.input->scaleMinLowerBound == 1.0 / 4096.0);
  CHECK_FALSE(bool(getNativeBackendConfig("onednn", &ctx)));
}

TEST_CASE_METHOD(Fixture,
                 "fixed-qparams observers are the QConfig presets' ones",
                 "[backend_config]") {
  // PyTorch uses the same observer objects in both tables; so does Quill.
  // (The mapping lists nn.Softmax but not F.softmax: ask for the module.)
  auto presets = getQConfigPreset("x86", &ctx);
  REQUIRE(bool(presets));
  const std::map<std::string, StringRef> module = {
      {"quill.hardsigmoid", "torch.nn.modules.activation.Hardsigmoid"},
      {"quill.sigmoid", "torch.nn.modules.activation.Sigmoid"},
      {"quill.softmax", "torch.nn.modules.activation.Softmax"},
      {"quill.tanh", "torch.nn.modules.activation.Tanh"}};
  for (const BackendPatternConfig &c : native("x86").configs) {
    if (!c.overwriteOutputObserver)
      continue;
    StringRef op = c.getRootOp();
    INFO(op.str());
    REQUIRE(module.count(op.str()));
    QConfigAny qconfig = presets->resolve({op, module.at(op.str()), "", 0});
    REQUIRE(qconfig);
    CHECK(qconfig->activation.observer == c.overwriteOutputObserver);
  }
}

TEST_CASE("chains and trees", "[backend_config]") {
  // conv2d -> batch_norm -> relu is relu(batch_norm(conv2d)).
  PatternNode chain =
      tree("quill.relu", {tree("quill.batch_norm", {leaf("quill.conv2d")})});
  CHECK(chain.isChain());
  CHECK(chain.chainOps() == std::vector<std::string>{"quill.conv2d",
                                                     "quill.batch_norm",
                                                     "quill.relu"});
  CHECK(chain.defaultRoot().op == "quill.conv2d");
  CHECK(leaf("quill.cat").isChain());
  CHECK(leaf("quill.cat").chainOps() == std::vector<std::string>{"quill.cat"});

  // Input ranks, several args or "*" make a tree.
  PatternNode ranked = tree("quill.relu", {leaf("quill.batch_norm", {4})});
  CHECK_FALSE(ranked.isChain());
  PatternNode add = tree("quill.add", {leaf("quill.conv2d"), leaf("*")});
  CHECK_FALSE(add.isChain());
  CHECK(add.args[1].isAny());
  CHECK(add.defaultRoot().op == "quill.conv2d");

  CHECK(ranked == tree("quill.relu", {leaf("quill.batch_norm", {4})}));
  CHECK_FALSE(ranked == tree("quill.relu", {leaf("quill.batch_norm", {5})}));
  CHECK_FALSE(add == tree("quill.add", {leaf("*"), leaf("quill.conv2d")}));
}

TEST_CASE("the root op defaults to the first op in dataflow order",
          "[backend_config]") {
  BackendPatternConfig config;
  config.pattern = tree("quill.relu",
                        {tree("quill.add", {leaf("quill.conv2d"), leaf("*")})});
  CHECK(config.getRootOp() == "quill.conv2d");
  config.rootOp = "quill.add";
  CHECK(config.getRootOp() == "quill.add");
}

TEST_CASE("observation type spellings", "[backend_config]") {
  for (ObservationType t : {ObservationType::OutputUseDifferentObserverAsInput,
                            ObservationType::OutputShareObserverWithInput})
    CHECK(parseObservationType(stringifyObservationType(t)) == t);
  CHECK(
      stringifyObservationType(ObservationType::OutputShareObserverWithInput) ==
      "output_share_observer_with_input");
}

TEST_CASE("PyTorch names", "[backend_config]") {
  // Python's own spelling of the live object, and the public aliases.
  for (StringRef name :
       {"torch.nn.modules.conv.Conv2d", "torch.nn.Conv2d", "torch.conv2d",
        "torch.nn.functional.conv2d", "torch.nn.intrinsic.ConvBnReLU2d",
        "torch.ao.nn.intrinsic.modules.fused.ConvReLU2d",
        "torch.nn.intrinsic.qat.modules.conv_fused.ConvBn2d",
        "torch.ao.nn.qat.modules.conv.Conv2d", "torch.nn.qat.Conv2d",
        "torch.nn.quantized._reference.Conv2d"})
    CHECK(quillOpForTorchName(name) == StringRef("quill.conv2d"));
  CHECK(quillOpForTorchName("torch._C._nn.linear") ==
        StringRef("quill.linear"));
  CHECK(quillOpForTorchName("_operator.add") == StringRef("quill.add"));
  CHECK(quillOpForTorchName("view") == StringRef("quill.reshape"));
  CHECK(quillOpForTorchName("relu_") == StringRef("quill.relu"));
  CHECK(torchNameInputRanks("torch.nn.BatchNorm1d") ==
        llvm::ArrayRef<int64_t>{2, 3});
  CHECK(torchNameInputRanks("torch.nn.intrinsic.BNReLU3d") ==
        llvm::ArrayRef<int64_t>{5});
  CHECK(torchNameInputRanks("torch.nn.Conv2d").empty());

  CHECK_FALSE(quillOpForTorchName("size"));
  CHECK(unrepresentedTorchNameReason("size"));
  CHECK(unrepresentedTorchNameReason("torch.nn.modules.rnn.LSTMCell"));
  CHECK(unrepresentedTorchNameReason("torch.nn.LSTMCell") ==
        unrepresentedTorchNameReason("torch.nn.modules.rnn.LSTMCell"));
  CHECK_FALSE(unrepresentedTorchNameReason("torch.nn.Conv2d"));
  CHECK_FALSE(quillOpForTorchName("torch.nn.Conv9d"));
}

TEST_CASE("canonical PyTorch names", "[backend_config]") {
  auto canonical = [](StringRef name) { return canonicalTorchName(name); };
  // Module classes: Python's spelling of the defining file.
  for (StringRef name : {"torch.nn.Conv2d", "torch.nn.modules.conv.Conv2d"})
    CHECK(canonical(name) == StringRef("torch.nn.modules.conv.Conv2d"));
  for (StringRef name : {"torch.nn.intrinsic.ConvReLU2d",
                         "torch.nn.intrinsic.modules.fused.ConvReLU2d",
                         "torch.ao.nn.intrinsic.ConvReLU2d"})
    CHECK(canonical(name) ==
          StringRef("torch.ao.nn.intrinsic.modules.fused.ConvReLU2d"));
  CHECK(canonical("torch.nn.qat.Conv2d") ==
        StringRef("torch.ao.nn.qat.modules.conv.Conv2d"));
  // Functions: only the aliases Python says are the same object.
  CHECK(canonical("torch.nn.functional.conv2d") == StringRef("torch.conv2d"));
  CHECK(canonical("torch.nn.functional.linear") ==
        StringRef("torch._C._nn.linear"));
  CHECK(canonical("operator.add") == StringRef("_operator.add"));
  CHECK(canonical("torch.split") == StringRef("torch.functional.split"));
  CHECK(canonical("torch.nn.functional.relu_") == StringRef("torch.relu_"));
  CHECK(canonical("torch.nn.functional.relu") ==
        StringRef("torch.nn.functional.relu"));
  CHECK(canonical("torch.relu") == StringRef("torch.relu"));
  // Tensor methods are themselves; so are unrepresented names.
  CHECK(canonical("relu") == StringRef("relu"));
  CHECK(canonical("operator.floordiv") == StringRef("_operator.floordiv"));
  CHECK(canonical("torch.nn.GRUCell") ==
        StringRef("torch.nn.modules.rnn.GRUCell"));
  CHECK_FALSE(canonical("torch.nn.Conv9d"));
  CHECK_FALSE(canonical("quill.conv2d"));
}

TEST_CASE("the name table lists every spelling once", "[backend_config]") {
  std::vector<TorchNameInfo> table = torchNameTable();
  REQUIRE_FALSE(table.empty());
  for (size_t i = 0; i < table.size(); ++i) {
    const TorchNameInfo &info = table[i];
    INFO(info.name.str());
    if (i > 0)
      CHECK(table[i - 1].name < info.name);
    CHECK(info.op.empty() != info.unrepresentedReason.empty());
    // The lookups agree with the table, and a canonical spelling is its own.
    CHECK(canonicalTorchName(info.name) == info.canonical);
    CHECK(canonicalTorchName(info.canonical) == info.canonical);
    CHECK(quillOpForTorchName(info.canonical) ==
          quillOpForTorchName(info.name));
    if (!info.op.empty())
      CHECK(quillOpForTorchName(info.name) == info.op);
    CHECK(torchNameInputRanks(info.name) == info.inputRanks);
  }
}

TEST_CASE_METHOD(Fixture, "PyTorch names in a pattern become quill ops",
                 "[backend_config]") {
  auto config = parseBackendConfig(R"({"configs": [{
      "pattern": ["torch.nn.Linear", "torch.nn.BatchNorm1d"],
      "fused_op": "torch.nn.intrinsic.LinearBn1d"}]})",
                                   &ctx);
  REQUIRE(bool(config));
  const BackendPatternConfig &c = config->configs.front();
  CHECK(c.fusedOp == "quill.linear");
  // BatchNorm1d is quill.batch_norm on rank 2 or 3 input.
  PatternNode expected = leaf("quill.batch_norm", {2, 3});
  expected.args.push_back(leaf("quill.linear"));
  CHECK(c.pattern == expected);
}

TEST_CASE_METHOD(Fixture,
                 "overwrite_output_observer is a verified observer spec",
                 "[backend_config]") {
  auto config = parseBackendConfig(R"({"configs": [{"pattern": "quill.tanh",
      "overwrite_output_observer": {"kind": "per_channel_min_max",
                                    "dtype": "qint8"}}]})",
                                   &ctx);
  if (!config)
    FAIL(llvm::toString(config.takeError()));
  ObserverSpecAttr spec = config->configs.front().overwriteOutputObserver;
  REQUIRE(spec);
  CHECK(spec.getQscheme() == QScheme::per_channel_affine);
  // Printed without the defaults, as written.
  llvm::json::Value printed = toJSON(*config);
  CHECK(*printed.getAsObject()->getArray("configs")->front().getAsObject()->get(
            "overwrite_output_observer") ==
        llvm::json::Value(llvm::json::Object{{"kind", "per_channel_min_max"},
                                             {"dtype", "qint8"}}));
  // fake_quant belongs to a QConfig side, not to an observer spec.
  CHECK(parseError(R"({"configs": [{"pattern": "quill.tanh",
      "overwrite_output_observer": {"kind": "min_max", "dtype": "qint8",
                                    "fake_quant": "fake_quantize"}}]})") ==
        "configs[0].overwrite_output_observer.fake_quant: unknown field "
        "'fake_quant' (expected kind, dtype, qscheme, quant_min, quant_max, "
        "reduce_range, eps, ch_axis, averaging_constant, bins, scale, "
        "zero_point, is_dynamic)");
  // The #quill.observer verifier runs.
  CHECK(parseError(R"({"configs": [{"pattern": "quill.tanh",
      "overwrite_output_observer": {"kind": "min_max", "dtype": "qint8",
                                    "ch_axis": 1}}]})") ==
        "configs[0].overwrite_output_observer: observer min_max takes no "
        "'ch_axis'");
}

TEST_CASE_METHOD(Fixture, "JSON errors name the field", "[backend_config]") {
  CHECK(parseError(R"({"configs": [{"pattern": "quill.relu"},
                                    {"pattern": "quill.cat"},
                                    {"pattern": ["quill.conv2d", "quill.conv9d"]}]})") ==
        "configs[2].pattern[1]: unknown op 'quill.conv9d' (not a quill op or "
        "known PyTorch name)");
  CHECK(parseError(R"({"configs": [{"pattern": "quill.conv2d",
      "dtype_configs": [{"weight_dtype": {"dtype": "qint8",
          "quant_min_lower_bound": 5, "quant_max_upper_bound": 4}}]}]})") ==
        "configs[0].dtype_configs[0].weight_dtype.quant_min_lower_bound: "
        "quant_min_lower_bound 5 is greater than quant_max_upper_bound 4");
  CHECK(parseError(R"({"configs": [{"pattern": ["quill.conv2d", "quill.relu"],
                                    "fused_op": "quill.relu"}]})") ==
        "configs[0].fused_op: fused_op 'quill.relu' must be the root op "
        "'quill.conv2d': quill-fuse folds the rest of the match into it");
  CHECK(parseError(R"({"configs": [{"pattern": "quill.conv2d",
                                    "input_type_to_index": {"weight": 3}}]})") ==
        "configs[0].input_type_to_index.weight: weight of quill.conv2d is "
        "operand 1, not 3");
  CHECK(parseError(R"({"name": "x", "config": []})") ==
        "config: unknown field 'config' (expected name, configs)");
  CHECK(
      parseError(
          R"({"configs": [{"pattern": "quill.relu"}, {"pattern": "relu"}]})") ==
      "configs[1].pattern: duplicate pattern (configs[0] has the same one)");
  CHECK(parseError("{").rfind("invalid JSON: ", 0) == 0);
}

TEST_CASE_METHOD(Fixture, "a missing file is a clear error",
                 "[backend_config]") {
  auto config = loadBackendConfig("/nonexistent/backend.json", &ctx);
  REQUIRE_FALSE(bool(config));
  CHECK(llvm::toString(config.takeError()) ==
        "'/nonexistent/backend.json' is neither a native backend (x86, "
        "fbgemm, qnnpack, native) nor a readable file: No such file or "
        "directory");
}
