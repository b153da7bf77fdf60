//===- Quantize.cpp - quantize (quant.qcast) and dequantize (quant.dcast) -===//
//
// NUMERICS.md: q = clamp(zp + nearbyint(x * (1.0f / scale)), storage range)
// and x = (q - zp) * scale, in float32, per tensor or per axis.
//
//===----------------------------------------------------------------------===//

#include "QuantSupport.h"

namespace quill::reference {

namespace {

/// Checks a quantize (`quantizes`) or dequantize node: one side plain f32,
/// the other quantized, one shape; returns the quantized side's parameters.
Expected<TensorQuant> checkConversion(const Node &node, const Graph &graph,
                                      bool quantizes) {
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const ValueInfo &in = inputInfo(node, graph, 0);
  const ValueInfo &out = outputInfo(node, graph, 0);
  const ValueInfo &f = quantizes ? in : out;
  if (!isPlainF32(f))
    return Status::error(std::string(quantizes ? "input" : "result") +
                         " must be f32 without quantization, got " +
                         std::string(dtypeName(f.dtype)) +
                         (f.quant ? " (quantized)" : ""));
  if (Status s = expectShape(out, "result", in.shape); !s.ok())
    return s;
  return TensorQuant::of(quantizes ? out : in, quantizes ? "result" : "input");
}

KernelOr makeQuantize(const Node &node, const Graph &graph) {
  Expected<TensorQuant> q = checkConversion(node, graph, true);
  if (!q.ok())
    return q.status();
  return makeKernel([q = *q](const std::vector<const Tensor *> &in,
                             const std::vector<Tensor *> &out) {
    q.quantize(in[0]->data<float>(), *out[0]);
    return Status::success();
  });
}

KernelOr makeDequantize(const Node &node, const Graph &graph) {
  Expected<TensorQuant> q = checkConversion(node, graph, false);
  if (!q.ok())
    return q.status();
  return makeKernel([q = *q](const std::vector<const Tensor *> &in,
                             const std::vector<Tensor *> &out) {
    q.dequantize(*in[0], out[0]->data<float>());
    return Status::success();
  });
}

} // namespace

void registerQuantizeKernels(KernelRegistry &registry) {
  registry.add("quantize", "reference", makeQuantize);
  registry.add("dequantize", "reference", makeDequantize);
}

} // namespace quill::reference
