//===- Pool.cpp - max, average and adaptive pooling; mean -----------------===//
//
// One N-d implementation serves the 1-, 2- and 3-d ops: the input is a stack
// of planes ([N, C] or unbatched [C] leading dimensions) and every spatial
// dimension contributes, per output position, a span of input positions.
// Windows follow PyTorch 1.13's CPU kernels (PoolOps.td):
//   max:      taps o*stride - pad + j*dilation inside the input; NaN wins.
//   avg:      [o*stride - pad, min(that + kernel, in + pad)) counts toward
//             the divisor with count_include_pad, clipped to the input for
//             the sum; divisor_override replaces the product of the counts.
//   adaptive: [floor(o*in/out), ceil((o+1)*in/out)); the float sum is
//             divided by each extent in turn (sum / kh / kw, as PyTorch),
//             except for a 1x..x1 output, which PyTorch computes as a mean.
// Window sums run in float32 in row-major order, PyTorch's order, so these
// pools match it to the bit. A global adaptive pool and a mean over trailing
// dimensions, which PyTorch computes with its cascaded float32 sum, follow
// that sum (CascadeSum.h) and match it too; a mean over other dimensions
// (PyTorch's vectorized outer reduction) accumulates in double, closer than
// any one float32 order. Divisions are float32, as PyTorch's.
//
//===----------------------------------------------------------------------===//

#include "Pool.h"
#include "CascadeSum.h"

#include "quill/runtime/ShapeRules.h"

#include <array>
#include <cmath>
#include <limits>

namespace quill::reference {

namespace {

/// Runs `reduce(plane, axes, window)` for every output position.
template <typename Reduce>
std::unique_ptr<Kernel> poolKernel(Geometry g, Reduce reduce) {
  return makeKernel(
      [g = std::move(g), reduce](const std::vector<const Tensor *> &in,
                                 const std::vector<Tensor *> &out) {
        const float *x = in[0]->data<float>();
        float *y = out[0]->data<float>();
        forEachWindow(g, [&](int64_t p, int64_t o, const Window &window) {
          y[p * g.outPlane + o] = reduce(x + p * g.inPlane, g.axes, window);
        });
        return Status::success();
      });
}

/// The window's sum accumulated in `Acc`.
template <typename Acc>
Acc windowSum(const float *x, const Axes &axes, const Window &window) {
  Acc sum = 0;
  forEachTap(x, axes, window, [&](float v) { sum += v; });
  return sum;
}

/// The input of a pool over `n` spatial dimensions: planes and spatial sizes.
struct PoolInput {
  std::vector<int64_t> lead, spatial;
};

Expected<PoolInput> poolInput(const Node &node, const Graph &graph, size_t n) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const std::vector<int64_t> &shape = inputInfo(node, graph, 0).shape;
  if (shape.size() != n + 1 && shape.size() != n + 2)
    return Status::error("input has shape " + formatShape(shape) +
                         ", expected rank " + std::to_string(n + 1) + " or " +
                         std::to_string(n + 2));
  size_t lead = shape.size() - n;
  return PoolInput{{shape.begin(), shape.begin() + lead},
                   {shape.begin() + lead, shape.end()}};
}

/// The geometry of a pool whose `n` spatial axes have their spans; an error
/// unless the result has the shape they give.
Expected<Geometry> geometry(const Node &node, const Graph &graph,
                            const PoolInput &input, std::vector<Axis> axes) {
  Geometry g;
  std::vector<int64_t> expected = input.lead;
  g.planes = numElements(input.lead);
  size_t skip = kMaxSpatial - axes.size();
  for (size_t d = 0; d < skip; ++d)
    g.axes[d].spans = {Span{0, 1, 1}};
  for (size_t d = axes.size(); d-- > 0;) {
    axes[d].inStride = g.inPlane;
    g.inPlane *= input.spatial[d];
  }
  for (size_t d = 0; d < axes.size(); ++d) {
    int64_t size = static_cast<int64_t>(axes[d].spans.size());
    expected.push_back(size);
    g.outPlane *= size;
    g.axes[skip + d] = std::move(axes[d]);
  }
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;
  return g;
}

/// kernel_size, stride (default: the kernel), padding (at most half the
/// kernel, PyTorch 1.13's bound) and ceil_mode of max and avg pooling.
struct Windows {
  std::vector<int64_t> kernel, stride, padding, dilation;
  bool ceilMode = false;
};

Expected<Windows> readWindows(const Node &node, size_t n, bool dilated) {
  Windows w;
  w.padding.assign(n, 0);
  w.dilation.assign(n, 1);
  if (Status s = readList(node, "kernel_size", n, 1, w.kernel); !s.ok())
    return s;
  w.stride = w.kernel;
  for (Status s : {readList(node, "stride", n, 1, w.stride),
                   readList(node, "padding", n, 0, w.padding),
                   readAttr(node, "ceil_mode", w.ceilMode)})
    if (!s.ok())
      return s;
  if (dilated)
    if (Status s = readList(node, "dilation", n, 1, w.dilation); !s.ok())
      return s;
  for (size_t d = 0; d < n; ++d)
    if (w.padding[d] > w.kernel[d] / 2)
      return Status::error("padding " + std::to_string(w.padding[d]) +
                           " must be at most half of the kernel size " +
                           std::to_string(w.kernel[d]));
  return w;
}

/// The geometry of max or avg pooling: along spatial dimension d, the window
/// of output position o starts at input position o * stride - padding and
/// spanOf(w, d, start, inputSize) is its span.
template <typename SpanOf>
Expected<Geometry> windowGeometry(const Node &node, const Graph &graph,
                                  size_t n, bool dilated, SpanOf spanOf) {
  Expected<PoolInput> input = poolInput(node, graph, n);
  if (!input.ok())
    return input.status();
  Expected<Windows> w = readWindows(node, n, dilated);
  if (!w.ok())
    return w.status();
  std::vector<Axis> axes(n);
  for (size_t d = 0; d < n; ++d) {
    int64_t in = input->spatial[d];
    int64_t size =
        shape::poolOutputSize(in, w->kernel[d], w->stride[d], w->padding[d],
                              w->dilation[d], w->ceilMode);
    if (size < 1)
      return Status::error("spatial dimension " + std::to_string(d) +
                           " of size " + std::to_string(in) +
                           " gives output size " + std::to_string(size));
    axes[d].step = w->dilation[d];
    for (int64_t o = 0; o < size; ++o)
      axes[d].spans.push_back(
          spanOf(*w, d, o * w->stride[d] - w->padding[d], in));
  }
  return geometry(node, graph, *input, std::move(axes));
}

KernelOr makeMaxPool(const Node &node, const Graph &graph, size_t n) {
  Expected<Geometry> g = windowGeometry(
      node, graph, n, /*dilated=*/true,
      [](const Windows &w, size_t d, int64_t start, int64_t in) {
        // Taps start + j * dilation, j < kernel, that fall inside the input.
        int64_t dilation = w.dilation[d];
        int64_t j0 = start < 0 ? (-start + dilation - 1) / dilation : 0;
        int64_t j1 =
            std::min(w.kernel[d], (in - start + dilation - 1) / dilation);
        Span s;
        s.first = start + j0 * dilation;
        s.count = std::max<int64_t>(j1 - j0, 0);
        return s;
      });
  if (!g.ok())
    return g.status();
  return poolKernel(std::move(*g),
                    [](const float *x, const Axes &axes, const Window &window) {
                      float max = -std::numeric_limits<float>::infinity();
                      forEachTap(x, axes, window, [&](float v) {
                        if (v > max || std::isnan(v))
                          max = v;
                      });
                      return max;
                    });
}

} // namespace

Expected<Geometry> avgPoolGeometry(const Node &node, const Graph &graph,
                                   size_t n, int64_t &divisorOverride) {
  bool includePad = true;
  if (Status s = readAttr(node, "count_include_pad", includePad); !s.ok())
    return s;
  divisorOverride = 0; // absent
  if (Status s = readAttr(node, "divisor_override", divisorOverride); !s.ok())
    return s;
  if (node.attrs.has("divisor_override") && divisorOverride == 0)
    return Status::error("divisor_override must not be zero");
  return windowGeometry(
      node, graph, n, /*dilated=*/false,
      [includePad](const Windows &w, size_t d, int64_t start, int64_t in) {
        int64_t end = std::min(start + w.kernel[d], in + w.padding[d]);
        Span s;
        s.first = std::max<int64_t>(start, 0);
        s.count = std::max<int64_t>(std::min(end, in) - s.first, 0);
        s.counted = includePad ? end - start : s.count;
        return s;
      });
}

Expected<Geometry> adaptivePoolGeometry(const Node &node, const Graph &graph,
                                        size_t n) {
  Expected<PoolInput> input = poolInput(node, graph, n);
  if (!input.ok())
    return input.status();
  std::vector<int64_t> outSize;
  if (Status s = readList(node, "output_size", n, 1, outSize); !s.ok())
    return s;
  std::vector<Axis> axes(n);
  for (size_t d = 0; d < n; ++d) {
    int64_t in = input->spatial[d], out = outSize[d];
    for (int64_t o = 0; o < out; ++o) {
      Span s;
      s.first = o * in / out;
      s.count = ((o + 1) * in + out - 1) / out - s.first;
      s.counted = s.count;
      axes[d].spans.push_back(s);
    }
  }
  return geometry(node, graph, *input, std::move(axes));
}

namespace {

KernelOr makeAvgPool(const Node &node, const Graph &graph, size_t n) {
  int64_t divisorOverride = 0;
  Expected<Geometry> g = avgPoolGeometry(node, graph, n, divisorOverride);
  if (!g.ok())
    return g.status();
  return poolKernel(std::move(*g), [divisorOverride](const float *x,
                                                     const Axes &axes,
                                                     const Window &window) {
    int64_t divisor = divisorOverride;
    if (divisor == 0) {
      divisor = 1;
      for (const Span &s : window)
        divisor *= s.counted;
    }
    return windowSum<float>(x, axes, window) / static_cast<float>(divisor);
  });
}

KernelOr makeAdaptiveAvgPool(const Node &node, const Graph &graph, size_t n) {
  Expected<Geometry> g = adaptivePoolGeometry(node, graph, n);
  if (!g.ok())
    return g.status();
  bool global = true;
  for (const Axis &a : g->axes)
    global = global && a.spans.size() == 1;
  return poolKernel(std::move(*g), [global](const float *x, const Axes &axes,
                                            const Window &window) {
    if (global) { // the whole (contiguous) plane: PyTorch's mean
      int64_t count = 1;
      for (const Span &s : window)
        count *= s.count;
      return cascadeSum(x, count) / static_cast<float>(count);
    }
    float v = windowSum<float>(x, axes, window);
    for (const Span &s : window)
      v /= static_cast<float>(s.count);
    return v;
  });
}

/// Offsets (by `strides`) of every index combination of `dims` of `shape`,
/// in row-major order of those dims.
std::vector<int64_t> offsetsOver(const std::vector<int64_t> &shape,
                                 const std::vector<int64_t> &strides,
                                 const std::vector<int64_t> &dims) {
  std::vector<int64_t> offsets{0};
  for (int64_t d : dims) {
    std::vector<int64_t> next;
    next.reserve(offsets.size() * shape[d]);
    for (int64_t base : offsets)
      for (int64_t i = 0; i < shape[d]; ++i)
        next.push_back(base + i * strides[d]);
    offsets = std::move(next);
  }
  return offsets;
}

/// mean over `dims` (empty: all): the float32 sum divided by the number of
/// reduced elements in float32, as torch.mean divides its sum. Trailing
/// dims are contiguous: PyTorch's cascade sum; others: a double sum.
KernelOr makeMean(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  std::vector<int64_t> dims;
  bool keepdim = false;
  if (Status s = readAttr(node, "dims", dims); !s.ok())
    return s;
  if (Status s = readAttr(node, "keepdim", keepdim); !s.ok())
    return s;
  const std::vector<int64_t> &shape = inputInfo(node, graph, 0).shape;
  int64_t rank = static_cast<int64_t>(shape.size());
  std::vector<bool> reduced(rank, dims.empty());
  for (int64_t d : dims) {
    // Like PyTorch, a rank-0 input takes dim 0 or -1.
    std::optional<int64_t> dim =
        shape::normalizeDim(d, std::max<int64_t>(rank, 1));
    if (!dim)
      return Status::error("dim " + std::to_string(d) +
                           " is out of range for shape " + formatShape(shape));
    if (rank > 0 && reduced[*dim])
      return Status::error("dim " + std::to_string(*dim) +
                           " appears more than once in dims");
    if (rank > 0)
      reduced[*dim] = true;
  }
  std::vector<int64_t> expected, keptDims, reducedDims;
  for (int64_t d = 0; d < rank; ++d) {
    (reduced[d] ? reducedDims : keptDims).push_back(d);
    if (!reduced[d] || keepdim)
      expected.push_back(reduced[d] ? 1 : shape[d]);
  }
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;
  std::vector<int64_t> strides = rowMajorStrides(shape);
  std::vector<int64_t> kept = offsetsOver(shape, strides, keptDims);
  std::vector<int64_t> summed = offsetsOver(shape, strides, reducedDims);
  bool trailing = true;
  for (size_t i = 0; i < summed.size(); ++i)
    trailing = trailing && summed[i] == static_cast<int64_t>(i);
  return makeKernel([kept = std::move(kept), summed = std::move(summed),
                     trailing](const std::vector<const Tensor *> &in,
                               const std::vector<Tensor *> &out) {
    const float *x = in[0]->data<float>();
    float *y = out[0]->data<float>();
    int64_t n = static_cast<int64_t>(summed.size());
    for (size_t k = 0; k < kept.size(); ++k) {
      float sum;
      if (trailing) {
        sum = cascadeSum(x + kept[k], n);
      } else {
        double wide = 0;
        for (int64_t r : summed)
          wide += x[kept[k] + r];
        sum = static_cast<float>(wide);
      }
      y[k] = sum / static_cast<float>(n);
    }
    return Status::success();
  });
}

/// Registers the 1-, 2- and 3-d variants of a pool.
void addPools(KernelRegistry &registry, const std::string &prefix,
              KernelOr (*make)(const Node &, const Graph &, size_t)) {
  for (size_t n = 1; n <= kMaxSpatial; ++n)
    addFloatKernel(registry, prefix + std::to_string(n) + "d",
                   [make, n](const Node &node, const Graph &graph) {
                     return make(node, graph, n);
                   });
}

} // namespace

void registerPoolKernels(KernelRegistry &registry) {
  addPools(registry, "max_pool", makeMaxPool);
  addPools(registry, "avg_pool", makeAvgPool);
  addPools(registry, "adaptive_avg_pool", makeAdaptiveAvgPool);
  addFloatKernel(registry, "mean", makeMean);
}

} // namespace quill::reference
