//===- ShapeRules.cpp - PyTorch's output-shape arithmetic -----------------===//

#include "quill/runtime/ShapeRules.h"

#include <algorithm>
#include <cmath>

namespace quill::shape {
namespace {
// Floor division for a possibly negative numerator and positive divisor.
int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }
} // namespace

int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t padding, int64_t dilation) {
  if (in == kDynamic)
    return kDynamic;
  return floorDiv(in + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
}

int64_t convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                int64_t padding, int64_t dilation,
                                int64_t outputPadding) {
  if (in == kDynamic)
    return kDynamic;
  return (in - 1) * stride - 2 * padding + dilation * (kernel - 1) +
         outputPadding + 1;
}

int64_t poolOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t padding, int64_t dilation, bool ceilMode) {
  if (in == kDynamic)
    return kDynamic;
  int64_t span = in + 2 * padding - dilation * (kernel - 1) - 1;
  int64_t out = (ceilMode ? ceilDiv(span, stride) : floorDiv(span, stride)) + 1;
  // PyTorch: the last window must start inside the input or left padding.
  if (ceilMode && (out - 1) * stride >= in + padding)
    --out;
  return out;
}

int64_t scaledSize(int64_t in, double scale) {
  if (in == kDynamic)
    return kDynamic;
  return static_cast<int64_t>(std::floor(static_cast<double>(in) * scale));
}

std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank) {
  if (dim < -rank || dim >= rank)
    return std::nullopt;
  return dim < 0 ? dim + rank : dim;
}

std::optional<std::vector<int64_t>>
broadcastShapes(const std::vector<int64_t> &a, const std::vector<int64_t> &b) {
  size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Align from the right; missing leading dimensions act as 1.
    int64_t x = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t y = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (x == 1)
      out[i] = y;
    else if (y == 1)
      out[i] = x;
    else if (x == kDynamic || y == kDynamic)
      out[i] = x == kDynamic ? y : x;
    else if (x == y)
      out[i] = x;
    else
      return std::nullopt;
  }
  return out;
}

std::vector<int64_t> chunkSizes(int64_t size, int64_t chunks) {
  if (size == kDynamic || chunks <= 0)
    return {};
  // torch.chunk of an empty dimension gives `chunks` empty pieces.
  if (size == 0)
    return std::vector<int64_t>(chunks, 0);
  return splitSizes(size, std::max<int64_t>(ceilDiv(size, chunks), 1));
}

std::vector<int64_t> splitSizes(int64_t size, int64_t splitSize) {
  std::vector<int64_t> pieces;
  // split_size 0 is valid for an empty dimension only: one empty piece.
  if (size == kDynamic || splitSize < 0 || (splitSize == 0 && size != 0))
    return pieces;
  for (int64_t start = 0; start < size; start += splitSize)
    pieces.push_back(std::min(splitSize, size - start));
  if (pieces.empty()) // torch.split of an empty dimension gives one piece
    pieces.push_back(0);
  return pieces;
}

int64_t numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d == kDynamic)
      return kDynamic;
    n *= d;
  }
  return n;
}

} // namespace quill::shape
