//===- Pool.h - pooling windows, shared by float and quantized pools ------===//
//
// Pool.cpp's banner explains the windows. Their geometry (one span per
// output position along each spatial dimension) is computed once per node
// and serves the float pools and the quantized ones, which differ only in
// what they do with a window's elements.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_POOL_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_POOL_H

#include "KernelSupport.h"

#include <array>

namespace quill::reference {

constexpr size_t kMaxSpatial = 3;

/// The input positions `first + j * step`, j < count, that one output
/// position reads along one dimension, and the size avg pooling divides by.
struct Span {
  int64_t first = 0, count = 0, counted = 0;
};

/// One spatial dimension: the span of each output position.
struct Axis {
  int64_t step = 1;     // dilation
  int64_t inStride = 0; // input elements between neighbours in a plane
  std::vector<Span> spans;
};

// 1-d and 2-d pools run as 3-d pools with leading axes of size 1.
using Axes = std::array<Axis, kMaxSpatial>;
using Window = std::array<Span, kMaxSpatial>;

struct Geometry {
  int64_t planes = 0, inPlane = 1, outPlane = 1;
  Axes axes; // outermost first
};

/// Calls f(value) for every input element of `window`, in row-major order.
template <typename T, typename F>
void forEachTap(const T *x, const Axes &axes, const Window &window, F &&f) {
  auto at = [&](size_t d, int64_t j) {
    return (window[d].first + j * axes[d].step) * axes[d].inStride;
  };
  for (int64_t i = 0; i < window[0].count; ++i)
    for (int64_t j = 0; j < window[1].count; ++j)
      for (int64_t k = 0; k < window[2].count; ++k)
        f(x[at(0, i) + at(1, j) + at(2, k)]);
}

/// Calls f(plane, o, window) for every output position o of every plane.
template <typename F> void forEachWindow(const Geometry &g, F &&f) {
  Window window;
  for (int64_t p = 0; p < g.planes; ++p)
    for (int64_t o = 0; o < g.outPlane; ++o) {
      int64_t rest = o;
      for (size_t d = kMaxSpatial; d-- > 0;) {
        const std::vector<Span> &spans = g.axes[d].spans;
        int64_t size = static_cast<int64_t>(spans.size());
        window[d] = spans[rest % size];
        rest /= size;
      }
      f(p, o, window);
    }
}

/// The checked geometry of an avg_pool node with n spatial dimensions, and
/// its divisor_override (0 when absent).
Expected<Geometry> avgPoolGeometry(const Node &node, const Graph &graph,
                                   size_t n, int64_t &divisorOverride);

/// The checked geometry of an adaptive_avg_pool node.
Expected<Geometry> adaptivePoolGeometry(const Node &node, const Graph &graph,
                                        size_t n);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_POOL_H
