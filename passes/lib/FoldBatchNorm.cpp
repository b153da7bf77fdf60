//===- FoldBatchNorm.cpp - conv/linear + batch-norm folding arithmetic ----===//
//
// Built with -ffp-contract=off (passes/CMakeLists.txt): PyTorch rounds each
// multiply and add separately, and a fused multiply-add would not.
//
//===----------------------------------------------------------------------===//

#include "FoldBatchNorm.h"

#include <cmath>

using namespace mlir::quill;

FoldedWeights mlir::quill::foldBatchNorm(llvm::ArrayRef<float> weight,
                                         llvm::ArrayRef<int64_t> shape,
                                         int64_t channelAxis,
                                         llvm::ArrayRef<float> bias,
                                         const BatchNormParams &bn,
                                         BiasFoldOrder order) {
  size_t channels = bn.runningMean.size();
  // torch: bn_rv + bn_eps adds the Python float as a float32 scalar, and
  // rsqrt is 1 / sqrt with both steps correctly rounded.
  float eps = static_cast<float>(bn.eps);
  std::vector<float> inv(channels), scale(channels);
  for (size_t c = 0; c < channels; ++c) {
    inv[c] = 1.0f / std::sqrt(bn.runningVar[c] + eps);
    float gamma = bn.gamma.empty() ? 1.0f : bn.gamma[c];
    scale[c] = gamma * inv[c];
  }

  FoldedWeights out;
  // The weight viewed as [outer, C, inner] around the channel axis.
  int64_t inner = 1;
  for (size_t d = channelAxis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  out.weight.resize(weight.size());
  for (size_t i = 0; i < weight.size(); ++i)
    out.weight[i] = weight[i] * scale[(i / inner) % channels];

  out.bias.resize(channels);
  for (size_t c = 0; c < channels; ++c) {
    float b = bias.empty() ? 0.0f : bias[c];
    float beta = bn.beta.empty() ? 0.0f : bn.beta[c];
    float centered = b - bn.runningMean[c];
    if (order == BiasFoldOrder::Conv) {
      float gamma = bn.gamma.empty() ? 1.0f : bn.gamma[c];
      out.bias[c] = centered * inv[c] * gamma + beta;
    } else {
      out.bias[c] = centered * scale[c] + beta;
    }
  }
  return out;
}
