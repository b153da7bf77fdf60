//===- Norm.cpp - batch, layer, group and instance normalization ----------===//
//
// With given statistics (batch_norm in eval, instance_norm with running
// statistics) the arithmetic is PyTorch's float32 to the bit: per channel
// alpha = weight * (1 / sqrt(var + eps)), beta = bias - mean * alpha, then
// y = x * alpha + beta, the last two as fused multiply-adds like PyTorch's
// AVX2 kernel. With statistics of the input itself (layer_norm, group_norm,
// instance_norm) the biased mean and variance are computed in double, in
// two passes, and y = (x - mean) / sqrt(var + eps) * weight + bias is
// rounded once. PyTorch works in float32 (Welford statistics): where the
// two differ, by a few float32 ulps of the operands, ours is the closer to
// the exact value.
//
//===----------------------------------------------------------------------===//

#include "KernelSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace quill::reference {

namespace {

/// eps as PyTorch's kernels use it: a float32.
Expected<float> readEps(const Node &node) {
  double eps = 1e-5;
  if (Status s = readAttr(node, "eps", eps); !s.ok())
    return s;
  if (!(eps >= 0) || !std::isfinite(eps))
    return Status::error("eps must be non-negative and finite, got " +
                         std::to_string(eps));
  return static_cast<float>(eps);
}

/// [N, C, spatial...] seen as N x C planes of `spatial` elements.
struct Planes {
  int64_t batch, channels, spatial;
};

/// What batch, instance and group norm share once their node is checked.
struct ChannelNorm {
  Planes planes;
  float eps;
};

/// Checks x of rank in [minRank, maxRank], then `inputs` - 1 optional
/// per-channel operands, and a result of x's shape.
Expected<ChannelNorm> checkChannelNorm(const Node &node, const Graph &graph,
                                       size_t inputs, size_t minRank,
                                       size_t maxRank) {
  if (Status s = checkArity(node, graph, inputs, 1, {1, 2, 3, 4}); !s.ok())
    return s;
  const std::vector<int64_t> &shape = inputInfo(node, graph, 0).shape;
  if (shape.size() < minRank || shape.size() > maxRank)
    return Status::error("input has rank " + std::to_string(shape.size()) +
                         ", expected " + std::to_string(minRank) + " to " +
                         std::to_string(maxRank));
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", shape);
      !s.ok())
    return s;
  Planes planes{shape[0], shape[1],
                numElements({shape.begin() + 2, shape.end()})};
  for (size_t i = 1; i < inputs; ++i)
    if (node.inputs[i] != kNoValue)
      if (Status s =
              expectShape(inputInfo(node, graph, i),
                          "input #" + std::to_string(i), {planes.channels});
          !s.ok())
        return s;
  Expected<float> eps = readEps(node);
  if (!eps.ok())
    return eps.status();
  return ChannelNorm{planes, *eps};
}

/// Where the per-channel operands are among a node's inputs.
struct StatisticsInputs {
  size_t mean, var, weight, bias;
};

/// PyTorch's eval-mode batch norm: see the file comment.
std::unique_ptr<Kernel> givenStatistics(Planes planes, StatisticsInputs at,
                                        float eps, bool relu) {
  return makeKernel([=](const std::vector<const Tensor *> &in,
                        const std::vector<Tensor *> &out) {
    const float *x = in[0]->data<float>();
    const float *mean = in[at.mean]->data<float>();
    const float *var = in[at.var]->data<float>();
    const float *weight = optionalData(in, at.weight);
    const float *bias = optionalData(in, at.bias);
    float *y = out[0]->data<float>();
    for (int64_t n = 0; n < planes.batch; ++n)
      for (int64_t c = 0; c < planes.channels; ++c) {
        float alpha = 1.0f / std::sqrt(var[c] + eps) * (weight ? weight[c] : 1);
        float beta = std::fma(-mean[c], alpha, bias ? bias[c] : 0);
        int64_t base = (n * planes.channels + c) * planes.spatial;
        for (int64_t i = base; i < base + planes.spatial; ++i) {
          float v = std::fma(x[i], alpha, beta);
          y[i] = relu && v < 0 ? 0.0f : v;
        }
      }
    return Status::success();
  });
}

/// Normalization of `blocks` consecutive blocks of `blockLen` elements, each
/// by its own statistics. Element i of block k takes weight and bias entry
/// (k % cycle) * paramsPerBlock + i / perParam.
struct BlockNorm {
  int64_t blocks, blockLen;
  int64_t cycle, paramsPerBlock, perParam;
  float eps;
};

std::unique_ptr<Kernel> ownStatistics(BlockNorm norm) {
  return makeKernel([norm](const std::vector<const Tensor *> &in,
                           const std::vector<Tensor *> &out) {
    const float *weight = optionalData(in, 1), *bias = optionalData(in, 2);
    for (int64_t k = 0; k < norm.blocks; ++k) {
      const float *x = in[0]->data<float>() + k * norm.blockLen;
      float *y = out[0]->data<float>() + k * norm.blockLen;
      double sum = 0, squares = 0;
      for (int64_t i = 0; i < norm.blockLen; ++i)
        sum += x[i];
      double mean = sum / norm.blockLen;
      for (int64_t i = 0; i < norm.blockLen; ++i)
        squares += (x[i] - mean) * (x[i] - mean);
      double rstd = 1.0 / std::sqrt(squares / norm.blockLen + norm.eps);
      int64_t first = (k % norm.cycle) * norm.paramsPerBlock;
      for (int64_t i = 0; i < norm.blockLen; ++i) {
        int64_t p = first + i / norm.perParam;
        double v = (x[i] - mean) * rstd;
        if (weight)
          v *= weight[p];
        if (bias)
          v += bias[p];
        y[i] = static_cast<float>(v);
      }
    }
    return Status::success();
  });
}

// batch_norm: x, running_mean, running_var, weight?, bias?.
KernelOr makeBatchNorm(const Node &node, const Graph &graph) {
  Expected<ChannelNorm> norm = checkChannelNorm(node, graph, 5, 2, 5);
  if (!norm.ok())
    return norm.status();
  if (node.inputs[1] == kNoValue || node.inputs[2] == kNoValue)
    return Status::error("needs running_mean and running_var");
  Expected<bool> relu = fusedRelu(node);
  if (!relu.ok())
    return relu.status();
  return givenStatistics(norm->planes, {1, 2, 3, 4}, norm->eps, *relu);
}

// instance_norm: x, weight?, bias?, running_mean?, running_var?.
KernelOr makeInstanceNorm(const Node &node, const Graph &graph) {
  Expected<ChannelNorm> norm = checkChannelNorm(node, graph, 5, 3, 5);
  if (!norm.ok())
    return norm.status();
  const Planes &planes = norm->planes;
  float eps = norm->eps;
  bool hasMean = node.inputs[3] != kNoValue,
       hasVar = node.inputs[4] != kNoValue;
  if (hasMean != hasVar)
    return Status::error("running_mean and running_var must be given together");
  // PyTorch runs batch norm over the [1, N*C, ...] view: with running
  // statistics each plane uses its channel's, exactly batch_norm in eval.
  if (hasMean)
    return givenStatistics(planes, {3, 4, 1, 2}, eps, /*relu=*/false);
  return ownStatistics({planes.batch * planes.channels, planes.spatial,
                        planes.channels, 1,
                        std::max<int64_t>(planes.spatial, 1), eps});
}

// group_norm: x, weight?, bias?.
KernelOr makeGroupNorm(const Node &node, const Graph &graph) {
  Expected<ChannelNorm> norm = checkChannelNorm(node, graph, 3, 2, SIZE_MAX);
  if (!norm.ok())
    return norm.status();
  const Planes &planes = norm->planes;
  Expected<int64_t> groups = node.attrs.get<int64_t>("num_groups");
  if (!groups.ok())
    return groups.status();
  if (*groups < 1 || planes.channels % *groups != 0)
    return Status::error("num_groups " + std::to_string(*groups) +
                         " does not divide the " +
                         std::to_string(planes.channels) + " channels");
  int64_t perGroup = planes.channels / *groups;
  return ownStatistics({planes.batch * *groups, perGroup * planes.spatial,
                        *groups, perGroup, std::max<int64_t>(planes.spatial, 1),
                        norm->eps});
}

// layer_norm: x, weight?, bias? over the trailing normalized_shape.
KernelOr makeLayerNorm(const Node &node, const Graph &graph) {
  if (Status s = checkArity(node, graph, 3, 1, {1, 2}); !s.ok())
    return s;
  Expected<std::vector<int64_t>> normalized =
      node.attrs.get<std::vector<int64_t>>("normalized_shape");
  if (!normalized.ok())
    return normalized.status();
  const std::vector<int64_t> &shape = inputInfo(node, graph, 0).shape;
  if (normalized->empty() || normalized->size() > shape.size() ||
      !std::equal(normalized->begin(), normalized->end(),
                  shape.end() - normalized->size()))
    return Status::error("normalized_shape " + formatShape(*normalized) +
                         " is not the trailing part of the input shape " +
                         formatShape(shape));
  for (size_t i : {1, 2})
    if (node.inputs[i] != kNoValue)
      if (Status s = expectShape(inputInfo(node, graph, i),
                                 "input #" + std::to_string(i), *normalized);
          !s.ok())
        return s;
  if (Status s = expectShape(outputInfo(node, graph, 0), "result", shape);
      !s.ok())
    return s;
  Expected<float> eps = readEps(node);
  if (!eps.ok())
    return eps.status();
  int64_t len = numElements(*normalized);
  int64_t rows = len == 0 ? 0 : numElements(shape) / len;
  return ownStatistics({rows, len, 1, len, 1, *eps});
}

} // namespace

void registerNormKernels(KernelRegistry &registry) {
  addFloatKernel(registry, "batch_norm", makeBatchNorm);
  addFloatKernel(registry, "layer_norm", makeLayerNorm);
  addFloatKernel(registry, "group_norm", makeGroupNorm);
  addFloatKernel(registry, "instance_norm", makeInstanceNorm);
}

} // namespace quill::reference
