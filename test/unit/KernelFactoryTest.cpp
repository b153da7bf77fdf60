// The reference kernel factories on nodes built by hand: the invalid nodes
// the MLIR verifiers normally reject first (an artifact loader or a pass bug
// could still produce them) must give a clear error that starts with the
// node's location and kind, never a crash; dtypes a kernel does not handle
// are declined, not errors.

#include "GraphBuilder.h"

#include "quill/runtime/Kernel.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace quill;
using namespace quill::test;

namespace {

using Shapes = std::vector<std::vector<int64_t>>;

const char *const kLocation = "k.mlir:3:5";

/// A graph of one `kind` node over fresh f32 values of the given shapes.
Graph oneNode(const std::string &kind, const Shapes &inputs,
              const Shapes &outputs) {
  Graph g;
  Node n = makeNode(kind, {}, {}, kLocation);
  for (const std::vector<int64_t> &s : inputs)
    n.inputs.push_back(addValue(g, s));
  for (const std::vector<int64_t> &s : outputs)
    n.outputs.push_back(addValue(g, s));
  g.nodes.push_back(std::move(n));
  return g;
}

Node &node(Graph &g) { return g.nodes[0]; }

Expected<std::unique_ptr<Kernel>> create(const Graph &g) {
  return KernelRegistry::reference().create(g.nodes[0], g, "reference");
}

/// The factory's message for the graph's node, which must be refused;
/// checks that the location and kind lead it and returns the rest.
std::string factoryError(const Graph &g) {
  Expected<std::unique_ptr<Kernel>> k = create(g);
  REQUIRE_FALSE(k.ok());
  std::string message = k.status().message();
  std::string prefix = std::string(kLocation) + ": " + g.nodes[0].kind + ": ";
  INFO(message);
  REQUIRE(message.compare(0, prefix.size(), prefix) == 0);
  return message.substr(prefix.size());
}

bool builds(const Graph &g) {
  Expected<std::unique_ptr<Kernel>> k = create(g);
  INFO(k.status().message());
  return k.ok() && *k;
}

/// x [1, 3, 8, 8] * w [4, 3, 3, 3] (+ b [4]) -> [1, 4, 6, 6].
Graph conv2d(bool bias = false) {
  Shapes in = {{1, 3, 8, 8}, {4, 3, 3, 3}};
  if (bias)
    in.push_back({4});
  return oneNode("conv2d", in, {{1, 4, 6, 6}});
}

/// A one-layer LSTM over [T=5, N=1, I=3] with hidden size 4, biases.
Graph lstm() {
  Graph g = oneNode(
      "lstm", {{5, 1, 3}, {1, 1, 4}, {1, 1, 4}, {16, 3}, {16, 4}, {16}, {16}},
      {{5, 1, 4}, {1, 1, 4}, {1, 1, 4}});
  node(g).attrs.set("hidden_size", int64_t(4));
  return g;
}

} // namespace

TEST_CASE("the well-formed nodes used below build", "[kernels]") {
  CHECK(builds(conv2d()));
  CHECK(builds(conv2d(/*bias=*/true)));
  CHECK(builds(lstm()));
}

TEST_CASE("conv factories check channels, attributes and shapes", "[kernels]") {
  SECTION("input channels the weight does not expect") {
    Graph g = oneNode("conv2d", {{1, 3, 8, 8}, {4, 2, 3, 3}}, {{1, 4, 6, 6}});
    CHECK(factoryError(g) == "input has 3 channels but the weight [4, 2, 3, "
                             "3] with groups 1 expects 2");
  }
  SECTION("groups that do not divide the channels") {
    Graph g = oneNode("conv2d", {{1, 4, 8, 8}, {6, 1, 3, 3}}, {{1, 6, 6, 6}});
    node(g).attrs.set("groups", int64_t(4));
    CHECK(factoryError(g) == "groups (4) must divide the input channels (4) "
                             "and output channels (6)");
    node(g).attrs.set("groups", int64_t(0));
    CHECK(factoryError(g) == "groups must be >= 1, got 0");
  }
  SECTION("a bias of the wrong size") {
    Graph g = conv2d(/*bias=*/true);
    g.values[2].shape = {3};
    CHECK(factoryError(g) == "bias has shape [3], expected [4]");
  }
  SECTION("a missing weight or result") {
    Graph g = conv2d();
    node(g).inputs[1] = kNoValue;
    CHECK(factoryError(g) == "input #1 is missing");
    Graph noResult = conv2d();
    node(noResult).outputs.clear();
    CHECK(factoryError(noResult) ==
          "expected 2 inputs and 1 outputs, got 2 and 0");
    Graph four = conv2d(/*bias=*/true);
    node(four).inputs.push_back(node(four).inputs[2]);
    CHECK(factoryError(four) ==
          "expected input, weight and an optional bias, got 4 operands");
  }
  SECTION("list attributes of the wrong length, value or type") {
    Graph g = conv2d();
    node(g).attrs.set("stride", std::vector<int64_t>{1});
    CHECK(factoryError(g) == "stride has 1 entries, expected 2");
    node(g).attrs.set("stride", std::vector<int64_t>{1, 0});
    CHECK(factoryError(g) == "stride entries must be >= 1, got [1, 0]");
    node(g).attrs.set("stride", std::vector<double>{1, 1});
    CHECK(factoryError(g) == "attribute 'stride' has the wrong type");
    Graph pad = conv2d();
    node(pad).attrs.set("padding", std::vector<int64_t>{-1, 0});
    CHECK(factoryError(pad) == "padding entries must be >= 0, got [-1, 0]");
  }
  SECTION("an unknown fused activation") {
    Graph g = conv2d();
    node(g).attrs.set("fused_activation", std::string("gelu"));
    CHECK(factoryError(g) == "unsupported fused_activation 'gelu'");
    node(g).attrs.set("fused_activation", true);
    CHECK(factoryError(g) == "attribute 'fused_activation' has the wrong type");
  }
  SECTION("result and spatial sizes") {
    Graph g = conv2d();
    g.values[2].shape = {1, 4, 8, 8};
    CHECK(factoryError(g) == "result has shape [1, 4, 8, 8], expected [1, "
                             "4, 6, 6]");
    Graph small =
        oneNode("conv2d", {{1, 3, 2, 8}, {4, 3, 3, 3}}, {{1, 4, 1, 6}});
    CHECK(factoryError(small) ==
          "spatial dimension 0 of size 2 gives output size 0");
    Graph rank = oneNode("conv1d", {{1, 3, 8}, {4, 3, 3, 3}}, {{1, 4, 6}});
    CHECK(factoryError(rank) == "weight must have rank 3, got shape [4, 3, 3, "
                                "3]");
  }
  SECTION("output_padding of a transposed convolution") {
    Graph g = oneNode("conv_transpose2d", {{1, 3, 4, 4}, {3, 2, 3, 3}},
                      {{1, 2, 6, 6}});
    CHECK(builds(g));
    node(g).attrs.set("output_padding", std::vector<int64_t>{1, 0});
    CHECK(factoryError(g) == "output_padding [1, 0] must be smaller than the "
                             "stride [1, 1] or the dilation [1, 1]");
  }
  SECTION("quantized operands are declined, not errors") {
    Graph g = conv2d();
    for (ValueInfo &v : g.values)
      v.dtype = DType::i8;
    Expected<std::unique_ptr<Kernel>> k = create(g);
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() == std::string(kLocation) +
                                      ": no reference kernel for 'conv2d' "
                                      "takes these operand types");
  }
}

TEST_CASE("linear and matmul factories check shapes", "[kernels]") {
  Graph g = oneNode("linear", {{2, 5}, {3, 4}}, {{2, 3}});
  CHECK(factoryError(g) == "input has 5 features but the weight [3, 4] "
                           "expects 4");
  Graph mm = oneNode("matmul", {{2, 5}, {4, 3}}, {{2, 3}});
  CHECK(factoryError(mm) == "contracting dimensions differ: lhs has 5, rhs "
                            "has 4");
  Graph batch = oneNode("matmul", {{2, 2, 2, 5}, {3, 5, 3}}, {{2, 3, 2, 3}});
  CHECK(factoryError(batch) ==
        "batch dimensions [2, 2] and [3] do not broadcast");
  Graph bmm = oneNode("batch_matmul", {{2, 2, 5}}, {{2, 2, 3}});
  CHECK(factoryError(bmm) == "expected 2 inputs and 1 outputs, got 1 and 1");
}

TEST_CASE("pad refuses amounts that leave no dimension", "[kernels]") {
  SECTION("negative amounts beyond the size") {
    Graph g = oneNode("pad", {{2, 3}}, {{2, 1}});
    node(g).attrs.set("pad", std::vector<int64_t>{-2, -2});
    CHECK(factoryError(g) == "padding (-2, -2) of dimension 1 (size 3) "
                             "leaves a negative or huge size");
    node(g).attrs.set("pad", std::vector<int64_t>{-1, -1});
    CHECK(builds(g)); // crops to [2, 1]
  }
  SECTION("amounts that overflow") {
    Graph g = oneNode("pad", {{2, 3}}, {{2, 3}});
    int64_t huge = std::numeric_limits<int64_t>::max();
    node(g).attrs.set("pad", std::vector<int64_t>{huge, huge});
    CHECK(factoryError(g) == "padding (" + std::to_string(huge) + ", " +
                                 std::to_string(huge) +
                                 ") of dimension 1 (size 3) leaves a negative "
                                 "or huge size");
  }
  SECTION("mode rules") {
    Graph g = oneNode("pad", {{2, 3}}, {{2, 6}});
    node(g).attrs.set("pad", std::vector<int64_t>{3, 0});
    node(g).attrs.set("mode", std::string("reflect"));
    CHECK(factoryError(g) == "reflect padding (3, 0) of dimension 1 (size 3) "
                             "must be smaller than the dimension");
    node(g).attrs.set("pad", std::vector<int64_t>{-1, 0});
    CHECK(factoryError(g) == "negative padding (-1, 0) of dimension 1 (size "
                             "3) is only allowed in constant mode");
    node(g).attrs.set("mode", std::string("wrap"));
    CHECK(factoryError(g) == "unknown pad mode 'wrap'");
  }
  SECTION("the pad list itself") {
    Graph g = oneNode("pad", {{2, 3}}, {{2, 3}});
    CHECK(factoryError(g) == "missing attribute 'pad'");
    node(g).attrs.set("pad", std::vector<int64_t>{1, 1, 1});
    CHECK(factoryError(g) ==
          "pad must have an even number of entries, at most 4, got 3");
    node(g).attrs.set("pad", std::vector<int64_t>{0, 0, 0, 0, 0, 0});
    CHECK(factoryError(g) ==
          "pad must have an even number of entries, at most 4, got 6");
  }
}

TEST_CASE("pixel_shuffle refuses bad upscale factors", "[kernels]") {
  Graph g = oneNode("pixel_shuffle", {{1, 8, 2, 2}}, {{1, 2, 4, 4}});
  node(g).attrs.set("upscale_factor", int64_t(3));
  CHECK(factoryError(g) ==
        "channels (8) must be divisible by upscale_factor^2 (3^2)");
  node(g).attrs.set("upscale_factor", int64_t(0));
  CHECK(factoryError(g) ==
        "channels (8) must be divisible by upscale_factor^2 (0^2)");
  node(g).attrs.set("upscale_factor", int64_t(-2));
  CHECK(factoryError(g) ==
        "channels (8) must be divisible by upscale_factor^2 (-2^2)");
  node(g).attrs.set("upscale_factor", 2.0);
  CHECK(factoryError(g) == "attribute 'upscale_factor' has the wrong type");
  node(g).attrs = Attributes();
  CHECK(factoryError(g) == "missing attribute 'upscale_factor'");

  Graph rank = oneNode("pixel_shuffle", {{8, 2}}, {{8, 2}});
  node(rank).attrs.set("upscale_factor", int64_t(2));
  CHECK(factoryError(rank) == "pixel_shuffle needs an input of rank >= 3, "
                              "got 2");
  // A factor whose product with a spatial size overflows int64.
  Graph huge =
      oneNode("pixel_shuffle", {{1, 0, int64_t(1) << 33, 1}}, {{1, 0, 1, 1}});
  node(huge).attrs.set("upscale_factor", int64_t(1) << 31);
  CHECK(factoryError(huge) ==
        "upscale_factor 2147483648 makes dimension 2 huge");
}

TEST_CASE("embedding factories check indices and weights", "[kernels]") {
  Graph g = oneNode("embedding", {{3}, {10, 2}}, {{3, 2}});
  g.values[0].dtype = DType::i64;
  CHECK(builds(g));
  g.values[0].dtype = DType::f32;
  CHECK(factoryError(g) == "indices must be i32 or i64");
  g.values[0].dtype = DType::i32;
  node(g).attrs.set("padding_idx", int64_t(10));
  CHECK(factoryError(g) == "padding_idx 10 is out of range [-10, 10)");
  node(g).attrs.set("padding_idx", int64_t(-11));
  CHECK(factoryError(g) == "padding_idx -11 is out of range [-10, 10)");

  Graph bag = oneNode("embedding_bag", {{4}, {10, 2}, {2}, {4}}, {{2, 2}});
  bag.values[0].dtype = bag.values[2].dtype = DType::i64;
  CHECK(factoryError(bag) ==
        "per_sample_weights are only supported with mode sum");
  node(bag).inputs[2] = kNoValue;
  CHECK(factoryError(bag) == "offsets are required when indices are 1-d");
  node(bag).inputs.pop_back();
  CHECK(factoryError(bag) == "expects indices, weight, offsets, "
                             "per_sample_weights and one result");
}

TEST_CASE("recurrent factories check operand counts", "[kernels]") {
  SECTION("a missing weight") {
    Graph g = lstm();
    node(g).inputs.pop_back();
    CHECK(factoryError(g) ==
          "expects input, h0, c0, then 4 weights per layer and direction (1 "
          "x 1), and 3 results");
  }
  SECTION("biases the node says it lacks") {
    Graph g = lstm();
    node(g).attrs.set("has_biases", false);
    CHECK(factoryError(g) ==
          "expects input, h0, c0, then 2 weights per layer and direction (1 "
          "x 1), and 3 results");
  }
  SECTION("a layer count far beyond the operands") {
    Graph g = lstm();
    node(g).attrs.set("num_layers", int64_t(1) << 62);
    node(g).attrs.set("bidirectional", true);
    CHECK(factoryError(g) == "expects input, h0, c0, then 4 weights per "
                             "layer and direction (4611686018427387904 x "
                             "2), and 3 results");
  }
  SECTION("a gru with an lstm's results") {
    Graph g =
        oneNode("gru", {{5, 1, 3}, {1, 1, 4}, {12, 3}, {12, 4}, {12}, {12}},
                {{5, 1, 4}, {1, 1, 4}, {1, 1, 4}});
    node(g).attrs.set("hidden_size", int64_t(4));
    CHECK(factoryError(g) == "expects input, h0, then 4 weights per layer "
                             "and direction (1 x 1), and 2 results");
    node(g).outputs.pop_back();
    CHECK(builds(g));
  }
  SECTION("shapes and states") {
    Graph g = lstm();
    g.values[4].shape = {16, 3};
    CHECK(factoryError(g) == "layer 0 w_hh has shape [16, 3], expected "
                             "[16, 4]");
    Graph states = lstm();
    node(states).inputs[2] = kNoValue;
    CHECK(factoryError(states) == "h0 and c0 must be given together");
    Graph missing = lstm();
    node(missing).inputs[3] = kNoValue;
    CHECK(factoryError(missing) == "layer 0 w_ih is missing");
  }
  SECTION("attributes") {
    Graph g = lstm();
    node(g).attrs = Attributes();
    CHECK(factoryError(g) == "missing attribute 'hidden_size'");
    node(g).attrs.set("hidden_size", 4.0);
    CHECK(factoryError(g) == "attribute 'hidden_size' has the wrong type");
    node(g).attrs.set("hidden_size", int64_t(0));
    CHECK(factoryError(g) == "hidden_size and num_layers must be >= 1");
  }
}

TEST_CASE("required attributes and attribute types", "[kernels]") {
  SECTION("missing") {
    Graph softmax = oneNode("softmax", {{2, 3}}, {{2, 3}});
    CHECK(factoryError(softmax) == "missing attribute 'dim'");
    Graph groupNorm = oneNode("group_norm", {{2, 4, 3}}, {{2, 4, 3}});
    node(groupNorm).inputs.resize(3, kNoValue); // no weight, no bias
    CHECK(factoryError(groupNorm) == "missing attribute 'num_groups'");
    Graph pool = oneNode("max_pool2d", {{1, 1, 4, 4}}, {{1, 1, 2, 2}});
    CHECK(factoryError(pool) == "missing attribute 'kernel_size'");
    Graph adaptive = oneNode("adaptive_avg_pool1d", {{1, 4}}, {{1, 2}});
    CHECK(factoryError(adaptive) == "missing attribute 'output_size'");
    Graph layerNorm = oneNode("layer_norm", {{2, 3}, {3}, {3}}, {{2, 3}});
    CHECK(factoryError(layerNorm) == "missing attribute 'normalized_shape'");
    Graph permute = oneNode("permute", {{2, 3}}, {{3, 2}});
    CHECK(factoryError(permute) == "missing attribute 'dims'");
    Graph mha =
        oneNode("multihead_attention",
                {{2, 4}, {2, 4}, {2, 4}, {12, 4}, {12}, {4, 4}, {4}}, {{2, 4}});
    node(mha).inputs.push_back(kNoValue);
    node(mha).inputs.push_back(kNoValue);
    CHECK(factoryError(mha) == "missing attribute 'num_heads'");
    node(mha).attrs.set("num_heads", int64_t(2));
    CHECK(builds(mha));
    node(mha).inputs.pop_back();
    CHECK(factoryError(mha) == "expects 9 operands (absent optional ones as "
                               "placeholders) and 1 or 2 results");
  }
  SECTION("the wrong type") {
    Graph leaky = oneNode("leaky_relu", {{4}}, {{4}});
    node(leaky).attrs.set("negative_slope", int64_t(1));
    CHECK(factoryError(leaky) == "attribute 'negative_slope' has the wrong "
                                 "type");
    Graph transpose = oneNode("transpose", {{2, 3}}, {{3, 2}});
    node(transpose).attrs.set("dim0", std::string("0"));
    node(transpose).attrs.set("dim1", int64_t(1));
    CHECK(factoryError(transpose) == "attribute 'dim0' has the wrong type");
    Graph mean = oneNode("mean", {{2, 3}}, {{2}});
    node(mean).attrs.set("dims", std::vector<int64_t>{1});
    node(mean).attrs.set("keepdim", int64_t(0));
    CHECK(factoryError(mean) == "attribute 'keepdim' has the wrong type");
    Graph interp = oneNode("interpolate", {{1, 1, 4}}, {{1, 1, 8}});
    node(interp).attrs.set("scale_factor", std::vector<int64_t>{2});
    CHECK(factoryError(interp) == "attribute 'scale_factor' has the wrong "
                                  "type");
  }
  SECTION("unknown enum cases") {
    Graph gelu = oneNode("gelu", {{4}}, {{4}});
    node(gelu).attrs.set("approximate", std::string("fast"));
    CHECK(factoryError(gelu) == "unknown approximate 'fast'");
    Graph div = oneNode("div", {{4}, {4}}, {{4}});
    node(div).attrs.set("rounding_mode", std::string("round"));
    CHECK(factoryError(div) == "unknown rounding_mode 'round'");
    Graph interp = oneNode("interpolate", {{1, 1, 4}}, {{1, 1, 8}});
    node(interp).attrs.set("size", std::vector<int64_t>{8});
    node(interp).attrs.set("mode", std::string("area"));
    CHECK(factoryError(interp) == "unknown interpolate mode 'area'");
  }
}

TEST_CASE("elementwise, norm and pool factories check their nodes",
          "[kernels]") {
  SECTION("absent required operands and results") {
    Graph relu = oneNode("relu", {{4}}, {{4}});
    node(relu).inputs[0] = kNoValue;
    CHECK(factoryError(relu) == "input #0 is missing");
    Graph add = oneNode("add", {{4}, {4}}, {{4}});
    node(add).inputs[1] = kNoValue;
    CHECK(factoryError(add) == "input #1 is missing");
    Graph pool = oneNode("avg_pool1d", {{1, 4}}, {});
    node(pool).attrs.set("kernel_size", std::vector<int64_t>{2});
    CHECK(factoryError(pool) == "expected 1 inputs and 1 outputs, got 1 and "
                                "0");
    Graph bn = oneNode("batch_norm", {{2, 3}, {3}, {3}, {3}, {3}}, {{2, 3}});
    CHECK(builds(bn));
    node(bn).inputs[1] = kNoValue;
    CHECK(factoryError(bn) == "needs running_mean and running_var");
  }
  SECTION("broadcasting and operands") {
    Graph add = oneNode("add", {{2, 3}, {4}}, {{2, 3}});
    CHECK(factoryError(add) == "operand shapes [2, 3] and [4] do not "
                               "broadcast");
    Graph both = oneNode("add", {{2, 3}, {3}}, {{2, 3}});
    node(both).attrs.set("scalar", 1.0);
    CHECK(factoryError(both) == "takes exactly one of a tensor right operand "
                                "and a scalar");
  }
  SECTION("dimensions") {
    Graph softmax = oneNode("softmax", {{2, 3}}, {{2, 3}});
    node(softmax).attrs.set("dim", int64_t(2));
    CHECK(factoryError(softmax) == "dim 2 is out of range for rank 2");
    Graph cat = oneNode("cat", {{}, {}}, {{2}});
    CHECK(factoryError(cat) == "cannot concatenate rank-0 inputs");
    Graph stack = oneNode("stack", {{2}, {2}}, {{2, 2}});
    node(stack).attrs.set("dim", int64_t(-4));
    CHECK(factoryError(stack) == "dim -4 is out of range for rank 2");
  }
  SECTION("norm and pool parameters") {
    Graph groupNorm = oneNode("group_norm", {{2, 6, 3}}, {{2, 6, 3}});
    node(groupNorm).inputs.resize(3, kNoValue);
    node(groupNorm).attrs.set("num_groups", int64_t(4));
    CHECK(factoryError(groupNorm) == "num_groups 4 does not divide the 6 "
                                     "channels");
    Graph layerNorm = oneNode("layer_norm", {{2, 3}, {2}, {2}}, {{2, 3}});
    node(layerNorm).attrs.set("normalized_shape", std::vector<int64_t>{2});
    CHECK(factoryError(layerNorm) == "normalized_shape [2] is not the "
                                     "trailing part of the input shape [2, "
                                     "3]");
    Graph pool = oneNode("max_pool2d", {{1, 1, 4, 4}}, {{1, 1, 2, 2}});
    node(pool).attrs.set("kernel_size", std::vector<int64_t>{2, 2});
    CHECK(builds(pool));
    node(pool).attrs.set("padding", std::vector<int64_t>{2, 0});
    CHECK(factoryError(pool) == "padding 2 must be at most half of the "
                                "kernel size 2");
    node(pool).attrs.set("kernel_size", std::vector<int64_t>{2});
    CHECK(factoryError(pool) == "kernel_size has 1 entries, expected 2");
  }
  SECTION("interpolate") {
    Graph g = oneNode("interpolate", {{1, 1, 4}}, {{1, 1, 8}});
    CHECK(factoryError(g) == "takes exactly one of size and scale_factor");
    node(g).attrs.set("size", std::vector<int64_t>{8, 8});
    CHECK(factoryError(g) == "size has 2 entries, expected 1");
  }
}
