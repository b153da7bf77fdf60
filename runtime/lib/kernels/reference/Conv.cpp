//===- Conv.cpp - convolutions and transposed convolutions, 1-d to 3-d ----===//
//
// One gather formulation serves all six ops. Each output element is
//
//   y[b, oc, o] = bias[oc] + sum_{ic in oc's group} sum_{taps k}
//                 x[b, ic, i(o, k)] * w(oc, ic, k)
//
// where, along every spatial dimension,
//   conv:           i = o*stride - padding + k*dilation
//   conv_transpose: i = (o + padding - k*dilation) / stride, when that
//                   division is exact (o = i*stride - padding + k*dilation)
// and taps whose i falls outside the input contribute nothing (zero
// padding). Only the per-dimension index map and the weight layout differ:
//   conv:           w is [C_out, C_in/groups, k...]
//   conv_transpose: w is [C_in, C_out/groups, k...]
//
// The sum runs in float in PyTorch 1.13's CPU order for its Slow2d/Slow3d
// path (im2col + the reference BLAS sgemm, netlib's loop order): it starts
// from the bias (0 without one) and adds x * w over the input channels in
// order, each channel's taps in row-major kernel order; products are
// rounded to float, no fused multiply-add. PyTorch takes that path for
// ungrouped 1-d to 3-d convolutions of one sample
// (torch._C._select_conv_backend: Slow2d, Slow3d), whose outputs are then
// equal to PyTorch's bit for bit — so calibration sees PyTorch's exact
// activations (test_kernels_conv.py checks). Grouped convolutions and
// batches of several samples run in oneDNN there, in a blocked order we do
// not follow: last-bit differences.
//
//===----------------------------------------------------------------------===//

#include "Conv.h"

#include "quill/runtime/ShapeRules.h"

#include <algorithm>
#include <string>

namespace quill::reference {

namespace {

/// Row-major coordinates of `flat` in a box of `sizes`.
void unflatten(int64_t flat, const std::vector<int64_t> &sizes,
               std::vector<int64_t> &coords) {
  for (size_t d = sizes.size(); d-- > 0;) {
    coords[d] = flat % sizes[d];
    flat /= sizes[d];
  }
}

} // namespace

ConvTaps::ConvTaps(const ConvPlan &p)
    : valid(p.taps), offsets(p.taps), outCoords(p.outSizes.size()),
      tapCoords(p.outSizes.size()) {}

int64_t ConvTaps::gather(const ConvPlan &p, int64_t o) {
  unflatten(o, p.outSizes, outCoords);
  int64_t count = 0;
  for (int64_t t = 0; t < p.taps; ++t) {
    unflatten(t, p.kernelSizes, tapCoords);
    int64_t offset = 0;
    bool inside = true;
    for (size_t d = 0; d < outCoords.size() && inside; ++d) {
      int64_t i =
          p.inputOffset[d][outCoords[d] * p.kernelSizes[d] + tapCoords[d]];
      inside = i >= 0;
      offset += i;
    }
    if (inside) {
      valid[count] = t;
      offsets[count++] = offset;
    }
  }
  return count;
}

/// Checks a conv (or transposed conv, `transposed`) node with n spatial
/// dimensions against PyTorch's rules and plans it.
Expected<ConvPlan> planConv(const Node &node, const Graph &graph, size_t n,
                            bool transposed) {
  if (node.inputs.size() != 2 && node.inputs.size() != 3)
    return Status::error("expected input, weight and an optional bias, got " +
                         std::to_string(node.inputs.size()) + " operands");
  if (Status s = checkArity(node, graph, node.inputs.size(), 1, {2}); !s.ok())
    return s;
  ConvPlan p;
  p.hasBias = node.inputs.size() == 3 && node.inputs[2] != kNoValue;
  const std::vector<int64_t> &in = inputInfo(node, graph, 0).shape;
  const std::vector<int64_t> &w = inputInfo(node, graph, 1).shape;
  const std::vector<int64_t> &out = outputInfo(node, graph, 0).shape;
  if (w.size() != n + 2)
    return Status::error("weight must have rank " + std::to_string(n + 2) +
                         ", got shape " + formatShape(w));
  for (size_t d = 0; d < n; ++d)
    if (w[2 + d] < 1)
      return Status::error("kernel sizes must be >= 1, got weight shape " +
                           formatShape(w));
  // [N, C, spatial...], or unbatched [C, spatial...].
  if (in.size() != n + 2 && in.size() != n + 1)
    return Status::error("input must have rank " + std::to_string(n + 1) +
                         " or " + std::to_string(n + 2) + ", got shape " +
                         formatShape(in));
  size_t lead = in.size() - n - 1; // 1 with a batch dimension, else 0
  p.batch = lead ? in[0] : 1;

  // Only transposed convolutions have output_padding; 0 keeps the checks
  // and shape formulas below uniform.
  std::vector<int64_t> stride(n, 1), padding(n, 0), dilation(n, 1),
      outPadding(n, 0);
  for (Status s :
       {readList(node, "stride", n, 1, stride),
        readList(node, "padding", n, 0, padding),
        readList(node, "dilation", n, 1, dilation),
        transposed ? readList(node, "output_padding", n, 0, outPadding)
                   : Status::success(),
        readAttr(node, "groups", p.groups)})
    if (!s.ok())
      return s;
  Expected<bool> relu = fusedRelu(node);
  if (!relu.ok())
    return relu.status();
  p.relu = *relu;
  if (p.groups < 1)
    return Status::error("groups must be >= 1, got " +
                         std::to_string(p.groups));
  for (size_t d = 0; d < n; ++d)
    if (outPadding[d] >= stride[d] && outPadding[d] >= dilation[d])
      return Status::error("output_padding " + formatShape(outPadding) +
                           " must be smaller than the stride " +
                           formatShape(stride) + " or the dilation " +
                           formatShape(dilation));

  int64_t cin = in[lead];
  int64_t cinOfWeight = transposed ? w[0] : w[1] * p.groups;
  int64_t cout = transposed ? w[1] * p.groups : w[0];
  if (cin % p.groups != 0 || cout % p.groups != 0)
    return Status::error("groups (" + std::to_string(p.groups) +
                         ") must divide the input channels (" +
                         std::to_string(cin) + ") and output channels (" +
                         std::to_string(cout) + ")");
  if (cin != cinOfWeight)
    return Status::error("input has " + std::to_string(cin) +
                         " channels but the weight " + formatShape(w) +
                         " with groups " + std::to_string(p.groups) +
                         " expects " + std::to_string(cinOfWeight));
  if (p.hasBias)
    if (Status s = expectShape(inputInfo(node, graph, 2), "bias", {cout});
        !s.ok())
      return s;
  p.inPerGroup = cin / p.groups;
  p.outPerGroup = cout / p.groups;

  std::vector<int64_t> expected(in.begin(), in.begin() + lead);
  expected.push_back(cout);
  for (size_t d = 0; d < n; ++d) {
    int64_t size = in[lead + 1 + d], k = w[2 + d], s = stride[d],
            pad = padding[d], dil = dilation[d];
    int64_t o = transposed ? shape::convTransposeOutputSize(size, k, s, pad,
                                                            dil, outPadding[d])
                           : shape::convOutputSize(size, k, s, pad, dil);
    if (o < 1)
      return Status::error("spatial dimension " + std::to_string(d) +
                           " of size " + std::to_string(size) +
                           " gives output size " + std::to_string(o));
    expected.push_back(o);
  }
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", expected);
      !s.ok())
    return s;

  p.outSizes.assign(out.begin() + lead + 1, out.end());
  p.kernelSizes.assign(w.begin() + 2, w.end());
  p.inputOffset.resize(n);
  int64_t inStride = 1;
  for (size_t d = n; d-- > 0;) {
    int64_t size = in[lead + 1 + d], k = p.kernelSizes[d], s = stride[d],
            pad = padding[d], dil = dilation[d];
    std::vector<int64_t> &table = p.inputOffset[d];
    table.assign(p.outSizes[d] * k, -1);
    for (int64_t o = 0; o < p.outSizes[d]; ++o)
      for (int64_t t = 0; t < k; ++t) {
        int64_t i = o * s - pad + t * dil;
        if (transposed) {
          int64_t scaled = o + pad - t * dil;
          i = scaled >= 0 && scaled % s == 0 ? scaled / s : -1;
        }
        if (i >= 0 && i < size)
          table[o * k + t] = i * inStride;
      }
    inStride *= size;
  }
  p.inSpatial = inStride;
  p.outSpatial = shape::numElements(p.outSizes);
  p.taps = shape::numElements(p.kernelSizes);
  p.weightGroup = p.outPerGroup * p.inPerGroup * p.taps;
  p.weightOut = transposed ? p.taps : p.inPerGroup * p.taps;
  p.weightIn = transposed ? p.outPerGroup * p.taps : p.taps;
  return p;
}

namespace {

/// Runs a planned float convolution in PyTorch's order (see the banner).
struct ConvRun {
  ConvPlan p;
  ConvTaps taps;

  explicit ConvRun(ConvPlan plan) : p(std::move(plan)), taps(p) {}

  Status operator()(const std::vector<const Tensor *> &inputs,
                    const std::vector<Tensor *> &outputs) {
    const float *bias = p.hasBias ? inputs[2]->data<float>() : nullptr;
    float *y = outputs[0]->data<float>();
    convolve<float>(
        p, taps, inputs[0]->data<float>(), inputs[1]->data<float>(),
        [&](int64_t oc) { return bias ? bias[oc] : 0.0f; },
        [&](float sum, int64_t oc, int64_t at) {
          y[at] = p.relu ? std::max(sum, 0.0f) : sum;
        });
    return Status::success();
  }
};

KernelFactory convFactory(size_t n, bool transposed) {
  return [n, transposed](const Node &node, const Graph &graph) -> KernelOr {
    Expected<ConvPlan> plan = planConv(node, graph, n, transposed);
    if (!plan.ok())
      return plan.status();
    return makeKernel(ConvRun(std::move(*plan)));
  };
}

} // namespace

void registerConvKernels(KernelRegistry &registry) {
  for (size_t n = 1; n <= 3; ++n) {
    std::string dims = std::to_string(n) + "d";
    addFloatKernel(registry, "conv" + dims, convFactory(n, false));
    addFloatKernel(registry, "conv_transpose" + dims, convFactory(n, true));
  }
}

} // namespace quill::reference
