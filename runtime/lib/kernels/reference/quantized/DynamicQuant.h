//===- DynamicQuant.h - PyTorch 1.13's dynamic quantization arithmetic ----===//
//
// Dynamic quantization picks the activation's qparams per call from its own
// min and max (ChooseQuantizationParams, double precision: NUMERICS.md,
// "Dynamic quantization"). What each engine then does differs in details
// that change output bits, all found on PyTorch 1.13 and checked by
// test/unit/DynamicKernelTest.cpp (cases from scripts/gen_dynamic_cases.py):
//
//  torch.quantize_per_tensor_dynamic (both engines): qint8 [-128, 127] or
//    quint8 [0, 255], halved by reduce_range, except that the qnnpack engine
//    ignores reduce_range; q = clamp(zp + nearbyint(x * (1.0f /
//    float(scale)))) to the full dtype range; dequantize (q - zp) * float(s).
//
//  quantized::linear_dynamic, activations always quint8 [0, 255]:
//   onednn: reduce_range honoured ([0, 127]). oneDNN quantizes with
//     isx = float(1.0 / scale): q = sat_u8(nearbyint(x * isx + float(zp))),
//     with isw = float(1.0 / w_scale) per tensor, 1.0f / float(w_scale[c])
//     per channel, p = isx * isw:  y = (float(acc) + bias * p) * (1.0f / p).
//   qnnpack: reduce_range ignored; q as quantize_per_tensor_dynamic;
//     y = float(acc) * (float(scale) * float(w_scale[c])) + bias.
//   acc = sum_k (qx - zx)(qw - zw) in integers; fused ReLU clamps y at 0.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_DYNAMICQUANT_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_DYNAMICQUANT_H

#include "QuantSupport.h"

namespace quill::reference {

/// lstm and gru with dynamically quantized weights (DynamicRecurrent.cpp).
void registerDynamicRecurrentKernels(KernelRegistry &registry);

/// min and max of `n` floats, NaN if any is NaN (as torch.min / max); 0 and
/// 0 when n == 0 (what both engines use for an empty input).
std::pair<float, float> minMax(const float *x, int64_t n);

/// torch.quantize_per_tensor_dynamic(x, dtype, reduceRange).dequantize() of
/// `n` values, for the dtype range [qmin, qmax] (y may alias x). An error
/// when the qparams cannot be chosen (NaN), as in PyTorch.
Status fakeQuantizeDynamic(const float *x, int64_t n, int64_t qmin,
                           int64_t qmax, bool reduceRange, Numerics engine,
                           float *y);

/// quantized::linear_dynamic (linear_relu_dynamic with `relu`) for one i8
/// weight [out, in], quantized per tensor or per output channel.
class DynamicLinear {
public:
  /// Checks `weight` (named `what` in errors); run() takes at most `maxRows`
  /// rows.
  static Expected<DynamicLinear> create(const ValueInfo &weight,
                                        const std::string &what,
                                        Numerics engine, bool reduceRange,
                                        bool relu, int64_t maxRows);

  int64_t outFeatures() const { return out_; }
  int64_t inFeatures() const { return in_; }

  /// y[rows, out] = x[rows, in] W^T (+ bias), the activation quantized with
  /// qparams of these rows. `w` holds the weight's stored integers.
  Status run(const float *x, int64_t rows, const int8_t *w, const float *bias,
             float *y);

private:
  DynamicLinear() = default;

  Numerics engine_ = Numerics::onednn;
  bool reduceRange_ = true, relu_ = false;
  int64_t out_ = 0, in_ = 0;
  /// Per output channel: the weight's zero point and the factor its scale
  /// enters the product with (onednn: isw, qnnpack: float(scale)).
  std::vector<int32_t> weightZeroPoints_;
  std::vector<float> weightFactors_;
  std::vector<int32_t> qx_; // scratch: quantized input minus its zero point
};

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_DYNAMICQUANT_H
