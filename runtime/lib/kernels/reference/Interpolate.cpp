//===- Interpolate.cpp - quill.interpolate (F.interpolate) ----------------===//
//
// Each spatial dimension is resampled separably, as PyTorch's CPU kernels
// do: an output index reads 1 (nearest), 2 (linear) or 4 (bicubic) input
// indices with weights, and an output element is the nested weighted sum
// over the spatial dimensions, outermost first.
//
// Source coordinates follow PyTorch 1.13 exactly, in its precisions:
// - scale: with align_corners, (in-1)/(out-1) (0 when out == 1); otherwise
//   1/scale_factor when scale_factor is given (PyTorch passes the user's
//   scale when recompute_scale_factor is off), else in/out; float.
// - linear/bicubic source index: scale*o with align_corners, otherwise
//   scale*(o+0.5)-0.5 computed in double then rounded to float, clamped at 0
//   except for bicubic. Linear keeps indices unchanged when in == out.
// - nearest: min(floor(o*scale), in-1); nearest_exact:
//   min(floor((o+0.5)*scale), in-1), with scale = 1/scale_factor or in/out
//   in float. One quirk is kept: for rank 4 and 5 with one channel, a
//   contiguous input is also channels-last contiguous and 1.13 takes its
//   channels-last nearest kernel, which copies when in == out and halves
//   when out == 2*in whatever scale_factor says (so does its quantized
//   nearest kernel, for any channel count).
// - bicubic: Keys' cubic convolution with A = -0.75, taps clamped to the
//   border.
// Nearest modes only move elements, so they gather bytes for every dtype.
//
//===----------------------------------------------------------------------===//

#include "Shape.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace quill::reference {
namespace {

/// One spatial dimension: its sizes and the user's scale factor, if any.
struct Axis {
  int64_t in, out;
  std::optional<double> scaleFactor;
};

/// Input units per output unit, as PyTorch computes it (see the banner).
float axisScale(const Axis &a, bool alignCorners) {
  if (alignCorners)
    return a.out > 1
               ? static_cast<float>(a.in - 1) / static_cast<float>(a.out - 1)
               : 0.0f;
  if (a.scaleFactor && *a.scaleFactor > 0.0)
    return static_cast<float>(1.0 / *a.scaleFactor);
  return static_cast<float>(a.in) / static_cast<float>(a.out);
}

float sourceIndex(float scale, int64_t o, bool alignCorners, bool cubic) {
  if (alignCorners)
    return scale * static_cast<float>(o);
  float src = static_cast<float>(scale * (o + 0.5) - 0.5);
  return !cubic && src < 0.0f ? 0.0f : src;
}

std::vector<int64_t> nearestSources(const Axis &a, bool exact,
                                    bool channelsLastQuirk) {
  float scale = a.scaleFactor && *a.scaleFactor > 0.0
                    ? static_cast<float>(1.0 / *a.scaleFactor)
                    : static_cast<float>(a.in) / static_cast<float>(a.out);
  std::vector<int64_t> src(a.out);
  for (int64_t o = 0; o < a.out; ++o) {
    int64_t i;
    if (exact)
      i = static_cast<int64_t>(
          std::floor(static_cast<float>((o + 0.5) * scale)));
    else if (channelsLastQuirk && a.out == a.in)
      i = o;
    else if (channelsLastQuirk && a.out == 2 * a.in)
      i = o / 2;
    else
      i = static_cast<int64_t>(std::floor(static_cast<float>(o) * scale));
    src[o] = std::min(i, a.in - 1);
  }
  return src;
}

/// The input indices and weights each output index reads, `count` per
/// output index.
struct Taps {
  int64_t count = 0;
  std::vector<int64_t> index;
  std::vector<float> weight;
};

Taps linearTaps(const Axis &a, bool alignCorners) {
  Taps t{2, {}, {}};
  float scale = axisScale(a, alignCorners);
  for (int64_t o = 0; o < a.out; ++o) {
    int64_t i0 = o, i1 = o;
    float l1 = 0.0f;
    if (a.in != a.out) {
      float real = sourceIndex(scale, o, alignCorners, /*cubic=*/false);
      i0 = static_cast<int64_t>(real);
      i1 = i0 + (i0 < a.in - 1 ? 1 : 0);
      l1 = std::clamp(real - static_cast<float>(i0), 0.0f, 1.0f);
    }
    t.index.insert(t.index.end(), {i0, i1});
    t.weight.insert(t.weight.end(), {1.0f - l1, l1});
  }
  return t;
}

// Keys' cubic convolution kernel, for |x| <= 1 and 1 < |x| < 2.
float cubicNear(float x, float A) {
  return ((A + 2) * x - (A + 3)) * x * x + 1;
}
float cubicFar(float x, float A) {
  return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
}

Taps cubicTaps(const Axis &a, bool alignCorners) {
  const float A = -0.75f;
  Taps t{4, {}, {}};
  float scale = axisScale(a, alignCorners);
  for (int64_t o = 0; o < a.out; ++o) {
    float real = sourceIndex(scale, o, alignCorners, /*cubic=*/true);
    int64_t i = static_cast<int64_t>(std::floor(real));
    float x = real - static_cast<float>(i);
    float w[4] = {cubicFar(x + 1.0f, A), cubicNear(x, A),
                  cubicNear(1.0f - x, A), cubicFar(2.0f - x, A)};
    for (int64_t j = 0; j < 4; ++j) {
      t.index.push_back(std::clamp<int64_t>(i - 1 + j, 0, a.in - 1));
      t.weight.push_back(w[j]);
    }
  }
  return t;
}

/// An output coordinate within a plane (up to 3 spatial dimensions).
using Coord = std::array<int64_t, 3>;

/// The weighted resampling of every [N, C] plane; taps[d].index holds
/// element offsets within a plane.
class Resample {
public:
  Resample(std::vector<Taps> taps, int64_t planes, int64_t inPlane,
           std::vector<int64_t> outSpatial)
      : taps_(std::move(taps)), planes_(planes), inPlane_(inPlane),
        outSpatial_(std::move(outSpatial)) {}

  void run(const float *in, float *out) const {
    size_t n = outSpatial_.size();
    int64_t outPlane = numElements(outSpatial_);
    Coord o{}; // the output coordinate within a plane
    for (int64_t p = 0; p < planes_; ++p)
      for (int64_t k = 0; k < outPlane; ++k) {
        *out++ = value(in + p * inPlane_, 0, 0, o);
        for (size_t d = n; d-- > 0;) { // row-major odometer
          if (++o[d] < outSpatial_[d])
            break;
          o[d] = 0;
        }
      }
  }

private:
  // The weighted sum over dimension d of the nested sums over d+1.., at
  // output coordinate o.
  float value(const float *plane, size_t d, int64_t base,
              const Coord &o) const {
    const Taps &t = taps_[d];
    const int64_t *index = &t.index[o[d] * t.count];
    const float *weight = &t.weight[o[d] * t.count];
    // (The second test only tells the compiler that d stays in Coord.)
    bool innermost = d + 1 == taps_.size() || d + 1 == Coord().size();
    float acc = 0.0f;
    for (int64_t j = 0; j < t.count; ++j)
      acc += weight[j] * (innermost ? plane[base + index[j]]
                                    : value(plane, d + 1, base + index[j], o));
    return acc;
  }

  std::vector<Taps> taps_;
  int64_t planes_, inPlane_;
  std::vector<int64_t> outSpatial_;
};

KernelOr interpolate(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const std::vector<int64_t> &in = inputInfo(node, graph, 0).shape;
  if (in.size() < 3 || in.size() > 5)
    return Status::error("needs an input of rank 3 to 5, got rank " +
                         std::to_string(in.size()));
  size_t n = in.size() - 2;
  Expected<std::string> mode = node.attrs.get<std::string>("mode", "nearest");
  Expected<bool> alignCorners = node.attrs.get<bool>("align_corners", false);
  if (!mode.ok())
    return mode.status();
  if (!alignCorners.ok())
    return alignCorners.status();
  bool nearest = *mode == "nearest" || *mode == "nearest_exact";
  size_t needRank = *mode == "linear"                           ? 3
                    : *mode == "bilinear" || *mode == "bicubic" ? 4
                    : *mode == "trilinear"                      ? 5
                                                                : 0;
  if (!nearest && !needRank)
    return Status::error("unknown interpolate mode '" + *mode + "'");
  if (needRank && in.size() != needRank)
    return Status::error("mode " + *mode + " needs an input of rank " +
                         std::to_string(needRank) + ", got rank " +
                         std::to_string(in.size()));
  if (nearest && node.attrs.has("align_corners"))
    return Status::error("align_corners may only be set with the linear, "
                         "bilinear, bicubic and trilinear modes");

  bool bySize = node.attrs.has("size");
  if (bySize == node.attrs.has("scale_factor"))
    return Status::error("takes exactly one of size and scale_factor");
  std::vector<Axis> axes;
  if (bySize) {
    std::vector<int64_t> size;
    if (Status s = readList(node, "size", n, size); !s.ok())
      return s;
    for (size_t i = 0; i < n; ++i)
      axes.push_back({in[2 + i], size[i], std::nullopt});
  } else {
    std::vector<double> scales;
    if (Status s = readList(node, "scale_factor", n, scales); !s.ok())
      return s;
    for (size_t i = 0; i < n; ++i) {
      double s = scales[i];
      if (!(s > 0.0) || !std::isfinite(s))
        return Status::error("scale_factor entries must be positive and "
                             "finite, got " +
                             std::to_string(s));
      axes.push_back({in[2 + i], shape::scaledSize(in[2 + i], s), s});
    }
  }
  std::vector<int64_t> expected(in.begin(), in.begin() + 2);
  for (const Axis &a : axes) {
    if (a.in < 1 || a.out < 1)
      return Status::error("input and output sizes must be > 0, got " +
                           std::to_string(a.in) + " -> " +
                           std::to_string(a.out));
    expected.push_back(a.out);
  }
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;

  std::vector<int64_t> strides = rowMajorStrides(in);
  if (nearest) {
    // Nearest copies elements: a quantized result with other qparams is
    // the reference-model kernel's (quantized/QShape.cpp).
    if (requantizes(node, graph))
      return std::unique_ptr<Kernel>();
    if (Status s = checkSameElementType(node, graph); !s.ok())
      return s;
    IndexMaps maps = identityMaps(in);
    bool quirk = in.size() >= 4 && in[1] == 1;
    for (size_t i = 0; i < n; ++i) {
      maps[2 + i].clear();
      for (int64_t src :
           nearestSources(axes[i], *mode == "nearest_exact", quirk))
        maps[2 + i].push_back(src * strides[2 + i]);
    }
    return makeGatherKernel({std::move(maps)});
  }

  if (!isFloatNode(node, graph))
    return std::unique_ptr<Kernel>();
  std::vector<Taps> taps;
  for (size_t i = 0; i < n; ++i) {
    Taps t = *mode == "bicubic" ? cubicTaps(axes[i], *alignCorners)
                                : linearTaps(axes[i], *alignCorners);
    for (int64_t &index : t.index)
      index *= strides[2 + i];
    taps.push_back(std::move(t));
  }
  Resample resample(std::move(taps), in[0] * in[1], strides[1],
                    std::vector<int64_t>(expected.begin() + 2, expected.end()));
  return makeKernel([resample](const std::vector<const Tensor *> &inputs,
                               const std::vector<Tensor *> &outputs) {
    resample.run(inputs[0]->data<float>(), outputs[0]->data<float>());
    return Status::success();
  });
}

} // namespace

void registerInterpolateKernels(KernelRegistry &registry) {
  registry.add("interpolate", "reference", interpolate);
}

} // namespace quill::reference
