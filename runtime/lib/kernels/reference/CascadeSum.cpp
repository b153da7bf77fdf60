//===- CascadeSum.cpp - PyTorch 1.13's float32 sum of a contiguous row ----===//

#include "CascadeSum.h"

#include <algorithm>
#include <array>

namespace quill::reference {

namespace {

constexpr int64_t kLanes = 8;  // floats per AVX2 vector
constexpr int64_t kIlp = 4;    // interleaved accumulators
constexpr int64_t kLevels = 4; // cascade depth

/// A vector of `Width` float lanes, added lane-wise (no fused operations).
template <int64_t Width> struct Lanes {
  std::array<float, Width> v{};
  Lanes &operator+=(const Lanes &o) {
    for (int64_t i = 0; i < Width; ++i)
      v[i] += o.v[i];
    return *this;
  }
};

/// `kIlp` running sums over `rows` rows of kIlp items (item(r, k) is the
/// k-th item of row r), with the cascade: every level_step rows the level-0
/// sums move up a level, and further up while the row count is a multiple
/// of that level's step.
template <typename Item, typename Load>
std::array<Item, kIlp> multiRowSum(int64_t rows, Load load) {
  int64_t ceilLog2 = 1;
  if (rows > 2)
    for (uint64_t v = rows - 1; v >>= 1;)
      ++ceilLog2; // bit width of rows - 1
  int64_t power = std::max<int64_t>(4, ceilLog2 / kLevels);
  int64_t step = int64_t(1) << power, mask = step - 1;
  std::array<std::array<Item, kIlp>, kLevels> acc{};
  int64_t r = 0;
  while (r + step <= rows) {
    for (int64_t j = 0; j < step; ++j, ++r)
      for (int64_t k = 0; k < kIlp; ++k)
        acc[0][k] += load(r, k);
    for (int64_t level = 1; level < kLevels; ++level) {
      for (int64_t k = 0; k < kIlp; ++k) {
        acc[level][k] += acc[level - 1][k];
        acc[level - 1][k] = Item{};
      }
      if ((r & (mask << (level * power))) != 0)
        break;
    }
  }
  for (; r < rows; ++r)
    for (int64_t k = 0; k < kIlp; ++k)
      acc[0][k] += load(r, k);
  for (int64_t level = 1; level < kLevels; ++level)
    for (int64_t k = 0; k < kIlp; ++k)
      acc[0][k] += acc[level][k];
  return acc[0];
}

/// ATen's row_sum: items i = 0 .. n in kIlp interleaved sums, the leftover
/// items into the first, then the sums added in order.
template <typename Item, typename Load> Item rowSum(int64_t n, Load load) {
  int64_t rows = n / kIlp;
  std::array<Item, kIlp> partial = multiRowSum<Item>(
      rows, [&](int64_t r, int64_t k) { return load(r * kIlp + k); });
  for (int64_t i = rows * kIlp; i < n; ++i)
    partial[0] += load(i);
  for (int64_t k = 1; k < kIlp; ++k)
    partial[0] += partial[k];
  return partial[0];
}

} // namespace

float cascadeSum(const float *x, int64_t n) {
  if (n < kLanes)
    return rowSum<float>(n, [x](int64_t i) { return x[i]; });
  using Vec = Lanes<kLanes>;
  int64_t vectors = n / kLanes;
  Vec lanes = rowSum<Vec>(vectors, [x](int64_t i) {
    Vec v;
    std::copy(x + i * kLanes, x + (i + 1) * kLanes, v.v.begin());
    return v;
  });
  float sum = 0.0f;
  for (int64_t i = vectors * kLanes; i < n; ++i)
    sum += x[i];
  for (float lane : lanes.v)
    sum += lane;
  return sum;
}

} // namespace quill::reference
