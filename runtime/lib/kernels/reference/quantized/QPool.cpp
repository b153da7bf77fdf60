//===- QPool.cpp - quantized avg_pool and adaptive_avg_pool, 1-d to 3-d ---===//
//
// PyTorch's quantized average pools keep the input's parameters and work on
// integers (NUMERICS.md, "avg_pool"): acc = sum(q) - zp * n over the
// window's n input elements, m = 1 / divisor in float32 (divisor_override,
// or the window size the float pool divides by), and then either
//   y = nearbyint(float(acc) * m + float(zp))   (the NCHW kernel)
// or
//   y = zp + nearbyint(float(acc) * m)          (the NHWC one)
// clamped to the storage range. Which one is PyTorch 1.13's choice, found
// against it: adaptive pools and avg_pool1d/2d take the first, avg_pool3d
// the second; under numerics = qnnpack, avg_pool1d/2d of u8 without
// ceil_mode run QNNPACK's kernel, which is the second. (QNNPACK also divides
// by the kernel volume whatever count_include_pad and divisor_override say;
// there Quill keeps the op's meaning and the first rule.) The zero point
// matters only when it is odd. The windows are the float pools' (Pool.h). A
// result with other parameters than the input's is requantized through the
// reference model. max_pool is in QActivation.cpp.
//
//===----------------------------------------------------------------------===//

#include "../Pool.h"
#include "QuantSupport.h"

#include <algorithm>

namespace quill::reference {

namespace {

KernelOr makeQAvgPool(const Node &node, const Graph &graph, size_t n,
                      bool adaptive) {
  if (!hasQuantizedOperand(node, graph))
    return std::unique_ptr<Kernel>();
  if (Status s = checkArity(node, graph, 1, 1); !s.ok())
    return s;
  const ValueInfo &input = inputInfo(node, graph, 0);
  const ValueInfo &result = outputInfo(node, graph, 0);
  if (input.dtype != result.dtype || !(input.quant == result.quant))
    return makeReferenceModelKernel(node, graph);
  Expected<TensorQuant> q = perTensorQuant(input, "input");
  if (!q.ok())
    return q.status();
  Expected<Numerics> numerics = readNumerics(node);
  if (!numerics.ok())
    return numerics.status();
  int64_t divisorOverride = 0;
  Expected<Geometry> g = adaptive
                             ? adaptivePoolGeometry(node, graph, n)
                             : avgPoolGeometry(node, graph, n, divisorOverride);
  if (!g.ok())
    return g.status();

  bool ceilMode = false, includePad = true;
  std::vector<int64_t> padding(n, 0);
  for (Status s : {readAttr(node, "ceil_mode", ceilMode),
                   readAttr(node, "count_include_pad", includePad),
                   adaptive ? Status::success()
                            : readList(node, "padding", n, 0, padding)})
    if (!s.ok())
      return s;
  bool padded = std::any_of(padding.begin(), padding.end(),
                            [](int64_t p) { return p > 0; });
  bool qnnpack = !adaptive && n <= 2 && *numerics == Numerics::qnnpack &&
                 q->dtype == DType::u8 && !ceilMode && divisorOverride == 0 &&
                 (includePad || !padded);
  bool zeroPointAfter = qnnpack || (!adaptive && n == 3);
  std::vector<int32_t> scratch(numElements(input.shape));
  return makeKernel(
      [g = std::move(*g), q = *q, divisorOverride, zeroPointAfter,
       x = std::move(scratch)](const std::vector<const Tensor *> &in,
                               const std::vector<Tensor *> &out) mutable {
        for (size_t i = 0; i < x.size(); ++i)
          x[i] = static_cast<int32_t>(loadInt(in[0]->raw(), q.dtype, i));
        int64_t zp = q.zeroPoint[0];
        void *y = out[0]->raw();
        forEachWindow(g, [&](int64_t p, int64_t o, const Window &window) {
          int64_t sum = 0, count = 1, counted = 1;
          forEachTap(x.data() + p * g.inPlane, g.axes, window,
                     [&](int32_t v) { sum += v; });
          for (const Span &s : window) {
            count *= s.count;
            counted *= s.counted;
          }
          float acc = static_cast<float>(sum - zp * count);
          float m = 1.0f / static_cast<float>(divisorOverride ? divisorOverride
                                                              : counted);
          int64_t v;
          if (zeroPointAfter)
            v = std::clamp(roundClamp(acc * m, q.range.lo - q.range.hi,
                                      q.range.hi - q.range.lo) +
                               zp,
                           q.range.lo, q.range.hi);
          else
            v = roundClamp(acc * m + static_cast<float>(zp), q.range.lo,
                           q.range.hi);
          storeInt(y, q.dtype, p * g.outPlane + o, v);
        });
        return Status::success();
      });
}

} // namespace

void registerQPoolKernels(KernelRegistry &registry) {
  for (size_t n = 1; n <= kMaxSpatial; ++n)
    for (bool adaptive : {false, true})
      registry.add((adaptive ? "adaptive_avg_pool" : "avg_pool") +
                       std::to_string(n) + "d",
                   "reference",
                   [n, adaptive](const Node &node, const Graph &graph) {
                     return makeQAvgPool(node, graph, n, adaptive);
                   });
}

} // namespace quill::reference
