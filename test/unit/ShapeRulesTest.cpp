// The shape formulas against sizes PyTorch produces (values from
// torch.nn modules on 1.13: e.g. resnet's stem 224 -> 112 -> 56).

#include "quill/runtime/ShapeRules.h"

#include <catch2/catch.hpp>

using namespace quill::shape;

TEST_CASE("conv output size follows torch.nn.Conv2d", "[shape]") {
  CHECK(convOutputSize(224, 7, 2, 3, 1) == 112); // resnet conv1
  CHECK(convOutputSize(56, 3, 1, 1, 1) == 56);
  CHECK(convOutputSize(8, 3, 1, 0, 2) == 4);     // dilation 2: span 5
  CHECK(convOutputSize(5, 3, 2, 0, 1) == 2);
  CHECK(convOutputSize(2, 3, 1, 0, 1) == 0);     // too small: caller rejects
  CHECK(convOutputSize(kDynamic, 3, 1, 0, 1) == kDynamic);
}

TEST_CASE("transposed conv output size", "[shape]") {
  CHECK(convTransposeOutputSize(4, 2, 2, 0, 1, 0) == 8);
  CHECK(convTransposeOutputSize(4, 3, 2, 1, 1, 1) == 8);
  CHECK(convTransposeOutputSize(5, 3, 1, 0, 2, 0) == 9);
}

TEST_CASE("pool output size with and without ceil_mode", "[shape]") {
  CHECK(poolOutputSize(112, 3, 2, 1, 1, false) == 56); // resnet maxpool
  CHECK(poolOutputSize(5, 2, 2, 0, 1, false) == 2);
  CHECK(poolOutputSize(5, 2, 2, 0, 1, true) == 3);
  // squeezenet: 111, k3 s2, ceil -> 55
  CHECK(poolOutputSize(111, 3, 2, 0, 1, true) == 55);
  // The last window would start in the right padding: dropped.
  CHECK(poolOutputSize(4, 2, 2, 1, 1, true) == 3);
  CHECK(poolOutputSize(4, 2, 2, 1, 1, false) == 3);
  CHECK(poolOutputSize(3, 2, 2, 1, 1, true) == 2);
}

TEST_CASE("dims normalize like PyTorch's wrap_dim", "[shape]") {
  CHECK(normalizeDim(-1, 4) == 3);
  CHECK(normalizeDim(0, 4) == 0);
  CHECK_FALSE(normalizeDim(4, 4).has_value());
  CHECK_FALSE(normalizeDim(-5, 4).has_value());
}

TEST_CASE("numpy broadcasting", "[shape]") {
  CHECK(*broadcastShapes({2, 3}, {3}) == std::vector<int64_t>{2, 3});
  CHECK(*broadcastShapes({4, 1, 5}, {3, 1}) == std::vector<int64_t>{4, 3, 5});
  CHECK(*broadcastShapes({}, {2}) == std::vector<int64_t>{2});
  CHECK(*broadcastShapes({kDynamic, 3}, {1, 3}) ==
        std::vector<int64_t>{kDynamic, 3});
  CHECK(*broadcastShapes({1}, {kDynamic}) == std::vector<int64_t>{kDynamic});
  CHECK_FALSE(broadcastShapes({2, 3}, {4}).has_value());
}

TEST_CASE("chunk and split piece sizes match torch.chunk/torch.split",
          "[shape]") {
  CHECK(chunkSizes(6, 4) == std::vector<int64_t>{2, 2, 2}); // fewer pieces
  CHECK(chunkSizes(5, 2) == std::vector<int64_t>{3, 2});
  CHECK(chunkSizes(4, 4) == std::vector<int64_t>{1, 1, 1, 1});
  CHECK(splitSizes(5, 2) == std::vector<int64_t>{2, 2, 1});
  CHECK(splitSizes(0, 2) == std::vector<int64_t>{0});
  CHECK(chunkSizes(kDynamic, 2).empty());
  CHECK(chunkSizes(0, 3) == std::vector<int64_t>{0, 0, 0}); // torch.chunk(empty(0), 3)
  CHECK(splitSizes(0, 0) == std::vector<int64_t>{0});       // torch.split(empty(0), 0)
  CHECK(splitSizes(3, 0).empty()); // split_size 0 needs an empty dimension
}

TEST_CASE("interpolate scaled size floors", "[shape]") {
  CHECK(scaledSize(4, 2.0) == 8);
  CHECK(scaledSize(5, 0.5) == 2);
  CHECK(scaledSize(3, 1.5) == 4);
}

TEST_CASE("element counts", "[shape]") {
  CHECK(numElements({2, 3, 4}) == 24);
  CHECK(numElements({}) == 1);
  CHECK(numElements({2, kDynamic}) == kDynamic);
}
