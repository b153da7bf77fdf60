//===- Requantize.h - int32 accumulators to outputs (conv, linear) --------===//
//
// A static quantized conv or linear sums (xq - zx) * (wq - zw) exactly in
// integers and turns each sum into an output integer with the rule of its
// engine (NUMERICS.md, "Conv / linear"; the float32 evaluation order below
// was found against PyTorch 1.13 and gives 0 mismatches there):
//
//   onednn (default, the reference model): oneDNN's reciprocal scales
//     isx = float(1/sx), isw[c] = float(1/sw[c]), isy = float(1/sy),
//     bs[c] = isx * isw[c], osc[c] = isy / bs[c];
//     y = nearbyint(((float(acc) + bias[c] * bs[c]) * osc[c]) + float(zy))
//   qnnpack: bq[c] = quantize(bias[c], scale sx*sw[c], zp 0) to int32,
//     rs[c] = (float(sw[c]) * float(sx)) * (1.0f / float(sy));
//     y = nearbyint(float(acc + bq[c]) * rs[c]) + zy
//
// then y is clamped to the result's storage range, from zy up with a fused
// relu. Every step is float32.
//
//===----------------------------------------------------------------------===//

#ifndef QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_REQUANTIZE_H
#define QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_REQUANTIZE_H

#include "QuantSupport.h"

namespace quill::reference {

/// True for a static quantized conv or linear: a quantized input. (A float
/// input with a quantized weight is dynamic quantization, served elsewhere.)
inline bool isStaticQuantized(const Node &node, const Graph &graph) {
  return !node.inputs.empty() && node.inputs[0] >= 0 &&
         node.inputs[0] < static_cast<int64_t>(graph.values.size()) &&
         inputInfo(node, graph, 0).quant.has_value();
}

class AccumulatorRequant {
public:
  /// Checks input 0 (u8 or i8, per tensor), input 1 (the i8 weight, per
  /// tensor or along `weightAxis`), the optional f32 bias (input 2) and the
  /// per-tensor result; `channels` output channels, scale of channel c is
  /// the weight's c % (its number of scales).
  static Expected<AccumulatorRequant> make(const Node &node, const Graph &graph,
                                           int64_t weightAxis, int64_t channels,
                                           bool relu);

  /// Scratch sized for the input and weight: x - zx and w - zw as int32.
  std::vector<int32_t> x, w;
  /// Fills x and w; then prepares the bias of this run (nullptr: none).
  void prepare(const Tensor &input, const Tensor &weight, const float *bias);
  /// Output element `at` (channel oc) from its accumulator.
  void store(Tensor &y, int64_t at, int64_t acc, int64_t oc) const;

private:
  Numerics numerics_ = Numerics::onednn;
  TensorQuant in_, weight_, out_;
  int64_t lo_ = 0, hi_ = 0;
  std::vector<int64_t> scaleOf_; // output channel -> weight scale index
  // Per weight scale: onednn bs and osc; qnnpack 1/(sx*sw) and rs.
  std::vector<float> biasScale_, outScale_;
  // The bias of this run in the accumulator domain (float or int32).
  std::vector<float> biasF_;
  std::vector<int64_t> biasQ_;
};

} // namespace quill::reference

#endif // QUILL_RUNTIME_KERNELS_REFERENCE_QUANTIZED_REQUANTIZE_H
