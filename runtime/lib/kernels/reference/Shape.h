//===- Shape.h - copies with an index mapping, and shape checks -----------===//
//
// Every shape op that moves elements (permute, transpose, chunk, split, pad,
// pixel_shuffle, nearest interpolation) is one gather: output coordinate
// (i0, ..., in) reads the input element at offset maps[0][i0] + ... +
// maps[n][in], or writes the fill value when any entry is kFill. The maps
// are built once per node; the copy only moves bytes, so it serves every
// dtype, quantized ones included when the result shares the input's
// qparams.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_SHAPE_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_SHAPE_H

#include "KernelSupport.h"

#include <array>

namespace quill::reference {

/// Per output dimension, the input offset (in elements) read by each
/// coordinate along it.
using IndexMaps = std::vector<std::vector<int64_t>>;

/// A map entry meaning "no input element: write the fill value".
constexpr int64_t kFill = -1;

/// The storage bytes of one element (up to 8), e.g. a pad value.
using ElementBytes = std::array<uint8_t, 8>;

/// maps[d][i] = i * stride[d]: the identity gather of a row-major shape.
IndexMaps identityMaps(const std::vector<int64_t> &shape);

/// A kernel gathering output `k` from input 0 with `maps[k]`.
std::unique_ptr<Kernel> makeGatherKernel(std::vector<IndexMaps> maps,
                                         ElementBytes fill = {});

/// Input 0 and every output of `node` have one dtype and quantization (the
/// shape-op rule); a clear error otherwise.
Status checkSameElementType(const Node &node, const Graph &graph);

/// True when input 0 and every result are quantized, but not all alike:
/// such nodes requantize, which quantized/QShape.cpp does (the byte kernels
/// decline them).
bool requantizes(const Node &node, const Graph &graph);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_SHAPE_H
