//===- QConv.cpp - static quantized conv and conv_transpose, 1-d to 3-d ---===//
//
// The float convolutions' plan and loop (Conv.h) over x - zx and w - zw as
// int32, summed exactly in int64, then requantized (Requantize.h). Weights
// are quantized per tensor or per output channel: axis 0 for conv, axis 1
// for conv_transpose (whose scales repeat in every group).
//
//===----------------------------------------------------------------------===//

#include "../Conv.h"
#include "Requantize.h"

namespace quill::reference {

namespace {

KernelFactory qconvFactory(size_t n, bool transposed) {
  return [n, transposed](const Node &node, const Graph &graph) -> KernelOr {
    if (!isStaticQuantized(node, graph))
      return std::unique_ptr<Kernel>();
    Expected<ConvPlan> plan = planConv(node, graph, n, transposed);
    if (!plan.ok())
      return plan.status();
    Expected<AccumulatorRequant> requant =
        AccumulatorRequant::make(node, graph, transposed ? 1 : 0,
                                 plan->groups * plan->outPerGroup, plan->relu);
    if (!requant.ok())
      return requant.status();
    ConvTaps taps(*plan);
    return makeKernel(
        [p = std::move(*plan), taps = std::move(taps),
         r = std::move(*requant)](const std::vector<const Tensor *> &in,
                                  const std::vector<Tensor *> &out) mutable {
          r.prepare(*in[0], *in[1], p.hasBias ? in[2]->data<float>() : nullptr);
          convolve<int64_t>(
              p, taps, r.x.data(), r.w.data(), [](int64_t) { return 0; },
              [&](int64_t acc, int64_t oc, int64_t at) {
                r.store(*out[0], at, acc, oc);
              });
          return Status::success();
        });
  };
}

} // namespace

void registerQConvKernels(KernelRegistry &registry) {
  for (size_t n = 1; n <= 3; ++n) {
    std::string dims = std::to_string(n) + "d";
    registry.add("conv" + dims, "reference", qconvFactory(n, false));
    registry.add("conv_transpose" + dims, "reference", qconvFactory(n, true));
  }
}

} // namespace quill::reference
