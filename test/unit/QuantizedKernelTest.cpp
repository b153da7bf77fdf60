// The static int8 reference kernels (runtime/lib/kernels/reference/
// quantized) against PyTorch 1.13's quantized ops on both engines, cases
// written by scripts/gen_qkernel_cases.py into test/unit/data/qkernels, and
// against the reference model computed here with the float kernels
// (dequantize -> float op -> quantize). Exact where NUMERICS.md says so,
// else within 1 LSB with a minimum share of exact matches.

#include "QuantGraphBuilder.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <limits>
#include <map>
#include <optional>

using namespace quill;
using namespace quill::test;
namespace json = llvm::json;

namespace {

//===----------------------------------------------------------------------===//
// Cases from the generator
//===----------------------------------------------------------------------===//

const json::Array &cases(const std::string &group) {
  static std::map<std::string, json::Value> docs;
  auto it = docs.find(group);
  if (it == docs.end()) {
    std::string path =
        std::string(QUILL_QKERNEL_DATA_DIR) + "/" + group + ".json";
    auto buffer = llvm::MemoryBuffer::getFile(path);
    INFO(path);
    REQUIRE(buffer);
    llvm::Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
    REQUIRE(bool(parsed));
    it = docs.emplace(group, std::move(*parsed)).first;
  }
  return *it->second.getAsObject()->getArray("cases");
}

std::vector<int64_t> ints(const json::Array &a) {
  std::vector<int64_t> out;
  for (const json::Value &v : a)
    out.push_back(*v.getAsInteger());
  return out;
}

std::vector<double> doubles(const json::Array &a) {
  std::vector<double> out;
  for (const json::Value &v : a)
    out.push_back(*v.getAsNumber());
  return out;
}

/// An operand: its static type and its data.
struct Operand {
  ValueInfo info;
  Tensor data;
};

Operand operandOf(const json::Object &o) {
  Operand op;
  op.info.dtype = *parseDType(*o.getString("dtype"));
  op.info.shape = ints(*o.getArray("shape"));
  if (const json::Array *s = o.getArray("scale"))
    op.info.quant = QuantParams{doubles(*s), ints(*o.getArray("zero_point")),
                                *o.getInteger("axis")};
  op.data = Tensor::allocate(op.info.dtype, op.info.shape);
  op.data.setQuant(op.info.quant);
  if (const json::Array *d = o.getArray("data")) {
    for (size_t i = 0; i < d->size(); ++i) {
      if (op.info.dtype == DType::f32)
        op.data.data<float>()[i] = static_cast<float>(*(*d)[i].getAsNumber());
      else
        setIntAt(op.data, i, *(*d)[i].getAsInteger());
    }
  }
  return op;
}

void setAttrs(Node &node, const json::Object &attrs) {
  for (const auto &[key, typed] : attrs) {
    const json::Array &p = *typed.getAsArray();
    std::string type = p[0].getAsString()->str();
    std::string name = key.str();
    if (type == "i")
      node.attrs.set(name, *p[1].getAsInteger());
    else if (type == "f")
      node.attrs.set(name, *p[1].getAsNumber());
    else if (type == "b")
      node.attrs.set(name, *p[1].getAsBoolean());
    else if (type == "s")
      node.attrs.set(name, p[1].getAsString()->str());
    else if (type == "I")
      node.attrs.set(name, ints(*p[1].getAsArray()));
    else
      node.attrs.set(name, doubles(*p[1].getAsArray()));
  }
}

/// A one-node graph of the case; absent operands are kNoValue.
struct NodeCase {
  std::string name;
  Graph graph;
  std::vector<std::optional<Operand>> inputs;
  std::vector<Operand> expected;
  bool exact = true;

  std::vector<const Tensor *> inputTensors() const {
    std::vector<const Tensor *> out;
    for (const std::optional<Operand> &op : inputs)
      out.push_back(op ? &op->data : nullptr);
    return out;
  }
};

NodeCase nodeCase(const json::Object &c) {
  NodeCase nc;
  nc.name = c.getString("name")->str();
  nc.exact = *c.getBoolean("exact");
  Node node = makeNode(c.getString("kind")->str(), {}, {});
  setAttrs(node, *c.getObject("attrs"));
  for (const json::Value &v : *c.getArray("inputs")) {
    if (v.getAsNull()) {
      node.inputs.push_back(kNoValue);
      nc.inputs.push_back(std::nullopt);
      continue;
    }
    Operand op = operandOf(*v.getAsObject());
    node.inputs.push_back(static_cast<int64_t>(nc.graph.values.size()));
    nc.graph.values.push_back(op.info);
    nc.inputs.push_back(std::move(op));
  }
  for (const json::Value &v : *c.getArray("outputs")) {
    Operand op = operandOf(*v.getAsObject());
    node.outputs.push_back(static_cast<int64_t>(nc.graph.values.size()));
    nc.graph.values.push_back(op.info);
    nc.expected.push_back(std::move(op));
  }
  nc.graph.nodes.push_back(std::move(node));
  return nc;
}

//===----------------------------------------------------------------------===//
// Comparisons
//===----------------------------------------------------------------------===//

/// How two integer tensors agree.
struct Agreement {
  int64_t total = 0, exact = 0, maxDiff = 0;
  double share() const { return total ? double(exact) / total : 1.0; }
};

Agreement compareInts(const Tensor &a, const Tensor &b) {
  Agreement r;
  r.total = a.numel();
  for (int64_t i = 0; i < a.numel(); ++i) {
    int64_t d = std::abs(intAt(a, i) - intAt(b, i));
    r.exact += d == 0;
    r.maxDiff = std::max(r.maxDiff, d);
  }
  return r;
}

/// At least this share of exact matches where 1 LSB is allowed.
constexpr double kMinExactShare = 0.95;
/// The integer avg pools round acc / n, often exactly k + 1/2, half to
/// even; the float model rounds whatever float error leaves there.
constexpr double kMinAvgPoolShare = 0.6;

/// Exact, or within 1 LSB with at least `minShare` exact.
void checkAgreement(const Agreement &a, bool exact,
                    double minShare = kMinExactShare) {
  INFO("exact " << a.exact << " of " << a.total << ", max diff " << a.maxDiff);
  if (exact) {
    CHECK(a.exact == a.total);
  } else {
    CHECK(a.maxDiff <= 1);
    CHECK(a.share() >= minShare);
  }
}

/// The reference model of the case's node: the float kernel of the same
/// node on dequantized inputs, its results quantized like the node's.
std::vector<Tensor> referenceModel(const NodeCase &nc) {
  Graph twin = nc.graph;
  std::vector<Tensor> floats;
  floats.reserve(nc.inputs.size());
  std::vector<const Tensor *> in;
  for (size_t i = 0; i < nc.inputs.size(); ++i) {
    if (!nc.inputs[i]) {
      in.push_back(nullptr);
      continue;
    }
    const Operand &op = *nc.inputs[i];
    Tensor t = op.data;
    if (op.info.quant) {
      t = Tensor::allocate(DType::f32, op.info.shape);
      std::vector<float> x = dequantized(op.info, op.data);
      std::memcpy(t.raw(), x.data(), t.byteSize());
    }
    floats.push_back(t);
    in.push_back(&floats.back());
  }
  for (ValueInfo &v : twin.values) {
    v.dtype = DType::f32;
    v.quant.reset();
  }
  Expected<std::vector<Tensor>> out = runNode(twin, in);
  INFO(out.status().message());
  REQUIRE(out.ok());
  std::vector<Tensor> results;
  for (size_t k = 0; k < out->size(); ++k) {
    const ValueInfo &v = nc.graph.values[nc.graph.nodes[0].outputs[k]];
    results.push_back(v.quant ? quantized(v, (*out)[k].data<float>())
                              : (*out)[k]);
  }
  return results;
}

/// Runs every case of `group`: against PyTorch and the reference model.
void runGroup(const std::string &group) {
  for (const json::Value &v : cases(group)) {
    NodeCase nc = nodeCase(*v.getAsObject());
    INFO(nc.name);
    {
      Expected<std::vector<Tensor>> got = runNode(nc.graph, nc.inputTensors());
      INFO(got.status().message());
      CHECK(got.ok());
      if (!got.ok())
        continue;
      bool conversion = nc.graph.nodes[0].kind == "quantize" ||
                        nc.graph.nodes[0].kind == "dequantize";
      std::vector<Tensor> model;
      if (!conversion)
        model = referenceModel(nc);
      for (size_t k = 0; k < got->size(); ++k) {
        const Tensor &result = (*got)[k];
        const Operand &expected = nc.expected[k];
        if (expected.info.dtype == DType::f32) {
          CHECK(std::memcmp(result.raw(), expected.data.raw(),
                            result.byteSize()) == 0);
          continue;
        }
        INFO("against PyTorch");
        checkAgreement(compareInts(result, expected.data), nc.exact);
        if (!conversion) {
          INFO("against the reference model");
          bool avgPool = contains(nc.graph.nodes[0].kind, "avg_pool");
          checkAgreement(compareInts(result, model[k]), false,
                         avgPool ? kMinAvgPoolShare : kMinExactShare);
        }
      }
    }
  }
}

} // namespace

TEST_CASE("quantize and dequantize match PyTorch", "[qkernels]") {
  runGroup("quantize");
}

TEST_CASE("quantized linear matches PyTorch on both engines", "[qkernels]") {
  runGroup("linear");
}

TEST_CASE("quantized convolutions match PyTorch on both engines",
          "[qkernels]") {
  runGroup("conv");
}

TEST_CASE("quantized add, mul and cat match PyTorch", "[qkernels]") {
  runGroup("elementwise");
}

TEST_CASE("quantized pools match PyTorch on both engines", "[qkernels]") {
  runGroup("pool");
}

TEST_CASE("quantized activations and norms match PyTorch", "[qkernels]") {
  runGroup("activation");
}

TEST_CASE("fake_quant matches PyTorch's FakeQuantize modules", "[qkernels]") {
  for (const json::Value &v : cases("fake_quant")) {
    const json::Object &c = *v.getAsObject();
    INFO(c.getString("name")->str());
    const json::Array &batches = *c.getArray("batches");
    Operand first = operandOf(*(*batches[0].getAsObject()).getObject("input"));
    Graph g;
    int64_t x = addValue(g, first.info.shape),
            y = addValue(g, first.info.shape);
    g.nodes.push_back(makeNode("fake_quant", {x}, {y}));
    setAttrs(g.nodes[0], *c.getObject("attrs"));
    Expected<std::unique_ptr<Kernel>> k =
        KernelRegistry::reference().create(g.nodes[0], g, "reference");
    INFO(k.status().message());
    REQUIRE(k.ok());
    REQUIRE(*k);
    REQUIRE((*k)->observer());
    bool plain = contains(c.getString("name")->str(), "fake_quantize ") &&
                 !contains(c.getString("name")->str(), "_fake_quantize");
    for (const json::Value &b : batches) {
      const json::Object &batch = *b.getAsObject();
      Operand in = operandOf(*batch.getObject("input"));
      Operand expected = operandOf(*batch.getObject("output"));
      Tensor out = Tensor::allocate(DType::f32, in.info.shape);
      REQUIRE((*k)->run({&in.data}, {&out}).ok());
      CHECK(std::memcmp(out.raw(), expected.data.raw(), out.byteSize()) == 0);
      if (!plain)
        continue;
      // A FakeQuantize's qparams are its observer's: calibration reads them.
      Expected<observers::QParams> q = (*k)->observer()->calculateQParams();
      REQUIRE(q.ok());
      std::vector<double> scales(q->scale.begin(), q->scale.end());
      CHECK(scales == doubles(*batch.getArray("scale")));
      CHECK(q->zeroPoint == ints(*batch.getArray("zero_point")));
    }
  }
}

//===----------------------------------------------------------------------===//
// Nodes PyTorch has no quantized kernel for, or that it rejects: against the
// reference model only
//===----------------------------------------------------------------------===//

namespace {

/// A deterministic operand: quantized values spread over the whole range.
Operand randomOperand(std::vector<int64_t> shape, DType dtype,
                      std::optional<QuantParams> quant, uint32_t seed) {
  Operand op;
  op.info.dtype = dtype;
  op.info.shape = std::move(shape);
  op.info.quant = std::move(quant);
  op.data = Tensor::allocate(dtype, op.info.shape);
  op.data.setQuant(op.info.quant);
  uint32_t state = seed * 2654435761u + 1;
  for (int64_t i = 0; i < op.data.numel(); ++i) {
    state = state * 1664525u + 1013904223u;
    int64_t r = state >> 24; // 0..255
    if (dtype == DType::f32)
      op.data.data<float>()[i] = static_cast<float>(r - 128) / 16.0f;
    else
      setIntAt(op.data, i, dtype == DType::u8 ? r : r - 128);
  }
  return op;
}

/// A case of `kind` over the given operands and result types.
NodeCase modelCase(const std::string &kind, std::vector<Operand> inputs,
                   std::vector<ValueInfo> results) {
  NodeCase nc;
  nc.name = kind;
  Node node = makeNode(kind, {}, {}, "q.mlir:1:1");
  for (Operand &op : inputs) {
    node.inputs.push_back(static_cast<int64_t>(nc.graph.values.size()));
    nc.graph.values.push_back(op.info);
    nc.inputs.push_back(std::move(op));
  }
  for (ValueInfo &v : results) {
    node.outputs.push_back(static_cast<int64_t>(nc.graph.values.size()));
    nc.graph.values.push_back(std::move(v));
  }
  nc.graph.nodes.push_back(std::move(node));
  return nc;
}

ValueInfo typeOf(std::vector<int64_t> shape, DType dtype,
                 std::optional<QuantParams> quant) {
  ValueInfo v;
  v.shape = std::move(shape);
  v.dtype = dtype;
  v.quant = std::move(quant);
  return v;
}

/// Runs the case and returns how its results agree with the reference
/// model (all results together).
Agreement againstModel(const NodeCase &nc) {
  Expected<std::vector<Tensor>> got = runNode(nc.graph, nc.inputTensors());
  INFO(got.status().message());
  REQUIRE(got.ok());
  std::vector<Tensor> model = referenceModel(nc);
  Agreement all;
  for (size_t k = 0; k < got->size(); ++k) {
    Agreement a = compareInts((*got)[k], model[k]);
    all.total += a.total;
    all.exact += a.exact;
    all.maxDiff = std::max(all.maxDiff, a.maxDiff);
  }
  return all;
}

/// The factory's error for the case's node, without its location and kind.
std::string factoryError(const NodeCase &nc) {
  Expected<std::unique_ptr<Kernel>> k = KernelRegistry::reference().create(
      nc.graph.nodes[0], nc.graph, "reference");
  REQUIRE_FALSE(k.ok());
  std::string prefix = "q.mlir:1:1: " + nc.graph.nodes[0].kind + ": ";
  std::string message = k.status().message();
  INFO(message);
  REQUIRE(message.compare(0, prefix.size(), prefix) == 0);
  return message.substr(prefix.size());
}

const QuantParams kIn = perTensor(0.05, 128), kOut = perTensor(0.07, 120);

/// conv2d x [1, 4, 6, 6] (quant `in`, dtype `dtype`) * w [3, 4, 3, 3] i8.
NodeCase qconv(DType dtype, QuantParams in, QuantParams weight) {
  return modelCase("conv2d",
                   {randomOperand({1, 4, 6, 6}, dtype, in, 1),
                    randomOperand({3, 4, 3, 3}, DType::i8, weight, 2),
                    randomOperand({3}, DType::f32, std::nullopt, 3)},
                   {typeOf({1, 3, 4, 4}, DType::u8, kOut)});
}

} // namespace

TEST_CASE("shape ops copy quantized values or requantize them", "[qkernels]") {
  for (bool same : {true, false}) {
    INFO("same qparams: " << same);
    QuantParams out = same ? kIn : kOut;
    NodeCase t =
        modelCase("transpose", {randomOperand({2, 3, 4}, DType::u8, kIn, 4)},
                  {typeOf({4, 3, 2}, DType::u8, out)});
    t.graph.nodes[0].attrs.set("dim0", int64_t(0));
    t.graph.nodes[0].attrs.set("dim1", int64_t(2));
    checkAgreement(againstModel(t), /*exact=*/true);
    NodeCase f = modelCase(
        "flatten", {randomOperand({2, 3, 4}, DType::i8, perTensor(0.1, -3), 5)},
        {typeOf({24}, DType::i8, perTensor(same ? 0.1 : 0.07, same ? -3 : 5))});
    checkAgreement(againstModel(f), /*exact=*/true);
    NodeCase c = modelCase(
        "chunk", {randomOperand({4, 6}, DType::u8, kIn, 6)},
        {typeOf({4, 3}, DType::u8, out), typeOf({4, 3}, DType::u8, out)});
    c.graph.nodes[0].attrs.set("chunks", int64_t(2));
    c.graph.nodes[0].attrs.set("dim", int64_t(1));
    checkAgreement(againstModel(c), /*exact=*/true);
  }
  SECTION("i32 storage moves as bytes") {
    NodeCase p = modelCase(
        "permute", {randomOperand({2, 3}, DType::i32, perTensor(0.001, 0), 7)},
        {typeOf({3, 2}, DType::i32, perTensor(0.001, 0))});
    p.graph.nodes[0].attrs.set("dims", std::vector<int64_t>{1, 0});
    checkAgreement(againstModel(p), /*exact=*/true);
  }
}

TEST_CASE("quantized ops without a PyTorch oracle follow the reference model",
          "[qkernels]") {
  SECTION("x + scalar keeps the input's qparams and saturates") {
    NodeCase a = modelCase("add", {randomOperand({5, 7}, DType::u8, kIn, 8)},
                           {typeOf({5, 7}, DType::u8, kIn)});
    a.graph.nodes[0].attrs.set("scalar", 3.0);
    checkAgreement(againstModel(a), /*exact=*/true);
    NodeCase m = modelCase("mul", {randomOperand({5, 7}, DType::u8, kIn, 9)},
                           {typeOf({5, 7}, DType::u8, kIn)});
    m.graph.nodes[0].attrs.set("scalar", -2.5);
    checkAgreement(againstModel(m), /*exact=*/true);
  }
  SECTION("max_pool3d is the integer max") {
    NodeCase p = modelCase("max_pool3d",
                           {randomOperand({1, 2, 5, 5, 5}, DType::u8, kIn, 10)},
                           {typeOf({1, 2, 3, 3, 3}, DType::u8, kIn)});
    p.graph.nodes[0].attrs.set("kernel_size", std::vector<int64_t>{3, 3, 3});
    p.graph.nodes[0].attrs.set("stride", std::vector<int64_t>{2, 2, 2});
    p.graph.nodes[0].attrs.set("padding", std::vector<int64_t>{1, 1, 1});
    checkAgreement(againstModel(p), /*exact=*/true);
  }
  SECTION("an avg_pool whose result has other qparams requantizes") {
    NodeCase p = modelCase("avg_pool2d",
                           {randomOperand({1, 2, 6, 6}, DType::u8, kIn, 11)},
                           {typeOf({1, 2, 3, 3}, DType::u8, kOut)});
    p.graph.nodes[0].attrs.set("kernel_size", std::vector<int64_t>{2, 2});
    checkAgreement(againstModel(p), /*exact=*/true);
  }
  SECTION("conv with an i8 input and per-channel weights") {
    NodeCase c = qconv(DType::i8, perTensor(0.05, -3),
                       QuantParams{{0.01, 0.02, 0.015}, {0, 0, 0}, 0});
    checkAgreement(againstModel(c), /*exact=*/false);
  }
  SECTION("a quantized i8 result of linear") {
    NodeCase l =
        modelCase("linear",
                  {randomOperand({16, 8}, DType::u8, kIn, 12),
                   randomOperand({12, 8}, DType::i8, perTensor(0.02, 0), 13)},
                  {typeOf({16, 12}, DType::i8, perTensor(0.3, 4))});
    checkAgreement(againstModel(l), /*exact=*/false);
  }
}

TEST_CASE("quantized factories reject bad nodes clearly", "[qkernels]") {
  SECTION("a per-axis activation") {
    NodeCase c = qconv(
        DType::u8, QuantParams{{0.1, 0.1, 0.1, 0.1}, {128, 128, 128, 128}, 1},
        perTensor(0.01, 0));
    CHECK(factoryError(c) ==
          "input must be quantized per tensor, not along axis 1");
  }
  SECTION("a weight quantized along the wrong axis") {
    NodeCase c = qconv(DType::u8, kIn,
                       QuantParams{{0.1, 0.1, 0.1, 0.1}, {0, 0, 0, 0}, 1});
    CHECK(factoryError(c) ==
          "weight must be quantized per tensor or along axis 0, not axis 1");
  }
  SECTION("mismatched scales and zero points") {
    NodeCase c = qconv(DType::u8, kIn, QuantParams{{0.1, 0.1, 0.1}, {0, 0}, 0});
    CHECK(factoryError(c) ==
          "weight has 3 scales and 2 zero points, expected 3");
  }
  SECTION("a zero point outside the storage range") {
    NodeCase c = qconv(DType::u8, perTensor(0.05, 300), perTensor(0.01, 0));
    CHECK(factoryError(c) == "input has zero point 300, outside the u8 range");
  }
  SECTION("a u8 weight, an i32 input") {
    NodeCase w = qconv(DType::u8, kIn, perTensor(0.01, 0));
    w.graph.values[1].dtype = DType::u8;
    CHECK(factoryError(w) == "a quantized weight must be i8, got u8");
    NodeCase x = qconv(DType::i32, kIn, perTensor(0.01, 0));
    CHECK(factoryError(x) == "a quantized input must be u8 or i8, got i32");
  }
  SECTION("a non-positive scale") {
    NodeCase q =
        modelCase("quantize", {randomOperand({4}, DType::f32, std::nullopt, 1)},
                  {typeOf({4}, DType::u8, perTensor(0.0, 0))});
    CHECK(factoryError(q) == "result has scale 0.000000; scales must be "
                             "positive and finite in float");
  }
  SECTION("quantize from a quantized value") {
    NodeCase q = modelCase("quantize", {randomOperand({4}, DType::u8, kIn, 1)},
                           {typeOf({4}, DType::u8, kOut)});
    CHECK(factoryError(q) ==
          "input must be f32 without quantization, got u8 (quantized)");
  }
  SECTION("an unknown numerics") {
    NodeCase c = qconv(DType::u8, kIn, perTensor(0.01, 0));
    c.graph.nodes[0].attrs.set("numerics", std::string("fbgemm"));
    CHECK(factoryError(c) ==
          "unknown numerics 'fbgemm' (expected onednn or qnnpack)");
  }
  SECTION("the float kernel's checks reach reference-model ops") {
    NodeCase r = modelCase("relu", {randomOperand({4}, DType::u8, kIn, 1)},
                           {typeOf({5}, DType::u8, kIn)});
    CHECK(factoryError(r) == "result has shape [5], expected [4]");
  }
}

TEST_CASE("quantized factories decline float nodes", "[qkernels]") {
  // A float conv still runs (the quantized factory declines it).
  NodeCase c =
      modelCase("conv2d",
                {randomOperand({1, 2, 4, 4}, DType::f32, std::nullopt, 1),
                 randomOperand({3, 2, 3, 3}, DType::f32, std::nullopt, 2)},
                {typeOf({1, 3, 2, 2}, DType::f32, std::nullopt)});
  CHECK(runNode(c.graph, c.inputTensors()).ok());
}

TEST_CASE("fake_quant with trained qparams leaves its observer alone",
          "[qkernels]") {
  Graph g;
  int64_t x = addValue(g, {4}), y = addValue(g, {4});
  g.nodes.push_back(makeNode("fake_quant", {x}, {y}, "q.mlir:1:1"));
  Node &n = g.nodes[0];
  n.attrs.set("kind", std::string("fused_moving_avg_obs_fake_quantize"));
  n.attrs.set("id", int64_t(3));
  n.attrs.set("observer.kind", std::string("moving_average_min_max"));
  n.attrs.set("observer.dtype", std::string("quint8"));
  n.attrs.set("observer.qscheme", std::string("per_tensor_affine"));
  n.attrs.set("scale", std::vector<double>{0.5});
  n.attrs.set("zero_point", std::vector<int64_t>{10});
  Expected<std::unique_ptr<Kernel>> k =
      KernelRegistry::reference().create(n, g, "reference");
  INFO(k.status().message());
  REQUIRE(k.ok());
  float in[4] = {0.26f, -1.0f, 200.0f, -20.0f}, out[4];
  Tensor tin = Tensor::borrow(DType::f32, {4}, in);
  Tensor tout = Tensor::borrow(DType::f32, {4}, out);
  REQUIRE((*k)->run({&tin}, {&tout}).ok());
  // q = clamp(10 + round(x / 0.5), 0, 255): 11, 8, 255, 0.
  CHECK(std::vector<float>(out, out + 4) ==
        std::vector<float>{0.5f, -1.0f, 122.5f, -5.0f});
  CHECK((*k)->observer()->state().minVal ==
        std::vector<float>{std::numeric_limits<float>::infinity()});

  Graph bad = g;
  bad.nodes[0].attrs.set("scale", std::vector<double>{0.5, 0.25});
  Expected<std::unique_ptr<Kernel>> e =
      KernelRegistry::reference().create(bad.nodes[0], bad, "reference");
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().message() ==
        "q.mlir:1:1: fake_quant: expected 1 scales and zero points, got 2 "
        "and 1");
}
