//===- ShapeRules.h - PyTorch's output-shape arithmetic -------------------===//
//
// MLIR-free shape formulas shared by the dialect verifiers and the runtime,
// so that the IR and the kernels can never disagree on an output size.
// A size of kDynamic (unknown) propagates: any formula fed an unknown size
// returns kDynamic. Invalid arguments are the caller's to reject; formulas
// may then return sizes < 1, which callers report.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_SHAPERULES_H
#define QUILL_RUNTIME_SHAPERULES_H

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace quill::shape {

/// An unknown size; equal to mlir::ShapedType::kDynamic.
constexpr int64_t kDynamic = std::numeric_limits<int64_t>::min();

/// floor((in + 2p - d(k-1) - 1) / s) + 1  (torch.nn.Conv*d).
int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t padding, int64_t dilation);

/// (in-1)s - 2p + d(k-1) + output_padding + 1  (torch.nn.ConvTranspose*d).
int64_t convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                int64_t padding, int64_t dilation,
                                int64_t outputPadding);

/// Pooling size: the conv formula, rounded up under ceil_mode, dropping a
/// last window that would start in the right padding (pooling_output_shape).
int64_t poolOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t padding, int64_t dilation, bool ceilMode);

/// floor(in * scale)  (interpolate with scale_factor).
int64_t scaledSize(int64_t in, double scale);

/// Maps dim in [-rank, rank) to [0, rank); std::nullopt when out of range.
std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank);

/// numpy broadcasting of two shapes; std::nullopt when incompatible.
std::optional<std::vector<int64_t>>
broadcastShapes(const std::vector<int64_t> &a, const std::vector<int64_t> &b);

/// Piece sizes of torch.chunk: ceil(size/chunks) each, the last smaller,
/// possibly fewer than `chunks` pieces. Empty for an unknown size.
std::vector<int64_t> chunkSizes(int64_t size, int64_t chunks);

/// Piece sizes of torch.split with a fixed split_size.
std::vector<int64_t> splitSizes(int64_t size, int64_t splitSize);

/// Product of the sizes; kDynamic when any is unknown.
int64_t numElements(const std::vector<int64_t> &shape);

} // namespace quill::shape

#endif // QUILL_RUNTIME_SHAPERULES_H
