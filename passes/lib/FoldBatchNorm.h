//===- FoldBatchNorm.h - conv/linear + batch-norm folding arithmetic ------===//
//
// NUMERICS.md "Conv–BN folding (eval)", computed in float32 in exactly the
// order of PyTorch 1.13's torch.nn.utils.fusion, so that the folded weight
// and bias are bit-identical to what PyTorch's fuse produces. No MLIR here:
// quill-fuse reads the constants, calls this and writes new constants.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_PASSES_FOLDBATCHNORM_H
#define QUILL_PASSES_FOLDBATCHNORM_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace mlir::quill {

/// The statistics of an eval-mode batch norm over C channels. An empty
/// gamma means ones, an empty beta zeros (affine=False).
struct BatchNormParams {
  llvm::ArrayRef<float> runningMean, runningVar, gamma, beta;
  double eps = 1e-5;
};

/// PyTorch's two orders of operations: fuse_conv_bn_weights (conv and
/// conv_transpose) computes b' = ((b - mean) * inv) * gamma + beta,
/// fuse_linear_bn_weights b' = (b - mean) * (gamma * inv) + beta.
enum class BiasFoldOrder { Conv, Linear };

struct FoldedWeights {
  std::vector<float> weight, bias;
};

/// Folds `bn` into a weight of row-major `shape` whose dimension
/// `channelAxis` indexes the C output channels (0 for conv and linear, 1 for
/// conv_transpose) and a bias of C values (empty: zeros).
///   inv = 1 / sqrt(running_var + eps)        (float32, eps rounded to float)
///   W'  = W * (gamma * inv)[c]
///   b'  = per `order` above
/// The caller checks shapes: shape[channelAxis] == C == every non-empty
/// parameter's size.
FoldedWeights foldBatchNorm(llvm::ArrayRef<float> weight,
                            llvm::ArrayRef<int64_t> shape, int64_t channelAxis,
                            llvm::ArrayRef<float> bias,
                            const BatchNormParams &bn, BiasFoldOrder order);

} // namespace mlir::quill

#endif // QUILL_PASSES_FOLDBATCHNORM_H
