//===- TorchArith.cpp - PyTorch 1.13 CPU kernels whose rounding matters ---===//

#include "TorchArith.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace quill::observers::detail {
namespace {
constexpr int kLanes = 8; // Vectorized<float>::size() under AVX2
constexpr int kIlp = 4;   // rows summed side by side (ilp_factor)

// c10::utils::CeilLog2.
int64_t ceilLog2(int64_t x) {
  if (x <= 2)
    return 1;
  int64_t bits = 0;
  for (uint64_t v = static_cast<uint64_t>(x - 1); v; v >>= 1)
    ++bits;
  return bits;
}

template <int L> using Lanes = std::array<float, L>;

template <int L> void addTo(Lanes<L> &acc, const Lanes<L> &v) {
  for (int l = 0; l < L; ++l)
    acc[l] += v[l];
}

template <int L> Lanes<L> load(const float *p) {
  Lanes<L> v;
  std::copy(p, p + L, v.begin());
  return v;
}

// multi_row_sum: `size` groups of kIlp consecutive L-lane vectors, summed per
// row position with a 4-level cascade so that no accumulator sees more than
// 16 additions in a row.
template <int L>
std::array<Lanes<L>, kIlp> multiRowSum(const float *x, int64_t size) {
  constexpr int kLevels = 4;
  const int64_t levelPower = std::max<int64_t>(4, ceilLog2(size) / kLevels);
  const int64_t levelStep = int64_t(1) << levelPower;
  const int64_t levelMask = levelStep - 1;
  Lanes<L> acc[kLevels][kIlp] = {};
  auto addGroup = [&](int64_t i) {
    for (int k = 0; k < kIlp; ++k)
      addTo<L>(acc[0][k], load<L>(x + (i * kIlp + k) * L));
  };
  int64_t i = 0;
  while (i + levelStep <= size) {
    for (int64_t j = 0; j < levelStep; ++j, ++i)
      addGroup(i);
    for (int j = 1; j < kLevels; ++j) {
      for (int k = 0; k < kIlp; ++k) {
        addTo<L>(acc[j][k], acc[j - 1][k]);
        acc[j - 1][k] = {};
      }
      if ((i & (levelMask << (j * levelPower))) != 0)
        break;
    }
  }
  for (; i < size; ++i)
    addGroup(i);
  for (int j = 1; j < kLevels; ++j)
    for (int k = 0; k < kIlp; ++k)
      addTo<L>(acc[0][k], acc[j][k]);
  std::array<Lanes<L>, kIlp> out;
  for (int k = 0; k < kIlp; ++k)
    out[k] = acc[0][k];
  return out;
}

// row_sum over `count` L-lane vectors.
template <int L> Lanes<L> rowSum(const float *x, int64_t count) {
  const int64_t groups = count / kIlp;
  std::array<Lanes<L>, kIlp> partial = multiRowSum<L>(x, groups);
  for (int64_t i = groups * kIlp; i < count; ++i)
    addTo<L>(partial[0], load<L>(x + i * L));
  for (int k = 1; k < kIlp; ++k)
    addTo<L>(partial[0], partial[k]);
  return partial[0];
}
} // namespace

float cascadeSum(const float *x, int64_t n) {
  // Shorter than one vector: the scalar kernel, same cascade on 1 lane.
  if (n < kLanes)
    return rowSum<1>(x, n)[0];
  const int64_t vectors = n / kLanes;
  Lanes<kLanes> lanes = rowSum<kLanes>(x, vectors);
  float total = 0.0f;
  for (int64_t i = vectors * kLanes; i < n; ++i)
    total += x[i];
  for (float v : lanes)
    total += v;
  return total;
}

// Python's floor division: the quotient of the exactly divisible part
// a - fmod(a, b), stepped down when the remainder's sign differs from b's,
// then rounded to the nearest integer (the division may land just beside
// it). A zero divisor gives the IEEE quotient; a zero result keeps the sign
// of a / b.
float floorDivide(float a, float b) {
  if (b == 0.0f)
    return a / b;
  float mod = std::fmod(a, b);
  float div = (a - mod) / b;
  if (mod != 0.0f && (b < 0.0f) != (mod < 0.0f))
    div -= 1.0f;
  if (div == 0.0f)
    return std::copysign(0.0f, a / b);
  float floored = std::floor(div);
  if (div - floored > 0.5f)
    floored += 1.0f;
  return floored;
}

int32_t truncToInt32(float v) {
  if (v >= -2147483648.0f && v < 2147483648.0f)
    return static_cast<int32_t>(v);
  return INT32_MIN;
}

float linspaceLast(float start, float end, int64_t steps) {
  if (steps < 16 || steps % 16 != 0)
    return end;
  const float step = (end - start) / static_cast<float>(steps - 1);
  // The kernel's `end - step * 7` is compiled to one fused multiply-add; the
  // vector's last lane then adds 7 * step, rounded on its own.
  const float base = std::fma(-step, 7.0f, end);
  const float offset = 7.0f * step;
  return base + offset;
}

} // namespace quill::observers::detail
