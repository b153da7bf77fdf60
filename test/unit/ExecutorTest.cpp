// The runtime core (runtime/include/quill/runtime/{Graph,Kernel,Executor}.h)
// on graphs built by hand: Graph::validate refuses malformed graphs with a
// message naming the node and value, the kernel registry explains unknown
// kinds and declined dtypes, and the executor plans an arena that reuses
// bytes, checks its inputs and gives the same results run after run.

#include "GraphBuilder.h"

#include "quill/runtime/Executor.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace quill;
using namespace quill::test;

namespace {

Tensor floats(std::vector<int64_t> shape, const std::vector<float> &data) {
  Tensor t = Tensor::allocate(DType::f32, std::move(shape));
  REQUIRE(static_cast<size_t>(t.numel()) == data.size());
  std::memcpy(t.raw(), data.data(), t.byteSize());
  return t;
}

std::vector<float> values(const Tensor &t) {
  const float *p = t.data<float>();
  return std::vector<float>(p, p + t.numel());
}

std::string validateError(const Graph &g) {
  Status s = g.validate();
  REQUIRE_FALSE(s.ok());
  return s.message();
}

std::unique_ptr<Executor> makeExecutor(Graph g) {
  Expected<std::unique_ptr<Executor>> ex =
      Executor::create(std::move(g), KernelRegistry::reference());
  INFO(ex.status().message());
  REQUIRE(ex.ok());
  return std::move(*ex);
}

std::string createError(Graph g) {
  Expected<std::unique_ptr<Executor>> ex =
      Executor::create(std::move(g), KernelRegistry::reference());
  REQUIRE_FALSE(ex.ok());
  return ex.status().message();
}

/// x -> relu -> y: a valid two-value graph to break in small ways.
Graph reluGraph() {
  Graph g;
  int64_t x = addValue(g, {2, 3}), y = addValue(g, {2, 3});
  g.inputs = {x};
  g.nodes.push_back(makeNode("relu", {x}, {y}, "m.mlir:4:3"));
  g.outputs = {y};
  return g;
}

/// x + 1 + 1 ... (`length` adds of a scalar) over [4, 16] floats.
Graph addChain(int length) {
  Graph g;
  int64_t prev = addValue(g, {4, 16});
  g.inputs = {prev};
  for (int i = 0; i < length; ++i) {
    int64_t next = addValue(g, {4, 16});
    Node n = makeNode("add", {prev}, {next});
    n.attrs.set("scalar", 1.0);
    g.nodes.push_back(std::move(n));
    prev = next;
  }
  g.outputs = {prev};
  return g;
}

Tensor iota(std::vector<int64_t> shape, float start = 0.0f) {
  Tensor t = Tensor::allocate(DType::f32, std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i)
    t.data<float>()[i] = start + static_cast<float>(i);
  return t;
}

} // namespace

TEST_CASE("a well-formed graph validates", "[executor]") {
  Graph g = reluGraph();
  CHECK(g.validate().ok());
  // Absent optional operands are kNoValue, not errors.
  int64_t w = addConstant(g, {3}, {1, 2, 3});
  int64_t z = addValue(g, {2, 3});
  g.nodes.push_back(makeNode("layer_norm", {1, w, kNoValue}, {z}));
  CHECK(g.validate().ok());
}

TEST_CASE("Graph::validate refuses malformed graphs", "[executor]") {
  SECTION("use before definition") {
    Graph g = reluGraph();
    int64_t a = addValue(g, {2, 3}), b = addValue(g, {2, 3});
    // b is read by the first node but defined by the second.
    g.nodes.push_back(makeNode("relu", {b}, {a}, "m.mlir:5:3"));
    g.nodes.push_back(makeNode("relu", {1}, {b}, "m.mlir:6:3"));
    std::string e = validateError(g);
    CHECK(contains(e, "node 'relu' at m.mlir:5:3"));
    CHECK(contains(e, "uses value 3 before it is defined"));
  }
  SECTION("a value defined twice") {
    Graph g = reluGraph();
    g.nodes.push_back(makeNode("sigmoid", {0}, {1}, "m.mlir:5:3"));
    std::string e = validateError(g);
    CHECK(contains(e, "node 'sigmoid' at m.mlir:5:3 redefines value 1"));
  }
  SECTION("a node overwriting a graph input or a constant") {
    Graph g = reluGraph();
    g.nodes.push_back(makeNode("sigmoid", {1}, {0}));
    CHECK(contains(validateError(g), "node 'sigmoid' redefines value 0"));
    Graph h = reluGraph();
    int64_t c = addConstant(h, {2, 3}, {1, 2, 3, 4, 5, 6});
    h.nodes.push_back(makeNode("sigmoid", {1}, {c}));
    CHECK(contains(validateError(h), "redefines value 2"));
  }
  SECTION("ids out of range") {
    Graph g = reluGraph();
    g.nodes[0].inputs = {7};
    std::string e = validateError(g);
    CHECK(contains(e, "node 'relu' at m.mlir:4:3 refers to value 7"));
    CHECK(contains(e, "the graph has 2"));

    Graph out = reluGraph();
    out.nodes[0].outputs = {kNoValue};
    CHECK(contains(validateError(out), "refers to value -1"));

    Graph negative = reluGraph();
    negative.nodes[0].inputs = {-5};
    CHECK(contains(validateError(negative), "refers to value -5"));

    Graph input = reluGraph();
    input.inputs = {2};
    CHECK(contains(validateError(input), "a graph input refers to value 2"));

    Graph output = reluGraph();
    output.outputs = {-1};
    CHECK(contains(validateError(output), "a graph output refers to value -1"));
  }
  SECTION("a constant as graph input") {
    Graph g = reluGraph();
    int64_t c = addConstant(g, {2, 3}, {1, 2, 3, 4, 5, 6});
    g.inputs.push_back(c);
    CHECK(contains(validateError(g), "graph input 2 is a constant"));
  }
  SECTION("a graph input listed twice") {
    Graph g = reluGraph();
    g.inputs.push_back(0);
    CHECK(contains(validateError(g), "value 0 is listed twice as a graph input"));
  }
  SECTION("constant data that does not fit its type") {
    Graph g = reluGraph();
    int64_t c = addConstant(g, {2, 3}, {1, 2, 3, 4, 5, 6});
    g.values[c].shape = {3, 3};
    CHECK(contains(validateError(g), "constant value 2 holds data of another "
                                     "dtype or shape than its type"));
  }
  SECTION("an output nobody defines") {
    Graph g = reluGraph();
    int64_t orphan = addValue(g, {2, 3});
    g.outputs.push_back(orphan);
    CHECK(contains(validateError(g), "graph output 2 is never defined"));
  }
}

TEST_CASE("the kernel registry explains what it cannot build", "[executor]") {
  const KernelRegistry &reg = KernelRegistry::reference();
  SECTION("an unknown kind") {
    Graph g = reluGraph();
    g.nodes[0].kind = "frobnicate";
    Expected<std::unique_ptr<Kernel>> k =
        reg.create(g.nodes[0], g, "reference");
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() ==
          "m.mlir:4:3: no reference kernel for 'frobnicate'");
    CHECK_FALSE(reg.has("frobnicate", "reference"));
    CHECK(reg.has("relu", "reference"));
  }
  SECTION("an unknown backend") {
    Graph g = reluGraph();
    Expected<std::unique_ptr<Kernel>> k = reg.create(g.nodes[0], g, "x86");
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() == "m.mlir:4:3: no x86 kernel for 'relu'");
  }
  SECTION("dtypes no kernel takes") {
    Graph g = reluGraph();
    g.values[0].dtype = g.values[1].dtype = DType::i8;
    Expected<std::unique_ptr<Kernel>> k =
        reg.create(g.nodes[0], g, "reference");
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() == "m.mlir:4:3: no reference kernel for "
                                  "'relu' takes these operand types");
    // Quantized f32 (a fake-quantized view) is not plain float either.
    Graph q = reluGraph();
    q.values[0].quant = QuantParams{{0.1}, {0}, -1};
    CHECK_FALSE(reg.create(q.nodes[0], q, "reference").ok());
  }
  SECTION("an invalid node: location and kind come first") {
    Graph g = reluGraph();
    g.values[1].shape = {3, 2};
    Expected<std::unique_ptr<Kernel>> k =
        reg.create(g.nodes[0], g, "reference");
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() == "m.mlir:4:3: relu: result has shape [3, 2], "
                                  "expected [2, 3]");
  }
  SECTION("factories are tried in registration order") {
    KernelRegistry custom;
    int tried = 0;
    custom.add(
        "relu", "reference",
        [&](const Node &, const Graph &) -> Expected<std::unique_ptr<Kernel>> {
          ++tried;
          return std::unique_ptr<Kernel>(); // declines
        });
    custom.add("relu", "reference", [&](const Node &node, const Graph &graph) {
      ++tried;
      return reg.create(node, graph, "reference");
    });
    Graph g = reluGraph();
    Expected<std::unique_ptr<Kernel>> k =
        custom.create(g.nodes[0], g, "reference");
    CHECK(k.ok());
    CHECK(tried == 2);
  }
}

TEST_CASE("the arena reuses the bytes of dead values", "[executor]") {
  std::unique_ptr<Executor> ex = makeExecutor(addChain(5));
  // Five [4, 16] f32 results (256 bytes each) alive two at a time.
  CHECK(ex->unplannedBytes() == 5 * 256);
  CHECK(ex->arenaBytes() == 2 * 256);
  CHECK(ex->arenaBytes() < ex->unplannedBytes());

  REQUIRE(ex->run({iota({4, 16})}).ok());
  REQUIRE(ex->outputs().size() == 1);
  CHECK(ex->outputs()[0].shape() == std::vector<int64_t>{4, 16});
  CHECK(values(ex->outputs()[0]) == values(iota({4, 16}, 5.0f)));
}

TEST_CASE("values alive together never share bytes", "[executor]") {
  // a = relu(x), b = relu6(a), c = a * b: a is still needed when b and c
  // are written, so the three need three buffers.
  Graph g;
  int64_t x = addValue(g, {8}), a = addValue(g, {8}), b = addValue(g, {8}),
          c = addValue(g, {8});
  g.inputs = {x};
  g.nodes.push_back(makeNode("relu", {x}, {a}));
  g.nodes.push_back(makeNode("relu6", {a}, {b}));
  g.nodes.push_back(makeNode("mul", {a, b}, {c}));
  g.outputs = {c};
  std::unique_ptr<Executor> ex = makeExecutor(std::move(g));
  CHECK(ex->arenaBytes() == 3 * 64);

  Tensor in = floats({8}, {-2, -1, 0, 1, 2, 3, 7, 10});
  REQUIRE(ex->run({in}).ok());
  CHECK(values(ex->outputs()[0]) ==
        std::vector<float>{0, 0, 0, 1, 4, 9, 42, 60});
}

TEST_CASE("graph outputs may be inputs and constants", "[executor]") {
  Graph g;
  int64_t x = addValue(g, {2});
  int64_t c = addConstant(g, {2}, {5, 6});
  g.inputs = {x};
  g.outputs = {x, c};
  std::unique_ptr<Executor> ex = makeExecutor(std::move(g));
  CHECK(ex->arenaBytes() == 0);
  REQUIRE(ex->run({floats({2}, {1, 2})}).ok());
  CHECK(values(ex->outputs()[0]) == std::vector<float>{1, 2});
  CHECK(values(ex->outputs()[1]) == std::vector<float>{5, 6});
}

TEST_CASE("run checks its inputs", "[executor]") {
  std::unique_ptr<Executor> ex = makeExecutor(reluGraph());
  Tensor good = iota({2, 3});
  SECTION("count") {
    Status s = ex->run({});
    REQUIRE_FALSE(s.ok());
    CHECK(s.message() == "expected 1 inputs, got 0");
    CHECK_FALSE(ex->run({good, good}).ok());
  }
  SECTION("shape") {
    Status s = ex->run({iota({3, 2})});
    REQUIRE_FALSE(s.ok());
    CHECK(s.message() == "input 0 does not have the graph's dtype, shape and quantization");
    CHECK_FALSE(ex->run({iota({6})}).ok());
  }
  SECTION("dtype") {
    Tensor ints = Tensor::allocate(DType::i32, {2, 3});
    CHECK_FALSE(ex->run({ints}).ok());
  }
  // A refused run leaves the executor usable.
  REQUIRE(ex->run({good}).ok());
  CHECK(values(ex->outputs()[0]) == values(iota({2, 3})));
}

TEST_CASE("repeated runs give identical results", "[executor]") {
  // A chain with real arithmetic and arena reuse: softmax(x * 0.5 + 1).
  Graph g;
  int64_t x = addValue(g, {3, 5}), a = addValue(g, {3, 5}),
          b = addValue(g, {3, 5}), y = addValue(g, {3, 5});
  g.inputs = {x};
  g.nodes.push_back(makeNode("mul", {x}, {a}));
  g.nodes.back().attrs.set("scalar", 0.5);
  g.nodes.push_back(makeNode("add", {a}, {b}));
  g.nodes.back().attrs.set("scalar", 1.0);
  g.nodes.push_back(makeNode("softmax", {b}, {y}));
  g.nodes.back().attrs.set("dim", int64_t(-1));
  g.outputs = {y};
  std::unique_ptr<Executor> ex = makeExecutor(std::move(g));

  Tensor first = iota({3, 5}), second = iota({3, 5});
  for (int64_t i = 0; i < second.numel(); ++i)
    second.data<float>()[i] = static_cast<float>(i % 4) * -1.5f;
  REQUIRE(ex->run({first}).ok());
  std::vector<float> once = values(ex->outputs()[0]);
  REQUIRE(ex->run({second}).ok());
  std::vector<float> other = values(ex->outputs()[0]);
  CHECK(other != once);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(ex->run({first}).ok());
    CHECK(values(ex->outputs()[0]) == once);
  }
  // Rows of a softmax sum to one.
  for (int64_t r = 0; r < 3; ++r) {
    float sum = 0;
    for (int64_t c = 0; c < 5; ++c)
      sum += once[r * 5 + c];
    CHECK(sum == Approx(1.0f));
  }
}

TEST_CASE("Executor::create reports graph and kernel errors", "[executor]") {
  SECTION("an invalid graph") {
    Graph g = reluGraph();
    g.outputs = {5};
    CHECK(contains(createError(std::move(g)),
                   "a graph output refers to value 5"));
  }
  SECTION("an invalid node") {
    Graph g = reluGraph();
    g.nodes[0].kind = "softmax"; // without its dim
    CHECK(createError(std::move(g)) ==
          "m.mlir:4:3: softmax: missing attribute 'dim'");
  }
  SECTION("dynamic shapes") {
    Graph g = reluGraph();
    g.values[0].shape = {-1, 3};
    g.values[1].shape = {-1, 3};
    CHECK(contains(createError(std::move(g)), "needs static shapes"));
  }
}

TEST_CASE("kernel failures at run time name the node", "[executor]") {
  // embedding: the index range is only known when the indices arrive.
  Graph g;
  int64_t idx = addValue(g, {3}, DType::i64);
  std::vector<float> table(10 * 2);
  for (size_t i = 0; i < table.size(); ++i)
    table[i] = static_cast<float>(i);
  int64_t w = addConstant(g, {10, 2}, table);
  int64_t y = addValue(g, {3, 2});
  g.inputs = {idx};
  g.nodes.push_back(makeNode("embedding", {idx, w}, {y}, "m.mlir:9:7"));
  g.outputs = {y};
  std::unique_ptr<Executor> ex = makeExecutor(std::move(g));

  Tensor indices = Tensor::allocate(DType::i64, {3});
  int64_t good[] = {9, 0, 4};
  std::memcpy(indices.raw(), good, sizeof good);
  REQUIRE(ex->run({indices}).ok());
  CHECK(values(ex->outputs()[0]) == std::vector<float>{18, 19, 0, 1, 8, 9});

  for (int64_t bad : {int64_t(10), int64_t(-1)}) {
    indices.data<int64_t>()[1] = bad;
    Status s = ex->run({indices});
    REQUIRE_FALSE(s.ok());
    CHECK(s.message() == "m.mlir:9:7: embedding: index " + std::to_string(bad) +
                             " is out of range [0, 10)");
  }
  std::memcpy(indices.raw(), good, sizeof good);
  REQUIRE(ex->run({indices}).ok());
  CHECK(values(ex->outputs()[0]) == std::vector<float>{18, 19, 0, 1, 8, 9});
}

TEST_CASE("only observer kernels expose an observer", "[executor]") {
  std::unique_ptr<Executor> ex = makeExecutor(reluGraph());
  CHECK(ex->kernel(0).observer() == nullptr);
  CHECK(ex->graph().nodes.size() == 1);
}
