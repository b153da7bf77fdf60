//===- Broadcast.h - numpy broadcasting as a strided loop -----------------===//
//
// Private to the reference kernels: the loop behind every binary op, prelu's
// per-channel weight and the batch dimensions of matmul.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_BROADCAST_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_BROADCAST_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace quill::reference {

/// Visits the elements of a broadcast result in row-major order together
/// with the matching element offset of each of N operands (numpy rules:
/// shapes aligned on the right, stride 0 along broadcast dimensions).
template <size_t N> class BroadcastLoop {
public:
  using Offsets = std::array<int64_t, N>;

  /// `operands` must broadcast to `result` (shape::broadcastShapes).
  BroadcastLoop(std::vector<int64_t> result,
                const std::array<std::vector<int64_t>, N> &operands)
      : shape_(std::move(result)) {
    size_t rank = shape_.size();
    for (size_t k = 0; k < N; ++k) {
      const std::vector<int64_t> &s = operands[k];
      strides_[k].assign(rank, 0);
      int64_t stride = 1;
      for (size_t i = s.size(); i-- > 0;) {
        size_t dim = rank - s.size() + i;
        if (s[i] != 1)
          strides_[k][dim] = stride;
        stride *= s[i];
      }
    }
  }

  /// Calls f(i, offsets) for every result element i.
  template <typename F> void forEach(F &&f) const {
    for (int64_t d : shape_)
      if (d == 0)
        return;
    int64_t next = 0;
    walk(0, Offsets{}, next, f);
  }

private:
  // Recursion over the outer dimensions; the innermost one is a flat loop.
  template <typename F>
  void walk(size_t dim, Offsets base, int64_t &next, F &f) const {
    if (dim == shape_.size()) { // rank 0: one element
      f(next++, base);
      return;
    }
    bool innermost = dim + 1 == shape_.size();
    for (int64_t i = 0; i < shape_[dim]; ++i) {
      if (innermost)
        f(next++, base);
      else
        walk(dim + 1, base, next, f);
      for (size_t k = 0; k < N; ++k)
        base[k] += strides_[k][dim];
    }
  }

  std::vector<int64_t> shape_;
  std::array<std::vector<int64_t>, N> strides_;
};

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_BROADCAST_H
