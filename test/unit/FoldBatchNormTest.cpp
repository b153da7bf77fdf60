// Batch-norm folding arithmetic (passes/lib/FoldBatchNorm.h) against PyTorch:
// test/unit/data/fold_bn_cases.json holds the inputs and the weight and bias
// that torch.nn.utils.fusion.fuse_conv_bn_eval / fuse_linear_bn_eval computed
// for them (scripts/gen_fold_bn_data.py). Quill computes in the same float32
// order, so the results must be bit-identical: 0 ulp.

#include "FoldBatchNorm.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

using namespace mlir::quill;
namespace json = llvm::json;

namespace {
std::vector<float> floats(const json::Object &c, llvm::StringRef key) {
  std::vector<float> out;
  if (const json::Array *a = c.getArray(key))
    for (const json::Value &v : *a)
      out.push_back(static_cast<float>(*v.getAsNumber()));
  return out;
}

// Distance in representable floats (same sign assumed near equality).
int64_t ulpDistance(float a, float b) {
  int32_t ia, ib;
  std::memcpy(&ia, &a, 4);
  std::memcpy(&ib, &b, 4);
  if ((ia < 0) != (ib < 0))
    return a == b ? 0 : INT32_MAX;
  return std::abs(int64_t(ia) - int64_t(ib));
}

int64_t maxUlp(const std::vector<float> &got, const std::vector<float> &want) {
  REQUIRE(got.size() == want.size());
  int64_t worst = 0;
  for (size_t i = 0; i < got.size(); ++i)
    worst = std::max(worst, ulpDistance(got[i], want[i]));
  return worst;
}

json::Value loadCases() {
  auto buffer = llvm::MemoryBuffer::getFile(QUILL_FOLD_BN_CASES);
  REQUIRE(buffer);
  llvm::Expected<json::Value> doc = json::parse((*buffer)->getBuffer());
  REQUIRE(bool(doc));
  return std::move(*doc);
}
} // namespace

TEST_CASE("batch-norm folding is bit-identical to PyTorch's fuse", "[fuse]") {
  json::Value doc = loadCases();
  const json::Array *cases = doc.getAsObject()->getArray("cases");
  REQUIRE(cases);
  REQUIRE(cases->size() >= 10);
  for (const json::Value &v : *cases) {
    const json::Object &c = *v.getAsObject();
    DYNAMIC_SECTION(c.getString("name")->str()) {
      std::vector<float> weight = floats(c, "weight"), bias = floats(c, "bias"),
                         mean = floats(c, "running_mean"),
                         var = floats(c, "running_var"),
                         gamma = floats(c, "gamma"), beta = floats(c, "beta");
      std::vector<int64_t> shape;
      for (const json::Value &d : *c.getArray("weight_shape"))
        shape.push_back(*d.getAsInteger());
      BatchNormParams bn{mean, var, gamma, beta, *c.getNumber("eps")};
      BiasFoldOrder order = *c.getString("order") == "linear"
                                ? BiasFoldOrder::Linear
                                : BiasFoldOrder::Conv;
      FoldedWeights got = foldBatchNorm(
          weight, shape, *c.getInteger("channel_axis"), bias, bn, order);
      CHECK(maxUlp(got.weight, floats(c, "expected_weight")) == 0);
      CHECK(maxUlp(got.bias, floats(c, "expected_bias")) == 0);
    }
  }
}

TEST_CASE("batch-norm folding follows the formula on a hand-made case",
          "[fuse]") {
  // One channel per row of a 2x2 linear weight: var + eps = 4 -> inv = 0.5.
  std::vector<float> w = {1, 2, 3, 4}, b = {1, -1};
  std::vector<float> mean = {1, 1}, var = {4, 4}, gamma = {2, 1},
                     beta = {0.5, 0};
  BatchNormParams bn{mean, var, gamma, beta, 0.0};
  FoldedWeights f = foldBatchNorm(w, {2, 2}, 0, b, bn, BiasFoldOrder::Linear);
  // scale = gamma * inv = {1, 0.5}; b' = (b - mean) * scale + beta.
  CHECK(f.weight == std::vector<float>{1, 2, 1.5, 2});
  CHECK(f.bias == std::vector<float>{0.5, -1});

  SECTION("transposed: the channel is dimension 1") {
    FoldedWeights t = foldBatchNorm(w, {2, 2}, 1, {}, bn, BiasFoldOrder::Conv);
    CHECK(t.weight == std::vector<float>{1, 1, 3, 2});
    // No bias: b' = (0 - mean) * inv * gamma + beta.
    CHECK(t.bias == std::vector<float>{-0.5, -0.5});
  }
  SECTION("affine=False: gamma ones, beta zeros") {
    BatchNormParams plain{mean, var, {}, {}, 0.0};
    FoldedWeights p =
        foldBatchNorm(w, {2, 2}, 0, b, plain, BiasFoldOrder::Conv);
    CHECK(p.weight == std::vector<float>{0.5, 1, 1.5, 2});
    CHECK(p.bias == std::vector<float>{0, -1});
  }
}
