// QConfigMapping::resolve with PyTorch 1.13's precedence, one rule at a
// time; the presets' JSON round trip; JSON errors naming the field's path.

#include "quill/BackendConfig/QConfig.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"

#include <catch2/catch.hpp>

using namespace mlir;
using namespace mlir::quill;

namespace {
struct Fixture {
  MLIRContext ctx;
  Fixture() { ctx.loadDialect<QuillDialect>(); }

  // Distinct qconfigs, told apart by their observers' eps.
  QConfig qc(int i) {
    Builder b(&ctx);
    auto spec = ObserverSpecAttr::get(
        &ctx, ObserverKind::min_max, QDType::quint8, QScheme::per_tensor_affine,
        std::nullopt, std::nullopt, false, b.getF64FloatAttr(i * 1e-3), 0,
        b.getF64FloatAttr(ObserverSpecAttr::kDefaultAveragingConstant),
        ObserverSpecAttr::kDefaultBins, FloatAttr(), std::nullopt, false);
    return {{spec, std::nullopt}, {spec, std::nullopt}};
  }

  std::string parseError(llvm::StringRef json) {
    auto mapping = parseQConfigMapping(json, &ctx);
    REQUIRE_FALSE(bool(mapping));
    return llvm::toString(mapping.takeError());
  }
};

OpIdentity op(llvm::StringRef opName, llvm::StringRef moduleType = "",
              llvm::StringRef modulePath = "", int64_t occurrence = 0) {
  return {opName, moduleType, modulePath, occurrence};
}

std::string print(const QConfigMapping &mapping) {
  return llvm::formatv("{0:2}", toJSON(mapping)).str();
}

// setModuleNameRegex for regexes that must compile.
void addRegex(QConfigMapping &mapping, llvm::StringRef regex,
              QConfigAny qconfig) {
  if (llvm::Error error = mapping.setModuleNameRegex(regex, qconfig))
    FAIL(llvm::toString(std::move(error)));
}
} // namespace

TEST_CASE_METHOD(Fixture, "global only", "[qconfig]") {
  QConfigMapping mapping;
  CHECK_FALSE(mapping.resolve(op("quill.conv2d")));
  mapping.setGlobal(qc(1));
  CHECK(mapping.resolve(op("quill.conv2d")) == qc(1));
  CHECK(mapping.resolve(op("quill.relu", "torch.nn.modules.activation.ReLU",
                           "a.b", 3)) == qc(1));
}

TEST_CASE_METHOD(Fixture, "object type beats global", "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1))
      .setObjectType("quill.conv2d", qc(2))
      .setObjectType("torch.nn.modules.linear.Linear", qc(3));
  // A quill op name covers the op whatever its module type.
  CHECK(mapping.resolve(op("quill.conv2d")) == qc(2));
  CHECK(mapping.resolve(op("quill.conv2d", "torch.nn.modules.conv.Conv2d")) ==
        qc(2));
  CHECK(mapping.resolve(op("quill.conv1d")) == qc(1));
  // A PyTorch name matches the module type exactly, as PyTorch's dict
  // lookup does: F.linear is not nn.Linear.
  CHECK(mapping.resolve(op("quill.linear", "torch.nn.modules.linear.Linear")) ==
        qc(3));
  CHECK(mapping.resolve(op("quill.linear", "torch._C._nn.linear")) == qc(1));
  CHECK(mapping.resolve(op("quill.linear")) == qc(1));
}

TEST_CASE_METHOD(Fixture, "module type beats quill op name", "[qconfig]") {
  // Whatever the registration order.
  QConfigMapping first, second;
  first.setObjectType("quill.linear", qc(1))
      .setObjectType("torch.nn.modules.linear.Linear", qc(2));
  second.setObjectType("torch.nn.modules.linear.Linear", qc(2))
      .setObjectType("quill.linear", qc(1));
  for (const QConfigMapping *mapping : {&first, &second}) {
    CHECK(mapping->resolve(
              op("quill.linear", "torch.nn.modules.linear.Linear")) == qc(2));
    CHECK(mapping->resolve(op("quill.linear", "torch._C._nn.linear")) == qc(1));
  }
}

TEST_CASE_METHOD(Fixture, "every spelling of a PyTorch object matches",
                 "[qconfig]") {
  // A public alias key matches the live spelling of the module type ...
  QConfigMapping alias;
  alias.setObjectType("torch.nn.Conv2d", qc(1))
      .setObjectType("torch.nn.functional.conv2d", qc(2))
      .setModuleNameObjectTypeOrder("m", "torch.nn.functional.linear", 0,
                                    qc(3));
  CHECK(alias.resolve(op("quill.conv2d", "torch.nn.modules.conv.Conv2d")) ==
        qc(1));
  CHECK(alias.resolve(op("quill.conv2d", "torch.conv2d")) == qc(2));
  CHECK(alias.resolve(op("quill.linear", "torch._C._nn.linear", "m")) == qc(3));
  // ... and a live-spelling key matches an alias module type.
  QConfigMapping live;
  live.setObjectType("torch.nn.modules.conv.Conv2d", qc(1))
      .setObjectType("torch.conv2d", qc(2));
  CHECK(live.resolve(op("quill.conv2d", "torch.nn.Conv2d")) == qc(1));
  CHECK(live.resolve(op("quill.conv2d", "torch.nn.functional.conv2d")) ==
        qc(2));
  // Keys are stored in the canonical spelling; setting another spelling of
  // the same object replaces the qconfig in place.
  live.setObjectType("torch.nn.Conv2d", qc(4));
  REQUIRE(live.getObjectTypes().size() == 2);
  CHECK(live.getObjectTypes()[0].objectType == "torch.nn.modules.conv.Conv2d");
  CHECK(live.getObjectTypes()[0].qconfig == qc(4));
  CHECK(alias.getObjectTypes()[1].objectType == "torch.conv2d");
  CHECK(alias.getOrders()[0].objectType == "torch._C._nn.linear");
}

TEST_CASE_METHOD(Fixture, "distinct PyTorch objects stay distinct",
                 "[qconfig]") {
  // F.relu is a Python function, torch.relu a builtin: not one object.
  QConfigMapping mapping;
  mapping.setGlobal(qc(1)).setObjectType("torch.nn.functional.relu", qc(2));
  CHECK(mapping.resolve(op("quill.relu", "torch.nn.functional.relu")) == qc(2));
  CHECK(mapping.resolve(op("quill.relu", "torch.relu")) == qc(1));
  CHECK(mapping.resolve(op("quill.relu", "relu")) == qc(1));
  // Names Quill does not know (user classes) are compared as written.
  mapping.setObjectType("mymodels.Block", qc(3));
  CHECK(mapping.resolve(op("quill.linear", "mymodels.Block")) == qc(3));
  CHECK(mapping.resolve(op("quill.linear", "mymodels.block")) == qc(1));
}

TEST_CASE_METHOD(Fixture, "an invalid regex is an error, not a rule",
                 "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1));
  auto errorOf = [&](llvm::StringRef regex) -> std::string {
    llvm::Error error = mapping.setModuleNameRegex(regex, qc(2));
    return error ? llvm::toString(std::move(error)) : "";
  };
  CHECK_THAT(errorOf("layer[0-9"),
             Catch::StartsWith("invalid regex 'layer[0-9': "));
  // Python-only syntax would mean something else in ECMAScript.
  CHECK(errorOf("\\Alayer") ==
        "invalid regex '\\Alayer': unsupported escape '\\A' (Quill regexes "
        "are ECMAScript; use ^ and $ for \\A and \\Z)");
  CHECK_THAT(errorOf("(?P<n>layer)"),
             Catch::StartsWith("invalid regex '(?P<n>layer)': "));
  // The mapping is unchanged.
  CHECK(mapping.getModuleNameRegexes().empty());
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1")) == qc(1));
}

TEST_CASE_METHOD(Fixture, "regex beats object type", "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1)).setObjectType("quill.conv2d", qc(2));
  addRegex(mapping, "layer\\d+\\.0", qc(3));
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.0.conv1")) == qc(3));
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.1.conv1")) == qc(2));
  CHECK(mapping.resolve(op("quill.relu", "", "layer12.0")) == qc(3));
}

TEST_CASE_METHOD(Fixture, "regexes match like Python's re.match", "[qconfig]") {
  QConfigMapping mapping;
  addRegex(mapping, "conv", qc(1));
  // Anchored at the start only.
  CHECK(mapping.resolve(op("quill.conv2d", "", "conv1")) == qc(1));
  CHECK(mapping.resolve(op("quill.conv2d", "", "conv")) == qc(1));
  CHECK_FALSE(mapping.resolve(op("quill.conv2d", "", "features.conv")));
  // $ anchors the end; "" matches every name, the root's included.
  QConfigMapping exact;
  addRegex(exact, "fc$", qc(2));
  CHECK(exact.resolve(op("quill.linear", "", "fc")) == qc(2));
  CHECK_FALSE(exact.resolve(op("quill.linear", "", "fc2")));
  QConfigMapping any;
  addRegex(any, "", qc(3));
  CHECK(any.resolve(op("quill.linear")) == qc(3));
  CHECK(any.resolve(op("quill.linear", "", "a.b")) == qc(3));
}

TEST_CASE_METHOD(Fixture, "first registered regex wins", "[qconfig]") {
  // qconfig_mapping.py's example: register the specific patterns first.
  QConfigMapping mapping;
  addRegex(mapping, "foo.*bar.*conv[0-9]+", qc(1));
  addRegex(mapping, "foo.*bar.*", qc(2));
  addRegex(mapping, "foo.*", qc(3));
  CHECK(mapping.resolve(op("quill.conv2d", "", "foo.bar.conv0")) == qc(1));
  CHECK(mapping.resolve(op("quill.linear", "", "foo.bar.linear")) == qc(2));
  CHECK(mapping.resolve(op("quill.relu", "", "foo.baz.relu")) == qc(3));
}

TEST_CASE_METHOD(Fixture, "module name beats regex", "[qconfig]") {
  QConfigMapping mapping;
  addRegex(mapping, "layer1.*", qc(1));
  mapping.setModuleName("layer1.0.conv1", qc(2));
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.0.conv1")) == qc(2));
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.0.conv2")) == qc(1));
}

TEST_CASE_METHOD(Fixture, "module name falls back to parent names",
                 "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1))
      .setModuleName("a.b", qc(2))
      .setModuleName("a", qc(3));
  CHECK(mapping.resolve(op("quill.relu", "", "a.b")) == qc(2));
  CHECK(mapping.resolve(op("quill.relu", "", "a.b.c.d")) == qc(2));
  CHECK(mapping.resolve(op("quill.relu", "", "a.c")) == qc(3));
  // A parent is a dotted prefix, not a string prefix.
  CHECK(mapping.resolve(op("quill.relu", "", "a.bc")) == qc(3));
  CHECK(mapping.resolve(op("quill.relu", "", "ab")) == qc(1));
  // The nearest name wins over a parent registered earlier.
  QConfigMapping nearest;
  nearest.setModuleName("a", qc(3)).setModuleName("a.b", qc(2));
  CHECK(nearest.resolve(op("quill.relu", "", "a.b.c")) == qc(2));
}

TEST_CASE_METHOD(Fixture, "the root name \"\" never matches a module name",
                 "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1)).setModuleName("", qc(2));
  CHECK(mapping.resolve(op("quill.relu")) == qc(1));
  CHECK(mapping.resolve(op("quill.relu", "", "a.b")) == qc(1));
}

TEST_CASE_METHOD(Fixture, "order entry beats module name", "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1))
      .setModuleName("block", qc(2))
      .setModuleNameObjectTypeOrder("block", "torch._C._nn.linear", 1, qc(3))
      .setModuleNameObjectTypeOrder("", "quill.add", 0, qc(4));
  const char *fLinear = "torch._C._nn.linear";
  CHECK(mapping.resolve(op("quill.linear", fLinear, "block", 0)) == qc(2));
  CHECK(mapping.resolve(op("quill.linear", fLinear, "block", 1)) == qc(3));
  // The name must be the op's module exactly (no parent fallback) ...
  CHECK(mapping.resolve(op("quill.linear", fLinear, "block.sub", 1)) == qc(2));
  // ... and the object type the op's: its module type when it has one,
  // else its quill op (hand-written IR, module "" is the root).
  CHECK(mapping.resolve(op("quill.linear", "torch.nn.modules.linear.Linear",
                           "block", 1)) == qc(2));
  CHECK(mapping.resolve(op("quill.add", "", "", 0)) == qc(4));
  CHECK(mapping.resolve(op("quill.add", "", "", 1)) == qc(1));
  CHECK(mapping.resolve(op("quill.add", "torch.add", "", 0)) == qc(1));
}

TEST_CASE_METHOD(Fixture, "None results", "[qconfig]") {
  QConfigMapping mapping;
  mapping.setGlobal(qc(1))
      .setObjectType("quill.relu", std::nullopt)
      .setModuleName("head", std::nullopt)
      .setModuleName("head.fc", qc(3));
  addRegex(mapping, "head.fc", qc(2));
  CHECK_FALSE(mapping.resolve(op("quill.relu")));
  CHECK_FALSE(mapping.resolve(op("quill.conv2d", "", "head.conv")));
  // A later rule with a qconfig overrides an earlier None.
  CHECK(mapping.resolve(op("quill.relu", "", "head.fc")) == qc(3));
  CHECK(mapping.resolve(op("quill.relu", "", "head.fc2.x")) == std::nullopt);
}

TEST_CASE_METHOD(Fixture, "setting a key again keeps its position",
                 "[qconfig]") {
  QConfigMapping mapping;
  mapping.setObjectType("quill.relu", qc(1))
      .setObjectType("quill.conv2d", qc(2))
      .setObjectType("quill.relu", qc(3))
      .setModuleName("x", qc(1))
      .setModuleName("x", std::nullopt)
      .setModuleNameObjectTypeOrder("m", "quill.add", 0, qc(1))
      .setModuleNameObjectTypeOrder("m", "quill.add", 1, qc(2))
      .setModuleNameObjectTypeOrder("m", "quill.add", 0, qc(5));
  addRegex(mapping, "a.*", qc(1));
  addRegex(mapping, "a.b", qc(2));
  addRegex(mapping, "a.*", qc(4));
  REQUIRE(mapping.getObjectTypes().size() == 2);
  CHECK(mapping.getObjectTypes()[0].objectType == "quill.relu");
  CHECK(mapping.getObjectTypes()[0].qconfig == qc(3));
  CHECK(mapping.getObjectTypes()[1].objectType == "quill.conv2d");
  REQUIRE(mapping.getModuleNameRegexes().size() == 2);
  CHECK(mapping.getModuleNameRegexes()[0].regex == "a.*");
  // Still first, so it still wins over "a.b".
  CHECK(mapping.resolve(op("quill.relu", "", "a.b")) == qc(4));
  REQUIRE(mapping.getModuleNames().size() == 1);
  CHECK_FALSE(mapping.getModuleNames()[0].qconfig);
  REQUIRE(mapping.getOrders().size() == 2);
  CHECK(mapping.getOrders()[0].index == 0);
  CHECK(mapping.getOrders()[0].qconfig == qc(5));
}

TEST_CASE_METHOD(Fixture, "the worked example of docs/qconfig.md",
                 "[qconfig]") {
  QConfig g = qc(1), c = qc(2), l = qc(3), r = qc(4), r2 = qc(5), n = qc(6),
          n2 = qc(7);
  QConfigMapping mapping;
  mapping.setGlobal(g)
      .setObjectType("quill.conv2d", c)
      .setObjectType("torch.nn.modules.linear.Linear", l)
      .setModuleName("layer1", n)
      .setModuleName("layer1.0.conv2", n2)
      .setModuleNameObjectTypeOrder("layer2.0", "quill.add", 1, std::nullopt);
  addRegex(mapping, "layer\\d+\\.0", r);
  addRegex(mapping, "layer.*", r2);
  CHECK(mapping.resolve(op("quill.conv2d")) == c);
  CHECK(mapping.resolve(
            op("quill.linear", "torch.nn.modules.linear.Linear", "fc")) == l);
  CHECK(mapping.resolve(op("quill.linear", "torch._C._nn.linear", "fc2")) == g);
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer2.0.conv1")) == r);
  CHECK(mapping.resolve(op("quill.relu", "", "layer2.1.relu")) == r2);
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.0.conv1")) == n);
  CHECK(mapping.resolve(op("quill.conv2d", "", "layer1.0.conv2")) == n2);
  CHECK(mapping.resolve(op("quill.add", "", "layer2.0", 1)) == std::nullopt);
  CHECK(mapping.resolve(op("quill.add", "", "layer2.0", 0)) == r);
}

TEST_CASE_METHOD(Fixture, "presets: every name loads and round-trips",
                 "[qconfig]") {
  for (llvm::StringRef name : qconfigPresetNames()) {
    INFO(name.str());
    auto preset = loadQConfigMapping(name, &ctx);
    REQUIRE(bool(preset));
    std::string text = print(*preset);
    // Reading runs every spec verifier and the fake-quant checks.
    auto back = parseQConfigMapping(text, &ctx);
    if (!back)
      FAIL(llvm::toString(back.takeError()));
    CHECK(print(*back) == text);
    CHECK(back->getGlobal() == preset->getGlobal());
    REQUIRE(back->getObjectTypes().size() == preset->getObjectTypes().size());
    for (size_t i = 0; i < preset->getObjectTypes().size(); ++i) {
      CHECK(back->getObjectTypes()[i].objectType ==
            preset->getObjectTypes()[i].objectType);
      CHECK(back->getObjectTypes()[i].qconfig ==
            preset->getObjectTypes()[i].qconfig);
    }
  }
  auto unknown = getQConfigPreset("x87", &ctx);
  REQUIRE_FALSE(bool(unknown));
  CHECK_THAT(llvm::toString(unknown.takeError()),
             Catch::StartsWith("unknown qconfig preset 'x87' (expected one "
                               "of x86, fbgemm,"));
}

TEST_CASE_METHOD(Fixture, "presets resolve like PyTorch's mappings",
                 "[qconfig]") {
  auto x86 = getQConfigPreset("x86", &ctx);
  auto onednn = getQConfigPreset("onednn", &ctx);
  auto qatQnnpack = getQConfigPreset("qat_qnnpack", &ctx);
  REQUIRE(bool(x86));
  REQUIRE(bool(onednn));
  REQUIRE(bool(qatQnnpack));
  ObserverSpecAttr act = x86->getGlobal()->activation.observer;
  CHECK(act.getKind() == ObserverKind::histogram);
  CHECK(act.getReduceRange());
  CHECK(x86->getGlobal()->weight.observer.getQscheme() ==
        QScheme::per_channel_symmetric);
  // ConvTranspose: per-tensor weights under x86, per-channel under onednn.
  auto transposeWeight = [](const QConfigMapping &m) {
    return m.resolve(op("quill.conv_transpose2d"))->weight.observer;
  };
  CHECK(transposeWeight(*x86).getQscheme() == QScheme::per_tensor_symmetric);
  CHECK(transposeWeight(*onednn).getQscheme() ==
        QScheme::per_channel_symmetric);
  // LayerNorm keeps float weights.
  CHECK(x86->resolve(op("quill.layer_norm"))->weight.observer.getKind() ==
        ObserverKind::placeholder);
  // "reshape" and nn.Softmax are PyTorch's only spellings of those rules.
  CHECK(x86->resolve(op("quill.reshape", "reshape"))->activation.observer ==
        ObserverSpecAttr::get(&ctx, ObserverKind::reuse_input, QDType::quint8));
  CHECK(x86->resolve(op("quill.reshape")) == x86->getGlobal());
  CHECK(x86->resolve(op("quill.softmax", "torch.nn.modules.activation.Softmax"))
            ->activation.observer.getScaleValue() == 1.0 / 256.0);
  // QAT wraps fixed-qparams observers in FixedQParamsFakeQuantize.
  QConfigAny tanh = qatQnnpack->resolve(op("quill.tanh"));
  CHECK(tanh->activation.fakeQuant ==
        FakeQuantKind::fixed_qparams_fake_quantize);
  CHECK(tanh->activation.observer.getZeroPoint() == 128);
  CHECK(tanh->weight.fakeQuant == FakeQuantKind::fake_quantize);
  // Weight-only embedding presets cover the embedding ops only.
  auto embedding = getQConfigPreset("weight_only_embedding_4bit", &ctx);
  REQUIRE(bool(embedding));
  CHECK_FALSE(embedding->resolve(op("quill.linear")));
  CHECK(embedding->resolve(op("quill.embedding_bag"))
            ->weight.observer.getDtype() == QDType::quint4x2);
}

TEST_CASE_METHOD(Fixture, "custom mapping JSON round trip", "[qconfig]") {
  const char *json = R"({
    "global": {"activation": {"kind": "histogram", "dtype": "quint8",
                              "bins": 1024, "eps": 0.000244140625},
               "weight": {"kind": "per_channel_min_max", "dtype": "qint8",
                          "qscheme": "per_channel_symmetric", "ch_axis": 1,
                          "quant_min": -127, "quant_max": 127}},
    "object_type": [["torch.nn.modules.linear.Linear", null],
                    ["quill.conv2d", {
                      "activation": {"kind": "moving_average_min_max",
                                     "dtype": "quint8", "quant_min": 0,
                                     "quant_max": 255, "reduce_range": true,
                                     "averaging_constant": 0.5,
                                     "fake_quant": "fake_quantize"},
                      "weight": {"kind": "placeholder", "dtype": "float16",
                                 "is_dynamic": true}}]],
    "module_name_regex": [["layer\\d+", null]],
    "module_name": [["", null], ["fc", null]],
    "module_name_object_type_order": [["block", "quill.add", 2, null]]
  })";
  auto mapping = parseQConfigMapping(json, &ctx);
  if (!mapping)
    FAIL(llvm::toString(mapping.takeError()));
  CHECK(mapping->getGlobal()->activation.observer.getBins() == 1024);
  CHECK(mapping->getObjectTypes()[1].qconfig->activation.fakeQuant ==
        FakeQuantKind::fake_quantize);
  std::string text = print(*mapping);
  auto back = parseQConfigMapping(text, &ctx);
  REQUIRE(bool(back));
  CHECK(print(*back) == text);
  CHECK(back->getOrders()[0].index == 2);
}

TEST_CASE_METHOD(Fixture, "JSON object types load in canonical spelling",
                 "[qconfig]") {
  auto mapping = parseQConfigMapping(
      R"({"object_type": [["torch.nn.Linear", null], ["operator.add", null],
                          ["mymodels.Block", null], ["quill.relu", null]],
          "module_name_object_type_order": [["", "torch.nn.functional.conv2d",
                                             0, null]]})",
      &ctx);
  if (!mapping)
    FAIL(llvm::toString(mapping.takeError()));
  std::vector<std::string> keys;
  for (const auto &entry : mapping->getObjectTypes())
    keys.push_back(entry.objectType);
  CHECK(keys == std::vector<std::string>{"torch.nn.modules.linear.Linear",
                                         "_operator.add", "mymodels.Block",
                                         "quill.relu"});
  CHECK(mapping->getOrders()[0].objectType == "torch.conv2d");
  // Two spellings of one object are one key.
  CHECK(parseError(R"({"object_type": [["torch.nn.Conv2d", null],
      ["torch.nn.modules.conv.Conv2d", null]]})") ==
        "object_type[1][0]: duplicate object type "
        "'torch.nn.modules.conv.Conv2d' (first at object_type[0])");
  CHECK(parseError(R"({"module_name_object_type_order": [
      ["m", "operator.add", 0, null], ["m", "_operator.add", 0, null]]})") ==
        "module_name_object_type_order[1]: duplicate rule '(m, _operator.add, "
        "0)' (first at module_name_object_type_order[0])");
}

TEST_CASE_METHOD(Fixture, "JSON errors name the offending field", "[qconfig]") {
  const char *qc = R"({"activation": {"kind": "min_max", "dtype": "quint8"},
                       "weight": {"kind": "min_max", "dtype": "qint8"}})";
  CHECK(parseError(llvm::formatv(R"({{"object_type": [["quill.relu", {0}],
      ["quill.conv2d", {{"activation": {{"kind": "min_max", "dtype": "quint8",
      "quant_min": 0, "quant_max": 300}, "weight": {{"kind": "min_max",
      "dtype": "qint8"}}]]})",
                                 qc)
                       .str()) ==
        "object_type[1][1].activation: quantization range [0, 300] exceeds "
        "the quint8 range [0, 255]");
  CHECK(parseError(R"({"global": {"activation": {"kind": "min_max",
      "dtype": "quint8", "quant_min": "0"}, "weight": null}})") ==
        "global.activation.quant_min: expected an integer");
  CHECK(parseError(R"({"object_type": [["quill.conv9d", null]]})") ==
        "object_type[0][0]: unknown quill op 'quill.conv9d'");
  CHECK(parseError(R"j({"module_name_regex": [["(?P<n>x)", null]]})j")
            .find("module_name_regex[0][0]: invalid regex '(?P<n>x)': ") == 0);
  CHECK(parseError(R"({"globl": null})") ==
        "globl: unknown field 'globl' (expected global, object_type, "
        "module_name_regex, module_name, module_name_object_type_order)");
  CHECK(parseError("[1,").find("invalid JSON: ") == 0);
}

TEST_CASE_METHOD(Fixture, "loadQConfigMapping: unknown name or file",
                 "[qconfig]") {
  auto missing = loadQConfigMapping("/nonexistent/q.json", &ctx);
  REQUIRE_FALSE(bool(missing));
  CHECK_THAT(llvm::toString(missing.takeError()),
             Catch::StartsWith("'/nonexistent/q.json' is neither a qconfig "
                               "preset (x86, fbgemm, qnnpack, onednn, "));
}
