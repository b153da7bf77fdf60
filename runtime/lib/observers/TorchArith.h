//===- TorchArith.h - PyTorch 1.13 CPU kernels whose rounding matters -----===//
//
// Bit-exact stand-ins for the few ATen kernels an observer's result depends
// on beyond single IEEE operations: the order of a float32 sum, floor
// division, float->int casts on x86, and the last point of torch.linspace.
// They follow the AVX2 kernels, the capability Debian's PyTorch 1.13 selects
// on x86-64, run on one thread. This library is compiled with
// -ffp-contract=off: PyTorch evaluates each tensor op as its own kernel, so
// no multiply-add of ours may be fused.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_LIB_OBSERVERS_TORCHARITH_H
#define QUILL_RUNTIME_LIB_OBSERVERS_TORCHARITH_H

#include <cstdint>

namespace quill::observers::detail {

/// torch.sum of a contiguous float32 vector: ATen's cascade sum (4-way
/// interleaved rows of 8-lane vectors, four accumulation levels).
float cascadeSum(const float *x, int64_t n);

/// torch.div(a, b, rounding_mode='floor') on float32 (Python's //).
float floorDivide(float a, float b);

/// Float -> int32 as PyTorch's cast compiles on x86 (cvttss2si): truncation,
/// and INT32_MIN for NaN or anything out of range.
int32_t truncToInt32(float v);

/// The last of `steps` points of torch.linspace(start, end) in float32:
/// `end`, except when that point is computed by the vector kernel (steps a
/// multiple of 16), which gets there from end - 7*step.
float linspaceLast(float start, float end, int64_t steps);

} // namespace quill::observers::detail

#endif // QUILL_RUNTIME_LIB_OBSERVERS_TORCHARITH_H
