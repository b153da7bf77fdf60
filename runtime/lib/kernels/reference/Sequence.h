//===- Sequence.h - dense math shared by the sequence ops -----------------===//
//
// The recurrent layers and attention are products of float matrices.
// Products are accumulated in double and rounded once: the exactly rounded
// result, from which PyTorch's float BLAS differs only by its own rounding
// (float accumulation drifts further from it as the inner size grows).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_SEQUENCE_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_SEQUENCE_H

#include <cmath>
#include <cstdint>

namespace quill::reference {

/// sum_k a[k * aStride] * b[k * bStride], rounded once to float.
inline float dot(const float *a, const float *b, int64_t n, int64_t aStride = 1,
                 int64_t bStride = 1) {
  double acc = 0.0;
  for (int64_t k = 0; k < n; ++k)
    acc += static_cast<double>(a[k * aStride]) * b[k * bStride];
  return static_cast<float>(acc);
}

/// y = W x + bias (bias may be null) for a row-major W of [rows, cols]: one
/// row of F.linear; the bias is added to the rounded product, as addmm does.
inline void linearRow(const float *w, const float *bias, const float *x,
                      int64_t rows, int64_t cols, float *y) {
  for (int64_t r = 0; r < rows; ++r)
    y[r] = dot(w + r * cols, x, cols) + (bias ? bias[r] : 0.0f);
}

inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_SEQUENCE_H
