//===- QuantSupport.h - shared plumbing of the quantized kernels ----------===//
//
// Quantized values are integers in u8, i8 or i32 storage with the
// QuantParams of their ValueInfo: x = (q - zp) * scale. The helpers here
// check those parameters once per node, convert values with NUMERICS.md's
// quantize and dequantize in PyTorch's float32 evaluation order, and build
// the reference model of an op: dequantize the inputs, run the float
// kernel, quantize the results.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_QUANTSUPPORT_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_QUANTSUPPORT_H

#include "../KernelSupport.h"

#include <cmath>

namespace quill::reference {

/// Static int8 kernels (quantize, dequantize, quantized ops, fake_quant).
void registerQuantizedKernels(KernelRegistry &registry);
/// Dynamic quantization (fake_quant_dynamic, dynamic linear and RNNs).
void registerDynamicKernels(KernelRegistry &registry);
/// Weight-only quantization (dequantize_float_qparams).
void registerWeightOnlyKernels(KernelRegistry &registry);

// The group files of registerQuantizedKernels.
void registerQuantizeKernels(KernelRegistry &registry);
void registerQConvKernels(KernelRegistry &registry);
void registerQLinearKernels(KernelRegistry &registry);
void registerQElementwiseKernels(KernelRegistry &registry);
void registerQPoolKernels(KernelRegistry &registry);
void registerQActivationKernels(KernelRegistry &registry);
void registerQShapeKernels(KernelRegistry &registry);
void registerFakeQuantKernels(KernelRegistry &registry);

/// True when some present input or output of `node` is quantized: the
/// quantized factories serve these nodes and decline the others.
bool hasQuantizedOperand(const Node &node, const Graph &graph);

/// The integers a quantized storage dtype holds.
struct StorageRange {
  int64_t lo = 0, hi = 0;
};
/// u8, i8 and i32; an error for other dtypes.
Expected<StorageRange> storageRange(DType dtype);

/// Element i of u8, i8 or i32 storage.
inline int64_t loadInt(const void *data, DType dtype, int64_t i) {
  switch (dtype) {
  case DType::u8:
    return static_cast<const uint8_t *>(data)[i];
  case DType::i8:
    return static_cast<const int8_t *>(data)[i];
  default:
    return static_cast<const int32_t *>(data)[i];
  }
}

/// Stores `q`, already within the dtype's range, as element i.
inline void storeInt(void *data, DType dtype, int64_t i, int64_t q) {
  switch (dtype) {
  case DType::u8:
    static_cast<uint8_t *>(data)[i] = static_cast<uint8_t>(q);
    return;
  case DType::i8:
    static_cast<int8_t *>(data)[i] = static_cast<int8_t>(q);
    return;
  default:
    static_cast<int32_t *>(data)[i] = static_cast<int32_t>(q);
  }
}

/// round-half-even of a float, clamped into [lo, hi] before the integer
/// conversion (huge and infinite values saturate, NaN gives lo as on x86).
inline int64_t roundClamp(float v, int64_t lo, int64_t hi) {
  float r = std::nearbyint(v);
  if (!(r > static_cast<float>(lo)))
    return lo;
  if (r >= static_cast<float>(hi))
    return hi;
  return static_cast<int64_t>(r);
}

/// observers::quantizeValue within a storage range.
inline int64_t quantizeValue(float x, float inv, int64_t zp,
                             StorageRange range) {
  return observers::quantizeValue(x, inv, zp, range.lo, range.hi);
}

/// The quantization of a value as the kernels use it: per tensor (one entry)
/// or per axis, scales rounded to float as PyTorch's kernels do.
struct TensorQuant {
  DType dtype = DType::u8;
  StorageRange range;
  std::vector<double> scale; // as stored (PyTorch's double q_scale)
  std::vector<float> scaleF, inv;
  std::vector<int64_t> zeroPoint;
  /// Element i belongs to channel (i / inner) % channels.
  int64_t channels = 1, inner = 1;
  /// Per axis: dequantize multiplies by the double scale (below).
  bool doubleScale = false;

  int64_t channelOf(int64_t i) const { return (i / inner) % channels; }

  /// Checks a quantized value: u8/i8/i32 storage, one scale and zero point
  /// (per tensor) or one per index of `axis`, positive finite scales and
  /// zero points within the storage range. `what` names it in errors.
  static Expected<TensorQuant> of(const ValueInfo &value,
                                  const std::string &what);

  /// (q - zp) * scale in float32; per axis, PyTorch's kernel multiplies
  /// float(q) - zp by the double scale, and so does this.
  float dequantize(int64_t q, int64_t c = 0) const {
    if (!doubleScale)
      return static_cast<float>(q - zeroPoint[c]) * scaleF[c];
    float d = static_cast<float>(q) - static_cast<float>(zeroPoint[c]);
    return static_cast<float>(d * scale[c]);
  }
  int64_t quantize(float x, int64_t c = 0) const {
    return quantizeValue(x, inv[c], zeroPoint[c], range);
  }
  /// Whole tensors of this value's shape.
  void dequantize(const Tensor &q, float *x) const;
  void quantize(const float *x, Tensor &q) const;
};

/// TensorQuant::of, and an error unless the value is quantized per tensor.
Expected<TensorQuant> perTensorQuant(const ValueInfo &value,
                                     const std::string &what);

/// Which PyTorch engine's integer rules a node follows (node attr
/// `numerics`): onednn (the default, also the reference model) or qnnpack.
enum class Numerics { onednn, qnnpack };
Expected<Numerics> readNumerics(const Node &node);

/// The reference model of `node`: its quantized inputs are dequantized, the
/// float kernel of the same node on float values runs, and its quantized
/// results are quantized with their own parameters. Buffers are allocated
/// here, not per run. nullptr (decline) when no operand is quantized.
KernelOr makeReferenceModelKernel(const Node &node, const Graph &graph);

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_QUANTSUPPORT_H
