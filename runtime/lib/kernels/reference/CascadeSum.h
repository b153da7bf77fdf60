//===- CascadeSum.h - PyTorch 1.13's float32 sum of a contiguous row ------===//
//
// torch.sum / torch.mean (and a global adaptive average pool, which is a
// mean) over contiguous elements run ATen's cascade sum (SumKernel.cpp):
// rows of 8 floats (one AVX2 vector) summed lane-wise in 4 interleaved
// accumulators, partial sums carried up a 4-level cascade every
// 2^max(4, ceil(log2(rows/4))/4) rows, then the scalar tail and the 8 lanes
// added in order; fewer than 8 elements take the same scheme on scalars.
// Following it makes these reductions equal PyTorch's to the bit on the
// AVX2 kernels it dispatches here (torch.backends.cpu.get_cpu_capability()).
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_CASCADESUM_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_CASCADESUM_H

#include <cstdint>

namespace quill::reference {

/// The float32 sum of x[0 .. n) in PyTorch's order.
float cascadeSum(const float *x, int64_t n);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_CASCADESUM_H
